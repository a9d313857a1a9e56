"""The district's picture: the leadership overview, and the two report drafts compiled from the
units' accepted work (mid-term report, emulation movement report): autosaved while typed,
completed in the same step that saves the page, read by leadership."""
from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user

from ..awards.queries import counters
from ..core import clock
from ..core.errors import DomainError, NotAllowed, StaleEdit
from ..core.htmx import form_error, is_htmx, redirect_to, render, toast
from ..core.nav import register_nav
from ..core.permissions import Cap, allowed, requires, requires_any
from ..documents.service import send_document
from ..duties import deliverables
from ..plan.loader import current_plan_or_404
from . import cells, documents, labels, overview as ov, service  # noqa: F401  (labels register words)
from .district import FILTERS, SORTS, district_view, movement_view
from .figures import poverty_summary
from .forms import DraftForm
from .policy import can_read

bp = Blueprint("synthesis", __name__)

register_nav("Tổng quan", "synthesis.overview", Cap.OVERVIEW_VIEW, order=15)
# The drafting unit and leadership (who reads both) find them in the "Báo cáo" menu.
register_nav("Báo cáo sơ kết", "synthesis.mid_term", Cap.PLAN_VIEW, order=70,
             when=lambda user: can_read(user, service.MID_TERM))
register_nav("Báo cáo thi đua", "synthesis.emulation", Cap.PLAN_VIEW, order=70,
             when=lambda user: can_read(user, service.EMULATION))
deliverables.register("synthesis_report", "synthesis.mid_term", "Soạn báo cáo sơ kết")
deliverables.register("emulation_report", "synthesis.emulation", "Soạn báo cáo thi đua")


# --- the leadership overview -----------------------------------------------------------------

ORDER_NOTES = {"": "", "ty-le-cao": "; cao nhất trước", "ty-le-thap": "; thấp nhất trước"}


def _chart_title(view, what: str) -> str:
    """The chart's title says which communes it draws (the page's range above says more)."""
    if not view.paged:
        return f"Tỷ lệ {what} theo xã, thị trấn (%)"
    if not view.shown:
        return f"Tỷ lệ {what} (%): toàn huyện"
    page = view.page
    return (f"Tỷ lệ {what} (%): toàn huyện và xã, thị trấn {page.first_number}–"
            f"{page.last_number}/{view.shown}{ORDER_NOTES[view.sort]}")


def _poverty_panel(plan):
    view = district_view(plan, request.args)
    return {"view": view, "summary": poverty_summary(view),
            "poor_chart": ov.rate_chart(view, "poor_rate", _chart_title(view, "hộ nghèo")),
            "near_chart": ov.rate_chart(view, "near_poor_rate", _chart_title(view, "hộ cận nghèo")),
            "sorts": SORTS, "filters": FILTERS}


@bp.route("/tong-quan")
@requires(Cap.OVERVIEW_VIEW)
def overview():
    plan = current_plan_or_404()
    panel = _poverty_panel(plan)
    if is_htmx():   # a page link or the sort of the communes: the panel only
        return render("synthesis/overview.html", fragment="synthesis/_poverty_panel.html",
                      **panel)
    today = clock.today()
    return render_template(
        "synthesis/overview.html", plan=plan, today=today,
        progress=ov.duty_progress(plan, today), progress_bar=ov.progress_bar,
        nominations=ov.nominations(plan, by_unit=not panel["view"].paged),
        delegates=ov.delegates(plan), **panel)


# --- the report drafts -----------------------------------------------------------------------

def _texts(kind) -> dict[str, str]:
    return {s.code: request.form.get(s.code, "") for s in kind.sections}


