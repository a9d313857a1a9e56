"""Result reports and discussion papers: the unit's page (autosave, check in place, draft .docx,
submit), the coordinator's list, review, versions side by side and the district totals."""
from flask import Blueprint, abort, flash, g, make_response, redirect, render_template, request, url_for
from flask_login import current_user

from ..audit.service import history
from ..core import clock
from ..core.errors import DomainError
from ..core.htmx import form_error, is_htmx, render, toast
from ..core.inbox import register_waiting
from ..core.nav import register_nav
from ..core.nav_pages import requested_page
from ..core.permissions import Cap, login_only, requires
from ..documents import service as documents
from ..duties import deliverables
from ..duties.service import deadline_text, is_overdue
from ..notifications.service import unit_in_sentence
from ..plan.loader import current_plan
from ..uploads.service import check_upload, send
from . import document, labels, queries, service, waiting  # noqa: F401  (labels register words)
from .figures import FUND_KINDS, show_number, show_rate
from .forms import DraftForm, ReviewForm, SubmitForm
from .models import ReportKind
from .policy import can_download_draft, can_edit, can_review, get_assignment_or_404

bp = Blueprint("reports", __name__, url_prefix="/bao-cao")

deliverables.register("result_report", "reports.edit", "Soạn báo cáo")
deliverables.register("discussion_paper", "reports.edit", "Soạn tham luận")
register_nav("Báo cáo các đơn vị", "reports.overview", Cap.REPORT_VIEW_ALL,
             also=("reports.review_page", "reports.version", "reports.compare"), order=20)
register_nav("Số liệu toàn huyện", "reports.totals", Cap.REPORT_VIEW_ALL, order=21)
register_waiting("reports.review", waiting.to_review)
register_waiting("reports.own", waiting.own_reports)


@bp.app_context_processor
def _report_helpers():
    return {"show_number": show_number, "show_rate": show_rate, "FUND_KINDS": FUND_KINDS,
            "field_id": lambda name: "f-" + name.replace(".", "-")}


def _page_context(assignment, *, raw=None, checked=None, stale=None, submit_form=None,
                  for_submit=False, checking=False):
    report = queries.report_of(assignment)
    outline = service.outline_for(report)
    if raw is None:
        raw = dict(report.data) if report else service.initial_draft(assignment)
    if checked is None:
        checked = service.check(assignment, raw, outline, for_submit=for_submit)
    return {
        "a": assignment, "report": report, "outline": outline, "raw": raw, "checked": checked,
        "kind": service.kind_of(assignment),
        "is_commune": service.is_commune(assignment.unit),
        "projects": queries.program_projects(assignment.unit),
        "labels": service.field_labels(assignment, outline),
        "draft_version": report.draft_version if report else 0,
        "can_edit": can_edit(current_user, assignment),
        "draft_form": DraftForm(formdata=None),
        "submit_form": submit_form or SubmitForm(formdata=None),
        "stale": stale, "checking": checking, "today": clock.today(),
        "deadline_text": deadline_text(assignment), "overdue": is_overdue(assignment),
        "state": queries.state_of(assignment, report),
        "state_labels": queries.STATE_LABELS,
    }


@bp.route("/phan-cong/<int:assignment_id>")
@requires(Cap.REPORT_WRITE_OWN)
def edit(assignment_id):
    assignment = get_assignment_or_404(assignment_id, current_user, own=True)
    checking = request.args.get("kiem_tra") == "1"   # after "Lưu và kiểm tra" without htmx
    return render_template("reports/edit.html", **_page_context(
        assignment, for_submit=checking, checking=checking))


