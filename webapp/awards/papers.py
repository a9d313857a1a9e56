"""The papers Phòng Nội vụ prepares around the decision: its Tờ trình đề nghị khen thưởng to
the Chủ tịch UBND huyện (…/TTr-NV) and the Biên bản of the selection meeting (who presided,
who attended, the votes per nominee). Both are entered in forms, versioned and audited."""
from dataclasses import dataclass, field
from datetime import date, datetime

from ..audit.service import record_created, versioned_update
from ..core import clock
from ..core.errors import DomainError, NotAllowed
from ..core.text import nfc
from ..extensions import db
from ..plan.models import Plan
from .models import ADDRESS_LABELS, RewardProposal, SelectionMeeting
from .policy import can_draft
from .queries import one_of_plan, put_to_the_meeting, remember

PROPOSAL_FIELDS = ("number", "proposal_date", "signer_title", "signer_name")
MEETING_FIELDS = ("number", "body", "held_at", "ended_at", "place", "chair", "secretary",
                  "attendees", "members_total", "members_present", "votes", "conclusion")
DEFAULT_BODY = "Ban Chỉ đạo các Chương trình mục tiêu quốc gia huyện"
_ADDRESS_WORDS = {"đồng chí": "dong_chi", "ông": "ong", "bà": "ba"}


def get_proposal(plan: Plan) -> RewardProposal | None:
    return one_of_plan(RewardProposal, plan)


def get_meeting(plan: Plan) -> SelectionMeeting | None:
    return one_of_plan(SelectionMeeting, plan)


def refuse_typed_number(typed: str, kept: str, what: str, field_name: str = "number") -> None:
    """A paper's number comes from the outgoing register when it is issued, never from a form:
    a number sent by hand (other than the one the register gave) is refused."""
    typed = nfc(typed or "")
    if typed and typed != (kept or ""):
        raise DomainError(f"Số {what} do văn thư cấp từ sổ văn bản đi khi phát hành, không nhập "
                          "tay.", field=field_name)


def record_register_number(obj, number: int, issued_on: date, date_field: str, *, action: str,
                           summary: str, fields: tuple, actor) -> None:
    """The outgoing register's number and date on a reward paper's own record (the decision,
    the Tờ trình) when the văn thư issues it: version + 1, audited with before and after."""
    versioned_update(obj, {"number": str(number), date_field: issued_on,
                           "updated_at": clock.now(), "updated_by_id": getattr(actor, "id", None)},
                     expected_version=None, action=action, summary=summary, fields=fields,
                     actor=actor)


def record_register_withdrawal(obj, date_field: str, *, action: str, summary: str, fields: tuple,
                               actor) -> None:
    """The paper was withdrawn (thu hồi) from the register: its number and date leave the
    reward paper's record, which is a draft again (version + 1, audited)."""
    versioned_update(obj, {"number": "", date_field: None, "updated_at": clock.now(),
                           "updated_by_id": getattr(actor, "id", None)},
                     expected_version=None, action=action, summary=summary, fields=fields,
                     actor=actor)


def _save(model, plan: Plan, changes: dict, fields: tuple, *, actor, expected_version,
          action: str, summary: str):
    obj = db.session.query(model).filter_by(plan_id=plan.id).one_or_none()
    changes = {**changes, "updated_at": clock.now(), "updated_by_id": actor.id}
    if obj is None:
        obj = model(plan_id=plan.id, version=1, **changes)
        remember(obj)
        return record_created(obj, fields, action=action, actor=actor, summary=summary)
    versioned_update(obj, changes, expected_version=expected_version, action=action,
                     summary=summary, fields=fields, actor=actor,
                     stale_message="Văn bản vừa được người khác sửa. Tải lại trang để xem bản "
                                   "mới trước khi lưu.")
    return obj


# --- the Tờ trình ----------------------------------------------------------------------------

def save_proposal(plan: Plan, *, proposal_date: date | None, signer_title: str,
                  signer_name: str, actor, expected_version=None, number: str = "") -> RewardProposal:
    """The draft of the Tờ trình. Its number and date are the register's once it is issued
    (`record_issued_proposal`); an issued Tờ trình is not edited."""
    if not can_draft(actor):
        raise NotAllowed("Chỉ Phòng Nội vụ soạn tờ trình đề nghị khen thưởng.")
    current = get_proposal(plan)
    if current is not None and current.number:
        raise NotAllowed(f"Tờ trình số {int(current.number):02d}/TTr-NV đã phát hành: không sửa được; "
                         "cần đính chính thì lập tờ trình mới.")
    refuse_typed_number(number, "", "tờ trình")
    changes = {"proposal_date": proposal_date,
               "signer_title": nfc(signer_title).upper(), "signer_name": nfc(signer_name)}
    if proposal_date is None:
        raise DomainError("Nhập ngày tờ trình (dd/mm/yyyy).", field="proposal_date")
    if not changes["signer_title"]:
        raise DomainError("Nhập chức vụ người ký (ví dụ TRƯỞNG PHÒNG).", field="signer_title")
    if not changes["signer_name"]:
        raise DomainError("Nhập họ tên Trưởng phòng Nội vụ ký tờ trình.", field="signer_name")
    return _save(RewardProposal, plan, changes, PROPOSAL_FIELDS, actor=actor,
                 expected_version=expected_version, action="reward_proposal.save",
                 summary="Soạn Tờ trình đề nghị khen thưởng (chưa có số)")