def _page(kind, form=None, texts=None, status: int = 200, error=None):
    plan = current_plan_or_404()
    editing = allowed("synthesis.edit", kind)
    context = {"kind": kind, "plan": plan, "sorts": SORTS, "filters": FILTERS,
               "editing": editing, "tables": None, "summary": [],
               "movement": None, "nominations": None}
    if kind is service.MID_TERM:
        panel_only = is_htmx() and request.method == "GET"   # a page link or the sort
        view = district_view(plan, request.args, projects=not panel_only, narratives=editing)
        context.update(tables=view, summary=poverty_summary(view),
                       commune_tables=cells.commune_tables(view),
                       project_lines=cells.project_lines(view),
                       narrative_sections=cells.narrative_sections(view) if editing else [])
        if panel_only:
            return render("synthesis/draft.html", fragment="synthesis/_communes_panel.html",
                          oob=["synthesis/_narratives.html"] if editing else [], **context)
    else:
        context.update(movement=movement_view(plan), nominations=counters(plan, by_unit=False))
    draft = service.get_draft(plan, kind)
    if form is None:
        form = DraftForm(formdata=None)
        form.number.data = draft.number if draft else ""
        form.version.data = draft.version if draft else 0
    return render_template(
        "synthesis/draft.html", draft=draft, form=form, error=error,
        texts=texts if texts is not None else service.sections_of(draft, kind),
        assignment=service.assignment_for(plan, kind), **context), status


def _status(kind, draft, *, status: int = 200, error=None, stale=None):
    return render("synthesis/draft.html", fragment="synthesis/_draft_status.html", status=status,
                  kind=kind, draft=draft, error=error, stale=stale)


def _checked(form: DraftForm) -> None:
    """The form itself: a document number too long is said beside it; an expired or forged
    form (CSRF, version) is said above the sections, which stay as typed."""
    if form.validate_on_submit():
        return
    if form.number.errors:
        form.number.errors = []
        raise DomainError("Số văn bản tối đa 32 ký tự.", field="number")
    raise DomainError("Biểu mẫu không hợp lệ hoặc đã cũ; tải lại trang (nội dung bạn nhập "
                      "vẫn được giữ trong trình duyệt).", field="sections")


def _submit(kind, step, done):
    """Save or complete what the page holds through `step` (a service), then `done(result)`.
    A refusal goes on the form and is shown in place: the status line for htmx, the page
    otherwise; nothing typed is replaced."""
    if not allowed("synthesis.edit", kind):
        raise NotAllowed("Bạn không soạn báo cáo này.")
    plan = current_plan_or_404()
    form = DraftForm()
    try:
        _checked(form)
        result = step(plan, kind, _texts(kind), form.number.data or "", actor=current_user,
                      expected_version=form.version.data)
    except DomainError as exc:
        status = form_error(form, exc, "sections")
        if is_htmx():
            toast(exc.message, "error")
            return _status(kind, service.get_draft(plan, kind), status=status, error=exc.message,
                           stale=exc if isinstance(exc, StaleEdit) else None)
        return _page(kind, form=form, texts=_texts(kind), status=status, error=exc.message)
    return done(result)


def _save(kind):
    def saved(draft):
        if not is_htmx():
            toast("Đã lưu dự thảo.")
            return redirect(url_for(kind.endpoint))
        return _status(kind, draft)
    return _submit(kind, service.save_draft, saved)


def _complete(kind):
    def completed(_assignment):
        toast("Đã lưu và hoàn tất dự thảo, trình lãnh đạo UBND huyện xem xét.")
        return redirect_to(url_for(kind.endpoint))
    return _submit(kind, service.complete, completed)


def _download(kind):
    plan = current_plan_or_404()
    context = documents.context_for(plan, kind, clock.today())
    return send_document(lambda: documents.render(kind, context),
                         f"{kind.filename}-{clock.today():%Y%m%d}.docx")


def _register(kind, path: str) -> None:
    """The four routes of a report kind: its page and .docx (leadership reads them, the
    drafting unit writes), and the save and the completion (the drafting unit only)."""
    name = kind.endpoint.split(".", 1)[1]
    read, write = requires_any(kind.cap, Cap.DISTRICT_REPORTS_READ), requires(kind.cap)
    bp.add_url_rule(path, name, read(lambda: _page(kind)))
    bp.add_url_rule(f"{path}/luu", f"{name}_save", write(lambda: _save(kind)), methods=["POST"])
    bp.add_url_rule(f"{path}/hoan-tat", f"{name}_complete", write(lambda: _complete(kind)),
                    methods=["POST"])
    bp.add_url_rule(f"{path}/tai-ve", f"{name}_docx", read(lambda: _download(kind)))


_register(service.MID_TERM, "/tong-hop/so-ket")
_register(service.EMULATION, "/tong-hop/thi-dua")
