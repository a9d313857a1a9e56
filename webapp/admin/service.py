"""Account administration: create, reset password, lock and unlock (each change audited and
versioned by the account's session version: every change ends the user's earlier sessions);
the audit log, filtered and paged."""
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, or_
from sqlalchemy.orm import contains_eager, joinedload

from ..audit.models import AuditEntry
from ..audit.service import record_created, versioned_update
from ..auth.models import User
from ..core import clock
from ..core.errors import DomainError, NotAllowed
from ..core.nav_pages import Page, page_of
from ..core.roles import UnitKind
from ..core.text import fold, nfc
from ..extensions import db
from ..plan.models import Unit
from . import policy

ACCOUNTS_PER_PAGE = 50
ACCOUNT_FIELDS = ("username", "full_name", "position", "email", "unit_id", "active")
AUDIT_PAGE_SIZE = 50
STALE_ACCOUNT = "Tài khoản vừa được thay đổi ở nơi khác; trang đã được tải lại."


def units_with_accounts():
    """The units an account may belong to, as rows (id, name, kind, position): one option
    each in the account form."""
    return (db.session.query(Unit.id, Unit.name, Unit.kind, Unit.position)
            .filter(Unit.kind != UnitKind.PROVINCE).order_by(Unit.position).all())


@dataclass
class AccountsPage:
    users: list[User]
    page: Page


def accounts_page(text: str, number: int, per_page: int = ACCOUNTS_PER_PAGE) -> AccountsPage:
    """The accounts by unit, then user name, `per_page` a page; every word of `text` found in
    the user name, the person's name or the unit's (typed with or without diacritics: the user
    name and the unit's code are folded, e.g. "đông" finds binh-dong)."""
    query = db.session.query(User).join(User.unit)
    for word in nfc(text).split():
        raw = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        folded = "%" + fold(raw[1:-1]) + "%"
        query = query.filter(or_(
            User.full_name.ilike(raw, escape="\\"), Unit.name.ilike(raw, escape="\\"),
            User.username.like(folded, escape="\\"), Unit.code.like(folded, escape="\\")))
    shown = page_of(query.count(), number, per_page)
    users = (query.options(contains_eager(User.unit)).order_by(Unit.position, User.username)
             .offset(shown.offset).limit(per_page).all())
    return AccountsPage(users, shown)


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
    record_created(user, (*ACCOUNT_FIELDS, "must_change_password"), action="account.created",
                   actor=actor, summary=f"Tạo tài khoản {username} ({unit.short_name})")
    return user


def reset_password(user: User, password: str, *, actor, version) -> None:
    """A new password set by the administrator: the user must change it at the next login."""
    def apply(u: User) -> None:
        u.set_password(password)
        u.must_change_password = True

    versioned_update(user, expected_version=version, version_attr="session_version",
                     apply=apply, fields=("must_change_password",), actor=actor,
                     action="account.password_reset", stale_message=STALE_ACCOUNT,
                     summary=f"Đặt lại mật khẩu cho {user.username}; người dùng phải đổi "
                             "mật khẩu khi đăng nhập")


def set_active(user: User, active: bool, *, actor, version) -> None:
    """Lock (every session ends at once) or unlock an account."""
    if not active and not policy.can_lock(actor, user):
        raise NotAllowed("Không thể tự khóa tài khoản của chính mình.")
    versioned_update(user, {"active": active}, expected_version=version,
                     version_attr="session_version", actor=actor,
                     action="account.activated" if active else "account.deactivated",
                     stale_message=STALE_ACCOUNT,
                     summary=f"{'Mở khóa' if active else 'Khóa'} tài khoản {user.username}")


@dataclass
class AuditFilters:
    username: str = ""
    action: str = ""
    object_type: str = ""
    date_from: date | None = None
    date_to: date | None = None

    def args(self) -> dict:
        """The filters as URL arguments (page links keep them)."""
        return {k: v for k, v in {
            "username": self.username, "action": self.action, "object_type": self.object_type,
            "from": self.date_from.strftime("%d/%m/%Y") if self.date_from else "",
            "to": self.date_to.strftime("%d/%m/%Y") if self.date_to else ""}.items() if v}


@dataclass
class AuditPage:
    entries: list[AuditEntry]
    page: Page


def audit_entries(filters: AuditFilters, page: int = 1,
                  per_page: int = AUDIT_PAGE_SIZE) -> AuditPage:
    """One page of the log, newest first, through every entry that matches."""
    query = db.session.query(AuditEntry)
    if filters.username:
        query = query.filter(AuditEntry.username == filters.username)
    if filters.action:
        query = query.filter(AuditEntry.action == filters.action)
    if filters.object_type:
        query = query.filter(AuditEntry.object_type == filters.object_type)
    if filters.date_from:
        query = query.filter(AuditEntry.at >= datetime.combine(filters.date_from, time.min))
    if filters.date_to:
        query = query.filter(AuditEntry.at <= datetime.combine(filters.date_to, time.max))
    shown = page_of(query.count(), page, per_page)
    entries = (query.options(joinedload(AuditEntry.user))
               .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
               .offset(shown.offset).limit(per_page).all())
    return AuditPage(entries, shown)


def audit_users() -> list[str]:
    return [u for (u,) in db.session.query(AuditEntry.username).distinct()
            .order_by(AuditEntry.username)]
