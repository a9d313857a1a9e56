"""Rules of the conference: the agenda and its clock, the speakers, the meeting script (its
context, versions and diff), the programme and the readiness checklist.

Services flush and never commit; every change writes an audit entry (before/after).
"""
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path

from flask import abort

from ..audit.service import record, snapshot
from ..core import clock
from ..core.errors import DomainError, NotAllowed, StaleEdit
from ..core.formatting import ddmmyyyy, document_date
from ..core.roles import Role
from ..duties.models import Assignment, Duty, Status
from ..extensions import db
from ..plan.models import AgendaItem, Plan, SpeechSlot, Unit
from .models import ConferenceSetting, ReadinessTick, ScriptVersion

HERE = Path(__file__).parent
PAPER_DUTY = "tham-luan"
SCRIPT_DELIVERABLE = "script"
MC_MAX = 4000
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


@lru_cache(maxsize=1)
def conventions() -> dict:
    with open(HERE / "conference.toml", "rb") as fh:
        return tomllib.load(fh)["script"]


# --- the agenda and its clock ----------------------------------------------------------------

def settings_of(plan: Plan) -> ConferenceSetting | None:
    return db.session.query(ConferenceSetting).filter_by(plan_id=plan.id).one_or_none()


def start_time_of(plan: Plan) -> time | None:
    setting = settings_of(plan)
    return setting.start_time if setting else None


def clock_text(value: time | datetime | None) -> str:
    """07:30 -> "7h30", the way programmes write the time."""
    if value is None:
        return ""
    return f"{value.hour}h{value.minute:02d}"


_TIME = re.compile(r"^\s*(\d{1,2})\s*(?:[:hH.giờ]+)\s*(\d{0,2})\s*(?:phút)?\s*$")


def parse_time(text: str) -> time:
    match = _TIME.match(text or "")
    if not match:
        raise DomainError("Nhập giờ bắt đầu dạng 7:30 hoặc 7h30.", field="start_time")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise DomainError("Giờ bắt đầu không hợp lệ (giờ 0–23, phút 0–59).", field="start_time")
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
    for item in sorted(plan.agenda_items, key=lambda i: (i.position, i.id)):
        end = at + timedelta(minutes=item.duration_minutes) if at else None
        slots.append(Slot(item, at, end))
        at = end
    return slots


def total_minutes(plan: Plan) -> int:
    return sum(i.duration_minutes for i in plan.agenda_items)


def _check_version(obj, expected: int | None, what: str) -> None:
    if expected is not None and expected != obj.version:
        raise StaleEdit(f"{what} vừa được người khác sửa. Nội dung hiện tại đã được tải lại; "
                        "hãy xem lại rồi lưu lần nữa.", current=obj)


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


ITEM_FIELDS = ("position", "lead", "duration_minutes", "mc_text")


def _items_locked(plan: Plan) -> list[AgendaItem]:
    return (db.session.query(AgendaItem).filter_by(plan_id=plan.id)
            .order_by(AgendaItem.position, AgendaItem.id).with_for_update().all())


def move_item(item: AgendaItem, direction: str, *, actor) -> None:
    """Swap the item with its neighbour (up / down); positions stay 1..n."""
    items = _items_locked(item.plan)
    for position, other in enumerate(items, start=1):
        other.position = position
    index = items.index(item)
    target = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= target < len(items):
        raise DomainError("Mục này không di chuyển được theo hướng đó.")
    other = items[target]
    before = {"position": item.position}
    item.position, other.position = other.position, item.position
    item.version += 1
    other.version += 1
    db.session.flush()
    record("agenda.move", item, before=before, after={"position": item.position}, actor=actor,
           summary=f"Chuyển mục “{item.title[:60]}” lên vị trí {item.position}"
           if direction == "up" else
           f"Chuyển mục “{item.title[:60]}” xuống vị trí {item.position}")


