"""The coordinator's duty "kịch bản, chương trình, giấy mời" (deliverable "script"): its status
follows the script (drafting once the MC's lines are edited, submitted once it is final)."""
from sqlalchemy import or_
from sqlalchemy.orm import contains_eager

from ..duties.models import Assignment, Duty, Status
from ..duties.service import set_status
from ..extensions import db
from ..plan.models import Plan
from .memo import once_per_request

SCRIPT_DELIVERABLE = "script"
PAPER_DUTY = "tham-luan"


def _is_script(plan: Plan):
    return (Duty.deliverable == SCRIPT_DELIVERABLE) & (Assignment.unit_id == plan.coordinator_unit_id)


def conference_assignments(plan: Plan) -> list[Assignment]:
    """The script's duty and the discussion papers' duties, with their duties (one query,
    once per GET request: the conference's pages show both)."""
    return once_per_request(("conference_assignments", plan.id), lambda: (
        db.session.query(Assignment).join(Assignment.duty).options(contains_eager(Assignment.duty))
        .filter(Duty.plan_id == plan.id, or_(Duty.code == PAPER_DUTY, _is_script(plan)))
        .order_by(Assignment.id).all()))


def script_assignment(plan: Plan) -> Assignment | None:
    return next((a for a in conference_assignments(plan)
                 if a.duty.deliverable == SCRIPT_DELIVERABLE
                 and a.unit_id == plan.coordinator_unit_id), None)


def script_duty_to(plan: Plan, target: Status, *, actor) -> None:
    assignment = script_assignment(plan)
    if assignment is None or assignment.status == target:
        return
    if target == Status.DRAFTING and assignment.status == Status.ACCEPTED:
        return
    set_status(assignment, target, actor=actor)


def script_is_final(plan: Plan) -> bool:
    assignment = script_assignment(plan)
    return assignment is not None and assignment.status in (Status.SUBMITTED, Status.ACCEPTED)
