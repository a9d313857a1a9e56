"""The follow-up letter (công văn đôn đốc) to the units that are late, drafted in one click.

What each unit still owes is read from the assignments of the current plan: overdue ones
(deadline passed, the deliverable not submitted, or returned and not resubmitted), or, with the
wider scope, every assignment with a deadline that is still open.
"""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import joinedload

from ..core import clock
from ..core.formatting import ddmmyyyy, document_date
from ..core.roles import UnitKind
from ..extensions import db

TEMPLATE = "cong-van-don-doc.docx"
SCOPES = {"overdue": "Các đơn vị quá hạn", "open": "Mọi đơn vị chưa hoàn thành (có thời hạn)"}
EXCLUDED_KINDS = (UnitKind.COORDINATOR, UnitKind.LEADERSHIP, UnitKind.ADMIN, UnitKind.PROVINCE)

_STATE = {
    "not_started": "chưa thực hiện",
    "drafting": "đang soạn, chưa nộp",
    "returned": "đã có yêu cầu bổ sung, chưa nộp lại",
}


@dataclass
class Owed:
    title: str
    deadline: date | None
    status: str
    days_late: int

    @property
    def text(self) -> str:
        state = _STATE.get(self.status, "chưa hoàn thành")
        late = f", quá hạn {self.days_late} ngày" if self.days_late > 0 else ""
        return f"{self.title} (hạn {ddmmyyyy(self.deadline)}): {state}{late}"


@dataclass
class LateUnit:
    unit: object
    items: list[Owed] = field(default_factory=list)

    @property
    def addressee(self) -> str:
        return addressee_name(self.unit)


def addressee_name(unit) -> str:
    """"Xã Bình Chánh" -> "UBND xã Bình Chánh"; district offices keep their name."""
    if unit.kind == UnitKind.COMMUNE:
        return f"UBND {unit.name[:1].lower()}{unit.name[1:]}"
    return unit.name


def addressees(units: list[LateUnit]) -> list[str]:
    """"Kính gửi" lines: each district office, and the communes in one line when many."""
    communes = [u for u in units if u.unit.kind == UnitKind.COMMUNE]
    lines = [u.addressee for u in units if u.unit.kind != UnitKind.COMMUNE]
    if len(communes) > 3:
        names = ", ".join(u.unit.short_name.removeprefix("TT ") for u in communes)
        lines.append(f"UBND các xã, thị trấn: {names}")
    else:
        lines += [u.addressee for u in communes]
    return lines


def late_units(scope: str = "overdue", today: date | None = None) -> list[LateUnit]:
    from ..duties.models import OPEN_STATUSES, Assignment, Duty
    from ..duties.service import days_left, is_overdue
    from ..plan.loader import current_plan
    from ..plan.models import Unit
    today = today or clock.today()
    plan = current_plan()
    if plan is None:
        return []
    rows = (db.session.query(Assignment).join(Assignment.duty).join(Assignment.unit)
            .options(joinedload(Assignment.duty), joinedload(Assignment.unit))
            .filter(Duty.plan_id == plan.id, Duty.deadline.is_not(None),
                    Assignment.status.in_([s.value for s in OPEN_STATUSES]),
                    Unit.kind.not_in([k.value for k in EXCLUDED_KINDS]),
                    Unit.is_active.is_(True))
            .order_by(Unit.position, Unit.id, Duty.position).all())
    by_unit: dict[int, LateUnit] = {}
    for a in rows:
        if scope == "overdue" and not is_overdue(a, today):
            continue
        left = days_left(a, today)
        entry = by_unit.setdefault(a.unit_id, LateUnit(a.unit))
        entry.items.append(Owed(a.duty.deliverable_label or a.duty.short_title,
                                a.duty.deadline, a.status, max(0, -(left or 0))))
    return list(by_unit.values())


def letter_context(plan, units: list[LateUnit], *, today: date, new_deadline: date) -> dict:
    plan_ref = f"Kế hoạch số {plan.number or '     '}/KH-UBND"
    if plan.issued_on:
        plan_ref += f" ngày {ddmmyyyy(plan.issued_on)}"
    intro = (f"Thực hiện {plan_ref} của UBND huyện về tổ chức Hội nghị sơ kết giữa kỳ "
             f"{plan.program_name} và phong trào thi đua “{plan.movement_name}” giai đoạn "
             f"{plan.period}, UBND huyện đã giao nhiệm vụ cho các cơ quan, đơn vị và UBND các xã, "
             f"thị trấn. Tuy nhiên, đến ngày {ddmmyyyy(today)}, các đơn vị sau vẫn chưa hoàn thành "
             f"nhiệm vụ được giao:")
    closing = ("Để kịp thời tổng hợp số liệu, phục vụ Hội nghị sơ kết, UBND huyện đề nghị Thủ "
               "trưởng các đơn vị nêu trên khẩn trương hoàn thành các nội dung còn thiếu, gửi về "
               "UBND huyện (qua Phòng Lao động, Thương binh và Xã hội) trước ngày "
               f"{ddmmyyyy(new_deadline)} và cập nhật trên ứng dụng Sơ kết GNBV. Quá thời hạn trên, "
               "đơn vị nào chưa gửi, Thủ trưởng đơn vị chịu trách nhiệm trước Chủ tịch UBND huyện./.")
    return {
        "number_text": "      /UBND-LĐTBXH",
        "summary": "V/v đôn đốc thực hiện Kế hoạch tổ chức Hội nghị sơ kết giữa kỳ "
                   "Chương trình MTQG Giảm nghèo bền vững",
        "place_date": document_date(plan.place_of_issue, today),
        "addressees": addressees(units),
        "intro": intro,
        "units": [{"name": u.addressee, "items": [i.text for i in u.items]} for u in units],
        "closing": closing,
        "recipients": ["Như trên", "CT, các PCT UBND huyện (b/c)", "Phòng LĐ-TB&XH huyện"],
        "archive": "VT, LĐTBXH",
        "signer_authority": plan.signer_authority, "signer_title": plan.signer_title,
        "signer_name": plan.signer_name,
    }


def render_letter(context: dict) -> bytes:
    from ..documents.service import render
    return render(TEMPLATE, context)
