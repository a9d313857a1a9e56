"""The unit's home page ("Việc của tôi", with what waits for it), an assignment's page, the
manual moves and reviews of duties no capability handles, and the coordinator's matrix."""
from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user

from ..audit.service import history
from ..core import clock
from ..core.errors import DomainError, NotFound
from ..core.htmx import form_error, is_htmx, render, toast
from ..core.inbox import register_waiting, waiting_for
from ..core.nav import feature_nav, register_nav
from ..core.nav_pages import requested_page
from ..core.permissions import Cap, requires
from ..core.roles import KIND_LABELS, UnitKind
from ..documents.service import send_document
from ..plan.loader import current_plan
from . import labels  # noqa: F401  (the words of duties in histories)
from . import deliverables, policy, service, waiting
from .matrix_cells import row_cells
from .export import matrix_workbook
from .forms import ReviewForm, StatusForm, WorkingDeadlineForm
from .models import STATUS_LABELS, Status

bp = Blueprint("duties", __name__)
register_nav("Việc của tôi", "duties.my_duties", Cap.DUTIES_VIEW_OWN, order=0,
             also=("duties.assignment_detail",))
register_nav("Tiến độ các đơn vị", "duties.matrix", Cap.MATRIX_VIEW, order=10)
register_waiting("duties.review", waiting.manual_duties_to_review)
register_waiting("duties.own_due", waiting.own_duties_due)

MATRIX_KINDS = [k for k in UnitKind
                if k not in (UnitKind.PROVINCE, UnitKind.ADMIN, UnitKind.LEADERSHIP)]


bp.add_app_template_global(row_cells, "matrix_row_cells")


@bp.app_template_filter("deadline_text")
def _deadline_text(assignment, today=None):
    return service.deadline_text(assignment, today)


@bp.app_template_test("overdue")
def _overdue(assignment, today=None):
    return service.is_overdue(assignment, today)


def _row_context(assignment, error=None):
    return {"a": assignment, "error": error, "today": clock.today(),
            "handler": deliverables.handler_for(assignment.duty.deliverable)}


@bp.route("/viec-cua-toi")
@requires(Cap.DUTIES_VIEW_OWN)
def my_duties():
    """Every unit's home page: what waits for it, its duties, the duties it helps with; for
    leadership (which owns no duty) what waits for it and the overview screens."""
    assignments, cooperating = service.unit_assignments(current_user.unit_id)
    return render_template(
        "duties/my_duties.html", assignments=assignments, cooperating=cooperating,
        waiting=waiting_for(current_user,
                            known=waiting.known_reads(current_user.unit_id, assignments)),
        plan=current_plan(), today=clock.today(),
        overview=[] if assignments else _overview_links(),
        handler_for=deliverables.handler_for)


def _overview_links() -> list[dict]:
    """The screens the user may open, from the top bar's registry (leadership's home)."""
    links = []
    for entry in feature_nav():
        for item in entry.get("items", [entry]):
            if "duties.my_duties" not in item["endpoints"]:
                links.append(item)
    return links


@bp.route("/phan-cong/<int:assignment_id>/trang-thai", methods=["POST"])
@requires(Cap.DUTIES_UPDATE_OWN)
def move(assignment_id):
    assignment = policy.get_assignment_or_404(assignment_id, current_user)
    form = StatusForm()
    status, error = 200, None
    if not form.validate_on_submit():
        status, error = 422, "Biểu mẫu không hợp lệ, vui lòng tải lại trang."
    else:
        try:
            service.move_by_hand(assignment, form.status.data, actor=current_user,
                                 expected_version=form.version.data)
        except DomainError as exc:
            status = form_error(form, exc, "status")
            error = exc.message
        else:
            toast(f"Đã chuyển “{assignment.duty.short_title}” sang “{assignment.status_label}”.")
    if error:
        toast(error, "error")
    if not is_htmx():
        return redirect(url_for("duties.my_duties"))
    return render("duties/my_duties.html", fragment="duties/_assignment_row.html", status=status,
                  trigger="duties-changed", **_row_context(assignment, error))


@bp.route("/phan-cong/<int:assignment_id>")
@requires(Cap.DUTIES_VIEW_OWN)
def assignment_detail(assignment_id):
    assignment = policy.get_assignment_or_404(assignment_id, current_user)
    return _assignment_page(assignment, ReviewForm(formdata=None))


