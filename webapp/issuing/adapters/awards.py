"""Papers of rewards issued through the outgoing register: the Quyết định khen thưởng (Phòng
Nội vụ drafts, the chair of UBND huyện signs, numbered in UBND huyện's register) and the Tờ
trình đề nghị khen thưởng (Phòng Nội vụ issues it, numbered in its own register). When one is
issued, the register's number and date go on the rewards' own record (audited there): the
rewards pages show them read-only and every document of rewards prints them. The Biên bản of
the selection meeting is the meeting body's paper and has no register here."""
from ..kinds import PaperKind, register


def _decision_context(plan, params: dict) -> dict:
    from ...awards import documents
    context = documents.decision_context(plan)
    documents.require_awardees(context)
    return context


def _decision_summary(plan, params: dict) -> str:
    return (f"Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc trong công tác giảm "
            f"nghèo và phong trào thi đua “{plan.movement_name}” giai đoạn {plan.period}")


def _decision_units(plan, params: dict) -> list[str]:
    """The units whose nominees are in the decision, and the two offices that carry it out."""
    from ...awards import service
    codes = {n.unit.code for n in service.approved_nominations(plan)}
    return ["ldtbxh", *sorted(codes - {"ldtbxh"})]


def _decision_issued(paper, actor) -> None:
    from ...awards import decision
    decision.record_issued_decision(paper.plan, paper.entry.number, paper.entry.issued_on,
                                    actor=actor)


def _decision_withdrawn(paper, reason: str, actor) -> None:
    from ...awards import decision
    decision.record_withdrawn_decision(paper.plan, reason, actor=actor)


def _proposal_context(plan, params: dict) -> dict:
    from ...awards import papers_docs
    return papers_docs.proposal_context(plan)


def _proposal_summary(plan, params: dict) -> str:
    return (f"Về việc đề nghị tặng Giấy khen của Chủ tịch UBND huyện cho tập thể, cá nhân có "
            f"thành tích xuất sắc trong công tác giảm nghèo và phong trào thi đua "
            f"“{plan.movement_name}” giai đoạn {plan.period}")


def _proposal_issued(paper, actor) -> None:
    from ...awards import papers
    papers.record_issued_proposal(paper.plan, paper.entry.number, paper.entry.issued_on,
                                  actor=actor)


register(PaperKind(
    code="award_decision", label="Quyết định khen thưởng", doc_type="QĐ", issuer="ubnd",
    drafter="noivu", template="quyet-dinh-khen-thuong.docx", context=_decision_context,
    page_endpoint="awards.decision", summary=_decision_summary, default_units=_decision_units,
    on_issued=_decision_issued, on_withdrawn=_decision_withdrawn,
    filename="Quyết định khen thưởng"))

register(PaperKind(
    code="award_proposal", label="Tờ trình đề nghị khen thưởng", doc_type="TTr", issuer="noivu",
    drafter="noivu", template="to-trinh-khen-thuong.docx", context=_proposal_context,
    page_endpoint="awards.papers", summary=_proposal_summary,
    default_units=lambda plan, params: ["ubnd", "ldtbxh"], on_issued=_proposal_issued,
    filename="Tờ trình đề nghị khen thưởng"))
