"""Authentication rules: password checks, throttling, ending sessions."""
from datetime import datetime, timedelta
from types import SimpleNamespace

from flask import current_app
from sqlalchemy import case, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..audit.labels import register_actions, register_object
from ..audit.service import record
from ..core.database import checkpoint
from ..core.errors import DomainError
from ..extensions import db
from .models import LoginThrottle, User, dummy_password_check, password_matches


class LoginRefused(DomainError):
    pass


register_object("user_account", "Tài khoản", fields={"locked_until": "Tạm khóa đến"})
register_actions({"auth.login": "Đăng nhập", "auth.logout": "Đăng xuất",
                  "auth.login_failed": "Đăng nhập không thành công",
                  "auth.locked_out": "Tạm khóa đăng nhập"})


def _utcnow() -> datetime:
    # Throttling is security, not a business rule: real time, not the demo clock.
    return datetime.now().replace(microsecond=0)


def _account_key(username: str) -> str:
    return f"user:{username.strip().lower()}"[:160]


def _address_key(address: str) -> str:
    return f"addr:{address}"[:160]


def _keys(username: str, address: str) -> list[tuple[str, int]]:
    cfg = current_app.config
    return [(_account_key(username), cfg["LOGIN_MAX_FAILURES_PER_ACCOUNT"]),
            (_address_key(address), cfg["LOGIN_MAX_FAILURES_PER_ADDRESS"])]


def _locked_message(until: datetime) -> str:
    minutes = max(1, int((until - _utcnow()).total_seconds() // 60) + 1)
    return (f"Đăng nhập sai quá nhiều lần. Tài khoản hoặc máy này tạm khóa, "
            f"vui lòng thử lại sau {minutes} phút.")


def _insert(table):
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"login throttling has no atomic upsert for {dialect}")


def _count_failure(key: str, limit: int, now: datetime, lock: timedelta) -> datetime | None:
    """One more failure on this key, counted in one statement (INSERT ... ON CONFLICT DO
    UPDATE), so parallel first failures neither collide on the key nor lose a count; a count
    older than the lock window starts again at 1. Returns the lock's end if the key is now
    locked."""
    table = LoginThrottle.__table__
    expired = or_(table.c.first_failure_at.is_(None), table.c.first_failure_at < now - lock)
    insert = _insert(table).values(key=key, failures=1, first_failure_at=now, locked_until=None)
    failures = db.session.execute(
        insert.on_conflict_do_update(index_elements=[table.c.key], set_={
            "failures": case((expired, 1), else_=table.c.failures + 1),
            "first_failure_at": case((expired, now), else_=table.c.first_failure_at),
        }).returning(table.c.failures)).scalar_one()
    if failures < limit:
        return None
    until = now + lock
    db.session.execute(update(table).where(table.c.key == key).values(locked_until=until))
    return until


def _lock_of(keys: list[tuple[str, int]], now: datetime) -> datetime | None:
    rows = db.session.execute(select(LoginThrottle.locked_until).where(
        LoginThrottle.key.in_([key for key, _limit in keys]),
        LoginThrottle.locked_until > now)).scalars().all()
    return max(rows) if rows else None


def authenticate(username: str, password: str, address: str) -> User:
    """The user for these credentials, or LoginRefused. Failures are counted per account and
    per address (flushed, and audited); past a limit the account or the address is locked for
    a while. A success clears the account's count, never the address's: logging in to one's
    own account between guesses at others does not reset the guesses.

    It ends the request's transaction before the (slow) password hash (`checkpoint()`): call
    it before the request writes anything else."""
    now = _utcnow()
    keys = _keys(username, address)
    locked_until = _lock_of(keys, now)
    if locked_until:
        raise LoginRefused(_locked_message(locked_until))

    found = db.session.execute(select(User.id, User.password_hash).where(
        db.func.lower(User.username) == username.strip().lower())).one_or_none()
    # The hash check is slow on purpose: never inside the write transaction (on SQLite a POST
    # holds the database's write lock from its first statement), so the reads end here and
    # the failure counters below are written in a new, short one.
    checkpoint()
    # An unknown name costs one password hash too: no timing tells which accounts exist.
    password_ok = (password_matches(found.password_hash, password) if found
                   else dummy_password_check(password))
    user = db.session.get(User, found.id) if found else None
    if not password_ok or not user.is_active:
        lock = timedelta(minutes=current_app.config["LOGIN_LOCK_MINUTES"])
        locks = [_count_failure(key, limit, now, lock) for key, limit in keys]
        locked_until = max((until for until in locks if until), default=None)
        _audit_failure(user, username, address, password_ok, locked_until)
        db.session.flush()
        if locked_until:
            raise LoginRefused(_locked_message(locked_until))
        if password_ok:
            raise LoginRefused("Tài khoản này đã bị khóa. Liên hệ quản trị hệ thống.")
        raise LoginRefused("Tên đăng nhập hoặc mật khẩu không đúng.")

    account_key = _account_key(username)
    db.session.execute(delete(LoginThrottle).where(LoginThrottle.key == account_key))
    from ..core import clock
    user.last_login_at = clock.now()
    db.session.flush()
    return user


def _audit_failure(user: User | None, typed_name: str, address: str, password_ok: bool,
                   locked_until: datetime | None) -> None:
    shown = typed_name.strip()[:64]
    if user is None:
        summary = f"Đăng nhập không thành công: không có tài khoản “{shown}”"
    elif password_ok:
        summary = f"Đăng nhập không thành công: tài khoản {user.username} đang bị khóa"
    else:
        summary = f"Đăng nhập không thành công: sai mật khẩu tài khoản {user.username}"
    # Whoever typed it is not logged in: the audit log names the address, not "hệ thống".
    visitor = SimpleNamespace(id=None, unit_id=None,
                              username=f"chưa đăng nhập · {address}"[:64])
    record("auth.login_failed", user, object_type="user_account", summary=summary, actor=visitor)
    if locked_until:
        record("auth.locked_out", user, object_type="user_account", actor=visitor,
               summary=(f"Tạm khóa đăng nhập đến {locked_until:%H:%M %d/%m/%Y} sau nhiều lần sai "
                        f"(tên đăng nhập “{shown}”)"),
               after={"locked_until": locked_until})


def end_all_sessions(user: User) -> None:
    """Every cookie issued before now stops working (its session version is old)."""
    user.session_version += 1
    db.session.flush()


def change_password(user: User, current: str, new: str) -> None:
    if not user.check_password(current):
        raise DomainError("Mật khẩu hiện tại không đúng.", field="current_password")
    if current == new:
        raise DomainError("Mật khẩu mới phải khác mật khẩu hiện tại.", field="new_password")
    user.set_password(new)
    user.must_change_password = False
    end_all_sessions(user)
    record("account.password_changed", user, summary=f"{user.username} đổi mật khẩu",
           before={"session_version": user.session_version - 1},
           after={"session_version": user.session_version})