@bp.route("/phan-cong/<int:assignment_id>/luu", methods=["POST"])
@requires(Cap.REPORT_WRITE_OWN)
def save(assignment_id):
    """Autosave and "Lưu và kiểm tra": htmx gets the save status, the messages beside each field
    and (when asked to check) the summary at the top; a plain post is redirected to the page."""
    assignment = get_assignment_or_404(assignment_id, current_user, own=True)
    form = DraftForm()
    if not form.validate_on_submit():
        raise DomainError("Biểu mẫu không hợp lệ hoặc đã cũ; tải lại trang rồi nhập tiếp.")
    try:
        result = service.save_draft(assignment, request.form.to_dict(), actor=current_user,
                                    expected_version=form.draft_version.data)
    except DomainError as exc:   # refused in place: what was typed stays, never overwritten
        return _draft_refused(assignment, form, exc, form_error(form, exc, "draft_version"))
    report = result.report
    checking = request.form.get("check") == "1"
    checked = (service.check(assignment, dict(report.data), service.outline_for(report),
                             for_submit=True) if checking else result.checked)
    if not is_htmx():
        toast("Đã lưu bản nháp." + (f" Còn {len(checked.errors)} ô cần xem lại."
                                    if checked.errors else " Số liệu hợp lệ."),
              "error" if checked.errors else "success")
        return redirect(url_for("reports.edit", assignment_id=assignment.id, kiem_tra=1
                                if checking else None))
    if checking:
        toast(f"Đã lưu. Còn {len(checked.errors)} ô cần xem lại (danh sách ở đầu trang)."
              if checked.errors else "Đã lưu; số liệu hợp lệ, có thể nộp.",
              "error" if checked.errors else "success")
    return render("reports/edit.html", fragment="reports/_saved.html", report=report,
                  checked=checked, labels=service.field_labels(assignment,
                                                               service.outline_for(report)),
                  kind=service.kind_of(assignment), a=assignment, checking=checking)


def _draft_refused(assignment, form, exc: DomainError, status: int):
    """A save refused (409: saved meanwhile by someone else, with what changed): htmx gets the
    save status in place, the typed fields untouched; a plain post gets the page again with
    what was typed."""
    if is_htmx():
        return render("reports/edit.html", fragment="reports/_stale.html", status=status,
                      stale=exc)
    outline = service.outline_for(queries.report_of(assignment))
    context = _page_context(assignment, stale=exc, raw=service.clean_form(
        assignment, outline, request.form.to_dict()))
    context["draft_version"] = form.draft_version.data
    return render_template("reports/edit.html", **context), status


@bp.route("/phan-cong/<int:assignment_id>/du-thao.docx")
@requires(Cap.REPORT_WRITE_OWN)
def draft_docx(assignment_id):
    assignment = get_assignment_or_404(assignment_id, current_user)
    if not can_download_draft(current_user, assignment):
        abort(404)
    if service.kind_of(assignment) != ReportKind.RESULT:
        abort(404)
    report = queries.report_of(assignment)
    outline = service.outline_for(report)
    raw = dict(report.data) if report else service.initial_draft(assignment)
    context = document.context(assignment, outline, service.check(assignment, raw, outline),
                               queries.program_projects(assignment.unit), current_plan())
    return documents.send_document(lambda: document.render(context),
                                   document.download_base(assignment) + ".docx")


@bp.route("/phan-cong/<int:assignment_id>/nop", methods=["POST"])
@requires(Cap.REPORT_WRITE_OWN)
def submit(assignment_id):
    """The signed file, with (from the page) the draft as typed: it is saved first, and stays
    saved when the submission itself is refused. Errors answer next to the file field."""
    assignment = get_assignment_or_404(assignment_id, current_user, own=True)
    form = SubmitForm()
    expected = form.draft_version.data
    try:
        if not form.validate_on_submit():
            raise DomainError("Biểu mẫu đã hết hạn; tải lại trang rồi nộp lại.", field="file")
        upload = check_upload(request.files.get("file"), allowed=("pdf", "docx"))
        if service.has_draft_fields(assignment, request.form):
            saved = service.save_draft(assignment, request.form.to_dict(), actor=current_user,
                                       expected_version=expected)
            expected = saved.report.draft_version
            g.commit_despite_error = True   # what was typed is kept even if refused below
        version = service.submit(assignment, upload, actor=current_user,
                                 expected_version=expected)
    except DomainError as exc:
        status = form_error(form, exc, "file")
        if is_htmx():
            toast(exc.message, "error")
            return render("reports/edit.html", fragment="reports/_submit_box.html",
                          status=status, a=assignment, submit_form=form, kind=service.kind_of(
                              assignment), report=queries.report_of(assignment),
                          draft_version=expected)
        return render_template("reports/edit.html", **_page_context(
            assignment, submit_form=form, for_submit=True, checking=True)), status
    flash(f"Đã nộp {assignment.duty.short_title.lower()} (lần {version.number}) cho Phòng "
          "LĐTB&XH.", "success")
    target = url_for("reports.edit", assignment_id=assignment.id)
    if is_htmx():
        response = make_response("", 200)
        response.headers["HX-Redirect"] = target
        return response
    return redirect(target)


# --- reading a version, comparing ------------------------------------------------------------

def _figures_context(assignment, report, v):
    return {"outline": service.outline_for(report), "figures": v.data.get("figures", {}),
            "vraw": v.data.get("raw", {}), "kind": service.kind_of(assignment),
            "is_commune": service.is_commune(assignment.unit),
            "projects": queries.program_projects(assignment.unit)}


