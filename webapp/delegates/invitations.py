"""Issuing the invitations (giấy mời) of UBND huyện and the context of the invitation paper.

The issuing body's own leaders preside (conference.toml [invitations] presiding_unit): they are
in the delegate list and the introductions, never invited. issue() changes data (a POST,
flushed); invitation_context only reads: documents render after the transaction.
"""
from datetime import date

from sqlalchemy import or_, select

from ..audit.service import record
from ..conference.agenda import parse_time
from ..core import clock, people
from ..core.errors import DomainError
from ..core.formatting import document_date
from ..duties.models import OPEN_STATUSES, Assignment, Duty, Status
from ..duties.service import set_status
from ..extensions import db
from ..plan.models import Plan, Unit
from .models import Delegate, InvitationIssue
from .queries import filtered

SYMBOL = "GM-UBND"
WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
MODES = {"person": "Mỗi đại biểu một trang", "organisation": "Mỗi cơ quan, đơn vị một trang"}
DEFAULT_MODE = "organisation"
DEFAULT_TIME = "07 giờ 30"


def presiding_unit_code() -> str:
    from ..conference.script import invitation_settings
    return invitation_settings().get("presiding_unit", "")


def number_text(number: int) -> str:
    return f"{number:02d}/{SYMBOL}"


def meeting_time_text(text: str) -> str:
    """"7h30", "07:30", "07 giờ 30" -> "07 giờ 30 phút" (Nghị định 30 form of the time)."""
    value = parse_time(text, field="meeting_time", what="Giờ khai mạc",
                       unreadable="Ghi giờ khai mạc, ví dụ “07 giờ 30” hoặc “7h30”.")
    hour, minute = value.hour, value.minute
    return f"{hour:02d} giờ {minute:02d} phút" if minute else f"{hour:02d} giờ"


def default_meeting_time(plan: Plan) -> str:
    """The opening time the giấy mời proposes: the programme's start time, else 07 giờ 30."""
    from ..conference.agenda import clock_text, start_time_of
    start = start_time_of(plan)
    return meeting_time_text(clock_text(start)) if start else meeting_time_text(DEFAULT_TIME)


def paper_options(plan: Plan, params: dict) -> tuple[str, str]:
    """(meeting time as printed, mode) of a giấy mời drafted through the register, from the
    options kept on the paper (what is not given: the programme's start, one page per body).
    A refusal on the field it is about otherwise."""
    given = (params.get("meeting_time") or "").strip()
    meeting_time = meeting_time_text(given) if given else default_meeting_time(plan)
    mode = params.get("mode") or DEFAULT_MODE
    if mode not in MODES:
        raise DomainError("Chọn cách in: mỗi đại biểu một trang hoặc mỗi cơ quan, đơn vị một "
                          "trang.", field="mode")
    return meeting_time, mode


def issues(plan: Plan) -> list[InvitationIssue]:
    return (db.session.query(InvitationIssue).filter_by(plan_id=plan.id)
            .order_by(InvitationIssue.issued_at.desc(), InvitationIssue.id.desc()).all())


def presides(d: Delegate, code: str | None = None) -> bool:
    """Whether `d` is one of the issuing body's own leaders (they preside, not invited)."""
    code = presiding_unit_code() if code is None else code
    return bool(code) and d.unit is not None and d.unit.code == code


def _presiding_units(code: str):
    return select(Unit.id).where(Unit.code == code).scalar_subquery()


def presiding(plan: Plan) -> list[Delegate]:
    """The issuing body's own leaders on the list (they preside, they are not invited)."""
    code = presiding_unit_code()
    if not code:
        return []
    return filtered(plan).filter(Delegate.unit_id.in_(_presiding_units(code))).all()


def invite_query(plan: Plan, *, only_new: bool):
    """Those an issue numbers, in protocol order: the named delegates but the presiding
    leaders and the walk-ins (all, or only those without an invitation yet)."""
    code = presiding_unit_code()
    query = filtered(plan, walk_in=False)
    if code:
        query = query.filter(or_(Delegate.unit_id.is_(None),
                                 Delegate.unit_id.notin_(_presiding_units(code))))
    if only_new:
        query = query.filter(Delegate.invitation_number == "")
    return query


def to_invite(plan: Plan, *, only_new: bool) -> list[Delegate]:
    return invite_query(plan, only_new=only_new).all()


def not_invited_count(plan: Plan) -> int:
    return invite_query(plan, only_new=True).order_by(None).count()


