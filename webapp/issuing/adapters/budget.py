"""Tờ trình dự toán kinh phí (Phòng LĐTB&XH issues it, its Trưởng phòng signs) and the
Quyết định phê duyệt dự toán of UBND huyện."""
from ...core import clock
from ..kinds import PaperKind, register


def _context(plan, params: dict) -> dict:
    from ...budget import documents, estimate
    return documents.budget_context(plan, estimate.summary(plan), clock.today())


def _decision(plan, params: dict) -> dict:
    from ...budget import documents, estimate
    return documents.decision_context(plan, estimate.summary(plan), clock.today())


def _summary(plan, params: dict) -> str:
    return (f"Kinh phí tổ chức Hội nghị sơ kết giữa kỳ {plan.program_name} và khen thưởng")


register(PaperKind(
    code="budget", label="Dự toán kinh phí", doc_type="TTr", issuer="ldtbxh",
    drafter="ldtbxh", template="du-toan-kinh-phi.docx", context=_context,
    page_endpoint="budget.index", summary=_summary, filename="Dự toán kinh phí"))
register(PaperKind(
    code="budget_decision", label="Quyết định phê duyệt dự toán", doc_type="QĐ", issuer="ubnd",
    drafter="ldtbxh", template="quyet-dinh-phe-duyet-du-toan.docx", context=_decision,
    page_endpoint="budget.index", summary=_summary, filename="Quyết định phê duyệt dự toán"))
