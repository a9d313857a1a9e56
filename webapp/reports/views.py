"""Result reports and discussion papers: the unit's page (autosave, draft .docx, submit),
the coordinator's list, review, versions side by side and the district totals."""
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user

from ..audit.service import history
from ..core import clock
from ..core.errors import DomainError, NotAllowed, StaleEdit
from ..core.htmx import is_htmx, render, toast
from ..core.nav import register_nav
from ..core.permissions import Cap, has_cap, login_only, requires
from ..documents import service as documents
from ..duties import deliverables
from ..duties.service import days_left, deadline_text, is_overdue
from ..plan.loader import current_plan
from ..uploads.service import UploadRejected, check_upload, send
from . import document, service
from .figures import FUND_KINDS, show_number, show_rate
from .forms import DraftForm, ReviewForm, SubmitForm
from .models import ReportKind

bp = Blueprint("reports", __name__, url_prefix="/bao-cao")

deliverables.register("result_report", "reports.edit", "Soạn báo cáo")
deliverables.register("discussion_paper", "reports.edit", "Soạn tham luận")
register_nav("Báo cáo các đơn vị", "reports.overview", Cap.REPORT_VIEW_ALL,
             also=("reports.review_page", "reports.version", "reports.compare"), order=20)
register_nav("Số liệu toàn huyện", "reports.totals", Cap.REPORT_VIEW_ALL, order=21)


@bp.app_context_processor
def _report_helpers():
    return {"show_number": show_number, "show_rate": show_rate, "FUND_KINDS": FUND_KINDS,
            "field_id": lambda name: "f-" + name.replace(".", "-")}


def _page_context(assignment, *, raw=None, checked=None, submit_error=None, stale=None,
                  submit_form=None, for_submit=False):
    report = service.report_of(assignment)
    outline = service.outline_for(report)
    if raw is None:
        raw = dict(report.data) if report else service.initial_draft(assignment)
    if checked is None:
        checked = service.check(assignment, raw, outline, for_submit=for_submit)
    return {
        "a": assignment, "report": report, "outline": outline, "raw": raw, "checked": checked,
        "kind": service.kind_of(assignment),
        "is_commune": service.is_commune(assignment.unit),
        "projects": service.program_projects(assignment.unit),
        "draft_version": report.draft_version if report else 0,
        "can_edit": service.can_edit(current_user, assignment),
        "draft_form": DraftForm(formdata=None),
        "submit_form": submit_form or SubmitForm(formdata=None),
        "submit_error": submit_error, "stale": stale, "today": clock.today(),
        "deadline_text": deadline_text(assignment), "overdue": is_overdue(assignment),
        "state": service.state_of(assignment, report),
        "state_labels": service.STATE_LABELS,
    }


@bp.route("/phan-cong/<int:assignment_id>")
@requires(Cap.REPORT_WRITE_OWN)
def edit(assignment_id):
    assignment = service.get_assignment_or_404(assignment_id, current_user, own=True)
    return render_template("reports/edit.html", **_page_context(assignment))


@bp.route("/phan-cong/<int:assignment_id>/luu", methods=["POST"])
@requires(Cap.REPORT_WRITE_OWN)
def save(assignment_id):
    assignment = service.get_assignment_or_404(assignment_id, current_user, own=True)
    form = DraftForm()
    if not form.validate_on_submit():
        return _save_refused(assignment, "Biểu mẫu đã hết hạn; tải lại trang rồi nhập tiếp.", 422)
    try:
        result = service.save_draft(assignment, request.form.to_dict(), actor=current_user,
                                    expected_version=form.draft_version.data)
    except NotAllowed as exc:
        return _save_refused(assignment, exc.message, 403)
    except StaleEdit as exc:
        if is_htmx():
            return render("reports/edit.html", fragment="reports/_stale.html", status=409,
                          stale=exc)
        context = _page_context(assignment, raw=service._clean_form(
            assignment, service.outline_for(service.report_of(assignment)), request.form.to_dict()),
            stale=exc)
        context["draft_version"] = form.draft_version.data
        return render_template("reports/edit.html", **context), 409
    report, checked = result.report, result.checked
    if is_htmx():
        labels = service.field_labels(assignment, service.outline_for(report))
        return render("reports/edit.html", fragment="reports/_saved.html", report=report,
                      checked=checked, labels=labels, kind=service.kind_of(assignment),
                      a=assignment)
    if checked.errors:
        return render_template("reports/edit.html", **_page_context(
            assignment, raw=dict(report.data), checked=checked)), 422
    toast("Đã lưu bản nháp; số liệu hợp lệ.")
    return redirect(url_for("reports.edit", assignment_id=assignment.id))


