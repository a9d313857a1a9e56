"""Nominations for a reward, the reward decision, and the nomination window of a plan."""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..plan.models import Plan, Unit
from ..uploads.models import StoredFile


class Kind(StrEnum):
    COLLECTIVE = "collective"
    INDIVIDUAL = "individual"


KIND_LABELS = {Kind.COLLECTIVE: "Tập thể", Kind.INDIVIDUAL: "Cá nhân"}


class NominationStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"
    SHORTLISTED = "shortlisted"
    RETURNED = "returned"
    APPROVED = "approved"
    REJECTED = "rejected"


NOMINATION_STATUS_LABELS = {
    NominationStatus.DRAFT: "Đang soạn",
    NominationStatus.SUBMITTED: "Đã gửi, chờ xét",
    NominationStatus.WITHDRAWN: "Đã rút",
    NominationStatus.SHORTLISTED: "Đã chọn, chờ Nội vụ duyệt",
    NominationStatus.RETURNED: "Trả lại, cần bổ sung",
    NominationStatus.APPROVED: "Được khen thưởng",
    NominationStatus.REJECTED: "Không được duyệt",
}

GENDER_LABELS = {"male": "Nam", "female": "Nữ"}
# How a person is addressed in papers: "đồng chí" for officials and members of the political
# system, "ông" / "bà" for others (a field per person, never "ông (bà)"). The codes are those
# of the shared people formatter.
ADDRESS_LABELS = {"dong_chi": "Đồng chí", "ong": "Ông", "ba": "Bà"}


class Nomination(db.Model):
    """One collective or individual proposed by a unit for the Giấy khen of the district chair."""

    __tablename__ = "nomination"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)  # nominating unit
    kind: Mapped[str] = mapped_column(String(16))  # collective / individual
    # individual
    full_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    address: Mapped[str] = mapped_column(String(16), default="", server_default="")
    gender: Mapped[str] = mapped_column(String(8), default="", server_default="")
    birth_year: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[str] = mapped_column(String(255), default="", server_default="")
    workplace: Mapped[str] = mapped_column(String(255), default="", server_default="")
    # collective
    collective_name: Mapped[str] = mapped_column(String(255), default="", server_default="")
    # both
    summary: Mapped[str] = mapped_column(Text, default="", server_default="")
    report_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"))
    cover_letter_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"))
    status: Mapped[str] = mapped_column(String(16), default=NominationStatus.DRAFT,
                                        server_default=NominationStatus.DRAFT.value, index=True)
    review_note: Mapped[str] = mapped_column(Text, default="", server_default="")    # LĐTB&XH
    decision_reason: Mapped[str] = mapped_column(Text, default="", server_default="")  # Nội vụ
    # Place in the decision's annex within its kind; None = by the plan's unit order.
    decision_order: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    plan: Mapped[Plan] = relationship()
    # inner join: the row can be locked FOR UPDATE (PostgreSQL refuses it on an outer join)
    unit: Mapped[Unit] = relationship(lazy="joined", innerjoin=True)
    report_file: Mapped[StoredFile | None] = relationship(foreign_keys=[report_file_id])
    cover_letter_file: Mapped[StoredFile | None] = relationship(
        foreign_keys=[cover_letter_file_id])

    @property
    def is_individual(self) -> bool:
        return self.kind == Kind.INDIVIDUAL

    @property
    def name(self) -> str:
        return self.full_name if self.is_individual else self.collective_name

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[Kind(self.kind)]

    @property
    def status_label(self) -> str:
        return NOMINATION_STATUS_LABELS[NominationStatus(self.status)]

    @property
    def gender_label(self) -> str:
        return GENDER_LABELS.get(self.gender, "")

    @property
    def salutation(self) -> str:
        """"Đồng chí", "Ông", "Bà" before an individual's name; "" for a collective."""
        if not self.is_individual:
            return ""
        return ADDRESS_LABELS.get(self.address) or {"male": "Ông", "female": "Bà"}.get(self.gender, "")

    @property
    def address_label(self) -> str:
        return ADDRESS_LABELS.get(self.address, "")

    @property
    def title_line(self) -> str:
        """"Trưởng thôn An Điềm, xã Bình Chánh" for an individual; "" for a collective."""
        if not self.is_individual:
            return ""
        from ..core.people import title_line
        return title_line(self.position, self.workplace)

    def __repr__(self) -> str:
        return f"<Nomination {self.id} {self.kind} {self.name!r} {self.status}>"


class NominationWindow(db.Model):
    """The coordinator may reopen nominations after the duty's deadline, until a date."""

    __tablename__ = "nomination_window"
    __table_args__ = (UniqueConstraint("plan_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    reopened_until: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class RewardDecision(db.Model):
    """The Quyết định khen thưởng drafted by Phòng Nội vụ: one per plan."""

    __tablename__ = "reward_decision"
    __table_args__ = (UniqueConstraint("plan_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(32), default="", server_default="")
    decision_date: Mapped[date | None] = mapped_column(Date)
    legal_bases: Mapped[list] = mapped_column(JSON, default=list)
    proposer_line: Mapped[str] = mapped_column(Text, default="", server_default="")
    signer_authority: Mapped[str] = mapped_column(String(64), default="", server_default="")
    signer_title: Mapped[str] = mapped_column(String(120), default="", server_default="")
    signer_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    # Share of the total reward money per FundingSource code, in percent (sums to 100).
    funding_split: Mapped[dict] = mapped_column(JSON, default=dict)
    recipients: Mapped[list] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    plan: Mapped[Plan] = relationship()


class RewardProposal(db.Model):
    """The Tờ trình đề nghị khen thưởng of Phòng Nội vụ to the Chủ tịch UBND huyện (…/TTr-NV),
    with the list; the decision cites it by number and date. One per plan."""

    __tablename__ = "reward_proposal"
    __table_args__ = (UniqueConstraint("plan_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(32), default="", server_default="")
    proposal_date: Mapped[date | None] = mapped_column(Date)
    signer_title: Mapped[str] = mapped_column(String(120), default="", server_default="")
    signer_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    plan: Mapped[Plan] = relationship()


class SelectionMeeting(db.Model):
    """The selection meeting (Ban chỉ đạo / Hội đồng Thi đua - Khen thưởng) as its Biên bản
    records it: time, place, who presided and attended, the votes per nominee, the result.
    People are {"name", "title", "address"}; votes are {nomination id: votes in favour}."""

    __tablename__ = "selection_meeting"
    __table_args__ = (UniqueConstraint("plan_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(32), default="", server_default="")
    body: Mapped[str] = mapped_column(String(255), default="", server_default="")
    held_at: Mapped[datetime | None] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    place: Mapped[str] = mapped_column(String(255), default="", server_default="")
    chair: Mapped[dict] = mapped_column(JSON, default=dict)
    secretary: Mapped[dict] = mapped_column(JSON, default=dict)
    attendees: Mapped[list] = mapped_column(JSON, default=list)
    members_total: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    members_present: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    votes: Mapped[dict] = mapped_column(JSON, default=dict)
    conclusion: Mapped[str] = mapped_column(Text, default="", server_default="")
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    plan: Mapped[Plan] = relationship()
