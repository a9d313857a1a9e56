"""Chương trình hội nghị and kịch bản điều hành: working papers (Phòng LĐTB&XH with Văn
phòng), approved by leadership, never numbered."""
from ..kinds import PaperKind, register


def _programme(plan, params: dict) -> dict:
    from ...conference import script
    return script.programme_context(plan)


def _script(plan, params: dict) -> dict:
    from ...conference import script
    return script.script_context(plan, bool(params.get("present_only")))


def _summary(plan, params: dict) -> str:
    return (f"Hội nghị sơ kết giữa kỳ {plan.program_name} và phong trào thi đua "
            f"“{plan.movement_name}” giai đoạn {plan.period}")


register(PaperKind(
    code="programme", label="Chương trình hội nghị", doc_type="", issuer="ubnd",
    drafter="ldtbxh", template="chuong-trinh-hoi-nghi.docx", context=_programme,
    page_endpoint="conference.agenda", summary=_summary, filename="Chương trình hội nghị"))
register(PaperKind(
    code="script", label="Kịch bản điều hành hội nghị", doc_type="", issuer="ubnd",
    drafter="ldtbxh", template="kich-ban-dieu-hanh.docx", context=_script,
    page_endpoint="conference.script", summary=_summary, filename="Kịch bản điều hành"))
