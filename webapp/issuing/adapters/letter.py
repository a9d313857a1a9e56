"""Công văn đôn đốc (Phòng LĐTB&XH drafts, UBND huyện issues: "…/UBND-LĐTBXH")."""
from datetime import date, datetime, timedelta

from ...core import clock
from ...core.errors import DomainError
from ..kinds import PaperKind, register


def _options(params: dict) -> tuple[str, date]:
    from ...notifications import letter
    scope = params.get("scope") if params.get("scope") in letter.SCOPES else "overdue"
    raw = params.get("deadline") or ""
    try:
        deadline = (datetime.strptime(raw, "%d/%m/%Y").date() if "/" in raw
                    else date.fromisoformat(raw))
    except ValueError:
        deadline = clock.today() + timedelta(days=3)
    return scope, deadline


def _context(plan, params: dict) -> dict:
    from ...notifications import letter
    scope, deadline = _options(params)
    units = letter.late_units(scope, clock.today())
    if not units:
        raise DomainError("Không có đơn vị nào cần đôn đốc: chưa lập công văn.")
    return letter.letter_context(plan, units, today=clock.today(), new_deadline=deadline)


def _summary(plan, params: dict) -> str:
    return f"V/v đôn đốc thực hiện Kế hoạch tổ chức Hội nghị sơ kết giữa kỳ {plan.program_name}"


def _units(plan, params: dict) -> list[str]:
    from ...notifications import letter
    scope, _ = _options(params)
    return [u.unit.code for u in letter.late_units(scope, clock.today())]


register(PaperKind(
    code="reminder_letter", label="Công văn đôn đốc", doc_type="CV", issuer="ubnd",
    drafter="ldtbxh", template="cong-van-don-doc.docx", context=_context,
    page_endpoint="notifications.letter", summary=_summary, default_units=_units,
    filename="Công văn đôn đốc", param_names=("scope", "deadline")))
