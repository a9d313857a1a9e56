"""One helper for full pages and HTMX fragments, toasts, and the htmx request contract.

A request from htmx (HX-Request: true and not a history restore) gets the fragment; a plain
request (no JavaScript, a reload, a pushed URL) gets the whole page from the same templates.
"""
from flask import g, make_response, render_template, request
from markupsafe import Markup, escape

from .errors import DomainError, NotAllowed, NotFound


def is_htmx() -> bool:
    return (request.headers.get("HX-Request") == "true"
            and request.headers.get("HX-History-Restore-Request") != "true")


def toast(message: str, category: str = "success") -> None:
    """A message for the user: an out-of-band toast on htmx requests, a flash otherwise."""
    from flask import flash
    if is_htmx():
        g.setdefault("toasts", []).append((category, message))
    else:
        flash(message, category)


def _oob_toasts() -> str:
    toasts = g.pop("toasts", [])
    if not toasts:
        return ""
    # An error interrupts (role="alert"); any other message waits its turn (role="status").
    items = "".join(
        f'<div class="toast toast-{escape(cat)}" role="{"alert" if cat == "error" else "status"}">'
        f'{escape(msg)}</div>'
        for cat, msg in toasts)
    return f'<div id="toasts" hx-swap-oob="beforeend">{items}</div>'


def render(template: str, fragment: str | None = None, status: int = 200,
           trigger: str | None = None, oob: list[str] | None = None, **context):
    """Render the page, or on an htmx request the `fragment` template (an include of the page).

    `oob` names more fragment templates sent out of band (counters, panels).
    """
    if fragment and is_htmx():
        body = render_template(fragment, **context)
        for name in oob or []:
            body += render_template(name, oob=True, **context)
        body += _oob_toasts()
        response = (Markup(body), status)
    else:
        response = (render_template(template, **context), status)
    resp = make_response(*response)
    if trigger:
        resp.headers["HX-Trigger"] = trigger
    return resp


def refusal(status: int, title: str, message: str):
    """The answer to a refused or failed request: the error page for a plain request; for htmx
    an out-of-band toast and no swap of the target (HX-Reswap: none), so every 4xx and 5xx the
    user causes says why (static/js/app.js toasts any error answer that comes without one)."""
    if is_htmx():
        toast(message, "error")
        resp = make_response(Markup(_oob_toasts()), status)
        resp.headers["HX-Reswap"] = "none"
        return resp
    return render_template("errors/error.html", title=title, message=message), status


def form_error(form, error: DomainError, default_field: str) -> int:
    """Put a refusal's message on the form field it is about (or `default_field`) and return
    the status to answer the re-rendered form with (422, or 409 for a stale edit).

    A refusal that is not about the input (403, 404) is not the form's business: re-raised
    for its handler."""
    if isinstance(error, (NotAllowed, NotFound)):
        raise error
    name = error.field if error.field and error.field in form._fields else default_field
    field = form[name]
    field.errors = [*field.errors, error.message]
    return error.status


def redirect_to(url: str):
    """Go to `url` after an action: a 302 for a plain request; for htmx a 204 with HX-Redirect,
    so the whole browser loads the page (never a full page swapped inside a panel)."""
    from flask import flash, redirect
    if is_htmx():
        for category, message in g.pop("toasts", []):
            flash(message, category)  # shown by the page the browser goes to
        resp = make_response("", 204)
        resp.headers["HX-Redirect"] = url
        return resp
    return redirect(url)
