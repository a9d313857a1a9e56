"""The agenda (plan §II) and its clock: the start time, the order of the items, their
durations and leads, and the MC's lines of each item.

Services validate before they change anything, flush, never commit; every change is audited.
"""
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask import has_request_context, request

from ..audit.service import record, versioned_update
from ..core.errors import DomainError
from ..duties.models import Status
from ..extensions import db
from ..plan.models import AgendaItem, Plan
from .duty import script_duty_to
from .frame import frame
from .models import ConferenceSetting

MC_MAX = 4000
LEAD_MAX = 255


def items_of(plan: Plan) -> list[AgendaItem]:
    """The agenda items in order (position, then id)."""
    if not has_request_context() or request.method != "GET":
        return sorted(plan.agenda_items, key=lambda i: (i.position, i.id))
    return frame(plan)[0]


def settings_of(plan: Plan) -> ConferenceSetting | None:
    if not has_request_context() or request.method != "GET":
        return db.session.query(ConferenceSetting).filter_by(plan_id=plan.id).one_or_none()
    return frame(plan)[1]


def start_time_of(plan: Plan) -> time | None:
    setting = settings_of(plan)
    return setting.start_time if setting else None


def clock_text(value: time | datetime | None) -> str:
    """07:30 -> "7h30", the way programmes write the time."""
    if value is None:
        return ""
    return f"{value.hour}h{value.minute:02d}"


_TIME = re.compile(r"^\s*(\d{1,2})\s*(?:giờ|h|:|\.)\s*(\d{1,2})?\s*(?:phút)?\s*$", re.I)


def parse_time(text: str, *, field: str = "start_time", what: str = "Giờ bắt đầu",
               unreadable: str = "Nhập giờ bắt đầu dạng 7:30 hoặc 7h30.") -> time:
    """"7:30", "7h30", "07 giờ 30 (phút)", "7.30" -> 07:30; a refusal on `field` (`unreadable`,
    or "`what` không hợp lệ" for 25h99) otherwise."""
    match = _TIME.match(text or "")
    if not match:
        raise DomainError(unreadable, field=field)
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise DomainError(f"{what} không hợp lệ (giờ 0–23, phút 0–59).", field=field)
    return time(hour, minute)


@dataclass
class Slot:
    item: AgendaItem
    start: datetime | None
    end: datetime | None

    @property
    def clock(self) -> str:
        if self.start is None:
            return ""
        return f"{clock_text(self.start)} – {clock_text(self.end)}"


def schedule(plan: Plan) -> list[Slot]:
    """Every item with its clock time, from the start time and the durations in order."""
    start = start_time_of(plan)
    at = datetime.combine(plan.conference_date or date(2000, 1, 1), start) if start else None
    slots = []
    for item in items_of(plan):
        end = at + timedelta(minutes=item.duration_minutes) if at else None
        slots.append(Slot(item, at, end))
        at = end
    return slots


def total_minutes(plan: Plan) -> int:
    return sum(i.duration_minutes for i in items_of(plan))


def set_start_time(plan: Plan, text: str, *, actor) -> ConferenceSetting:
    value = parse_time(text)
    setting = settings_of(plan)
    if setting is None:
        setting = ConferenceSetting(plan_id=plan.id)
        db.session.add(setting)
        db.session.flush()
    before = {"start_time": clock_text(setting.start_time) or None}
    setting.start_time = value
    setting.version = (setting.version or 1) + 1
    db.session.flush()
    record("conference.start_time", setting, before=before,
           after={"start_time": clock_text(value)}, actor=actor,
           summary=f"Giờ bắt đầu hội nghị: {clock_text(value)}")
    return setting


def _items_locked(plan: Plan) -> list[AgendaItem]:
    return (db.session.query(AgendaItem).filter_by(plan_id=plan.id)
            .order_by(AgendaItem.position, AgendaItem.id).with_for_update().all())


def move_item(item: AgendaItem, direction: str, *, actor) -> None:
    """Swap the item with its neighbour (up / down); positions stay 1..n."""
    if direction not in ("up", "down"):
        raise DomainError("Mục này không di chuyển được theo hướng đó.")
    items = _items_locked(item.plan)
    index = items.index(item)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(items):
        raise DomainError("Mục này không di chuyển được theo hướng đó.")
    for position, other in enumerate(items, start=1):
        other.position = position
    other = items[target]
    before = {"position": item.position}
    item.position, other.position = other.position, item.position
    item.version += 1
    other.version += 1
    db.session.flush()
    way = "lên" if direction == "up" else "xuống"
    record("agenda.move", item, before=before, after={"position": item.position}, actor=actor,
           summary=f"Chuyển mục “{item.title[:60]}” {way} vị trí {item.position}")


def _stale(what: str):
    return (f"{what} vừa được người khác sửa. Nội dung hiện tại đã được tải lại; hãy xem lại "
            "rồi lưu lần nữa.")


def update_item(item: AgendaItem, *, duration: int | None, lead: str, actor,
                expected_version) -> None:
    lead = " ".join((lead or "").split())
    if not lead:
        raise DomainError("Ghi rõ ai thực hiện mục này.", field="lead")
    if len(lead) > LEAD_MAX:
        raise DomainError("Tối đa 255 ký tự.", field="lead")
    if duration is None or not 1 <= duration <= 240:
        raise DomainError("Thời lượng từ 1 đến 240 phút.", field="duration_minutes")
    if (item.lead, item.duration_minutes) == (lead, duration):
        return
    versioned_update(item, {"lead": lead, "duration_minutes": duration},
                     expected_version=expected_version, action="agenda.update",
                     summary=f"Sửa mục “{item.title[:60]}”: {duration} phút, {lead}",
                     stale_message=_stale("Mục chương trình này"))


def clean_mc(text: str) -> str:
    return "\n".join(line.rstrip() for line in (text or "").strip().splitlines())


def update_mc(item: AgendaItem, text: str, *, actor, expected_version) -> None:
    """The MC's lines of one item; a stale form (opened before someone else's save) is refused."""
    text = clean_mc(text)
    if not text:
        raise DomainError("Lời dẫn không được để trống.", field="mc_text")
    if len(text) > MC_MAX:
        raise DomainError("Lời dẫn tối đa 4.000 ký tự.", field="mc_text")
    if text == item.mc_text:
        return
    versioned_update(item, {"mc_text": text}, expected_version=expected_version,
                     action="script.mc_text", summary=f"Sửa lời dẫn mục “{item.title[:60]}”",
                     stale_message=_stale("Lời dẫn của mục này"))
    script_duty_to(item.plan, Status.DRAFTING, actor=actor)
