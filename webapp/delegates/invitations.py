"""Issuing the invitations (giấy mời) and the contexts of the documents printed from the
delegates: invitations, the delegate list, name cards, the seating plan.

issue() changes data (a POST, flushed); the *_context functions only read: views render the
documents in GET requests, never inside a write transaction.
"""
from datetime import date

from ..core import clock
from ..core.errors import DomainError
from ..core.formatting import document_date
from ..extensions import db
from ..plan.models import Plan
from . import service
from .models import COMING, Delegate, InvitationIssue, Reply

SYMBOL = "GM-UBND"
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
MODES = {"person": "Mỗi đại biểu một trang", "organisation": "Mỗi cơ quan, đơn vị một trang"}


def number_text(number: int) -> str:
    return f"{number:02d}/{SYMBOL}"


def issues(plan: Plan) -> list[InvitationIssue]:
    return (db.session.query(InvitationIssue).filter_by(plan_id=plan.id)
            .order_by(InvitationIssue.issued_at.desc(), InvitationIssue.id.desc()).all())


def issue(plan: Plan, *, number: int | None, issued_on: date | None, meeting_time: str,
          only_new: bool, actor) -> InvitationIssue:
    """Number the invitations of the named delegates (all, or those not yet invited), record
    the issue and mark Văn phòng's duty as done (submitted)."""
    from ..audit.service import record
    if plan.conference_date is None:
        raise DomainError("Kế hoạch chưa ấn định ngày tổ chức hội nghị; nhờ quản trị cập nhật "
                          "ngày hội nghị trước khi phát hành giấy mời.", field="number")
    if number is None or not 1 <= number <= 99999:
        raise DomainError("Số giấy mời là số nguyên dương (ví dụ 125).", field="number")
    text = number_text(number)
    if db.session.query(InvitationIssue).filter_by(plan_id=plan.id, number=text).count():
        raise DomainError(f"Số {text} đã dùng cho một lần phát hành trước.", field="number")
    if issued_on is None:
        raise DomainError("Nhập ngày ban hành (dd/mm/yyyy).", field="issued_on")
    if issued_on > plan.conference_date:
        raise DomainError("Ngày ban hành phải trước ngày hội nghị.", field="issued_on")
    meeting_time = (meeting_time or "").strip()
    if not meeting_time or len(meeting_time) > 32:
        raise DomainError("Ghi giờ khai mạc, ví dụ “07 giờ 30”.", field="meeting_time")
    query = db.session.query(Delegate).filter(Delegate.plan_id == plan.id)
    if only_new:
        query = query.filter(Delegate.invitation_number == "")
    delegates = query.all()
    if not delegates:
        raise DomainError("Không có đại biểu nào cần phát hành giấy mời." if only_new else
                          "Danh sách đại biểu chưa có ai.", field="number")
    now = clock.now()
    batch = InvitationIssue(plan_id=plan.id, number=text, issued_on=issued_on,
                            meeting_time=meeting_time, issued_at=now, issued_by_id=actor.id,
                            delegate_count=len(delegates))
    db.session.add(batch)
    for d in delegates:
        d.invitation_number = text
        d.invitation_issued_at = now
        d.version += 1
    db.session.flush()
    record("invitation.issue", batch, actor=actor,
           after={"number": text, "issued_on": issued_on, "meeting_time": meeting_time,
                  "delegates": len(delegates), "only_new": only_new},
           summary=f"Phát hành Giấy mời số {text} cho {len(delegates)} đại biểu")
    _mark_duty_done(plan, actor)
    return batch


def _mark_duty_done(plan: Plan, actor) -> None:
    from ..duties.models import OPEN_STATUSES, Assignment, Duty, Status
    from ..duties.service import set_status
    assignments = (db.session.query(Assignment).join(Assignment.duty)
                   .filter(Duty.plan_id == plan.id, Duty.deliverable == "invitations",
                           Assignment.unit_id == actor.unit_id).all())
    for a in assignments:
        if Status(a.status) in OPEN_STATUSES:
            set_status(a, Status.SUBMITTED, actor=actor)


# --- document contexts -----------------------------------------------------------------------

def _time_text(batch: InvitationIssue, plan: Plan) -> str:
    day = plan.conference_date
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return (f"{batch.meeting_time}, {WEEKDAYS[day.weekday()]}, ngày {day.day:02d} tháng {month} "
            f"năm {day.year}")


def _common(plan: Plan) -> dict:
    return {
        "program_name": plan.program_name, "movement_name": plan.movement_name,
        "period": plan.period, "venue": plan.venue,
        "signer_authority": plan.signer_authority, "signer_title": plan.signer_title,
        "signer_name": plan.signer_name,
    }


