"""Authentication rules: password checks, throttling, ending sessions."""
from datetime import datetime, timedelta

from flask import current_app

from ..audit.service import record
from ..core.errors import DomainError
from ..extensions import db
from .models import LoginThrottle, User


class LoginRefused(DomainError):
    pass


def _utcnow() -> datetime:
    # Throttling is security, not a business rule: real time, not the demo clock.
    return datetime.now().replace(microsecond=0)


def _throttle_row(key: str) -> LoginThrottle:
    row = db.session.get(LoginThrottle, key)
    if row is None:
        row = LoginThrottle(key=key, failures=0)
        db.session.add(row)
    return row


def _keys(username: str, address: str) -> list[tuple[str, int]]:
    cfg = current_app.config
    return [(f"user:{username.strip().lower()}", cfg["LOGIN_MAX_FAILURES_PER_ACCOUNT"]),
            (f"addr:{address}", cfg["LOGIN_MAX_FAILURES_PER_ADDRESS"])]


def _locked_message(until: datetime) -> str:
    minutes = max(1, int((until - _utcnow()).total_seconds() // 60) + 1)
    return (f"Đăng nhập sai quá nhiều lần. Tài khoản hoặc máy này tạm khóa, "
            f"vui lòng thử lại sau {minutes} phút.")


def authenticate(username: str, password: str, address: str) -> User:
    """The user for these credentials, or LoginRefused. Failures are counted (and flushed)
    per account and per address; past the limit both are locked for a while."""
    now = _utcnow()
    keys = _keys(username, address)
    for key, _limit in keys:
        row = db.session.get(LoginThrottle, key)
        if row and row.locked_until and row.locked_until > now:
            raise LoginRefused(_locked_message(row.locked_until))

    user = db.session.query(User).filter(
        db.func.lower(User.username) == username.strip().lower()).one_or_none()
    if user is None or not user.check_password(password) or not user.is_active:
        lock_minutes = current_app.config["LOGIN_LOCK_MINUTES"]
        locked_until = None
        for key, limit in keys:
            row = _throttle_row(key)
            window_start = now - timedelta(minutes=lock_minutes)
            if row.first_failure_at is None or row.first_failure_at < window_start:
                row.failures, row.first_failure_at = 0, now
            row.failures += 1
            if row.failures >= limit:
                row.locked_until = now + timedelta(minutes=lock_minutes)
                locked_until = row.locked_until
        db.session.flush()
        if locked_until:
            raise LoginRefused(_locked_message(locked_until))
        if user is not None and user.check_password(password) and not user.is_active:
            raise LoginRefused("Tài khoản này đã bị khóa. Liên hệ quản trị hệ thống.")
        raise LoginRefused("Tên đăng nhập hoặc mật khẩu không đúng.")

    for key, _limit in keys:
        row = db.session.get(LoginThrottle, key)
        if row is not None:
            db.session.delete(row)
    from ..core import clock
    user.last_login_at = clock.now()
    db.session.flush()
    return user


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