def update_item(item: AgendaItem, *, duration: int, lead: str, actor,
                expected_version: int | None) -> None:
    _check_version(item, expected_version, "Mục chương trình này")
    lead = (lead or "").strip()
    if not lead:
        raise DomainError("Ghi rõ ai thực hiện mục này.", field="lead")
    if len(lead) > 255:
        raise DomainError("Tối đa 255 ký tự.", field="lead")
    if duration is None or not 1 <= duration <= 240:
        raise DomainError("Thời lượng từ 1 đến 240 phút.", field="duration_minutes")
    before = snapshot(item, ITEM_FIELDS)
    if before["lead"] == lead and before["duration_minutes"] == duration:
        return
    item.lead, item.duration_minutes = lead, duration
    item.version += 1
    db.session.flush()
    record("agenda.update", item, before=before, after=snapshot(item, ITEM_FIELDS), actor=actor,
           summary=f"Sửa mục “{item.title[:60]}”: {duration} phút, {lead}")


def update_mc(item: AgendaItem, text: str, *, actor, expected_version: int | None) -> None:
    """The MC's lines of one item; a stale form (opened before someone else's save) is refused."""
    _check_version(item, expected_version, "Lời dẫn của mục này")
    text = "\n".join(line.rstrip() for line in (text or "").strip().splitlines())
    if not text:
        raise DomainError("Lời dẫn không được để trống.", field="mc_text")
    if len(text) > MC_MAX:
        raise DomainError(f"Lời dẫn tối đa {MC_MAX:,} ký tự.".replace(",", "."), field="mc_text")
    if text == item.mc_text:
        return
    before = snapshot(item, ITEM_FIELDS)
    item.mc_text = text
    item.version += 1
    db.session.flush()
    record("script.mc_text", item, before=before, after=snapshot(item, ITEM_FIELDS),
           actor=actor, summary=f"Sửa lời dẫn mục “{item.title[:60]}”")
    _script_duty_to(item.plan, Status.DRAFTING, actor=actor)


def get_item_or_404(item_id: int, plan: Plan) -> AgendaItem:
    item = db.session.get(AgendaItem, item_id)
    if item is None or item.plan_id != plan.id:
        abort(404)
    return item


# --- the script duty ("kich-ban-giay-moi") -----------------------------------------------------

def script_assignment(plan: Plan) -> Assignment | None:
    return (db.session.query(Assignment).join(Assignment.duty)
            .filter(Duty.plan_id == plan.id, Duty.deliverable == SCRIPT_DELIVERABLE,
                    Assignment.unit_id == plan.coordinator_unit_id).first())


def _script_duty_to(plan: Plan, target: Status, *, actor) -> None:
    from ..duties.service import set_status
    assignment = script_assignment(plan)
    if assignment is None or assignment.status == target:
        return
    if target == Status.DRAFTING and assignment.status == Status.ACCEPTED:
        return
    set_status(assignment, target, actor=actor)


def script_is_final(plan: Plan) -> bool:
    assignment = script_assignment(plan)
    return assignment is not None and assignment.status in (Status.SUBMITTED, Status.ACCEPTED)


def mark_script_final(plan: Plan, *, actor) -> None:
    if script_is_final(plan):
        raise DomainError("Kịch bản đã được chốt.")
    if not db.session.query(ScriptVersion).filter_by(plan_id=plan.id).count():
        raise DomainError("Tải kịch bản về (lưu một phiên bản) trước khi chốt.")
    _script_duty_to(plan, Status.SUBMITTED, actor=actor)


# --- speakers ----------------------------------------------------------------------------------

SPEAKER_FIELDS = ("position", "topic", "speaker_name", "speaker_title")


def can_manage_speakers(user) -> bool:
    return user.role == Role.COORDINATOR


def can_name_speaker(user, slot: SpeechSlot) -> bool:
    return can_manage_speakers(user) or (slot.unit_id == user.unit_id
                                         and user.role not in (Role.LEADERSHIP, Role.ADMIN))


def can_see_all_speakers(user) -> bool:
    from ..core.permissions import Cap, has_cap
    return has_cap(user, Cap.CONFERENCE_VIEW)


def visible_slots(plan: Plan, user) -> list[SpeechSlot]:
    slots = sorted(plan.speech_slots, key=lambda s: s.position)
    if can_see_all_speakers(user):
        return slots
    return [s for s in slots if s.unit_id == user.unit_id]


def get_slot_or_404(slot_id: int, plan: Plan, user) -> SpeechSlot:
    slot = db.session.get(SpeechSlot, slot_id)
    if slot is None or slot.plan_id != plan.id:
        abort(404)
    if not can_see_all_speakers(user) and slot.unit_id != user.unit_id:
        abort(404)  # another unit's slot: as if it did not exist
    return slot