def _save_refused(assignment, message: str, status: int):
    if is_htmx():
        # The report changed state under the open page (submitted, accepted): a conflict the
        # page shows in place (htmx swaps 409 and 422, not 403).
        return render("reports/edit.html", fragment="reports/_save_refused.html",
                      status=409 if status == 403 else status, message=message)
    toast(message, "error")
    return render_template("reports/edit.html", **_page_context(assignment)), status


@bp.route("/phan-cong/<int:assignment_id>/du-thao.docx")
@requires(Cap.REPORT_WRITE_OWN)
def draft_docx(assignment_id):
    assignment = service.get_assignment_or_404(assignment_id, current_user)
    if not service.can_download_draft(current_user, assignment):
        abort(404)
    if service.kind_of(assignment) != ReportKind.RESULT:
        abort(404)
    report = service.report_of(assignment)
    outline = service.outline_for(report)
    raw = dict(report.data) if report else service.initial_draft(assignment)
    checked = service.check(assignment, raw, outline)
    context = document.context(assignment, outline, checked,
                               service.program_projects(assignment.unit), current_plan())
    data = documents.render(document.TEMPLATE, context)
    from flask import send_file
    from io import BytesIO
    return send_file(BytesIO(data), mimetype=documents.DOCX_MIMETYPE, as_attachment=True,
                     download_name=documents.download_name(document.download_base(assignment)),
                     max_age=0)


@bp.route("/phan-cong/<int:assignment_id>/nop", methods=["POST"])
@requires(Cap.REPORT_WRITE_OWN)
def submit(assignment_id):
    assignment = service.get_assignment_or_404(assignment_id, current_user, own=True)
    form = SubmitForm()
    if not form.validate_on_submit():
        return render_template("reports/edit.html", **_page_context(
            assignment, submit_error="Biểu mẫu đã hết hạn; tải lại trang rồi nộp lại.")), 422
    try:
        if assignment.status not in service.EDITABLE:
            raise NotAllowed(service._not_editable_message(assignment))
        report = service.report_of(assignment)
        checked = service.validate_for_submit(assignment, report)
        if report is not None and not checked.ok:
            raise DomainError(f"Báo cáo còn {len(checked.errors)} ô cần sửa (xem thông báo bên "
                              "cạnh từng ô) trước khi nộp.", field="file")
        upload = check_upload(request.files.get("file"), allowed=("pdf", "docx"))
        version = service.submit(assignment, upload, actor=current_user,
                                 expected_version=form.draft_version.data)
    except NotAllowed as exc:
        return render_template("reports/edit.html", **_page_context(
            assignment, submit_error=exc.message)), 403
    except StaleEdit as exc:
        return render_template("reports/edit.html", **_page_context(
            assignment, submit_error=exc.message)), 409
    except (UploadRejected, DomainError) as exc:
        return render_template("reports/edit.html", **_page_context(
            assignment, submit_error=exc.message, for_submit=True)), 422
    toast(f"Đã nộp {assignment.duty.short_title.lower()} (lần {version.number}) cho Phòng LĐTB&XH.")
    return redirect(url_for("reports.edit", assignment_id=assignment.id))


# --- reading a version, comparing ------------------------------------------------------------

@bp.route("/phan-cong/<int:assignment_id>/lan/<int:number>")
@login_only
def version(assignment_id, number):
    assignment = service.get_assignment_or_404(assignment_id, current_user)
    report = service.report_of(assignment)
    v = service.version_or_404(report, number)
    return render_template("reports/version.html", a=assignment, report=report, v=v,
                           **_figures_context(assignment, report, v))


def _figures_context(assignment, report, v):
    return {"outline": service.outline_for(report), "figures": v.data.get("figures", {}),
            "vraw": v.data.get("raw", {}), "kind": service.kind_of(assignment),
            "is_commune": service.is_commune(assignment.unit),
            "projects": service.program_projects(assignment.unit)}


