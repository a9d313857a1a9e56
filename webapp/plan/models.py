"""Units and the plan, as loaded from the data files in webapp/plan/data/."""
from datetime import date

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.roles import KIND_LABELS, ROLE_OF_KIND, UnitKind
from ..extensions import db


class Unit(db.Model):
    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    short_name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(32), index=True)
    # "xã" / "thị trấn" for communes, empty otherwise; kept for documents ("UBND xã Bình Chánh").
    level: Mapped[str] = mapped_column(String(32), default="", server_default="")
    # The official order of the plan's lists (unit order, not alphabetical).
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    is_active: Mapped[bool] = mapped_column(default=True, server_default="1")

    @property
    def role(self):
        return ROLE_OF_KIND[UnitKind(self.kind)]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[UnitKind(self.kind)]

    @property
    def official_name(self) -> str:
        """The unit as a document names it: "UBND xã Bình Chánh", "UBND thị trấn Châu Ổ"
        (lower case mid-sentence), the district offices and organisations by their name."""
        if self.kind == UnitKind.COMMUNE:
            return f"UBND {self.name[:1].lower()}{self.name[1:]}"
        return self.name

    def __repr__(self) -> str:
        return f"<Unit {self.code}>"


class Plan(db.Model):
    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    number: Mapped[str] = mapped_column(String(64), default="", server_default="")
    issued_on: Mapped[date | None] = mapped_column(Date)
    # The year the plan is issued in: printed ("ngày   tháng   năm 2023") while the day and the
    # number are still blank, as the seed plan has it.
    issue_year: Mapped[int | None] = mapped_column(Integer)
    issuer: Mapped[str] = mapped_column(String(255))
    place_of_issue: Mapped[str] = mapped_column(String(120))
    doc_type: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    program_name: Mapped[str] = mapped_column(Text)
    movement_name: Mapped[str] = mapped_column(Text)
    period: Mapped[str] = mapped_column(String(32))
    legal_bases: Mapped[list] = mapped_column(JSON, default=list)
    purposes: Mapped[list] = mapped_column(JSON, default=list)
    requirements: Mapped[list] = mapped_column(JSON, default=list)
    duration_text: Mapped[str] = mapped_column(String(255))
    # The plan says "dự kiến đầu tháng 12/2023": the date is set once the district fixes it.
    conference_date: Mapped[date | None] = mapped_column(Date)
    venue: Mapped[str] = mapped_column(String(255))
    delegates_total: Mapped[int] = mapped_column(Integer)
    funding_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    recipients: Mapped[list] = mapped_column(JSON, default=list)
    # The plan's own words that are not rows of another table: the headings of §III.4 by
    # level and §VI (Tổ chức thực hiện) as the plan numbers it (see plan/document.py).
    wording: Mapped[dict | None] = mapped_column(JSON)
    signer_authority: Mapped[str] = mapped_column(String(64))
    signer_title: Mapped[str] = mapped_column(String(120))
    signer_name: Mapped[str] = mapped_column(String(120))
    coordinator_unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    is_current: Mapped[bool] = mapped_column(default=True, server_default="1")

    coordinator_unit: Mapped[Unit] = relationship()
    agenda_items: Mapped[list["AgendaItem"]] = relationship(
        back_populates="plan", order_by="AgendaItem.position", cascade="all, delete-orphan")
    compositions: Mapped[list["DelegateComposition"]] = relationship(
        back_populates="plan", order_by="DelegateComposition.position", cascade="all, delete-orphan")
    reward_quotas: Mapped[list["RewardQuota"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan")
    funding_sources: Mapped[list["FundingSource"]] = relationship(
        back_populates="plan", order_by="FundingSource.position", cascade="all, delete-orphan")
    speech_slots: Mapped[list["SpeechSlot"]] = relationship(
        back_populates="plan", order_by="SpeechSlot.position", cascade="all, delete-orphan")

    def quota(self, kind: str) -> int:
        return next((q.quota for q in self.reward_quotas if q.kind == kind), 0)


class AgendaItem(db.Model):
    """One item of the conference programme (plan §II)."""

    __tablename__ = "agenda_item"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    lead: Mapped[str] = mapped_column(String(255), default="", server_default="")
    duration_minutes: Mapped[int] = mapped_column(Integer, default=10, server_default="10")
    mc_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Optimistic lock for edits of the item (order, duration, lead, MC lines): 409 when stale.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    plan: Mapped[Plan] = relationship(back_populates="agenda_items")


class DelegateComposition(db.Model):
    """A line of plan §III.4: who is invited, and how many seats are planned."""

    __tablename__ = "delegate_composition"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(32))  # province / district / commune
    label: Mapped[str] = mapped_column(Text)
    # Seats per unit of `unit_kind` (communes: 2 + 4), or a lump number when per_unit is 0.
    per_unit: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    unit_kind: Mapped[str | None] = mapped_column(String(32))
    planned: Mapped[int] = mapped_column(Integer)
    protocol_rank: Mapped[int] = mapped_column(Integer, default=100, server_default="100")

    plan: Mapped[Plan] = relationship(back_populates="compositions")


class RewardQuota(db.Model):
    __tablename__ = "reward_quota"
    __table_args__ = (UniqueConstraint("plan_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))  # collective / individual
    quota: Mapped[int] = mapped_column(Integer)
    award: Mapped[str] = mapped_column(String(255))

    plan: Mapped[Plan] = relationship(back_populates="reward_quotas")


class FundingSource(db.Model):
    __tablename__ = "funding_source"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(Text)
    project_code: Mapped[str] = mapped_column(String(32))

    plan: Mapped[Plan] = relationship(back_populates="funding_sources")


class SpeechSlot(db.Model):
    """A discussion paper slot of plan §II.5, in speaking order."""

    __tablename__ = "speech_slot"
    __table_args__ = (UniqueConstraint("plan_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    topic: Mapped[str] = mapped_column(Text)
    speaker_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    speaker_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    speaker_title: Mapped[str] = mapped_column(String(255), default="", server_default="")
    speaker_address: Mapped[str] = mapped_column(String(16), default="dong_chi",
                                                 server_default="dong_chi")  # webapp.core.people
    # Optimistic lock for the speaker form (a unit and the coordinator may both edit).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    plan: Mapped[Plan] = relationship(back_populates="speech_slots")
    unit: Mapped[Unit] = relationship()


class Official(db.Model):
    """A named office holder of a unit (units data file): who presides, speaks and signs."""

    __tablename__ = "official"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)       # "chu-tich-ubnd"
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    full_name: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(255))                  # "Chủ tịch UBND huyện"
    address: Mapped[str] = mapped_column(String(16), default="dong_chi", server_default="dong_chi")

    unit: Mapped[Unit] = relationship()


class ProgramProject(db.Model):
    """A project or sub-project of the National Target Program (Quyết định 90/QĐ-TTg)."""

    __tablename__ = "program_project"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)  # "DA3", "DA3.TDA1"
    parent_code: Mapped[str | None] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(Integer)
    short_label: Mapped[str] = mapped_column(String(64))  # "Dự án 3", "Tiểu dự án 1 - Dự án 3"
    title: Mapped[str] = mapped_column(Text)
    lead_unit_codes: Mapped[list] = mapped_column(JSON, default=list)
