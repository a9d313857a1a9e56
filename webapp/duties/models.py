"""Duties of the plan (§VI and the speech slots of §II.5) and one assignment per owning unit."""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..plan.models import Plan, Unit


class Status(StrEnum):
    NOT_STARTED = "not_started"
    DRAFTING = "drafting"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    RETURNED = "returned"


STATUS_LABELS = {
    Status.NOT_STARTED: "Chưa thực hiện",
    Status.DRAFTING: "Đang soạn",
    Status.SUBMITTED: "Đã nộp",
    Status.ACCEPTED: "Đã tiếp nhận",
    Status.RETURNED: "Yêu cầu bổ sung",
}

# Statuses in which the unit still owes something: past the deadline they are overdue.
OPEN_STATUSES = (Status.NOT_STARTED, Status.DRAFTING, Status.RETURNED)
# Statuses in which the unit has handed its work over: its dashboard offers to look, not to write.
HANDED_IN = (Status.SUBMITTED, Status.ACCEPTED)

# What a unit may do by hand with a duty that has no deliverable of its own (forward first).
UNIT_MOVES: dict[Status, tuple[Status, ...]] = {
    Status.NOT_STARTED: (Status.DRAFTING, Status.SUBMITTED),
    Status.DRAFTING: (Status.SUBMITTED, Status.NOT_STARTED),
    Status.SUBMITTED: (Status.DRAFTING,),
    Status.RETURNED: (Status.DRAFTING, Status.SUBMITTED),
    Status.ACCEPTED: (),
}

# A duty sent to no unit (Gửi về: —) is completed by its own unit: nobody would ever accept a
# "Đã nộp". Its end state is stored as ACCEPTED, so every count of finished work counts it,
# and reads "Đã hoàn thành". "Đã nộp" is left (forward) by the same unit: it was handed in
# before this rule.
COMPLETED_LABEL = "Đã hoàn thành"
SELF_COMPLETED_MOVES: dict[Status, tuple[Status, ...]] = {
    Status.NOT_STARTED: (Status.DRAFTING, Status.ACCEPTED),
    Status.DRAFTING: (Status.ACCEPTED, Status.NOT_STARTED),
    Status.SUBMITTED: (Status.ACCEPTED, Status.DRAFTING),
    Status.RETURNED: (Status.DRAFTING, Status.ACCEPTED),
    Status.ACCEPTED: (Status.DRAFTING,),
}


class Duty(db.Model):
    __tablename__ = "duty"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(64))
    section: Mapped[str] = mapped_column(String(32))  # "VI.1"
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    short_title: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    # What the duty produces; a capability of the product handles each kind (see deliverables.py).
    deliverable: Mapped[str] = mapped_column(String(32), default="", server_default="")
    deliverable_label: Mapped[str] = mapped_column(String(255), default="", server_default="")
    receiver_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    deadline: Mapped[date | None] = mapped_column(Date)
    # True when the plan itself fixes the deadline; otherwise Phòng LĐTB&XH may set a working one.
    deadline_fixed: Mapped[bool] = mapped_column(default=False, server_default="0")
    deadline_note: Mapped[str] = mapped_column(String(255), default="", server_default="")

    plan: Mapped[Plan] = relationship()
    receiver_unit: Mapped[Unit | None] = relationship()
    assignments: Mapped[list["Assignment"]] = relationship(
        back_populates="duty", cascade="all, delete-orphan")
    cooperators: Mapped[list["DutyCooperator"]] = relationship(
        back_populates="duty", cascade="all, delete-orphan")

    @property
    def completes_itself(self) -> bool:
        """A duty moved by hand and sent to no unit: its own unit marks it done."""
        from .deliverables import is_manual
        return self.receiver_unit_id is None and is_manual(self.deliverable)

    def label_of(self, status: str) -> str:
        """The words of `status` for this duty ("Đã hoàn thành" where it completes itself)."""
        status = Status(status)
        if status == Status.ACCEPTED and self.completes_itself:
            return COMPLETED_LABEL
        return STATUS_LABELS[status]


class DutyCooperator(db.Model):
    __tablename__ = "duty_cooperator"
    __table_args__ = (UniqueConstraint("duty_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    duty_id: Mapped[int] = mapped_column(ForeignKey("duty.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))

    duty: Mapped[Duty] = relationship(back_populates="cooperators")
    unit: Mapped[Unit] = relationship()


class Assignment(db.Model):
    """A duty as one owning unit carries it: its status is what the dashboards show."""

    __tablename__ = "assignment"
    # (duty, status): the progress of every duty is counted from this index alone
    __table_args__ = (UniqueConstraint("duty_id", "unit_id"),
                      Index("ix_assignment_duty_status", "duty_id", "status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    duty_id: Mapped[int] = mapped_column(ForeignKey("duty.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    status: Mapped[str] = mapped_column(String(32), default=Status.NOT_STARTED,
                                        server_default=Status.NOT_STARTED.value)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    review_comment: Mapped[str] = mapped_column(Text, default="", server_default="")
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Optimistic lock: forms carry it, a stale save is refused with 409.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    duty: Mapped[Duty] = relationship(back_populates="assignments")
    unit: Mapped[Unit] = relationship()

    @property
    def completes_itself(self) -> bool:
        return self.duty.completes_itself

    def label_of(self, status: str) -> str:
        return self.duty.label_of(status)

    @property
    def status_label(self) -> str:
        return self.label_of(self.status)

    @property
    def moves(self) -> tuple[Status, ...]:
        """Where the owning unit may move it by hand, forward first."""
        table = SELF_COMPLETED_MOVES if self.completes_itself else UNIT_MOVES
        return table[Status(self.status)]
