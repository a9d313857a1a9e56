"""The coordinator's duty "kịch bản, chương trình, giấy mời" (deliverable "script"): its status
follows the script (drafting once the MC's lines are edited, submitted once it is final)."""
from ..duties.models import Assignment, Duty, Status
from ..duties.service import set_status
from ..extensions import db
from ..plan.models import Plan

SCRIPT_DELIVERABLE = "script"


def script_assignment(plan: Plan) -> Assignment | None:
    return (db.session.query(Assignment).join(Assignment.duty)
            .filter(Duty.plan_id == plan.id, Duty.deliverable == SCRIPT_DELIVERABLE,
                    Assignment.unit_id == plan.coordinator_unit_id).first())


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
