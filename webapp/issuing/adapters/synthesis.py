"""Báo cáo sơ kết (Phòng LĐTB&XH drafts) and Báo cáo thi đua (Phòng Nội vụ drafts), issued by
UBND huyện."""
from ...core import clock
from ..kinds import PaperKind, register


def _mid_term(plan, params: dict) -> dict:
    from ...synthesis import documents, service
    from ...synthesis.figures import district_tables
    return documents.mid_term_context(plan, service.get_draft(plan, service.MID_TERM),
                                      district_tables(plan), clock.today())


def _emulation(plan, params: dict) -> dict:
    from ...synthesis import documents, service
    from ...synthesis import overview as ov
    return documents.emulation_context(plan, service.get_draft(plan, service.EMULATION),
                                       ov.nominations(plan), clock.today())


def _summary_of(kind_name: str):
    def summary(plan, params: dict) -> str:
        from ...synthesis import service
        return getattr(service, kind_name).summary
    return summary


def _record_number(kind_name: str):
    def on_issued(paper, actor) -> None:
        from ...audit.service import record
        from ...synthesis import service
        draft = service.get_draft(paper.plan, getattr(service, kind_name))
        if draft is None:
            return
        before = {"number": draft.number}
        draft.number = paper.entry.number_text.split("/")[0]
        record("synthesis.issued", draft, before=before, after={"number": draft.number},
               actor=actor, summary=f"Báo cáo được phát hành, số {paper.entry.number_text}")
    return on_issued


register(PaperKind(
    code="mid_term_report", label="Báo cáo sơ kết giữa kỳ", doc_type="BC", issuer="ubnd",
    drafter="ldtbxh", template="bao-cao-so-ket.docx", context=_mid_term,
    page_endpoint="synthesis.mid_term", summary=_summary_of("MID_TERM"),
    on_issued=_record_number("MID_TERM"), filename="Báo cáo sơ kết"))
register(PaperKind(
    code="emulation_report", label="Báo cáo kết quả phong trào thi đua", doc_type="BC",
    issuer="ubnd", drafter="noivu", template="bao-cao-thi-dua.docx", context=_emulation,
    page_endpoint="synthesis.emulation", summary=_summary_of("EMULATION"),
    on_issued=_record_number("EMULATION"), filename="Báo cáo thi đua"))
