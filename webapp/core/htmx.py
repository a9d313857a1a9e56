"""One helper for full pages and HTMX fragments, toasts, and the htmx request contract.

A request from htmx (HX-Request: true and not a history restore) gets the fragment; a plain
request (no JavaScript, a reload, a pushed URL) gets the whole page from the same templates.
"""
from flask import g, render_template, request
from markupsafe import Markup, escape


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
    items = "".join(
        f'<div class="toast toast-{escape(cat)}" role="status">{escape(msg)}</div>'
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
    from flask import make_response
    resp = make_response(*response)
    if trigger:
        resp.headers["HX-Trigger"] = trigger
    return resp
