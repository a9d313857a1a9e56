from datetime import datetime
from functools import cache

from flask_login import UserMixin
from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..plan.models import Unit


@cache
def _dummy_hash() -> str:
    # Made with the same method as every real hash, so checking against it costs the same.
    return generate_password_hash("no account has this password")


def password_matches(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)


def dummy_password_check(password: str) -> bool:
    """For a name with no account: as slow as checking a real password (no timing tells
    whether an account exists), and never true."""
    check_password_hash(_dummy_hash(), password)
    return False


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    position: Mapped[str] = mapped_column(String(120), default="", server_default="")
    email: Mapped[str] = mapped_column(String(255), default="", server_default="")
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True, server_default="1")
    # Bumped on logout, password or role change: every earlier session cookie stops working.
    session_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default="0")
    created_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)

    unit: Mapped[Unit] = relationship(lazy="joined")

    @property
    def role(self):
        return self.unit.role

    @property
    def is_active(self) -> bool:
        return self.active and self.unit.is_active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return password_matches(self.password_hash, password)


class LoginThrottle(db.Model):
    """Failed-login counters, per account and per address, kept in the database (not in memory)
    so that several workers share them."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(160), primary_key=True)  # "user:x" / "addr:1.2.3.4"
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    first_failure_at: Mapped[datetime | None] = mapped_column(DateTime)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
