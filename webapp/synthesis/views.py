"""The district's picture: the leadership overview, and the two report drafts compiled from the
units' accepted work (mid-term report, emulation movement report)."""
from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_login import current_user

from ..core import clock
from ..core.errors import DomainError, NotAllowed, StaleEdit
from ..core.htmx import is_htmx, render, toast
from ..core.nav import register_nav
from ..core.permissions import Cap, requires
from ..documents.service import DOCX_MIMETYPE, download_name, render as render_docx
from ..duties import deliverables
from ..extensions import db
from ..plan.loader import current_plan_or_404
from . import documents, overview as ov, service
from .figures import district_tables, fund, rate_text
from .forms import CompleteForm, DraftForm

bp = Blueprint("synthesis", __name__)

register_nav("Tổng quan", "synthesis.overview", Cap.OVERVIEW_VIEW, order=15)
register_nav("Báo cáo sơ kết", "synthesis.mid_term", Cap.SYNTHESIS_EDIT, order=70)
register_nav("Báo cáo thi đua", "synthesis.emulation", Cap.EMULATION_REPORT_EDIT, order=70)
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
        progress_bar=ov.progress_bar, summary=service.poverty_summary(tables))


# --- the report drafts -----------------------------------------------------------------------

def _page(kind: service.ReportKind, form=None, status: int = 200, error=None, changes=None):
    plan = current_plan_or_404()
    draft = service.get_draft(plan, kind)
    if form is None:
        form = DraftForm(formdata=None)
        form.number.data = draft.number if draft else ""
        form.version.data = draft.version if draft else 0
        texts = service.sections_of(draft, kind)
    else:
        texts = {s.code: request.form.get(s.code, "") for s in kind.sections}
    tables = district_tables(plan) if kind is service.MID_TERM else None
    nominations = ov.nominations(plan) if kind is service.EMULATION else None
    return render("synthesis/draft.html", fragment="synthesis/_draft_form.html", status=status,
                  kind=kind, plan=plan, draft=draft, form=form, texts=texts, error=error,
                  changes=changes or {}, tables=tables, nominations=nominations,
                  assignment=service.assignment_for(plan, kind),
                  complete_form=CompleteForm(formdata=None),
                  summary=service.poverty_summary(tables) if tables else [],
                  fund=fund, rate_text=rate_text)


def _draft_view(kind):
    return _page(kind)


def _save(kind):
    plan = current_plan_or_404()
    form = DraftForm()
    if not form.validate_on_submit():
        return _page(kind, form=form, status=422, error="Biểu mẫu không hợp lệ, vui lòng tải lại trang.")
    sections = {s.code: request.form.get(s.code, "") for s in kind.sections}
    try:
        service.save_draft(plan, kind, sections, form.number.data or "", actor=current_user,
                           expected_version=form.version.data)
    except NotAllowed:
        abort(403)
    except StaleEdit as exc:
        return _page(kind, form=form, status=409, error=exc.message, changes=exc.changes)
    except DomainError as exc:
        return _page(kind, form=form, status=422, error=exc.message)
    toast("Đã lưu dự thảo.")
    if not is_htmx():
        return redirect(url_for(kind.endpoint))
    return _page(kind)


def _complete(kind):
    plan = current_plan_or_404()
    form = CompleteForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        service.complete(plan, kind, actor=current_user, expected_version=form.version.data)
    except NotAllowed:
        abort(403)
    except DomainError as exc:  # StaleEdit included: the page shows why
        toast(exc.message, "error")
        db.session.rollback()
        return redirect(url_for(kind.endpoint)), 303
    toast("Đã hoàn tất dự thảo, trình UBND huyện xem xét.")
    return redirect(url_for(kind.endpoint))


def _download(kind):
    plan = current_plan_or_404()
    draft = service.get_draft(plan, kind)
    today = clock.today()
    if kind is service.MID_TERM:
        context = documents.mid_term_context(plan, draft, district_tables(plan), today)
    else:
        context = documents.emulation_context(plan, draft, ov.nominations(plan), today)
    db.session.rollback()  # never render a document inside a transaction
    data = render_docx(kind.template, context)
    name = download_name(f"{kind.filename}-{today:%Y%m%d}")
    return Response(data, mimetype=DOCX_MIMETYPE,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/tong-hop/so-ket")
@requires(Cap.SYNTHESIS_EDIT)
def mid_term():
    return _draft_view(service.MID_TERM)


@bp.route("/tong-hop/so-ket/luu", methods=["POST"])
@requires(Cap.SYNTHESIS_EDIT)
def mid_term_save():
    return _save(service.MID_TERM)


@bp.route("/tong-hop/so-ket/hoan-tat", methods=["POST"])
@requires(Cap.SYNTHESIS_EDIT)
def mid_term_complete():
    return _complete(service.MID_TERM)


@bp.route("/tong-hop/so-ket/tai-ve")
@requires(Cap.SYNTHESIS_EDIT)
def mid_term_docx():
    return _download(service.MID_TERM)


@bp.route("/tong-hop/thi-dua")
@requires(Cap.EMULATION_REPORT_EDIT)
def emulation():
    return _draft_view(service.EMULATION)


@bp.route("/tong-hop/thi-dua/luu", methods=["POST"])
@requires(Cap.EMULATION_REPORT_EDIT)
def emulation_save():
    return _save(service.EMULATION)


@bp.route("/tong-hop/thi-dua/hoan-tat", methods=["POST"])
@requires(Cap.EMULATION_REPORT_EDIT)
def emulation_complete():
    return _complete(service.EMULATION)


@bp.route("/tong-hop/thi-dua/tai-ve")
@requires(Cap.EMULATION_REPORT_EDIT)
def emulation_docx():
    return _download(service.EMULATION)
