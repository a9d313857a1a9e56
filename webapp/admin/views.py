from datetime import date

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ..audit.service import history
from ..auth.models import User
from ..core.errors import DomainError
from ..core.htmx import toast
from ..core.nav import register_nav
from ..core.permissions import Cap, requires
from ..core.roles import KIND_LABELS, ROLE_LABELS
from ..extensions import db
from ..plan.loader import current_plan
from ..plan.models import ProgramProject, Unit
from . import service
from .forms import AccountForm, ResetPasswordForm, ToggleActiveForm

bp = Blueprint("admin", __name__, url_prefix="/quan-tri")
register_nav("Kế hoạch", "admin.plan", Cap.PLAN_VIEW, order=90)
register_nav("Đơn vị", "admin.units", Cap.UNITS_VIEW, order=91)
register_nav("Tài khoản", "admin.accounts", Cap.ACCOUNTS_MANAGE, order=95,
             also=("admin.account_detail",))
register_nav("Nhật ký thay đổi", "admin.audit_log", Cap.AUDIT_VIEW_ALL, order=96)


def _account_form(formdata=...):
    form = AccountForm() if formdata is ... else AccountForm(formdata=formdata)
    form.unit_id.choices = [SelectChoice(u.id, f"{u.name} – {u.kind_label}")
                           for u in service.units_with_accounts()]
    return form


def _accounts_page(form, status=200):
    users = (db.session.query(User).join(User.unit)
             .order_by(Unit.position, User.username).all())
    return render_template("admin/accounts.html", users=users, form=form,
                           role_labels=ROLE_LABELS), status


@bp.route("/tai-khoan", methods=["GET", "POST"])
@requires(Cap.ACCOUNTS_MANAGE)
def accounts():
    form = _account_form()
    if form.validate_on_submit():
        try:
            user = service.create_account(
                unit_id=form.unit_id.data, username=form.username.data,
                full_name=form.full_name.data, password=form.password.data,
                position=form.position.data or "", email=form.email.data or "",
                actor=current_user)
        except DomainError as exc:
            getattr(form, exc.field or "username").errors.append(exc.message)
        else:
            toast(f"Đã tạo tài khoản {user.username}.")
            return redirect(url_for("admin.accounts"))
    return _accounts_page(form, 422 if request.method == "POST" else 200)


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/tai-khoan/<int:user_id>")
@requires(Cap.ACCOUNTS_MANAGE)
def account_detail(user_id):
    user = _user_or_404(user_id)
    return render_template("admin/account.html", user=user,
                           reset_form=ResetPasswordForm(formdata=None),
                           toggle_form=ToggleActiveForm(formdata=None),
                           entries=history("user_account", user.id))


@bp.route("/tai-khoan/<int:user_id>/dat-lai-mat-khau", methods=["POST"])
@requires(Cap.ACCOUNTS_MANAGE)
def account_reset(user_id):
    user = _user_or_404(user_id)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            service.reset_password(user, form.password.data, actor=current_user,
                                   version=form.version.data)
        except DomainError as exc:
            form.password.errors.append(exc.message)
        else:
            toast(f"Đã đặt lại mật khẩu cho {user.username}; người dùng phải đổi khi đăng nhập.")
            return redirect(url_for("admin.account_detail", user_id=user.id))
    return render_template("admin/account.html", user=user, reset_form=form,
                           toggle_form=ToggleActiveForm(formdata=None),
                           entries=history("user_account", user.id)), 422


@bp.route("/tai-khoan/<int:user_id>/khoa", methods=["POST"])
@requires(Cap.ACCOUNTS_MANAGE)
def account_toggle(user_id):
    user = _user_or_404(user_id)
    form = ToggleActiveForm()
    if form.validate_on_submit():
        try:
            service.set_active(user, not user.active, actor=current_user, version=form.version.data)
        except DomainError as exc:
            toast(exc.message, "error")
        else:
            toast(f"Đã {'mở khóa' if user.active else 'khóa'} tài khoản {user.username}.")
    return redirect(url_for("admin.account_detail", user_id=user.id))


@bp.route("/nhat-ky")
@requires(Cap.AUDIT_VIEW_ALL)
def audit_log():
    def _date(name):
        try:
            return date.fromisoformat(request.args.get(name, ""))
        except ValueError:
            return None
    filters = {"username": request.args.get("username", ""),
               "action": request.args.get("action", ""),
               "object_type": request.args.get("object_type", ""),
               "date_from": _date("from"), "date_to": _date("to")}
    entries = service.audit_entries(**filters)
    actions, types, users = service.audit_choices()
    from ..core.htmx import render
    return render("admin/audit.html", fragment="admin/_audit_table.html", entries=entries,
                  filters=filters, actions=actions, types=types, users=users)


@bp.route("/don-vi")
@requires(Cap.UNITS_VIEW)
def units():
    all_units = db.session.query(Unit).order_by(Unit.position).all()
    counts = dict(db.session.query(User.unit_id, db.func.count(User.id)).group_by(User.unit_id))
    return render_template("admin/units.html", units=all_units, counts=counts,
                           kind_labels=KIND_LABELS)


@bp.route("/ke-hoach/tai-ve")
@requires(Cap.PLAN_VIEW)
def plan_docx():
    """The plan as the district issued it (KẾ HOẠCH, Nghị định 30 layout)."""
    from flask import Response
    from ..documents.service import DOCX_MIMETYPE, download_name, plan_context, render
    current = current_plan()
    if current is None:
        abort(404)
    data = render("ke-hoach.docx", plan_context(current))
    name = download_name(f"Ke-hoach-{current.code}")
    return Response(data, mimetype=DOCX_MIMETYPE,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/ke-hoach")
@requires(Cap.PLAN_VIEW)
def plan():
    projects = db.session.query(ProgramProject).order_by(ProgramProject.position).all()
    return render_template("admin/plan.html", plan=current_plan(), projects=projects)
