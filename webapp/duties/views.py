from datetime import datetime

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_login import current_user

from ..audit.service import history
from ..core import clock
from ..core.errors import DomainError, NotAllowed, StaleEdit
from ..core.htmx import is_htmx, render, toast
from ..core.nav import register_nav
from ..core.permissions import Cap, requires
from ..core.roles import KIND_LABELS, Role, UnitKind
from ..extensions import db
from ..plan.loader import current_plan
from . import deliverables, service
from .export import matrix_workbook
from .forms import ReviewForm, StatusForm, WorkingDeadlineForm
from .models import STATUS_LABELS, Duty, Status

bp = Blueprint("duties", __name__)
register_nav("Việc của tôi", "duties.my_duties", Cap.DUTIES_VIEW_OWN, order=0,
             also=("duties.assignment_detail",),
             when=lambda user: user.role != Role.LEADERSHIP)
register_nav("Tiến độ các đơn vị", "duties.matrix", Cap.MATRIX_VIEW, order=10)


def _row_context(assignment):
    return {"a": assignment, "status_form": StatusForm(formdata=None),
            "moves": service.UNIT_MOVES[Status(assignment.status)],
            "handler": deliverables.handler_for(assignment.duty.deliverable)}


@bp.app_context_processor
def _duty_helpers():
    return {"duty_service": service, "STATUS_LABELS": STATUS_LABELS,
            "handler_for": deliverables.handler_for}


@bp.route("/viec-cua-toi")
@requires(Cap.DUTIES_VIEW_OWN)
def my_duties():
    if current_user.role == Role.LEADERSHIP:
        return redirect(url_for("duties.matrix"))
    assignments = service.my_assignments(current_user.unit_id)
    cooperating = service.cooperating_assignments(current_user.unit_id)
    return render_template("duties/my_duties.html", assignments=assignments,
                           cooperating=cooperating, plan=current_plan(),
                           status_form=StatusForm(formdata=None), today=clock.today())


@bp.route("/phan-cong/<int:assignment_id>/trang-thai", methods=["POST"])
@requires(Cap.DUTIES_UPDATE_OWN)
def move(assignment_id):
    assignment = service.get_assignment_or_404(assignment_id, current_user)
    form = StatusForm()
    status = 200
    error = None
    if not form.validate_on_submit():
        error, status = "Biểu mẫu không hợp lệ, vui lòng tải lại trang.", 422
    else:
        try:
            service.move_by_hand(assignment, form.status.data, actor=current_user,
                                 expected_version=form.version.data)
        except NotAllowed:
            abort(403)
        except StaleEdit as exc:
            error, status = exc.message, 409
        except DomainError as exc:
            error, status = exc.message, 422
        else:
            toast(f"Đã chuyển “{assignment.duty.short_title}” sang “{assignment.status_label}”.")
    if not is_htmx():
        if error:
            toast(error, "error")
        return redirect(url_for("duties.my_duties"))
    return render("duties/my_duties.html", fragment="duties/_assignment_row.html", status=status,
                  trigger="duties-changed", error=error, today=clock.today(),
                  **_row_context(assignment))


@bp.route("/phan-cong/<int:assignment_id>")
@requires(Cap.DUTIES_VIEW_OWN)
def assignment_detail(assignment_id):
    assignment = service.get_assignment_or_404(assignment_id, current_user)
    return _assignment_page(assignment, ReviewForm(formdata=None))


def _assignment_page(assignment, review_form, deadline_form=None, status=200):
    deadline_form = deadline_form or WorkingDeadlineForm(formdata=None, data={
        "deadline": assignment.duty.deadline.strftime("%d/%m/%Y") if assignment.duty.deadline else ""})
    entries = sorted(history("assignment", assignment.id) + history("duty", assignment.duty_id),
                     key=lambda e: (e.at, e.id), reverse=True)
    return render_template("duties/assignment.html", a=assignment, entries=entries,
                           review_form=review_form, deadline_form=deadline_form,
                           today=clock.today(),
                           can_review=service.can_review(current_user, assignment)), status


@bp.route("/nhiem-vu/<int:duty_id>/han-lam-viec", methods=["POST"])
@requires(Cap.ASSIGNMENT_REVIEW)
def set_deadline(duty_id):
    duty = db.session.get(Duty, duty_id) or abort(404)
    form = WorkingDeadlineForm()
    assignment = next((a for a in duty.assignments if a.id == form.assignment_id.data),
                      duty.assignments[0] if duty.assignments else None)
    if assignment is None:
        abort(404)
    if form.validate_on_submit():
        text = (form.deadline.data or "").strip()
        try:
            deadline = datetime.strptime(text, "%d/%m/%Y").date() if text else None
        except ValueError:
            form.deadline.errors.append("Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 28/11/2023.")
        else:
            try:
                service.set_working_deadline(duty, deadline, actor=current_user)
            except NotAllowed:
                abort(403)
            except DomainError as exc:
                form.deadline.errors.append(exc.message)
            else:
                toast("Đã đặt hạn làm việc; các đơn vị thực hiện đã được thông báo." if deadline
                      else "Đã bỏ hạn làm việc.")
                return redirect(url_for("duties.assignment_detail", assignment_id=assignment.id))
    return _assignment_page(assignment, ReviewForm(formdata=None), form, 422)


@bp.route("/phan-cong/<int:assignment_id>/tiep-nhan", methods=["POST"])
@requires(Cap.ASSIGNMENT_REVIEW)
def review(assignment_id):
    assignment = service.get_assignment_or_404(assignment_id, current_user)
    form = ReviewForm()
    if form.validate_on_submit():
        try:
            service.review(assignment, form.decision.data == "accept", form.comment.data,
                           actor=current_user, expected_version=form.version.data)
        except NotAllowed:
            abort(403)
        except StaleEdit as exc:
            form.comment.errors.append(exc.message)
            status = 409
        except DomainError as exc:
            form.comment.errors.append(exc.message)
            status = 422
        else:
            toast("Đã tiếp nhận." if assignment.status == Status.ACCEPTED
                  else "Đã trả lại, yêu cầu đơn vị bổ sung.")
            return redirect(url_for("duties.assignment_detail", assignment_id=assignment.id))
    else:
        status = 422
    return _assignment_page(assignment, form, status=status)


@bp.route("/tien-do")
@requires(Cap.MATRIX_VIEW)
def matrix():
    filters = service.MatrixFilters.from_args(request.args)
    today = clock.today()
    data = service.matrix(filters, today)
    return render("duties/matrix.html", fragment="duties/_matrix_table.html",
                  oob=["duties/_matrix_counters.html"], data=data, filters=filters,
                  today=today, plan=current_plan(), kind_labels=KIND_LABELS,
                  kinds=[k for k in UnitKind if k not in (UnitKind.PROVINCE, UnitKind.ADMIN,
                                                           UnitKind.LEADERSHIP)])


@bp.route("/tien-do/xuat-excel")
@requires(Cap.MATRIX_VIEW)
def matrix_export():
    filters = service.MatrixFilters.from_args(request.args)
    today = clock.today()
    data = service.matrix(filters, today)
    content = matrix_workbook(data, today, "TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ – HỘI NGHỊ SƠ KẾT GIỮA KỲ GNBV")
    filename = f"tien-do-nhiem-vu-{today:%Y%m%d}.xlsx"
    return Response(content, mimetype=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        headers={"Content-Disposition": f'attachment; filename="{filename}"'})