def paper_assignments(plan: Plan) -> dict[int, Assignment]:
    """The discussion-paper duty of each speaking unit, by unit id."""
    rows = (db.session.query(Assignment).join(Assignment.duty)
            .filter(Duty.plan_id == plan.id, Duty.code == PAPER_DUTY).all())
    return {a.unit_id: a for a in rows}


def update_speaker(slot: SpeechSlot, *, name: str, title: str, topic: str | None, actor,
                   expected_version: int | None) -> None:
    if not can_name_speaker(actor, slot):
        raise NotAllowed("Chỉ đơn vị được phân công hoặc Phòng LĐTB&XH nêu người trình bày.")
    _check_version(slot, expected_version, "Tham luận này")
    name, title = " ".join((name or "").split()), " ".join((title or "").split())
    if len(name) > 120:
        raise DomainError("Họ và tên tối đa 120 ký tự.", field="speaker_name")
    if len(title) > 255:
        raise DomainError("Chức vụ tối đa 255 ký tự.", field="speaker_title")
    if name and not title:
        raise DomainError("Ghi chức vụ (hoặc nghề nghiệp, nơi ở) của người trình bày.",
                          field="speaker_title")
    before = snapshot(slot, SPEAKER_FIELDS)
    slot.speaker_name, slot.speaker_title = name, title
    if topic is not None:
        if not can_manage_speakers(actor):
            raise NotAllowed("Chỉ Phòng LĐTB&XH sửa chủ đề tham luận.")
        topic = " ".join(topic.split())
        if not topic:
            raise DomainError("Chủ đề tham luận không được để trống.", field="topic")
        slot.topic = topic
    after = snapshot(slot, SPEAKER_FIELDS)
    if after == before:
        return
    slot.version += 1
    db.session.flush()
    record("speech.speaker", slot, before=before, after=after, actor=actor,
           summary=f"Tham luận {slot.unit.short_name}: "
                   f"{name + ', ' + title if name else 'chưa có người trình bày'}")


def move_speaker(slot: SpeechSlot, direction: str, *, actor) -> None:
    slots = (db.session.query(SpeechSlot).filter_by(plan_id=slot.plan_id)
             .order_by(SpeechSlot.position).with_for_update().all())
    index = slots.index(slot)
    target = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= target < len(slots):
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


# --- other capabilities, behind adapters -------------------------------------------------------

def introductions(plan: Plan, present_only: bool = False) -> list[dict] | None:
    """Delegates to introduce, in protocol order (webapp.delegates); None when that capability
    is not installed."""
    try:
        from ..delegates.service import introduction_list
    except ImportError:
        return None
    return list(introduction_list(plan, present_only=present_only))


def reward_announcement(plan: Plan) -> dict:
    """The approved awardees and the reward decision (webapp.awards): {"pending": True} until a
    decision with its number exists."""
    try:
        from ..awards import service as awards
    except ImportError:
        return {"pending": True, "awardees": [], "number": "", "date": None}
    decision = None
    for name in ("get_decision", "reward_decision", "current_decision"):
        if hasattr(awards, name):
            decision = getattr(awards, name)(plan)
            break
    awardees = list(awards.approved_awardees(plan)) if hasattr(awards, "approved_awardees") else []
    number = _field(decision, "number") or ""
    if number and "/" not in number and hasattr(awards, "number_text"):
        number = awards.number_text(decision)  # "05/QĐ-UBND"
    signed = _field(decision, "decision_date") or _field(decision, "date")
    return {"pending": decision is None or not number or not awardees, "awardees": awardees,
            "number": number, "date": signed}


def _field(obj, name):
    if obj is None:
        return None
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


# --- the meeting script -----------------------------------------------------------------------

def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _person_line(name: str, title: str, organisation: str) -> str:
    parts = [name]
    if title:
        parts.append(title)
    if organisation and organisation.casefold() not in title.casefold():
        parts.append(organisation)
    return ", ".join(parts)