def record_issued_proposal(plan: Plan, number: int, issued_on: date, *, actor) -> RewardProposal:
    """The register's number and date on the Tờ trình, when the văn thư issues it (issuing's
    awards adapter calls this): the decision cites it by them."""
    p = get_proposal(plan)
    if p is None:
        raise DomainError("Chưa có tờ trình đề nghị khen thưởng để ghi số.")
    record_register_number(p, number, issued_on, "proposal_date", action="reward_proposal.issued",
                           summary=f"Tờ trình đề nghị khen thưởng được phát hành, số "
                                   f"{number:02d}/TTr-NV ngày {issued_on:%d/%m/%Y}",
                           fields=PROPOSAL_FIELDS, actor=actor)
    return p


# --- the selection meeting -------------------------------------------------------------------

def parse_person(line: str, field_name: str) -> dict:
    """"Ông Nguyễn Văn A; Trưởng thôn Phú Lễ" -> {name, title, address}. The form of address
    is the first word(s) when given ("đồng chí", "ông", "bà"), else "đồng chí" (members of a
    steering committee are officials)."""
    text = " ".join(nfc(line).split())
    if not text:
        return {}
    name, _, title = (part.strip() for part in text.partition(";"))
    address = "dong_chi"
    for word, code in _ADDRESS_WORDS.items():
        if name.casefold().startswith(word + " "):
            address, name = code, name[len(word) + 1:].strip()
            break
    if not name or not title:
        raise DomainError(f"“{text}”: ghi họ tên, dấu chấm phẩy, rồi chức vụ "
                          "(ví dụ: Nguyễn Văn A; Trưởng phòng Nội vụ).", field=field_name)
    return {"name": name, "title": title, "address": address}


def person_text(person: dict) -> str:
    """How the form shows a person back: "Ông Nguyễn Văn A; Trưởng thôn Phú Lễ"."""
    if not person:
        return ""
    prefix = "" if person.get("address") == "dong_chi" else ADDRESS_LABELS.get(person.get("address"), "") + " "
    return f"{prefix}{person['name']}; {person['title']}".strip()


@dataclass
class MeetingData:
    number: str = ""
    body: str = DEFAULT_BODY
    held_at: datetime | None = None
    ended_at: datetime | None = None
    place: str = ""
    chair: str = ""
    secretary: str = ""
    attendees: list[str] = field(default_factory=list)
    members_total: int | None = None
    members_present: int | None = None
    votes: dict[int, int | None] = field(default_factory=dict)
    conclusion: str = ""


def save_meeting(plan: Plan, data: MeetingData, *, actor, expected_version=None) -> SelectionMeeting:
    if not can_draft(actor):
        raise NotAllowed("Chỉ Phòng Nội vụ nhập biên bản họp xét khen thưởng.")
    current = get_meeting(plan)
    if nfc(data.number or "") and nfc(data.number) != (current.number if current else ""):
        # The selection meeting's body keeps no outgoing register in the app: its number is
        # written on the signed paper, never typed here.
        raise DomainError("Số biên bản không nhập tay: biên bản của cuộc họp để trống số, thư "
                          "ký cuộc họp ghi số trên bản ký.", field="number")
    if data.held_at is None:
        raise DomainError("Nhập thời gian bắt đầu cuộc họp.", field="held_at")
    if data.ended_at is not None and data.ended_at <= data.held_at:
        raise DomainError("Giờ kết thúc phải sau giờ bắt đầu.", field="ended_at")
    if not nfc(data.place):
        raise DomainError("Nhập địa điểm họp.", field="place")
    if not nfc(data.body):
        raise DomainError("Nhập tên cơ quan họp xét (Ban chỉ đạo / Hội đồng Thi đua - Khen thưởng).",
                          field="body")
    chair = parse_person(data.chair, "chair")
    if not chair:
        raise DomainError("Nhập người chủ trì (họ tên; chức vụ).", field="chair")
    secretary = parse_person(data.secretary, "secretary")
    if not secretary:
        raise DomainError("Nhập thư ký cuộc họp (họ tên; chức vụ).", field="secretary")
    attendees = [p for p in (parse_person(line, "attendees") for line in data.attendees) if p]
    if not attendees:
        raise DomainError("Nhập thành viên dự họp, mỗi dòng một người.", field="attendees")
    total, present = data.members_total, data.members_present
    if not total or total < 1:
        raise DomainError("Nhập tổng số thành viên.", field="members_total")
    if present is None or not 1 <= present <= total:
        raise DomainError(f"Số thành viên có mặt từ 1 đến {total}.", field="members_present")
    nominees = {n.id for n in put_to_the_meeting(plan)}
    votes = {}
    for nomination_id, value in data.votes.items():
        if nomination_id not in nominees:
            continue
        if value is None or not 0 <= value <= present:
            raise DomainError(f"Số phiếu đồng ý từ 0 đến {present} (số thành viên có mặt).",
                              field=f"votes_{nomination_id}")
        votes[str(nomination_id)] = value
    missing = nominees - {int(k) for k in votes}
    if missing:
        raise DomainError("Nhập số phiếu đồng ý của mọi tập thể, cá nhân đưa ra xét.",
                          field=f"votes_{min(missing)}")
    changes = {"body": nfc(data.body),
               "held_at": data.held_at, "ended_at": data.ended_at, "place": nfc(data.place),
               "chair": chair, "secretary": secretary, "attendees": attendees,
               "members_total": total, "members_present": present, "votes": votes,
               "conclusion": nfc(data.conclusion)}
    return _save(SelectionMeeting, plan, changes, MEETING_FIELDS, actor=actor,
                 expected_version=expected_version, action="selection_meeting.save",
                 summary=f"Nhập biên bản họp xét khen thưởng ngày {data.held_at:%d/%m/%Y}")


def passed(votes_for: int, present: int) -> bool:
    """A nominee passes with more than half of the members present."""
    return present > 0 and votes_for * 2 > present
