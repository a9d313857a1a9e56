"""The follow-up letter (công văn đôn đốc) to the units that still owe work, drafted in one
click, in the name that gave the deadline:

- a deadline the plan fixes ("trước ngày 22/11/2023"): UBND huyện, signed as the plan is
  (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH), …/UBND-LĐTBXH, about work overdue against the plan, so never
  dated before the plan's deadline;
- a working deadline Phòng LĐTB&XH set in the app: Phòng LĐTB&XH itself, …/LĐTBXH, for work
  overdue or still open.

Units that are not subordinate to UBND huyện (Ủy ban MTTQ, the mass organisations, NHCSXH)
are asked ("đề nghị"), never told. The letter speaks of the plan and what is owed (an annex
table), never of the app or its workflow states.
"""
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy.orm import joinedload

from ..core import clock, people
from ..core.formatting import ddmmyyyy, document_date
from ..core.roles import UnitKind
from ..extensions import db

TEMPLATES = {"plan": "cong-van-don-doc.docx", "working": "cong-van-nhac-han.docx"}
KINDS = {"plan": "Thời hạn của Kế hoạch (UBND huyện ban hành)",
         "working": "Hạn làm việc do Phòng LĐTB&XH đặt (Phòng LĐTB&XH ban hành)"}
SCOPES = {"overdue": "Các đơn vị quá hạn", "open": "Mọi đơn vị chưa hoàn thành (có thời hạn)"}
EXCLUDED_KINDS = (UnitKind.COORDINATOR, UnitKind.LEADERSHIP, UnitKind.ADMIN, UnitKind.PROVINCE)
# Not subordinate to UBND huyện: asked, never told.
NOT_SUBORDINATE = (UnitKind.MASS_ORG,)
WORKING_SIGNER_TITLE = "TRƯỞNG PHÒNG"
HEAD_TITLE = "Trưởng phòng"   # the head of the coordinating phòng, as the units data titles it
# The new deadline a letter proposes by default: a few days after the later of today and the
# deadlines it chases (a reminder never asks for work before the deadline it reminds of).
DEFAULT_DAYS_AFTER = 3


@dataclass
class Owed:
    title: str
    deadline: date | None
    days_late: int


@dataclass
class LateUnit:
    unit: object
    items: list[Owed] = field(default_factory=list)

    @property
    def addressee(self) -> str:
        return self.unit.official_name

    @property
    def subordinate(self) -> bool:
        return self.unit.kind not in NOT_SUBORDINATE


def addressees(units: list[LateUnit]) -> list[str]:
    """"Kính gửi" lines: each district office and organisation, and the communes in one line
    when many."""
    communes = [u for u in units if u.unit.kind == UnitKind.COMMUNE]
    lines = [u.addressee for u in units if u.unit.kind != UnitKind.COMMUNE]
    if len(communes) > 3:
        names = ", ".join(u.unit.name.removeprefix("Xã ").removeprefix("Thị trấn ")
                          for u in communes)
        lines.append(f"UBND các xã, thị trấn: {names}")
    else:
        lines += [u.addressee for u in communes]
    return lines


def late_units(kind: str = "plan", scope: str = "overdue",
               today: date | None = None) -> list[LateUnit]:
    """Who still owes what: for `kind` "plan" the work overdue against a deadline the plan
    fixes; for "working" the work with a working deadline, overdue (or, scope "open", every
    one still open)."""
    from ..duties.models import OPEN_STATUSES, Assignment, Duty
    from ..duties.service import days_left
    from ..plan.loader import current_plan
    from ..plan.models import Unit
    today = today or clock.today()
    plan = current_plan()
    if plan is None:
        return []
    query = (db.session.query(Assignment).join(Assignment.duty).join(Assignment.unit)
             .options(joinedload(Assignment.duty), joinedload(Assignment.unit))
             .filter(Duty.plan_id == plan.id, Duty.deadline.is_not(None),
                     Duty.deadline_fixed.is_(kind == "plan"),
                     Assignment.status.in_([s.value for s in OPEN_STATUSES]),
                     Unit.kind.not_in([k.value for k in EXCLUDED_KINDS]),
                     Unit.is_active.is_(True)))
    if kind == "plan" or scope == "overdue":
        query = query.filter(Duty.deadline < today)
    by_unit: dict[int, LateUnit] = {}
    for a in query.order_by(Unit.position, Unit.id, Duty.position):
        entry = by_unit.setdefault(a.unit_id, LateUnit(a.unit))
        entry.items.append(Owed(a.duty.deliverable_label or a.duty.short_title,
                                a.duty.deadline, max(0, -(days_left(a, today) or 0))))
    return list(by_unit.values())


def _names(units: list[LateUnit]) -> str:
    names = [u.addressee for u in units]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]


def chased_deadlines(kind: str, units: list[LateUnit]) -> list[date]:
    """The deadlines a letter reminds of: the plan's own (kind "plan"), and those of the work
    it lists."""
    found = {i.deadline for u in units for i in u.items if i.deadline}
    if kind == "plan":
        found.update(plan_deadlines())
    return sorted(found)


def default_deadline(kind: str, units: list[LateUnit], today: date) -> date:
    return max([today, *chased_deadlines(kind, units)]) + timedelta(days=DEFAULT_DAYS_AFTER)


def coordinator_head(plan) -> str:
    """The head of the coordinating phòng the units data names; blank for the signer to write."""
    head = people.head_of(plan.coordinator_unit.code, HEAD_TITLE)
    return head.name if head else ""


