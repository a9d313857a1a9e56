"""Account administration: create, reset password, activate/deactivate. Each change audited."""
from datetime import date, datetime, time

from sqlalchemy import func

from ..audit.models import AuditEntry
from ..audit.service import record, snapshot
from ..auth.models import User
from ..auth.service import end_all_sessions
from ..core import clock
from ..core.errors import DomainError, StaleEdit
from ..core.roles import UnitKind
from ..extensions import db
from ..plan.models import Unit

ACCOUNT_FIELDS = ("username", "full_name", "position", "email", "unit_id", "active")


def units_with_accounts() -> list[Unit]:
    return (db.session.query(Unit).filter(Unit.kind != UnitKind.PROVINCE)
            .order_by(Unit.position).all())


def create_account(*, unit_id: int, username: str, full_name: str, password: str,
                   position: str = "", email: str = "", actor=None,
                   must_change_password: bool = True) -> User:
    unit = db.session.get(Unit, unit_id)
    if unit is None or unit.kind == UnitKind.PROVINCE:
        raise DomainError("Đơn vị này không có tài khoản đăng nhập.", field="unit_id")
    username = username.strip().lower()
    if db.session.query(User).filter(func.lower(User.username) == username).first():
        raise DomainError("Tên đăng nhập này đã có người dùng.", field="username")
    user = User(unit_id=unit.id, username=username, full_name=full_name.strip(),
                position=position.strip(), email=email.strip(), created_at=clock.now(),
                must_change_password=must_change_password)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    record("account.created", user, after=snapshot(user, ACCOUNT_FIELDS), actor=actor,
           summary=f"Tạo tài khoản {username} ({unit.short_name})")
    return user


def _check_version(user: User, version: int | None) -> None:
    if version is not None and version != user.session_version:
        raise StaleEdit("Tài khoản vừa được thay đổi ở nơi khác; trang đã được tải lại.")


def reset_password(user: User, password: str, *, actor, version: int | None) -> None:
    _check_version(user, version)
    user.set_password(password)
    user.must_change_password = True
    end_all_sessions(user)
    record("account.password_reset", user, actor=actor,
           summary=f"Đặt lại mật khẩu cho {user.username}",
           before={"session_version": user.session_version - 1},
           after={"session_version": user.session_version})


def set_active(user: User, active: bool, *, actor, version: int | None) -> None:
    _check_version(user, version)
    if actor is not None and user.id == actor.id and not active:
        raise DomainError("Không thể tự khóa tài khoản của chính mình.")
    before = snapshot(user, ("active",))
    user.active = active
    end_all_sessions(user)
    record("account.activated" if active else "account.deactivated", user, actor=actor,
           before=before, after=snapshot(user, ("active",)),
           summary=f"{'Mở khóa' if active else 'Khóa'} tài khoản {user.username}")


def audit_entries(*, username: str = "", action: str = "", object_type: str = "",
                  date_from: date | None = None, date_to: date | None = None,
                  limit: int = 200) -> list[AuditEntry]:
    query = db.session.query(AuditEntry)
    if username:
        query = query.filter(AuditEntry.username == username)
    if action:
        query = query.filter(AuditEntry.action == action)
    if object_type:
        query = query.filter(AuditEntry.object_type == object_type)
    if date_from:
        query = query.filter(AuditEntry.at >= datetime.combine(date_from, time.min))
    if date_to:
        query = query.filter(AuditEntry.at <= datetime.combine(date_to, time.max))
    return query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit).all()


def audit_choices() -> tuple[list[str], list[str], list[str]]:
    actions = [a for (a,) in db.session.query(AuditEntry.action).distinct().order_by(AuditEntry.action)]
    types = [t for (t,) in db.session.query(AuditEntry.object_type).distinct()
             .order_by(AuditEntry.object_type)]
    users = [u for (u,) in db.session.query(AuditEntry.username).distinct().order_by(AuditEntry.username)]
    return actions, types, users
