"""The district's picture: the leadership overview, and the two report drafts compiled from the
units' accepted work (mid-term report, emulation movement report): autosaved while typed,
completed in the same step that saves the page, read by leadership."""
from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user

from ..core import clock
from ..core.errors import DomainError, NotAllowed, NotFound, StaleEdit
from ..core.htmx import is_htmx, render, toast
from ..core.nav import register_nav
from ..core.permissions import Cap, allowed, requires, requires_any
from ..documents.service import send_document
from ..duties import deliverables
from ..plan.loader import current_plan_or_404
from . import documents, labels, overview as ov, service  # noqa: F401  (labels register words)
from .figures import district_tables, fund, poverty_summary, rate_text
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

@bp.route("/tong-quan")
@requires(Cap.OVERVIEW_VIEW)
def overview():
    plan = current_plan_or_404()
    today = clock.today()
    tables = district_tables(plan)
    return render_template(
        "synthesis/overview.html", plan=plan, today=today,
        progress=ov.duty_progress(plan, today), tables=tables,
        poor_chart=ov.rate_chart(tables, "poor_rate", "Tỷ lệ hộ nghèo theo xã, thị trấn (%)"),
        near_chart=ov.rate_chart(tables, "near_poor_rate", "Tỷ lệ hộ cận nghèo theo xã, thị trấn (%)"),
        nominations=ov.nominations(plan), delegates=ov.delegates(plan),
        progress_bar=ov.progress_bar, summary=poverty_summary(tables))


# --- the report drafts -----------------------------------------------------------------------

def _texts(kind) -> dict[str, str]:
    return {s.code: request.form.get(s.code, "") for s in kind.sections}


def _page(kind, form=None, texts=None, status: int = 200, error=None):
    plan = current_plan_or_404()
    draft = service.get_draft(plan, kind)
    if form is None:
        form = DraftForm(formdata=None)
        form.number.data = draft.number if draft else ""
        form.version.data = draft.version if draft else 0
    tables = district_tables(plan) if kind is service.MID_TERM else None
    return render_template(
        "synthesis/draft.html", kind=kind, plan=plan, draft=draft, form=form,
        texts=texts if texts is not None else service.sections_of(draft, kind), error=error,
        tables=tables, movement=district_tables(plan) if kind is service.EMULATION else None,
        nominations=ov.nominations(plan) if kind is service.EMULATION else None,
        assignment=service.assignment_for(plan, kind),
        summary=poverty_summary(tables) if tables else [], fund=fund,
        rate_text=rate_text), status


def _status(kind, draft, *, status: int = 200, error=None, stale=None):
    return render("synthesis/draft.html", fragment="synthesis/_draft_status.html", status=status,
                  kind=kind, draft=draft, error=error, stale=stale)


def _form(kind) -> DraftForm:
    if not allowed("synthesis.edit", kind):
        raise NotAllowed("Bạn không soạn báo cáo này.")
    form = DraftForm()
    if not form.validate_on_submit():
        raise DomainError("Biểu mẫu không hợp lệ hoặc đã cũ; tải lại trang (nội dung bạn nhập "
                          "vẫn được giữ trong trình duyệt).")
    return form


def _refused(kind, form, exc: DomainError):
    """A save or a completion refused: in place, nothing typed is replaced."""
    plan = current_plan_or_404()
    if is_htmx():
        toast(exc.message, "error")
        return _status(kind, service.get_draft(plan, kind), status=exc.status,
                       error=exc.message, stale=exc if isinstance(exc, StaleEdit) else None)
    return _page(kind, form=form, texts=_texts(kind), status=exc.status, error=exc.message)


def _save(kind):
    plan = current_plan_or_404()
    form = _form(kind)
    try:
        draft = service.save_draft(plan, kind, _texts(kind), form.number.data or "",
                                   actor=current_user, expected_version=form.version.data)
    except DomainError as exc:
        if isinstance(exc, (NotAllowed, NotFound)):
            raise
        return _refused(kind, form, exc)
    if not is_htmx():
        toast("Đã lưu dự thảo.")
        return redirect(url_for(kind.endpoint))
    return _status(kind, draft)


def _complete(kind):
    plan = current_plan_or_404()
    form = _form(kind)
    try:
        service.complete(plan, kind, _texts(kind), form.number.data or "", actor=current_user,
                         expected_version=form.version.data)
    except DomainError as exc:
        if isinstance(exc, (NotAllowed, NotFound)):
            raise
        return _refused(kind, form, exc)
    flash("Đã lưu và hoàn tất dự thảo, trình lãnh đạo UBND huyện xem xét.", "success")
    if is_htmx():
        response = make_response("", 200)
        response.headers["HX-Redirect"] = url_for(kind.endpoint)
        return response
    return redirect(url_for(kind.endpoint))


def _download(kind):
    plan = current_plan_or_404()
    context = documents.context_for(plan, kind, clock.today())
    return send_document(lambda: documents.render(kind, context),
                         f"{kind.filename}-{clock.today():%Y%m%d}.docx")


def _read_rule(kind):
    """Leadership reads; the drafting unit writes: both open the page and the .docx."""
    return requires_any(kind.cap, Cap.DISTRICT_REPORTS_READ)


@bp.route("/tong-hop/so-ket")
@_read_rule(service.MID_TERM)
def mid_term():
    return _page(service.MID_TERM)


@bp.route("/tong-hop/so-ket/luu", methods=["POST"])
@requires(Cap.SYNTHESIS_EDIT)
def mid_term_save():
    return _save(service.MID_TERM)


@bp.route("/tong-hop/so-ket/hoan-tat", methods=["POST"])
@requires(Cap.SYNTHESIS_EDIT)
def mid_term_complete():
    return _complete(service.MID_TERM)


@bp.route("/tong-hop/so-ket/tai-ve")
@_read_rule(service.MID_TERM)
def mid_term_docx():
    return _download(service.MID_TERM)


@bp.route("/tong-hop/thi-dua")
@_read_rule(service.EMULATION)
def emulation():
    return _page(service.EMULATION)


@bp.route("/tong-hop/thi-dua/luu", methods=["POST"])
@requires(Cap.EMULATION_REPORT_EDIT)
def emulation_save():
    return _save(service.EMULATION)


@bp.route("/tong-hop/thi-dua/hoan-tat", methods=["POST"])
@requires(Cap.EMULATION_REPORT_EDIT)
def emulation_complete():
    return _complete(service.EMULATION)


@bp.route("/tong-hop/thi-dua/tai-ve")
@_read_rule(service.EMULATION)
def emulation_docx():
    return _download(service.EMULATION)
