"""Administration: accounts, units, the plan and its document, the audit log."""
from collections import Counter
from datetime import datetime

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload
from wtforms.fields.choices import SelectChoice

from ..audit import labels as audit_labels
from ..audit.service import history
from ..auth.models import User
from ..core.errors import DomainError
from ..core.htmx import form_error, is_htmx, redirect_to, render, toast
from ..core.nav import register_nav
from ..core.nav_pages import requested_page
from ..core.permissions import Cap, requires
from ..core.roles import KIND_LABELS, ROLE_LABELS, UnitKind
from ..documents.service import send_document
from ..extensions import db
from ..plan.loader import current_plan, current_plan_or_404
from ..plan.models import ProgramProject, SpeechSlot, Unit
from . import labels  # noqa: F401  (the words of accounts, units and the plan in histories)
from . import policy, service
from .forms import AccountForm, ResetPasswordForm, ToggleActiveForm

bp = Blueprint("admin", __name__, url_prefix="/quan-tri")
register_nav("Kế hoạch", "admin.plan", Cap.PLAN_VIEW, order=90)
register_nav("Đơn vị", "admin.units", Cap.UNITS_VIEW, order=91)
register_nav("Tài khoản", "admin.accounts", Cap.ACCOUNTS_MANAGE, order=95,
             also=("admin.account_detail",))
register_nav("Nhật ký thay đổi", "admin.audit_log", Cap.AUDIT_VIEW_ALL, order=96)


def _account_form(formdata=...):
    form = AccountForm() if formdata is ... else AccountForm(formdata=formdata)
    form.unit_id.choices = _unit_choices(service.units_with_accounts())
    return form


def _unit_choices(units) -> list[SelectChoice]:
    """Each unit once, by its name; the units of a kind that has several (communes, offices,
    organisations) under the kind's heading, a kind of one unit (Phòng Nội vụ) on its own."""
    order = {kind.value: i for i, kind in enumerate(KIND_LABELS)}
    labels = {kind.value: label for kind, label in KIND_LABELS.items()}
    units = sorted(units, key=lambda u: (order[u.kind], u.position, u.id))
    sizes = Counter(u.kind for u in units)
    return [SelectChoice(u.id, u.name, optgroup=labels[u.kind] if sizes[u.kind] > 1 else None)
            for u in units]


def _accounts_page(form, status=200):
    """The accounts, 50 a page, found by what the search box holds (`q` and `trang` in the
    URL: search as you type and the page links swap the list and keep each other)."""
    from ..core.inbox import waiting_for
    text = request.args.get("q", "").strip()[:80]
    data = service.accounts_page(text, requested_page(request.args))
    return render("admin/accounts.html", fragment="admin/_accounts_panel.html", status=status,
                  data=data, text=text, args={"q": text} if text else {}, form=form,
                  role_labels=ROLE_LABELS, waiting=waiting_for(current_user))


@bp.route("/tai-khoan", methods=["GET", "POST"])
@requires(Cap.ACCOUNTS_MANAGE)
def accounts():
    if request.method == "GET" and is_htmx():
        return _accounts_page(None)
    form = _account_form()
    if not form.is_submitted():
        return _accounts_page(form)
    if form.validate():
        try:
            user = service.create_account(
                unit_id=form.unit_id.data, username=form.username.data,
                full_name=form.full_name.data, password=form.password.data,
                position=form.position.data or "", email=form.email.data or "",
                actor=current_user)
        except DomainError as exc:
            return _accounts_page(form, form_error(form, exc, "username"))
        toast(f"Đã tạo tài khoản {user.username}; người dùng sẽ phải đổi mật khẩu khi "
              "đăng nhập lần đầu.")
        return redirect(url_for("admin.accounts"))
    return _accounts_page(form, 422)


def _account_page(user, reset_form=None, status=200):
    return render_template("admin/account.html", user=user,
                           reset_form=reset_form or ResetPasswordForm(formdata=None),
                           toggle_form=ToggleActiveForm(formdata=None),
                           entries=history("user_account", user.id)), status


