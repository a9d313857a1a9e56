"""Kế hoạch (Phòng LĐTB&XH drafts, UBND huyện issues): the plan as loaded from its data."""
from ...audit.service import record
from ..kinds import PaperKind, default_fill, register


def _context(plan, params: dict) -> dict:
    from ...plan.document import plan_context
    return plan_context(plan)


def _fill(context: dict, number_text: str, on, plan) -> dict:
    """The register's number and date, also in the line the outline is attached by."""
    from ...plan.document import attached_line
    filled = default_fill(context, number_text, on, plan)
    if on is None:
        filled["place_date"] = context["place_date"]  # "ngày   tháng   năm 2023"
    filled["annex"] = {**context["annex"], "attached_to": attached_line(number_text, on, plan)}
    return filled


def _summary(plan, params: dict) -> str:
    return plan.title


def _units(plan, params: dict) -> list[str]:
    from ...duties.models import Assignment, Duty
    from ...extensions import db
    rows = (db.session.query(Assignment).join(Assignment.duty)
            .filter(Duty.plan_id == plan.id).all())
    return sorted({a.unit.code for a in rows})


def _on_issued(paper, actor) -> None:
    plan = paper.plan
    before = {"number": plan.number, "issued_on": plan.issued_on}
    plan.number = str(paper.entry.number) if paper.entry.number >= 10 else f"{paper.entry.number:02d}"
    plan.issued_on = paper.entry.issued_on
    record("plan.issued", plan, before=before,
           after={"number": plan.number, "issued_on": plan.issued_on}, actor=actor,
           summary=f"Kế hoạch được phát hành, số {paper.entry.number_text}")


register(PaperKind(
    code="plan", label="Kế hoạch", doc_type="KH", issuer="ubnd", drafter="ldtbxh",
    template="ke-hoach.docx", context=_context, page_endpoint="admin.plan", summary=_summary,
    default_units=_units, on_issued=_on_issued, fill=_fill, filename="Kế hoạch"))