@bp.route("/phan-cong/<int:assignment_id>/lan/<int:number>")
@login_only
def version(assignment_id, number):
    assignment = get_assignment_or_404(assignment_id, current_user)
    report = queries.report_of(assignment)
    v = service.version_or_404(report, number)
    return render_template("reports/version.html", a=assignment, report=report, v=v,
                           **_figures_context(assignment, report, v))


@bp.route("/phan-cong/<int:assignment_id>/lan/<int:number>/tep")
@login_only
def version_file(assignment_id, number):
    assignment = get_assignment_or_404(assignment_id, current_user)
    v = service.version_or_404(queries.report_of(assignment), number)
    return send(v.file)


@bp.route("/phan-cong/<int:assignment_id>/so-sanh")
@login_only
def compare(assignment_id):
    assignment = get_assignment_or_404(assignment_id, current_user)
    report = queries.report_of(assignment)
    if report is None or len(report.versions) < 2:
        abort(404)
    numbers = [v.number for v in report.versions]
    left = service.version_or_404(report, request.args.get("a", type=int) or numbers[-2])
    right = service.version_or_404(report, request.args.get("b", type=int) or numbers[-1])
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
    """Every unit's report, 50 a page: the kind, the state and the page are in the URL (the
    filter and the page links keep each other); counts come from the database."""
    deliverable = "discussion_paper" if request.args.get("loai") == "tham-luan" else "result_report"
    state = request.args.get("trang-thai", "")
    if state not in queries.STATE_LABELS and state != queries.WAITING:
        state = ""
    data = queries.overview_page(current_plan(), deliverable, state, requested_page(request.args))
    args = {k: v for k, v in {"loai": "tham-luan" if deliverable == "discussion_paper" else "",
                              "trang-thai": state}.items() if v}
    return render("reports/overview.html", fragment="reports/_overview_table.html",
                  data=data, rows=data.lines, reviewable=_reviewable(data.lines), counts=data.counts, total=data.total, state=state,
                  deliverable=deliverable, args=args, state_labels=queries.STATE_LABELS,
                  waiting=queries.WAITING, today=clock.today(), is_overdue=is_overdue)


def _reviewable(lines) -> set[int]:
    """The assignments of the page the user may review (the policy, asked once per row)."""
    user = current_user._get_current_object()
    return {line.assignment.id for line in lines if can_review(user, line.assignment)}


@bp.route("/phan-cong/<int:assignment_id>/xem-xet")
@requires(Cap.REPORT_VIEW_ALL)
def review_page(assignment_id):
    assignment = get_assignment_or_404(assignment_id, current_user)
    return _review_page(assignment, ReviewForm(formdata=None))


def _review_page(assignment, form, status=200):
    report = queries.report_of(assignment)
    v = report.latest if report else None
    context = _figures_context(assignment, report, v) if v else {
        "outline": service.outline_for(report), "kind": service.kind_of(assignment)}
    return render_template("reports/review.html", a=assignment, report=report, v=v,
                           review_form=form, entries=history("assignment", assignment.id),
                           state=queries.state_of(assignment, report),
                           state_labels=queries.STATE_LABELS, **context), status


@bp.route("/phan-cong/<int:assignment_id>/xem-xet", methods=["POST"])
@requires(Cap.REPORT_REVIEW)
def review(assignment_id):
    assignment = get_assignment_or_404(assignment_id, current_user)
    form = ReviewForm()
    try:
        if not form.validate_on_submit():
            raise DomainError("Biểu mẫu không hợp lệ; tải lại trang rồi thử lại.", field="comment")
        accept = form.decision.data == "accept"
        service.review(assignment, accept, form.comment.data, actor=current_user,
                       expected_version=form.version.data)
    except DomainError as exc:
        return _review_page(assignment, form, form_error(form, exc, "comment"))
    unit = unit_in_sentence(assignment.unit)   # "xã Bình Chánh", not "Bình Chánh"
    toast(f"Đã tiếp nhận báo cáo của {unit}." if accept
          else f"Đã trả lại {unit}, yêu cầu bổ sung.")
    return redirect(url_for("reports.review_page", assignment_id=assignment.id))


@bp.route("/so-lieu-toan-huyen")
@requires(Cap.REPORT_VIEW_ALL)
def totals():
    data = queries.accepted_figures(current_plan(), narratives=False)
    return render_template("reports/totals.html", data=data, projects=queries.program_projects(),
                           outline=data.outline)