def letter_context(plan, units: list[LateUnit], *, kind: str, today: date,
                   new_deadline: date, signer_name: str = "") -> dict:
    """`signer_name` for the working letter; blank: the head from the units data."""
    from ..plan.document import reference
    from ..reports.docx_parts import body_lines
    plan_ref = reference(plan)
    coordinator = plan.coordinator_unit
    receiver = coordinator.name
    deadlines = sorted({i.deadline for u in units for i in u.items if i.deadline})
    until = ddmmyyyy(new_deadline)
    subject = (f"tổ chức Hội nghị sơ kết giữa kỳ {plan.program_name} và phong trào thi đua "
               f"“{plan.movement_name}” giai đoạn {plan.period}")
    told = [u for u in units if u.subordinate]
    asked = [u for u in units if not u.subordinate]
    if kind == "plan":
        body = [f"Thực hiện {plan_ref} của UBND huyện về {subject} (sau đây gọi là Kế hoạch), "
                f"các cơ quan, đơn vị và UBND các xã, thị trấn được giao gửi báo cáo và các nội "
                f"dung theo Kế hoạch về UBND huyện (qua {receiver}) trước ngày "
                f"{ddmmyyyy(deadlines[0]) if deadlines else ''}. Đến ngày {ddmmyyyy(today)}, các "
                f"cơ quan, đơn vị có tên trong danh sách kèm theo Công văn này chưa gửi đủ các "
                f"nội dung được giao."]
        if told:
            whom = (_names(told) if len(told) <= 3 else
                    "các cơ quan, đơn vị và UBND các xã, thị trấn có tên trong danh sách kèm "
                    "theo")
            body.append(f"Để kịp thời tổng hợp, phục vụ Hội nghị sơ kết, UBND huyện yêu cầu "
                        f"{whom} khẩn trương hoàn thành các nội dung còn thiếu, gửi về UBND "
                        f"huyện (qua {receiver}) trước ngày {until}.")
        if asked:
            body.append(f"UBND huyện kính đề nghị {_names(asked)} quan tâm, phối hợp hoàn "
                        f"thành các nội dung nêu tại danh sách kèm theo, gửi về UBND huyện "
                        f"(qua {receiver}) trước ngày {until}.")
        closing = "Đề nghị các cơ quan, đơn vị quan tâm, thực hiện./."
        issuer = "UBND huyện"
        number_text, attached = "      /UBND-LĐTBXH", "Công văn số      /UBND-LĐTBXH"
        summary = "V/v đôn đốc thực hiện Kế hoạch tổ chức Hội nghị sơ kết giữa kỳ"
        signer = (plan.signer_authority, plan.signer_title, plan.signer_name)
        recipients = ["Như trên", "CT, các PCT UBND huyện", coordinator.short_name]
        archive = "VT, LĐTBXH"
        author = plan.issuer
    else:
        body = [f"Thực hiện {plan_ref} của UBND huyện về {subject}, {receiver} đã thông báo "
                f"thời hạn thực hiện các nội dung chuẩn bị Hội nghị sơ kết được phân công. Đến "
                f"ngày {ddmmyyyy(today)}, các nội dung nêu tại danh sách kèm theo Công văn này "
                f"chưa được hoàn thành.",
                f"Để kịp thời chuẩn bị Hội nghị sơ kết, {receiver} kính đề nghị "
                f"{_names(units)} quan tâm, hoàn thành các nội dung nêu tại danh sách kèm theo "
                f"trước ngày {until}."]
        closing = "Trân trọng./."
        issuer = receiver
        number_text, attached = "      /LĐTBXH", "Công văn số      /LĐTBXH"
        summary = "V/v thời hạn thực hiện các nội dung chuẩn bị Hội nghị sơ kết"
        signer = ("", WORKING_SIGNER_TITLE, signer_name or coordinator_head(plan))
        recipients = ["Như trên", "Lãnh đạo UBND huyện (b/c)"]
        archive = "VT, LĐTBXH"
        author = receiver
    owed = [{"number": number, "unit": u.addressee,
             "items": [f"{i.title} (thời hạn {ddmmyyyy(i.deadline)})" for i in u.items]}
            for number, u in enumerate(units, start=1)]
    return {
        "kind": kind, "author": author, "number_text": number_text, "summary": summary,
        "issuer_lines": list(body_lines(coordinator.name)),
        "place_date": document_date(plan.place_of_issue, today),
        "addressees": addressees(units), "body": body, "closing": closing,
        "recipients": recipients, "archive": archive,
        "signer_authority": signer[0], "signer_title": signer[1], "signer_name": signer[2],
        "annex_title": "DANH SÁCH CÁC NỘI DUNG CHƯA HOÀN THÀNH", "annex_issuer": issuer,
        "doc_title": summary, "doc_author": author,
        "annex_attached_to": f"(Kèm theo {attached} ngày {ddmmyyyy(today)} của {issuer})",
        "owed": owed,
    }


def render_letter(context: dict) -> bytes:
    from ..documents.service import render
    return render(TEMPLATES[context["kind"]], context)


def plan_deadlines() -> list[date]:
    """The deadlines the current plan fixes (the page says when the plan's letter is due)."""
    from ..duties.models import Duty
    from ..plan.loader import current_plan
    plan = current_plan()
    if plan is None:
        return []
    return sorted({d for (d,) in db.session.query(Duty.deadline).filter(
        Duty.plan_id == plan.id, Duty.deadline_fixed.is_(True), Duty.deadline.is_not(None))})