def _introduction_blocks(plan: Plan, people: list[dict] | None) -> tuple[list[dict], list[dict]]:
    """Blocks of the introduction: by name up to the configured protocol rank, then the other
    compositions together with their numbers. Returns (blocks, the people as kept for diffs)."""
    if people is None:
        return ([{"style": "note", "text": "(Danh sách đại biểu chưa có trong hệ thống: điền tay "
                                           "khi in.)"}], [])
    max_rank = int(conventions().get("introduce_by_name_max_rank", 30))
    levels = {c.label: c.level for c in plan.compositions}
    # "rank" of an introduction orders people inside a composition; by-name or together is
    # decided by the composition's protocol rank.
    ranks = {c.label: c.protocol_rank for c in plan.compositions}
    blocks: list[dict] = []
    kept: list[dict] = []
    group_label = None
    together: dict[str, int] = {}
    for person in people:
        entry = {"name": person.get("full_name", ""), "title": person.get("title", "") or "",
                 "organisation": person.get("organisation", "") or "",
                 "composition": person.get("composition_label", "") or ""}
        kept.append(entry)
        if ranks.get(entry["composition"], 100) <= max_rank:
            if entry["composition"] != group_label:
                group_label = entry["composition"]
                heading = {"province": "Về phía tỉnh:", "district": "Về phía huyện:"}.get(
                    levels.get(group_label, ""), f"{group_label}:")
                if not blocks or blocks[-1]["text"] != heading:
                    blocks.append({"style": "heading", "text": heading})
            blocks.append({"style": "bullet", "text": "Đồng chí " + _person_line(
                entry["name"], entry["title"], entry["organisation"]) + ";"})
        else:
            together[entry["composition"]] = together.get(entry["composition"], 0) + 1
    if together:
        blocks.append({"style": "heading", "text": "Cùng dự hội nghị có:"})
        for label, count in together.items():
            blocks.append({"style": "bullet", "text": f"{label} ({count:02d} đại biểu);"})
    if not people:
        blocks.append({"style": "note", "text": "(Chưa có đại biểu nào xác nhận tham dự.)"})
    else:
        blocks.append({"style": "line",
                       "text": "Hội nghị trân trọng cảm ơn sự có mặt của các đồng chí đại biểu."})
    return blocks, kept


def _speaker_entries(plan: Plan) -> list[dict]:
    entries = []
    for order, slot in enumerate(sorted(plan.speech_slots, key=lambda s: s.position), start=1):
        entries.append({"order": order, "unit": slot.unit.name, "unit_short": slot.unit.short_name,
                        "name": slot.speaker_name, "title": slot.speaker_title,
                        "topic": slot.topic, "individual": bool(slot.speaker_note)})
    return entries


def _speaker_blocks(speakers: list[dict]) -> list[dict]:
    blocks = []
    for s in speakers:
        if s["name"]:
            honorific = "ông (bà)" if s["individual"] else "đồng chí"
            who = f"{honorific} {_person_line(s['name'], s['title'], s['unit'])}"
        else:
            who = f"đại diện {s['unit']}"
        blocks.append({"style": "line", "text": f"Kính mời {who} trình bày tham luận: "
                                                f"“{s['topic']}”."})
        if not s["name"]:
            blocks.append({"style": "note", "text": f"({s['unit_short']} chưa báo tên người "
                                                    "trình bày.)"})
    return blocks


def _award_entries(awardees: list) -> list[dict]:
    entries = []
    for a in awardees:
        kind = _field(a, "kind") or ""
        entries.append({
            "kind": kind, "name": _field(a, "name") or "",
            "position": _field(a, "position") or _field(a, "title") or "",
            "unit": _field(a, "unit") or "", "money": _field(a, "money"),
            "salutation": _field(a, "salutation") or "",
        })
    return entries


def _reward_blocks(plan: Plan, item: AgendaItem, rewards: dict,
                   awardees: list[dict]) -> list[dict]:
    if rewards["pending"]:
        return [{"style": "note", "text": "(Danh sách khen thưởng đang chờ Quyết định khen thưởng "
                                          "của Chủ tịch UBND huyện.)"}]
    district = plan.issuer.removeprefix("UBND").strip()
    when = f" ngày {ddmmyyyy(rewards['date'])}" if rewards.get("date") else ""
    blocks = [{"style": "line", "text": f"Kính mời đồng chí {_lower_first(item.lead)} lên công bố "
                                        f"Quyết định số {rewards['number']}{when} của Chủ tịch "
                                        f"UBND {district} về việc khen thưởng."}]
    size = max(1, int(conventions().get("awards_per_group", 6)))
    presenter = conventions().get("award_presenter", "lãnh đạo UBND huyện")
    for index in range(0, len(awardees), size):
        group = awardees[index:index + size]
        blocks.append({"style": "heading",
                       "text": f"Đợt {index // size + 1}: Kính mời đại diện các tập thể, các cá "
                               "nhân sau lên nhận Giấy khen:"})
        for a in group:
            if a["kind"] == "collective":
                text = a["name"]
            else:
                text = _person_line(f"{a.get('salutation', '')} {a['name']}".strip(),
                                    a["position"], a["unit"])
            blocks.append({"style": "bullet", "text": f"{text};"})
        blocks.append({"style": "line", "text": f"Kính mời đồng chí {presenter} lên trao Giấy "
                                                "khen cho các tập thể, cá nhân."})
    return blocks