@bp.route("/tai-khoan/<int:user_id>")
@requires(Cap.ACCOUNTS_MANAGE)
def account_detail(user_id):
    return _account_page(policy.get_user_or_404(user_id))


@bp.route("/tai-khoan/<int:user_id>/dat-lai-mat-khau", methods=["POST"])
@requires(Cap.ACCOUNTS_MANAGE)
def account_reset(user_id):
    user = policy.get_user_or_404(user_id)
    form = ResetPasswordForm()
    if not form.validate_on_submit():
        return _account_page(user, form, 422)
    try:
        service.reset_password(user, form.password.data, actor=current_user,
                               version=form.version.data)
    except DomainError as exc:
        return _account_page(user, form, form_error(form, exc, "password"))
    toast(f"Đã đặt lại mật khẩu cho {user.username}; người dùng phải đổi khi đăng nhập.")
    return redirect(url_for("admin.account_detail", user_id=user.id))


@bp.route("/tai-khoan/<int:user_id>/khoa", methods=["POST"])
@requires(Cap.ACCOUNTS_MANAGE)
def account_toggle(user_id):
    """Lock or unlock (the page asks for confirmation before locking)."""
    user = policy.get_user_or_404(user_id)
    form = ToggleActiveForm()
    if not form.validate_on_submit():
        raise DomainError("Biểu mẫu không hợp lệ hoặc đã cũ. Vui lòng tải lại trang rồi thử lại.")
    service.set_active(user, not user.active, actor=current_user, version=form.version.data)
    toast(f"Đã {'mở khóa' if user.active else 'khóa'} tài khoản {user.username}.")
    return redirect_to(url_for("admin.account_detail", user_id=user.id))


def _audit_filters() -> tuple[service.AuditFilters, dict]:
    errors = {}

    def _date(name, label):
        """Typed dd/mm/yyyy (a browser date field shows the browser's own order); the ISO
        form of older links is read too."""
        text = request.args.get(name, "").strip()
        if not text:
            return None
        for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        errors[name] = f"{label} không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 15/11/2023."
        return None

    filters = service.AuditFilters(
        username=request.args.get("username", ""), action=request.args.get("action", ""),
        object_type=request.args.get("object_type", ""),
        date_from=_date("from", "Từ ngày"), date_to=_date("to", "Đến ngày"))
    return filters, errors


@bp.route("/nhat-ky")
@requires(Cap.AUDIT_VIEW_ALL)
def audit_log():
    """Every entry, 50 a page; the filters and the page are in the URL (page links keep the
    filters), and the filter lists name actions and objects in Vietnamese."""
    filters, errors = _audit_filters()
    result = service.audit_entries(filters, requested_page(request.args))
    return render("admin/audit.html", fragment="admin/_audit_panel.html",
                  status=422 if errors else 200, result=result, filters=filters,
                  errors=errors, actions=audit_labels.actions(),
                  types=audit_labels.object_types(), users=service.audit_users())


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
    """The plan as the district issued it (KẾ HOẠCH, Nghị định 30 layout, the outline of
    §VI.1 as its annex), regenerated from the plan data."""
    from ..plan.document import render_plan
    current = current_plan_or_404()
    return send_document(lambda: render_plan(current), f"Ke-hoach-{current.code}.docx")


@bp.route("/ke-hoach")
@requires(Cap.PLAN_VIEW)
def plan():
    """The plan's data: the request's plan (the paper panel reads the same one), each of its
    lists in one query, the speech slots with their units (none per row)."""
    current = current_plan()
    projects = db.session.query(ProgramProject).order_by(ProgramProject.position).all()
    slots = ((db.session.query(SpeechSlot).filter(SpeechSlot.plan_id == current.id)
              .options(joinedload(SpeechSlot.unit)).order_by(SpeechSlot.position).all())
             if current else [])
    return render_template("admin/plan.html", plan=current, slots=slots, projects=projects)
