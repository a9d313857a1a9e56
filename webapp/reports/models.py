"""Result reports (plan §VI.1) and discussion papers (§VI.3): a working draft per assignment,
and one frozen version per submission."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..duties.models import Assignment
from ..extensions import db
from ..uploads.models import StoredFile


class ReportKind(StrEnum):
    RESULT = "result"     # deliverable "result_report": figures on the outline + narrative
    PAPER = "paper"       # deliverable "discussion_paper": title, speaker, position, file


class ReviewStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    RETURNED = "returned"


REVIEW_LABELS = {ReviewStatus.PENDING: "Chờ xem xét", ReviewStatus.ACCEPTED: "Đã tiếp nhận",
                 ReviewStatus.RETURNED: "Yêu cầu bổ sung"}


class Report(db.Model):
    """The unit's working draft of one assignment (created by its first save)."""

    __tablename__ = "report"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignment.id", ondelete="CASCADE"), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default=ReportKind.RESULT,
                                      server_default=ReportKind.RESULT.value)
    outline_code: Mapped[str] = mapped_column(String(64))
    # What the user typed, field by field (see outline.py for the names): kept even when invalid.
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    # Optimistic lock of the autosave: the form carries it, a stale save answers 409.
    draft_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_saved_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_saved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # What the lists and the district figures read without opening the versions (summarise()
    # in service.py writes them at each submission and review; migration 0014 filled them):
    # the versions' count and dates, and the accepted version (the last one accepted) with
    # the parts of its figures that are summed or listed district-wide.
    versions_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    first_submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    latest_submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    accepted_number: Mapped[int | None] = mapped_column(Integer)
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime)
    accepted_poverty: Mapped[dict | None] = mapped_column(JSON)
    accepted_projects: Mapped[dict | None] = mapped_column(JSON)
    accepted_movement: Mapped[dict | None] = mapped_column(JSON)

    assignment: Mapped[Assignment] = relationship()
    last_saved_by: Mapped[User | None] = relationship()
    versions: Mapped[list["ReportVersion"]] = relationship(
        back_populates="report", order_by="ReportVersion.number", cascade="all, delete-orphan")

    @property
    def latest(self) -> "ReportVersion | None":
        return self.versions[-1] if self.versions else None


class ReportVersion(db.Model):
    """One submission: the figures frozen as sent, the signed file, and its review."""

    __tablename__ = "report_version"
    __table_args__ = (UniqueConstraint("report_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    # {"raw": {field: typed text}, "figures": parsed values (see service.parse)}
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_file.id"))
    submitted_at: Mapped[datetime] = mapped_column(DateTime)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    review_status: Mapped[str] = mapped_column(String(16), default=ReviewStatus.PENDING,
                                               server_default=ReviewStatus.PENDING.value)
    review_comment: Mapped[str] = mapped_column(Text, default="", server_default="")
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    report: Mapped[Report] = relationship(back_populates="versions")
    file: Mapped[StoredFile] = relationship()
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    reviewed_by: Mapped[User | None] = relationship(foreign_keys=[reviewed_by_id])

    @property
    def review_label(self) -> str:
        return REVIEW_LABELS[ReviewStatus(self.review_status)]
