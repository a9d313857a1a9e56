"""Quyết định khen thưởng (Phòng Nội vụ drafts, the chair of UBND huyện signs)."""
from ...audit.service import record, snapshot
from ...core import clock
from ...extensions import db
from ..kinds import PaperKind, register


def _context(plan, params: dict) -> dict:
    from ...awards import documents
    context = documents.decision_context(plan)
    documents._require_awardees(context)
    return context


def _summary(plan, params: dict) -> str:
    return (f"Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc trong công tác giảm "
            f"nghèo và phong trào thi đua “{plan.movement_name}” giai đoạn {plan.period}")


def _units(plan, params: dict) -> list[str]:
    """The units whose nominees are in the decision, and the two offices that carry it out."""
    from ...awards import service
    codes = {n.unit.code for n in service.approved_nominations(plan)}
    return ["ldtbxh", *sorted(codes - {"ldtbxh"})]


def _on_issued(paper, actor) -> None:
    """The decision's own record carries the register's number and date."""
    from ...awards.models import RewardDecision
    from ...awards.service import DECISION_FIELDS, proposed_decision
    d = db.session.query(RewardDecision).filter_by(plan_id=paper.plan_id).one_or_none()
    if d is None:
        data = proposed_decision(paper.plan)
        d = RewardDecision(plan_id=paper.plan_id, legal_bases=data.legal_bases,
                           proposer_line=data.proposer_line,
                           signer_authority=data.signer_authority,
                           signer_title=data.signer_title, signer_name=data.signer_name,
                           funding_split=data.funding_split, recipients=data.recipients,
                           version=0)
        db.session.add(d)
        before = None
    else:
        before = snapshot(d, DECISION_FIELDS)
    d.number = str(paper.entry.number)
    d.decision_date = paper.entry.issued_on
    d.updated_at = clock.now()
    d.updated_by_id = getattr(actor, "id", None)
    d.version += 1
    db.session.flush()
    record("reward_decision.issued", d, before=before, after=snapshot(d, DECISION_FIELDS),
           actor=actor, summary=f"Quyết định khen thưởng được phát hành, số "
                                f"{paper.entry.number_text}")


register(PaperKind(
    code="award_decision", label="Quyết định khen thưởng", doc_type="QĐ", issuer="ubnd",
    drafter="noivu", template="quyet-dinh-khen-thuong.docx", context=_context,
    page_endpoint="awards.decision", summary=_summary, default_units=_units,
    on_issued=_on_issued, filename="Quyết định khen thưởng"))
