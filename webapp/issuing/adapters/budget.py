"""Dự toán kinh phí (Phòng LĐTB&XH issues it, with its Trưởng phòng's signature)."""
from ...core import clock
from ..kinds import PaperKind, register


def _context(plan, params: dict) -> dict:
    from ...budget import documents, service
    return documents.budget_context(plan, service.summary(plan), clock.today())


def _summary(plan, params: dict) -> str:
    return (f"Kinh phí tổ chức Hội nghị sơ kết giữa kỳ {plan.program_name} và khen thưởng")


register(PaperKind(
    code="budget", label="Dự toán kinh phí", doc_type="DT", issuer="ldtbxh", drafter="ldtbxh",
    template="du-toan-kinh-phi.docx", context=_context, page_endpoint="budget.index",
    summary=_summary, filename="Dự toán kinh phí"))
