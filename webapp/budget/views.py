"""Conference costs and reward money by funding source (plan §V); the Tờ trình with its Dự toán
and the Quyết định phê duyệt dự toán as .docx; the Dự toán as .xlsx."""
from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user

from ..core import clock
from ..core.errors import DomainError
from ..core.formatting import money
from ..core.htmx import form_error, is_htmx, render, toast
from ..core.nav import register_nav
from ..core.permissions import Cap, requires
from ..documents.service import send_document
from ..plan.loader import current_plan_or_404
from . import documents, estimate, labels, service, spreadsheet  # noqa: F401  (labels: words)
from .forms import DeleteForm, LineForm, SignerForm

bp = Blueprint("budget", __name__)

register_nav("Kinh phí", "budget.index", Cap.BUDGET_VIEW, also=("budget.edit",), order=85)


def _panel(plan, form=None, signer_form=None, status=200):
    signer = service.signer_of(plan)  # read once: the form and the version come from it
    return render("budget/index.html", fragment="budget/_panel.html", status=status,
                  plan=plan, data=estimate.summary(plan),
                  form=form or LineForm(formdata=None).set_sources(plan), signer=signer,
                  signer_form=signer_form or SignerForm(formdata=None, authority=signer.authority,
                                                        name=signer.name),
                  delete_form=DeleteForm(formdata=None))


def _done(plan, message: str):
    """After a change: the message, then the panel again (htmx) or the page (a plain post)."""
    toast(message)
    if not is_htmx():
        return redirect(url_for("budget.index"))
    return _panel(plan)


def _line_data(form) -> service.LineData:
    return service.LineData(category=form.category.data, description=form.description.data or "",
                            quantity=service.parse_quantity(form.quantity.data),
                            unit=form.unit.data or "",
                            unit_price=service.parse_money(form.unit_price.data),
                            funding_source_id=form.funding_source_id.data,
                            note=form.note.data or "")


@bp.route("/kinh-phi")
@requires(Cap.BUDGET_VIEW)
def index():
    return _panel(current_plan_or_404())


@bp.route("/kinh-phi/them", methods=["POST"])
@requires(Cap.BUDGET_EDIT)
def add():
    plan = current_plan_or_404()
    form = LineForm().set_sources(plan)
    if not form.validate_on_submit():
        return _panel(plan, form=form, status=422)
    try:
        line = service.add_line(plan, _line_data(form), actor=current_user)
    except DomainError as exc:
        return _panel(plan, form=form, status=form_error(form, exc, "unit_price"))
    return _done(plan, f"Đã thêm khoản chi “{line.label}”: {money(line.amount)} đồng.")


@bp.route("/kinh-phi/<int:line_id>/sua", methods=["GET", "POST"])
@requires(Cap.BUDGET_EDIT)
def edit(line_id):
    plan = current_plan_or_404()
    line = service.get_line_or_404(line_id, plan)
    if request.method == "GET":
        form = LineForm(formdata=None, data={
            "category": line.category, "description": line.description,
            "quantity": str(line.quantity), "unit": line.unit,
            "unit_price": money(line.unit_price), "funding_source_id": line.funding_source_id,
            "note": line.note}).set_sources(plan)
        return render_template("budget/edit.html", form=form, line=line, plan=plan,
                               version=line.version)
    form = LineForm().set_sources(plan)
    version = request.form.get("version")
    status = 422
    if form.validate_on_submit():
        try:
            service.update_line(line, _line_data(form), actor=current_user,
                                expected_version=version)
        except DomainError as exc:
            status = form_error(form, exc, "unit_price")
        else:
            toast(f"Đã lưu khoản chi “{line.label}”.")
            return redirect(url_for("budget.index"))
    return render_template("budget/edit.html", form=form, line=line, plan=plan,
                           version=version), status


@bp.route("/kinh-phi/<int:line_id>/xoa", methods=["POST"])
@requires(Cap.BUDGET_EDIT)
def delete(line_id):
    plan = current_plan_or_404()
    line = service.get_line_or_404(line_id, plan)
    form = DeleteForm()
    if not form.validate_on_submit():
        raise DomainError("Biểu mẫu không hợp lệ, vui lòng tải lại trang.")
    label = line.label
    service.delete_line(line, actor=current_user, expected_version=request.form.get("version"))
    return _done(plan, f"Đã xóa khoản chi “{label}”.")


@bp.route("/kinh-phi/nguoi-ky", methods=["POST"])
@requires(Cap.BUDGET_EDIT)
def signer():
    plan = current_plan_or_404()
    form = SignerForm()
    if not form.validate_on_submit():
        return _panel(plan, signer_form=form, status=422)
    try:
        service.save_signer(plan, form.authority.data, form.name.data, actor=current_user,
                            expected_version=request.form.get("version"))
    except DomainError as exc:
        return _panel(plan, signer_form=form, status=form_error(form, exc, "name"))
    return _done(plan, "Đã lưu người ký tờ trình.")


@bp.route("/kinh-phi/xuat-excel")
@requires(Cap.BUDGET_VIEW)
def export_xlsx():
    plan = current_plan_or_404()
    today = clock.today()
    content = spreadsheet.budget_workbook(plan, estimate.summary(plan), today)
    return send_document(content, f"Dự toán kinh phí {today:%Y%m%d}.xlsx")


def _paper(context_of, render_paper, name: str):
    """A budget paper as .docx, rendered after the request's transaction has ended."""
    plan, today = current_plan_or_404(), clock.today()
    context = context_of(plan, estimate.summary(plan), today)
    return send_document(lambda: render_paper(context), f"{name} {today:%Y%m%d}.docx")


@bp.route("/kinh-phi/tai-ve")
@requires(Cap.BUDGET_VIEW)
def export_docx():
    return _paper(documents.budget_context, documents.render_proposal,
                  "Tờ trình dự toán kinh phí")


@bp.route("/kinh-phi/quyet-dinh.docx")
@requires(Cap.BUDGET_VIEW)
def decision_docx():
    return _paper(documents.decision_context, documents.render_decision,
                  "Quyết định phê duyệt dự toán")