def script_context(plan: Plan, present_only: bool = False) -> dict:
    """Everything the script shows, as plain JSON-able data (kept with each version)."""
    start = start_time_of(plan)
    people = introductions(plan, present_only)
    intro_blocks, kept_people = _introduction_blocks(plan, people)
    speakers = _speaker_entries(plan)
    rewards = reward_announcement(plan)
    awardees = _award_entries(rewards["awardees"]) if not rewards["pending"] else []
    items = []
    for number, slot in enumerate(schedule(plan), start=1):
        item = slot.item
        if item.kind == "introduction":
            blocks = intro_blocks
        elif item.kind == "discussion_papers":
            blocks = _speaker_blocks(speakers)
        elif item.kind == "rewards":
            blocks = _reward_blocks(plan, item, rewards, awardees)
        else:
            blocks = []
        items.append({
            "id": item.id, "code": item.code, "number": number, "title": item.title,
            "kind": item.kind, "lead": item.lead, "duration": item.duration_minutes,
            "clock": slot.clock, "start": clock_text(slot.start),
            "mc_text": item.mc_text,
            "mc_lines": [line for line in item.mc_text.splitlines() if line.strip()],
            "blocks": blocks,
        })
    day = plan.conference_date
    when = (f"{clock_text(start) + ', ' if start else ''}{WEEKDAYS[day.weekday()].lower()}, "
            f"ngày {ddmmyyyy(day)}") if day else (clock_text(start) or "(chưa ấn định)")
    summary = (f"Hội nghị sơ kết giữa kỳ {plan.program_name} và phong trào thi đua "
               f"“{plan.movement_name}” giai đoạn {plan.period}")
    return {
        "place_date": document_date(plan.place_of_issue, clock.today()),
        "number_text": "",
        "summary": summary, "when": when, "venue": plan.venue,
        "start_time": clock_text(start), "conference_date": ddmmyyyy(day),
        "present_only": present_only,
        "opening_lines": list(conventions().get("opening_lines", [])),
        "closing_lines": list(conventions().get("closing_lines", [])),
        "items": items, "speakers": speakers, "introductions": kept_people,
        "introductions_available": people is not None,
        "rewards": {"pending": rewards["pending"], "number": rewards["number"],
                    "date": ddmmyyyy(rewards["date"]) if rewards.get("date") else "",
                    "awardees": awardees},
    }


def programme_context(plan: Plan) -> dict:
    ctx = script_context(plan)
    speakers = [f"{s['unit']}: {s['topic']}" for s in ctx["speakers"]]
    rows = [{"clock": i["clock"] or "", "title": i["title"], "lead": i["lead"],
             "subs": speakers if i["kind"] == "discussion_papers" else []} for i in ctx["items"]]
    return {"place_date": ctx["place_date"], "number_text": "",
            "summary": ctx["summary"], "when": ctx["when"], "venue": ctx["venue"], "rows": rows}


def versions(plan: Plan) -> list[ScriptVersion]:
    return (db.session.query(ScriptVersion).filter_by(plan_id=plan.id)
            .order_by(ScriptVersion.number.desc()).all())


def last_version(plan: Plan) -> ScriptVersion | None:
    return (db.session.query(ScriptVersion).filter_by(plan_id=plan.id)
            .order_by(ScriptVersion.number.desc()).first())