@bp.route("/phan-cong/<int:assignment_id>/lan/<int:number>/tep")
@login_only
def version_file(assignment_id, number):
    assignment = service.get_assignment_or_404(assignment_id, current_user)
    v = service.version_or_404(service.report_of(assignment), number)
    return send(v.file)


@bp.route("/phan-cong/<int:assignment_id>/so-sanh")
@login_only
def compare(assignment_id):
    assignment = service.get_assignment_or_404(assignment_id, current_user)
    report = service.report_of(assignment)
    if report is None or len(report.versions) < 2:
        abort(404)
    numbers = [v.number for v in report.versions]
    left_n = request.args.get("a", type=int) or numbers[-2]
    right_n = request.args.get("b", type=int) or numbers[-1]
    left = service.version_or_404(report, left_n)
    right = service.version_or_404(report, right_n)
    rows = service.compare(assignment, left, right)
    only_changed = request.args.get("tat-ca") != "1"
    return render_template("reports/compare.html", a=assignment, report=report, left=left,
                           right=right, rows=[r for r in rows if r.changed] if only_changed else rows,
                           changed=sum(1 for r in rows if r.changed), only_changed=only_changed,
                           numbers=numbers)


# --- the coordinator ---------------------------------------------------------------------------

@bp.route("/")
@requires(Cap.REPORT_VIEW_ALL)
def overview():
    deliverable = "discussion_paper" if request.args.get("loai") == "tham-luan" else "result_report"
    state = request.args.get("trang-thai", "")
    if state not in service.STATE_LABELS:
        state = ""
    all_rows = service.overview(current_plan(), deliverable)
    counts = {s: sum(1 for r in all_rows if r.state == s) for s in service.STATE_LABELS}
    rows = [r for r in all_rows if not state or r.state == state]
    return render("reports/overview.html", fragment="reports/_overview_table.html", rows=rows,
                  counts=counts, total=len(all_rows), state=state, deliverable=deliverable,
                  state_labels=service.STATE_LABELS, today=clock.today(), days_left=days_left,
                  is_overdue=is_overdue)


@bp.route("/phan-cong/<int:assignment_id>/xem-xet")
@requires(Cap.REPORT_VIEW_ALL)
def review_page(assignment_id, form=None, status=200):
    assignment = service.get_assignment_or_404(assignment_id, current_user)
    report = service.report_of(assignment)
    v = report.latest if report else None
    context = _figures_context(assignment, report, v) if v else {
        "outline": service.outline_for(report), "kind": service.kind_of(assignment)}
    return render_template("reports/review.html", a=assignment, report=report, v=v,
                           review_form=form or ReviewForm(formdata=None),
                           can_review=service.can_review(current_user, assignment),
                           entries=history("assignment", assignment.id),
                           state=service.state_of(assignment, report),
                           state_labels=service.STATE_LABELS, **context), status


@bp.route("/phan-cong/<int:assignment_id>/xem-xet", methods=["POST"])
@requires(Cap.REPORT_REVIEW)
def review(assignment_id):
    assignment = service.get_assignment_or_404(assignment_id, current_user)
    form = ReviewForm()
    if not form.validate_on_submit():
        form.comment.errors.append("Biểu mẫu không hợp lệ; tải lại trang rồi thử lại.")
        return review_page.__wrapped__(assignment_id, form=form, status=422)
    try:
        service.review(assignment, form.decision.data == "accept", form.comment.data,
                       actor=current_user, expected_version=form.version.data)
    except NotAllowed:
        abort(403)
    except StaleEdit as exc:
        form.comment.errors.append(exc.message)
        return review_page.__wrapped__(assignment_id, form=form, status=409)
    except DomainError as exc:
        form.comment.errors.append(exc.message)
        return review_page.__wrapped__(assignment_id, form=form, status=422)
    toast(f"Đã tiếp nhận báo cáo của {assignment.unit.short_name}." if form.decision.data == "accept"
          else f"Đã trả lại {assignment.unit.short_name}, yêu cầu bổ sung.")
    return redirect(url_for("reports.review_page", assignment_id=assignment.id))


@bp.route("/so-lieu-toan-huyen")
@requires(Cap.REPORT_VIEW_ALL)
def totals():
    data = service.accepted_figures(current_plan())
    projects = service.program_projects()
    return render_template("reports/totals.html", data=data, projects=projects,
                           outline=data.outline, can_review=has_cap(current_user, Cap.REPORT_REVIEW))
