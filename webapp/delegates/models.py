"""Delegates of the conference (plan §III.4), their invitations, replies and check-in."""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core import people
from ..extensions import db
from ..plan.models import DelegateComposition, Plan, Unit
from .textkeys import NAME_KEY_LENGTH, name_key, search_text


class Reply(StrEnum):
    PENDING = "pending"
    ATTENDING = "attending"
    DECLINED = "declined"
    SUBSTITUTE = "substitute"


REPLY_LABELS = {
    Reply.PENDING: "Chưa trả lời",
    Reply.ATTENDING: "Dự",
    Reply.DECLINED: "Không dự",
    Reply.SUBSTITUTE: "Cử người dự thay",
}

# Replies after which somebody is expected in the hall.
COMING = (Reply.ATTENDING, Reply.SUBSTITUTE)


def attendee(d) -> tuple[str, str]:
    """(name, title) of who actually comes: the substitute when one was sent. `d` is a delegate
    or a row with its reply, names and titles."""
    if d.reply == Reply.SUBSTITUTE and d.substitute_name:
        return d.substitute_name, d.substitute_title
    return d.full_name, d.title


class Delegate(db.Model):
    """One invited seat: who, for which composition (and commune), the reply, the invitation
    sent, the arrival on the day."""

    __tablename__ = "delegate"
    # (plan, seat, reply, composition): the seating plan counts its rows from this index alone
    # and reads a row's seats as a range of it (webapp/delegates/seating.py)
    __table_args__ = (Index("ix_delegate_hall", "plan_id", "seat", "reply", "composition_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    composition_id: Mapped[int] = mapped_column(ForeignKey("delegate_composition.id"), index=True)
    # The unit the delegate belongs to or represents: a commune names its own delegates.
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    full_name: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(255), default="", server_default="")
    organisation: Mapped[str] = mapped_column(String(255), default="", server_default="")
    # Form of address (webapp.core.people): đồng chí / ông / bà.
    address: Mapped[str] = mapped_column(String(16), default="dong_chi", server_default="dong_chi")
    # Protocol order within the composition (introductions, lists, seats): smaller first.
    rank: Mapped[int] = mapped_column(Integer, default=100, server_default="100")
    phone: Mapped[str] = mapped_column(String(32), default="", server_default="")
    reply: Mapped[str] = mapped_column(String(16), default=Reply.PENDING,
                                       server_default=Reply.PENDING.value)
    substitute_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    substitute_title: Mapped[str] = mapped_column(String(255), default="", server_default="")
    replied_at: Mapped[datetime | None] = mapped_column(DateTime)
    replied_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    invitation_number: Mapped[str] = mapped_column(String(64), default="", server_default="")
    invitation_issued_at: Mapped[datetime | None] = mapped_column(DateTime)
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime)
    checked_in_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    seat: Mapped[str] = mapped_column(String(32), default="", server_default="")
    # Added at the door on the day (not on the invitation list).
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # Optimistic lock: forms carry it, a stale save is refused with 409.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Derived (textkeys.py, set on every insert and update): the folded words searched in SQL
    # and the Vietnamese order of the name, so lists page and search in the database.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    name_key: Mapped[str] = mapped_column(String(NAME_KEY_LENGTH), default="", server_default="")

    plan: Mapped[Plan] = relationship()
    composition: Mapped[DelegateComposition] = relationship()
    unit: Mapped[Unit | None] = relationship()

    @property
    def reply_label(self) -> str:
        return REPLY_LABELS[Reply(self.reply)]

    @property
    def coming(self) -> bool:
        return self.reply in COMING

    @property
    def present(self) -> bool:
        return self.checked_in_at is not None

    @property
    def attendee_name(self) -> str:
        """Who actually comes: the substitute when one was sent."""
        return attendee(self)[0]

    @property
    def attendee_title(self) -> str:
        return attendee(self)[1]

    @property
    def attendee_line(self) -> str:
        """The title of who comes with the organisation, the body named once ("Chủ tịch UBND
        huyện", not "Chủ tịch UBND huyện · UBND huyện Bình Sơn")."""
        return people.capitalise(people.title_line(self.attendee_title, self.organisation))

    @property
    def organisation_in_sentence(self) -> str:
        """"xã Bình Chánh" for "Xã Bình Chánh": how a unit's name reads after a title."""
        return people.mid_sentence(self.organisation)

    @property
    def title_line(self) -> str:
        """The invitee's own title with the organisation, the body named once."""
        return people.capitalise(people.title_line(self.title, self.organisation))


@event.listens_for(Delegate, "before_insert")
@event.listens_for(Delegate, "before_update")
def _derive_keys(_mapper, _connection, d: Delegate) -> None:
    d.search_text = search_text(d.full_name, d.substitute_name, d.title, d.organisation)
    d.name_key = name_key(d.full_name)


class InvitationIssue(db.Model):
    """One issue of the invitations (giấy mời): its number, date and time of the meeting."""

    __tablename__ = "invitation_issue"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(64))          # "125/GM-UBND"
    issued_on: Mapped[date] = mapped_column(Date)
    meeting_time: Mapped[str] = mapped_column(String(32), default="07 giờ 30",
                                              server_default="07 giờ 30")
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    delegate_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
