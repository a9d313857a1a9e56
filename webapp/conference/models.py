"""Conference settings, kept script versions and readiness ticks."""
from datetime import datetime, time

from sqlalchemy import (JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, Time,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..plan.models import Plan, Unit


class ConferenceSetting(db.Model):
    """What the coordinator fixes for the day itself: the start time (the date is on Plan)."""

    __tablename__ = "conference_setting"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), unique=True)
    start_time: Mapped[time | None] = mapped_column(Time)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    plan: Mapped[Plan] = relationship()


class ScriptVersion(db.Model):
    """A downloaded meeting script, kept as the context it was rendered from."""

    __tablename__ = "script_version"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_by_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    # Introductions of "those who said they will attend" (False) or "those present" (True).
    present_only: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # The context the .docx is rendered from: the diff compares it with the current data, and
    # the version's file is rendered again from it (never inside a write transaction).
    context: Mapped[dict] = mapped_column(JSON)
    summary: Mapped[str] = mapped_column(Text, default="", server_default="")


class ReadinessTick(db.Model):
    """A line of the readiness checklist (readiness.toml) ticked by the unit responsible."""

    __tablename__ = "readiness_tick"
    __table_args__ = (UniqueConstraint("plan_id", "line_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    line_code: Mapped[str] = mapped_column(String(64))
    done: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    ticked_at: Mapped[datetime | None] = mapped_column(DateTime)
    ticked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    unit: Mapped[Unit | None] = relationship()