def save_version(plan: Plan, *, actor, present_only: bool = False) -> ScriptVersion:
    """Keep what is downloaded now: the context, and a one-line summary of the changes."""
    context = script_context(plan, present_only)
    previous = last_version(plan)
    changes = diff(previous.context, context) if previous else []
    number = (previous.number if previous else 0) + 1
    version = ScriptVersion(plan_id=plan.id, number=number, created_at=clock.now(),
                            created_by_id=getattr(actor, "id", None),
                            created_by_name=getattr(actor, "full_name", "") or "",
                            present_only=present_only, context=context,
                            summary=(f"{len(changes)} thay đổi so với phiên bản {number - 1}"
                                     if previous else "Phiên bản đầu tiên"))
    db.session.add(version)
    db.session.flush()
    record("script.version", version, before=None,
           after={"number": number, "present_only": present_only,
                  "changes": [c["text"] for c in changes]},
           actor=actor, summary=f"Tải kịch bản điều hành, phiên bản {number}")
    return version


def get_version_or_404(plan: Plan, number: int) -> ScriptVersion:
    version = db.session.query(ScriptVersion).filter_by(plan_id=plan.id, number=number).first()
    if version is None:
        abort(404)
    return version


def _short(text: str, limit: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def diff(old: dict, new: dict) -> list[dict]:
    """What changed between two script contexts, as Vietnamese sentences with their section."""
    changes: list[dict] = []

    def add(section, kind, text, before="", after=""):
        changes.append({"section": section, "kind": kind, "text": text,
                        "before": before, "after": after})

    if old.get("start_time") != new.get("start_time") or \
            old.get("conference_date") != new.get("conference_date"):
        add("Thời gian", "edited", f"Thời gian hội nghị: {old.get('when')} → {new.get('when')}",
            old.get("when", ""), new.get("when", ""))
    if old.get("present_only") != new.get("present_only"):
        add("Đại biểu", "edited", "Giới thiệu đại biểu: " + (
            "theo danh sách có mặt" if new.get("present_only") else "theo danh sách xác nhận dự"))

    old_items = {i["code"]: i for i in old.get("items", [])}
    new_items = {i["code"]: i for i in new.get("items", [])}
    for item in new.get("items", []):
        before = old_items.get(item["code"])
        name = f"“{_short(item['title'], 60)}”"
        if before is None:
            add("Chương trình", "added", f"Thêm mục {name}")
            continue
        if before["number"] != item["number"]:
            add("Chương trình", "moved", f"Mục {name} chuyển từ vị trí {before['number']} sang "
                                         f"vị trí {item['number']}",
                str(before["number"]), str(item["number"]))
        if before["duration"] != item["duration"]:
            add("Chương trình", "edited", f"Mục {name}: thời lượng {before['duration']} → "
                                          f"{item['duration']} phút",
                str(before["duration"]), str(item["duration"]))
        if before["lead"] != item["lead"]:
            add("Chương trình", "edited", f"Mục {name}: người thực hiện “{before['lead']}” → "
                                          f"“{item['lead']}”", before["lead"], item["lead"])
        if before["mc_text"] != item["mc_text"]:
            add("Lời dẫn", "edited", f"Sửa lời dẫn mục {name}", before["mc_text"], item["mc_text"])
    for code, item in old_items.items():
        if code not in new_items:
            add("Chương trình", "removed", f"Bỏ mục “{_short(item['title'], 60)}”")

    old_speakers = {s["unit"]: s for s in old.get("speakers", [])}
    new_speakers = {s["unit"]: s for s in new.get("speakers", [])}
    for s in new.get("speakers", []):
        before = old_speakers.get(s["unit"])
        who = s["unit_short"]
        if before is None:
            add("Tham luận", "added", f"Thêm tham luận của {who}: “{_short(s['topic'])}”")
            continue
        if before["name"] != s["name"]:
            if not before["name"]:
                add("Tham luận", "added", f"{who} đã báo người trình bày: {s['name']}, {s['title']}",
                    "", s["name"])
            elif not s["name"]:
                add("Tham luận", "removed", f"{who} bỏ người trình bày {before['name']}",
                    before["name"], "")
            else:
                add("Tham luận", "replaced", f"Thay người trình bày tham luận của {who}: "
                                             f"{before['name']} → {s['name']}",
                    before["name"], s["name"])
        elif before["title"] != s["title"]:
            add("Tham luận", "edited", f"Chức vụ người trình bày của {who}: {before['title']} → "
                                       f"{s['title']}", before["title"], s["title"])
        if before["topic"] != s["topic"]:
            add("Tham luận", "edited", f"Sửa chủ đề tham luận của {who}", before["topic"],
                s["topic"])
        if before["order"] != s["order"]:
            add("Tham luận", "moved", f"Tham luận của {who} chuyển từ thứ {before['order']} sang "
                                      f"thứ {s['order']}", str(before["order"]), str(s["order"]))
    for unit, s in old_speakers.items():
        if unit not in new_speakers:
            add("Tham luận", "removed", f"Bỏ tham luận của {s['unit_short']}")

    def person_key(p):
        return (p["name"], p["organisation"])

    old_people = {person_key(p): p for p in old.get("introductions", [])}
    new_people = {person_key(p): p for p in new.get("introductions", [])}
    for key, p in new_people.items():
        if key not in old_people:
            add("Đại biểu", "added", "Thêm đại biểu được giới thiệu: " +
                _person_line(p["name"], p["title"], p["organisation"]))
        elif old_people[key]["title"] != p["title"]:
            add("Đại biểu", "edited", f"Chức vụ của đại biểu {p['name']}: "
                                      f"{old_people[key]['title']} → {p['title']}")
    for key, p in old_people.items():
        if key not in new_people:
            add("Đại biểu", "removed", "Bỏ đại biểu khỏi danh sách giới thiệu: " +
                _person_line(p["name"], p["title"], p["organisation"]))

    old_r, new_r = old.get("rewards", {}), new.get("rewards", {})
    if old_r.get("pending") and not new_r.get("pending"):
        add("Khen thưởng", "added", f"Đã có Quyết định khen thưởng số {new_r.get('number')} "
                                    f"ngày {new_r.get('date')}")
    elif not old_r.get("pending") and new_r.get("pending"):
        add("Khen thưởng", "removed", "Quyết định khen thưởng chưa còn: danh sách đang chờ")
    elif (old_r.get("number"), old_r.get("date")) != (new_r.get("number"), new_r.get("date")):
        add("Khen thưởng", "edited", f"Quyết định khen thưởng: số {old_r.get('number')} → "
                                     f"{new_r.get('number')}, ngày {new_r.get('date')}")

    def award_key(a):
        return (a["kind"], a["name"], a["unit"])

    def award_text(a):
        label = "tập thể" if a["kind"] == "collective" else "cá nhân"
        return f"{label} {_person_line(a['name'], a['position'], a['unit'])}"

    old_awards = {award_key(a): a for a in old_r.get("awardees", [])}
    new_awards = {award_key(a): a for a in new_r.get("awardees", [])}
    for key, a in new_awards.items():
        if key not in old_awards:
            add("Khen thưởng", "added", "Thêm " + award_text(a) + " được khen thưởng")
    for key, a in old_awards.items():
        if key not in new_awards:
            add("Khen thưởng", "removed", "Bỏ " + award_text(a) + " khỏi danh sách khen thưởng")
    return changes


# --- readiness --------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReadinessLine:
    code: str
    agenda: str
    label: str
    unit: str
    days_before: int
    check: str = ""


def load_lines(path: Path = HERE / "readiness.toml") -> list[ReadinessLine]:
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    lines = []
    for row in data.get("line", []):
        try:
            lines.append(ReadinessLine(code=row["code"], agenda=row.get("agenda", ""),
                                       label=row["label"], unit=row["unit"],
                                       days_before=int(row.get("days_before", 0)),
                                       check=row.get("check", "")))
        except (KeyError, ValueError) as exc:
            raise ValueError(f"{path.name}: dòng {row!r} thiếu hoặc sai {exc}") from exc
    return lines


@lru_cache(maxsize=1)
def readiness_lines() -> tuple[ReadinessLine, ...]:
    return tuple(load_lines())


def line_by_code(code: str) -> ReadinessLine | None:
    return next((line for line in readiness_lines() if line.code == code), None)


def can_tick(user, line: ReadinessLine) -> bool:
    return user.unit.code == line.unit


def days_left(plan: Plan, today: date | None = None) -> int | None:
    if plan.conference_date is None:
        return None
    return (plan.conference_date - (today or clock.today())).days


def _checks(plan: Plan) -> dict[str, str]:
    """Figures the app knows, shown beside the lines to help the unit decide."""
    papers = paper_assignments(plan)
    received = sum(1 for a in papers.values() if a.status in (Status.SUBMITTED, Status.ACCEPTED))
    figures = {"papers_received": f"Đã nhận {received}/{len(papers)} tham luận",
               "script_final": "Đã chốt" if script_is_final(plan) else "Chưa chốt"}
    rewards = reward_announcement(plan)
    figures["reward_decision"] = ("Chưa có quyết định khen thưởng" if rewards["pending"] else
                                  f"Quyết định số {rewards['number']}: "
                                  f"{len(rewards['awardees'])} tập thể, cá nhân")
    try:
        from ..delegates import service as delegates
        from ..delegates.models import Delegate
    except ImportError:
        delegates = None
    if delegates is not None and hasattr(delegates, "attendance"):
        counts = delegates.attendance(plan)
        issued = (db.session.query(Delegate).filter(Delegate.plan_id == plan.id,
                                                    Delegate.invitation_issued_at.isnot(None))
                  .count())
        figures["invitations_issued"] = (f"Đã phát hành {issued}/{counts['named']} giấy mời "
                                         f"({counts['named']}/{counts['planned']} đại biểu "
                                         "đã có tên)")
        figures["invitations_answered"] = (f"Đã phản hồi {counts['named'] - counts['pending']}/"
                                           f"{counts['named']}; {counts['expected']} dự, "
                                           f"{counts['declined']} không dự")
    else:
        figures["invitations_issued"] = figures["invitations_answered"] = \
            "Chưa có danh sách đại biểu"
    return figures


@dataclass
class CheckRow:
    line: ReadinessLine
    unit: Unit | None
    tick: ReadinessTick | None
    due: date | None
    figure: str

    @property
    def done(self) -> bool:
        return bool(self.tick and self.tick.done)

    @property
    def version(self) -> int:
        return self.tick.version if self.tick else 0

    def late(self, today: date) -> bool:
        return not self.done and self.due is not None and self.due < today


def checklist(plan: Plan) -> list[tuple[str, list[CheckRow]]]:
    """The lines grouped by agenda item (in agenda order), the conference-wide ones last."""
    ticks = {t.line_code: t for t in db.session.query(ReadinessTick).filter_by(plan_id=plan.id)}
    units = {u.code: u for u in db.session.query(Unit)}
    figures = _checks(plan)
    groups: list[tuple[str, list[CheckRow]]] = []
    titles = [(i.code, f"{n}. {i.title}") for n, i in
              enumerate(sorted(plan.agenda_items, key=lambda i: i.position), start=1)]
    titles.append(("", "Chung cho hội nghị"))
    for code, title in titles:
        rows = []
        for line in readiness_lines():
            if line.agenda != code:
                continue
            due = (plan.conference_date - timedelta(days=line.days_before)
                   if plan.conference_date else None)
            rows.append(CheckRow(line, units.get(line.unit), ticks.get(line.code), due,
                                 figures.get(line.check, "")))
        if rows:
            groups.append((title, rows))
    return groups


def tick(plan: Plan, line_code: str, *, done: bool, note: str, actor,
         expected_version: int | None) -> ReadinessTick:
    line = line_by_code(line_code)
    if line is None:
        abort(404)
    if not can_tick(actor, line):
        raise NotAllowed("Dòng này do đơn vị khác phụ trách.")
    row = (db.session.query(ReadinessTick).filter_by(plan_id=plan.id, line_code=line_code)
           .with_for_update().one_or_none())
    current = row.version if row else 0
    if expected_version is not None and expected_version != current:
        raise StaleEdit("Dòng này vừa được người khác cập nhật; hãy xem lại.", current=row)
    note = " ".join((note or "").split())
    if len(note) > 500:
        raise DomainError("Ghi chú tối đa 500 ký tự.", field="note")
    if row is None:
        row = ReadinessTick(plan_id=plan.id, line_code=line_code, version=0)
        db.session.add(row)
        before = {"done": False, "note": ""}
    else:
        before = snapshot(row, ("done", "note"))
    row.done, row.note = done, note
    row.ticked_at = clock.now()
    row.ticked_by_id = getattr(actor, "id", None)
    row.unit_id = actor.unit_id
    row.version = current + 1
    db.session.flush()
    record("readiness.tick", row, before=before, after=snapshot(row, ("done", "note")),
           actor=actor, summary=f"{'Đã xong' if done else 'Bỏ đánh dấu'}: {line.label}")
    return row