def invitation_context(plan: Plan, batch: InvitationIssue, mode: str = "person") -> dict:
    delegates = [d for d in service.delegates_of(plan) if d.invitation_number == batch.number]
    pages = []
    if mode == "organisation":
        groups: dict[str, list[Delegate]] = {}
        for d in delegates:
            groups.setdefault(d.organisation or d.composition.label, []).append(d)
        for organisation, members in groups.items():
            pages.append({"addressee": organisation,
                          "people": [_person_line(d, with_organisation=False)
                                     for d in members]})
    else:
        for d in delegates:
            pages.append({"addressee": _person_line(d), "people": []})
    return {**_common(plan), "number_text": batch.number,
            "place_date": document_date(plan.place_of_issue, batch.issued_on),
            "time_text": _time_text(batch, plan), "pages": pages,
            "recipients": ["Như trên"], "archive": "VT, VX"}


def _person_line(d: Delegate, with_organisation: bool = True) -> str:
    parts = [f"Đồng chí {d.full_name}"]
    detail = ", ".join(p for p in (d.title, d.organisation if with_organisation else "") if p)
    if d.title and d.organisation and d.organisation.lower() in d.title.lower():
        detail = d.title
    if detail:
        parts.append(detail)
    return " – ".join(parts)


def list_context(plan: Plan, batch: InvitationIssue | None = None) -> dict:
    groups = []
    index = 0
    current = None
    for d in service.delegates_of(plan):
        if current is None or current["id"] != d.composition_id:
            current = {"id": d.composition_id, "label": d.composition.label, "rows": [],
                       "roman": _roman(len(groups) + 1)}
            groups.append(current)
        index += 1
        reply = d.reply_label
        if d.reply == Reply.SUBSTITUTE:
            reply = f"Cử {d.substitute_name}" + (f" ({d.substitute_title})" if d.substitute_title else "")
        current["rows"].append({"no": index, "name": d.full_name, "title": d.title,
                                "organisation": d.organisation, "reply": reply,
                                "phone": d.phone})
    for g in groups:
        g.pop("id")
    issued = (f"(Kèm theo Giấy mời số {batch.number} ngày {batch.issued_on:%d/%m/%Y} "
              f"của UBND huyện Bình Sơn)") if batch else ""
    return {**_common(plan), "groups": groups, "total": index, "attachment_line": issued,
            "number_text": batch.number if batch else "",
            "place_date": document_date(plan.place_of_issue, batch.issued_on if batch else clock.today())}


def _roman(n: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


def name_cards_context(plan: Plan, composition_ids: list[int]) -> dict:
    """Name cards for the front rows: who is coming (the substitute in the invitee's place)."""
    cards = []
    for d in service.delegates_of(plan):
        if d.composition_id in composition_ids and d.reply != Reply.DECLINED:
            cards.append({"name": d.attendee_name, "title": d.attendee_title,
                          "organisation": d.organisation})
    return {"cards": cards}


def front_row_ids(plan: Plan) -> list[int]:
    """By default: the province guests and the district's first composition."""
    chosen = [c.id for c in plan.compositions if c.level == "province"]
    district = sorted((c for c in plan.compositions if c.level == "district"),
                      key=lambda c: (c.protocol_rank, c.position))
    if district:
        chosen.append(district[0].id)
    return chosen


# --- seats -----------------------------------------------------------------------------------

def assign_seats(plan: Plan, *, per_row: int, actor) -> int:
    """Seat everyone expected (and the pending) by protocol order: each composition starts a
    new row; labels "A1", "A2"... Declined delegates get no seat."""
    from ..audit.service import record
    if not 4 <= per_row <= 40:
        raise DomainError("Số ghế mỗi hàng từ 4 đến 40.", field="per_row")
    row, col, last_comp, count = 0, 0, None, 0
    for d in service.delegates_of(plan):
        if d.reply == Reply.DECLINED:
            if d.seat:
                d.seat = ""
                d.version += 1
            continue
        if last_comp is not None and d.composition_id != last_comp and col:
            row, col = row + 1, 0
        if col >= per_row:
            row, col = row + 1, 0
        last_comp = d.composition_id
        col += 1
        label = f"{_row_letter(row)}{col}"
        if d.seat != label:
            d.seat = label
            d.version += 1
        count += 1
    db.session.flush()
    record("delegate.seats", None, actor=actor, object_type="plan", object_id=plan.id,
           after={"per_row": per_row, "seated": count},
           summary=f"Xếp chỗ ngồi cho {count} đại biểu ({per_row} ghế mỗi hàng)")
    return count


def _row_letter(row: int) -> str:
    letters = "ABCDEFGHIKLMNOPQRSTUVXY"
    return letters[row] if row < len(letters) else f"H{row + 1}-"


def seating_plan(plan: Plan) -> list[dict]:
    """Rows of the hall as seated: [{row, seats: [delegate...]}] plus the unseated."""
    rows: dict[str, list] = {}
    for d in service.delegates_of(plan):
        if d.seat and d.reply != Reply.DECLINED:
            letter = d.seat.rstrip("0123456789")
            rows.setdefault(letter, []).append(d)
    for seats in rows.values():
        seats.sort(key=lambda d: int(d.seat[len(d.seat.rstrip("0123456789")):] or 0))
    return [{"row": letter, "seats": seats} for letter, seats in rows.items()]


def coming(d: Delegate) -> bool:
    return d.reply in COMING
