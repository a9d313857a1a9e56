"""Công văn đôn đốc, in the name that gave the deadline (webapp/notifications/letter.py):
UBND huyện for the plan's own deadlines ("…/UBND-LĐTBXH", Phòng LĐTB&XH drafts), Phòng
LĐTB&XH itself for the working deadlines it set ("…/LĐTBXH")."""
from datetime import date, datetime

from ...core import clock
from ...core.errors import DomainError
from ...core.formatting import ddmmyyyy
from ..kinds import PaperKind, default_fill, register


def _scope(params: dict) -> str:
    from ...notifications import letter
    return params.get("scope") if params.get("scope") in letter.SCOPES else "overdue"


def _deadline(params: dict) -> date | None:
    """The new deadline the page carried ("dd/mm/yyyy" or ISO), None when it carried none."""
    raw = params.get("deadline") or ""
    try:
        return (datetime.strptime(raw, "%d/%m/%Y").date() if "/" in raw
                else date.fromisoformat(raw))
    except ValueError:
        return None


def _context_of(kind: str):
    def context(plan, params: dict) -> dict:
        from ...notifications import letter
        today = clock.today()
        units = letter.late_units(kind, _scope(params), today)
        if not units:
            raise DomainError("Không có đơn vị nào cần đôn đốc: chưa lập công văn.")
        # none given: the letter's own default, after every deadline it chases
        deadline = _deadline(params) or letter.default_deadline(kind, units, today)
        return letter.letter_context(plan, units, kind=kind, today=today,
                                     new_deadline=deadline,
                                     signer_name=(params.get("signer_name") or "").strip())
    return context


def _units_of(kind: str):
    def units(plan, params: dict) -> list[str]:
        from ...notifications import letter
        return [u.unit.code for u in letter.late_units(kind, _scope(params), clock.today())]
    return units


def _fill(context: dict, number_text: str, on: date | None, plan) -> dict:
    """The register's number and date, also in the line the annex is attached by."""
    filled = default_fill(context, number_text, on, plan)
    filled["annex_attached_to"] = (f"(Kèm theo Công văn số {number_text} ngày "
                                   f"{ddmmyyyy(on) if on else '      '} của "
                                   f"{context['annex_issuer']})")
    return filled


register(PaperKind(
    code="reminder_letter", label="Công văn đôn đốc (UBND huyện)", doc_type="CV",
    issuer="ubnd", drafter="ldtbxh", template="cong-van-don-doc.docx",
    context=_context_of("plan"), page_endpoint="notifications.letter",
    summary=lambda plan, params: "V/v đôn đốc thực hiện Kế hoạch tổ chức Hội nghị sơ kết giữa kỳ",
    default_units=_units_of("plan"), fill=_fill, filename="Công văn đôn đốc",
    param_names=("deadline",)))

register(PaperKind(
    code="working_reminder", label="Công văn nhắc hạn làm việc (Phòng LĐTB&XH)",
    doc_type="CV", issuer="ldtbxh", drafter="ldtbxh", template="cong-van-nhac-han.docx",
    context=_context_of("working"), page_endpoint="notifications.letter",
    summary=lambda plan, params: "V/v thời hạn thực hiện các nội dung chuẩn bị Hội nghị sơ kết",
    default_units=_units_of("working"), fill=_fill, filename="Công văn nhắc hạn làm việc",
    param_names=("scope", "deadline", "signer_name")))