def _assignment_page(assignment, review_form, deadline_form=None, status=200):
    deadline_form = deadline_form or WorkingDeadlineForm(formdata=None, data={
        "deadline": assignment.duty.deadline.strftime("%d/%m/%Y") if assignment.duty.deadline else ""})
    entries = sorted(history("assignment", assignment.id) + history("duty", assignment.duty_id),
                     key=lambda e: (e.at, e.id), reverse=True)
    return render_template("duties/assignment.html", a=assignment, entries=entries,
                           review_form=review_form, deadline_form=deadline_form,
                           today=clock.today()), status


@bp.route("/nhiem-vu/<int:duty_id>/han-lam-viec", methods=["POST"])
@requires(Cap.DUTY_DEADLINE_SET)
def set_deadline(duty_id):
    duty = policy.get_duty_or_404(duty_id)
    form = WorkingDeadlineForm()
    assignment = next((a for a in duty.assignments if a.id == form.assignment_id.data),
                      duty.assignments[0] if duty.assignments else None)
    if assignment is None:
        raise NotFound("Nhiệm vụ này chưa giao cho đơn vị nào.")
    status = 422
    if form.validate_on_submit():
        try:
            deadline = service.parse_deadline(form.deadline.data)
            service.set_working_deadline(duty, deadline, actor=current_user)
        except DomainError as exc:
            status = form_error(form, exc, "deadline")
        else:
            toast("Đã đặt hạn làm việc; các đơn vị thực hiện đã được thông báo." if deadline
                  else "Đã bỏ hạn làm việc.")
            return redirect(url_for("duties.assignment_detail", assignment_id=assignment.id))
    return _assignment_page(assignment, ReviewForm(formdata=None), form, status)


@bp.route("/phan-cong/<int:assignment_id>/tiep-nhan", methods=["POST"])
@requires(Cap.ASSIGNMENT_REVIEW)
def review(assignment_id):
    assignment = policy.get_assignment_or_404(assignment_id, current_user)
    form = ReviewForm()
    status = 422
    if form.validate_on_submit():
        try:
            service.review(assignment, form.decision.data == "accept", form.comment.data,
                           actor=current_user, expected_version=form.version.data)
        except DomainError as exc:
            status = form_error(form, exc, "comment")
        else:
            toast("Đã tiếp nhận." if assignment.status == Status.ACCEPTED
                  else "Đã trả lại, yêu cầu đơn vị bổ sung.")
            return redirect(url_for("duties.assignment_detail", assignment_id=assignment.id))
    return _assignment_page(assignment, form, status=status)


def _matrix_context(paged: bool = True):
    filters = service.MatrixFilters.from_args(request.args)
    today = clock.today()
    page = requested_page(request.args) if paged else None
    return {"filters": filters, "today": today, "data": service.matrix(filters, today, page)}


@bp.route("/tien-do")
@requires(Cap.MATRIX_VIEW)
def matrix():
    """The filters and the page live in the URL (pushed by htmx): the panel (filters, export
    link, table, page links) is rendered from it, so Back, a reload and the export all show
    what the URL says. The table shows 25 units a page; the counters count every page."""
    return render("duties/matrix.html", fragment="duties/_matrix_panel.html",
                  oob=["duties/_matrix_counters.html"], plan=current_plan(),
                  kind_labels=KIND_LABELS, kinds=MATRIX_KINDS, status_labels=STATUS_LABELS,
                  **_matrix_context())


@bp.route("/tien-do/xuat-excel")
@requires(Cap.MATRIX_VIEW)
def matrix_export():
    """The workbook of what the filters in the URL show: every matching unit, not one page."""
    context = _matrix_context(paged=False)
    today = context["today"]
    title = "TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ – HỘI NGHỊ SƠ KẾT GIỮA KỲ GNBV"
    plan = current_plan()
    content = matrix_workbook(context["data"], today, title,
                              service.filters_text(context["filters"]),
                              author=plan.coordinator_unit.name if plan else "")
    return send_document(content, f"tien-do-nhiem-vu-{today:%Y%m%d}.xlsx")
