"""Drafts of the district's reports compiled from the units' work (plan §VI.4, §VI.5)."""
from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


class SynthesisDraft(db.Model):
    """The narrative sections of one district report, edited in the browser before the .docx;
    kind is "mid_term" (Phòng LĐTB&XH) or "emulation" (Phòng Nội vụ)."""

    __tablename__ = "synthesis_draft"
    __table_args__ = (UniqueConstraint("plan_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    number: Mapped[str] = mapped_column(String(32), default="", server_default="")
    sections: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # Optimistic lock: the form carries it, a stale save answers 409.
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    updated_by = relationship("User")
