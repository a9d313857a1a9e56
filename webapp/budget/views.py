"""Conference costs and reward money by funding source (plan §V)."""
from flask import Blueprint, Response, redirect, render_template, request, url_for
from flask_login import current_user

from ..core import clock
from ..core.errors import DomainError, StaleEdit
from ..core.formatting import money
from ..core.htmx import is_htmx, render, toast
from ..core.nav import register_nav
from ..core.permissions import Cap, has_cap, requires
from ..documents.service import DOCX_MIMETYPE, download_name
from ..extensions import db
from ..plan.loader import current_plan_or_404
from . import documents, service
from .forms import DeleteForm, LineForm

bp = Blueprint("budget", __name__)

register_nav("Kinh phí", "budget.index", Cap.BUDGET_VIEW, also=("budget.edit",), order=85)

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"




def _panel(plan, form=None, status=200, error=None):
    form = form or LineForm(formdata=None).set_sources(plan)
    return render("budget/index.html", fragment="budget/_panel.html", status=status,
                  plan=plan, data=service.summary(plan), form=form, error=error,
                  delete_form=DeleteForm(formdata=None),
                  can_edit=has_cap(current_user, Cap.BUDGET_EDIT))


def _line_data(form) -> service.LineData:
    return service.LineData(category=form.category.data, description=form.description.data or "",
                            amount=service.parse_money(form.amount.data),
                            funding_source_id=form.funding_source_id.data,
                            note=form.note.data or "")


def _attach(form, exc: DomainError) -> None:
    field = getattr(form, exc.field, None) if exc.field else None
    (field.errors if field is not None else form.amount.errors).append(exc.message)


@bp.route("/kinh-phi")
@requires(Cap.BUDGET_VIEW)
def index():
    return _panel(current_plan_or_404())


@bp.route("/kinh-phi/them", methods=["POST"])
@requires(Cap.BUDGET_EDIT)
def add():
    plan = current_plan_or_404()
    form = LineForm().set_sources(plan)
    if form.validate_on_submit():
        try:
            line = service.add_line(plan, _line_data(form), actor=current_user)
        except DomainError as exc:
            _attach(form, exc)
        else:
            toast(f"Đã thêm khoản chi “{line.label}”.")
            if not is_htmx():
                return redirect(url_for("budget.index"))
            return _panel(plan)
    return _panel(plan, form=form, status=422)


@bp.route("/kinh-phi/<int:line_id>/sua", methods=["GET", "POST"])
@requires(Cap.BUDGET_EDIT)
def edit(line_id):
    plan = current_plan_or_404()
    line = service.get_line_or_404(line_id, plan)
    if request.method == "GET":
        form = LineForm(formdata=None, obj=line).set_sources(plan)
        form.amount.data = money(line.amount)
        form.version.data = line.version
        return render_template("budget/edit.html", form=form, line=line, plan=plan)
    form = LineForm().set_sources(plan)
    status = 422
    if form.validate_on_submit():
        try:
            service.update_line(line, _line_data(form), actor=current_user,
                                expected_version=form.version.data)
        except StaleEdit as exc:
            form.amount.errors.append(exc.message)
            status = 409
        except DomainError as exc:
            _attach(form, exc)
        else:
            toast(f"Đã lưu khoản chi “{line.label}”.")
            return redirect(url_for("budget.index"))
    return render_template("budget/edit.html", form=form, line=line, plan=plan), status


@bp.route("/kinh-phi/<int:line_id>/xoa", methods=["POST"])
@requires(Cap.BUDGET_EDIT)
def delete(line_id):
    plan = current_plan_or_404()
    line = service.get_line_or_404(line_id, plan)
    form = DeleteForm()
    error, status = None, 200
    if not form.validate_on_submit():
        error, status = "Biểu mẫu không hợp lệ, vui lòng tải lại trang.", 422
    else:
        label = line.label
        try:
            service.delete_line(line, actor=current_user, expected_version=form.version.data)
        except StaleEdit as exc:
            error, status = exc.message, 409
        else:
            toast(f"Đã xóa khoản chi “{label}”.")
    if not is_htmx():
        if error:
            toast(error, "error")
        return redirect(url_for("budget.index"))
    return _panel(plan, status=status, error=error)


@bp.route("/kinh-phi/xuat-excel")
@requires(Cap.BUDGET_VIEW)
def export_xlsx():
    plan = current_plan_or_404()
    data = service.summary(plan)
    today = clock.today()
    content = documents.budget_workbook(plan, data, today)
    return Response(content, mimetype=XLSX_MIMETYPE, headers={
        "Content-Disposition": f'attachment; filename="{download_name(f"kinh-phi-{today:%Y%m%d}", "xlsx")}"'})


@bp.route("/kinh-phi/tai-ve")
@requires(Cap.BUDGET_VIEW)
def export_docx():
    plan = current_plan_or_404()
    context = documents.budget_context(plan, service.summary(plan), clock.today())
    db.session.rollback()  # never render a document inside a transaction
    data = documents.render_budget(context)
    return Response(data, mimetype=DOCX_MIMETYPE, headers={
        "Content-Disposition": f'attachment; filename="{download_name(f"du-toan-kinh-phi-{clock.today():%Y%m%d}")}"'})