def issue(plan: Plan, *, number: int | None, issued_on: date | None, meeting_time: str,
          only_new: bool, actor) -> InvitationIssue:
    """Number the invitations of the named delegates (all, or those not yet invited), record
    the issue and mark Văn phòng's duty as done (submitted)."""
    if plan.conference_date is None:
        raise DomainError("Kế hoạch chưa ấn định ngày tổ chức hội nghị; nhờ quản trị cập nhật "
                          "ngày hội nghị trước khi phát hành giấy mời.", field="number")
    if number is None or not 1 <= int(number) <= 99999:
        raise DomainError("Số giấy mời là số nguyên dương (ví dụ 125).", field="number")
    text = number_text(int(number))
    if db.session.query(InvitationIssue).filter_by(plan_id=plan.id, number=text).count():
        raise DomainError(f"Số {text} đã dùng cho một lần phát hành trước.", field="number")
    if issued_on is None:
        raise DomainError("Nhập ngày ban hành (dd/mm/yyyy).", field="issued_on")
    if issued_on > plan.conference_date:
        raise DomainError("Ngày ban hành phải trước ngày hội nghị.", field="issued_on")
    meeting_time = meeting_time_text(meeting_time)
    delegates = to_invite(plan, only_new=only_new)
    if not delegates:
        raise DomainError("Không có đại biểu nào cần phát hành giấy mời." if only_new else
                          "Danh sách đại biểu chưa có ai.", field="number")
    now = clock.now()
    batch = InvitationIssue(plan_id=plan.id, number=text, issued_on=issued_on,
                            meeting_time=meeting_time, issued_at=now,
                            issued_by_id=getattr(actor, "id", None),
                            delegate_count=len(delegates))
    db.session.add(batch)
    for d in delegates:
        d.invitation_number = text
        d.invitation_issued_at = now
        d.version += 1
    db.session.flush()
    record("invitation.issue", batch, actor=actor,
           after={"number": text, "issued_on": issued_on, "meeting_time": meeting_time,
                  "delegate_count": len(delegates)},
           summary=f"Phát hành Giấy mời số {text} cho {len(delegates)} đại biểu")
    _mark_duty_done(plan, actor)
    return batch


def _mark_duty_done(plan: Plan, actor) -> None:
    assignments = (db.session.query(Assignment).join(Assignment.duty)
                   .filter(Duty.plan_id == plan.id, Duty.deliverable == "invitations",
                           Assignment.unit_id == getattr(actor, "unit_id", None)).all())
    for a in assignments:
        if Status(a.status) in OPEN_STATUSES:
            set_status(a, Status.SUBMITTED, actor=actor)


# --- the paper -------------------------------------------------------------------------------

def time_text(meeting_time: str, day: date) -> str:
    """"07 giờ 30 phút, thứ Ba, ngày 05 tháng 12 năm 2023"."""
    hour = meeting_time if "phút" in meeting_time or meeting_time.endswith("giờ") else \
        meeting_time_text(meeting_time)
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{hour}, {WEEKDAYS[day.weekday()]}, ngày {day.day:02d} tháng {month} năm {day.year}"


def person_of(d: Delegate) -> people.Person:
    return people.Person(d.full_name, d.title, d.organisation, d.address)


def summary_of(plan: Plan) -> str:
    from ..conference.script import summary_of as conference_summary
    return "Dự " + conference_summary(plan)


def common(plan: Plan) -> dict:
    return {"program_name": plan.program_name, "movement_name": plan.movement_name,
            "period": plan.period, "venue": plan.venue, "issuer": plan.issuer,
            "signer_authority": plan.signer_authority, "signer_title": plan.signer_title,
            "signer_name": plan.signer_name, "author": plan.issuer}


def _pages(delegates: list[Delegate], mode: str) -> list[dict]:
    pages = []
    if mode == "organisation":
        groups: dict[str, list[Delegate]] = {}
        for d in delegates:
            groups.setdefault(d.organisation or d.composition.label, []).append(d)
        for organisation, members in groups.items():
            persons = [person_of(d) for d in members]
            if len(members) == 1:
                pages.append({"addressee": people.address_line(persons[0]), "people": [],
                              "you": persons[0].address_word})
                continue
            pages.append({"addressee": people.capitalise(people.mid_sentence(organisation)),
                          "people": [people.address_line(p) for p in persons],
                          "you": people.plural_address(persons)})
    else:
        for d in delegates:
            person = person_of(d)
            pages.append({"addressee": people.address_line(person), "people": [],
                          "you": person.address_word})
    return pages


def invitation_context(plan: Plan, batch, mode: str = "person") -> dict:
    """`batch` is an InvitationIssue (or anything with number, issued_on, meeting_time): the
    delegates it numbered, or, without a number yet, those still to invite."""
    if batch.number:
        delegates = filtered(plan).filter(Delegate.invitation_number == batch.number).all()
    else:
        delegates = to_invite(plan, only_new=True)
    day = plan.conference_date or clock.today()
    return {**common(plan), "number_text": batch.number or f"      /{SYMBOL}",
            "place_date": document_date(plan.place_of_issue, batch.issued_on),
            "summary": summary_of(plan), "conference": summary_of(plan)[3:],
            "time_text": time_text(batch.meeting_time, day),
            "pages": _pages(delegates, mode), "recipients": ["Như trên"], "archive": "VT, VX",
            "title": "Giấy mời " + summary_of(plan)[:1].lower() + summary_of(plan)[1:]}


def unit_of_organisation(name: str) -> Unit | None:
    """The unit whose name is a delegate's organisation (its invitees answer through it)."""
    folded = people.mid_sentence(name).casefold()
    for unit in db.session.query(Unit):
        if people.mid_sentence(unit.name).casefold() == folded:
            return unit
    return None
