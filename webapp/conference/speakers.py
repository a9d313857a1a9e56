"""The discussion papers' speakers (plan §II.5): one record per slot, the speech slot, shown
on the conference's speaker list, on the unit's discussion paper and in the script."""
import functools

from sqlalchemy import Integer, bindparam, select
from sqlalchemy.orm import joinedload

from ..audit.service import record, versioned_update
from ..core import people
from ..core.errors import DomainError, NotAllowed
from ..duties.models import Assignment
from ..extensions import db
from ..plan.models import Plan, SpeechSlot
from .duty import PAPER_DUTY, conference_assignments
from .memo import once_per_request
from .policy import can_manage_speakers, can_name_speaker, can_see_all_speakers

NAME_MAX, TITLE_MAX = 120, 255


@functools.cache
def _slots_statement():
    """Built once (the plan is a bound parameter)."""
    return (select(SpeechSlot).options(joinedload(SpeechSlot.unit))
            .where(SpeechSlot.plan_id == bindparam("plan_id", type_=Integer))
            .order_by(SpeechSlot.position))


def slots_of(plan: Plan) -> list[SpeechSlot]:
    """The speech slots in order, with their units (one query)."""
    return once_per_request(("slots", plan.id), lambda: db.session.execute(
        _slots_statement(), {"plan_id": plan.id}).scalars().all())


def visible_slots(plan: Plan, user) -> list[SpeechSlot]:
    slots = slots_of(plan)
    if can_see_all_speakers(user):
        return slots
    return [s for s in slots if s.unit_id == user.unit_id]


def slot_of_unit(plan: Plan, unit_id: int) -> SpeechSlot | None:
    return next((s for s in plan.speech_slots if s.unit_id == unit_id), None)


def paper_assignments(plan: Plan) -> dict[int, Assignment]:
    """The discussion-paper duty of each speaking unit, by unit id."""
    return {a.unit_id: a for a in conference_assignments(plan) if a.duty.code == PAPER_DUTY}


def speaker(slot: SpeechSlot) -> people.Person | None:
    """The slot's speaker as a person (None until the unit names one)."""
    if not slot.speaker_name:
        return None
    return people.Person(slot.speaker_name, slot.speaker_title, slot.unit.name,
                         slot.speaker_address)


def paper_fields(slot: SpeechSlot | None) -> dict[str, str]:
    """What the discussion paper (webapp.reports) says of its speaker: read from the slot."""
    person = speaker(slot) if slot is not None else None
    if person is None:
        return {}  # not named on the slot yet: what the paper says stands until it is
    return {"paper.speaker": person.name, "paper.position": people.capitalise(
        people.full_title(person))}


def update_speaker(slot: SpeechSlot, *, name: str, title: str, address: str | None = None,
                   topic: str | None = None, actor, expected_version) -> None:
    if not can_name_speaker(actor, slot):
        raise NotAllowed("Chỉ đơn vị được phân công hoặc Phòng LĐTB&XH nêu người trình bày.")
    name, title = " ".join((name or "").split()), " ".join((title or "").split())
    if len(name) > NAME_MAX:
        raise DomainError("Họ và tên tối đa 120 ký tự.", field="speaker_name")
    if len(title) > TITLE_MAX:
        raise DomainError("Chức vụ tối đa 255 ký tự.", field="speaker_title")
    if name and not title:
        raise DomainError("Ghi chức vụ (hoặc nghề nghiệp, nơi ở) của người trình bày.",
                          field="speaker_title")
    address = address or slot.speaker_address or people.DEFAULT_ADDRESS
    if address not in people.ADDRESS_WORDS:
        raise DomainError("Chọn cách xưng hô: đồng chí, ông hoặc bà.", field="speaker_address")
    changes = {"speaker_name": name, "speaker_title": title, "speaker_address": address}
    if topic is not None:
        if not can_manage_speakers(actor):
            raise NotAllowed("Chỉ Phòng LĐTB&XH sửa chủ đề tham luận.")
        topic = " ".join(topic.split())
        if not topic:
            raise DomainError("Chủ đề tham luận không được để trống.", field="topic")
        changes["topic"] = topic
    if all(getattr(slot, k) == v for k, v in changes.items()):
        return
    who = f"{name}, {title}" if name else "chưa có người trình bày"
    versioned_update(slot, changes, expected_version=expected_version, action="speech.speaker",
                     summary=f"Tham luận {slot.unit.short_name}: {who}",
                     fields=("speaker_name", "speaker_title", "speaker_address", "topic"),
                     stale_message="Người trình bày tham luận này vừa được người khác sửa. Nội "
                                   "dung hiện tại đã được tải lại; hãy xem lại rồi lưu lần nữa.")


def move_speaker(slot: SpeechSlot, direction: str, *, actor) -> None:
    if direction not in ("up", "down"):
        raise DomainError("Tham luận này không di chuyển được theo hướng đó.")
    slots = (db.session.query(SpeechSlot).filter_by(plan_id=slot.plan_id)
             .order_by(SpeechSlot.position).with_for_update().all())
    index = slots.index(slot)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(slots):
        raise DomainError("Tham luận này không di chuyển được theo hướng đó.")
    other = slots[target]
    before = {"position": slot.position}
    mine, theirs = slot.position, other.position
    # (plan_id, position) is unique: park one row out of the way while swapping.
    slot.position = -mine
    db.session.flush()
    other.position = mine
    db.session.flush()
    slot.position = theirs
    slot.version += 1
    other.version += 1
    db.session.flush()
    record("speech.move", slot, before=before, after={"position": slot.position}, actor=actor,
           summary=f"Thứ tự tham luận: {slot.unit.short_name} sang vị trí {slot.position}")
