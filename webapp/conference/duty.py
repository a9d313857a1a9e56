"""The coordinator's duty "kịch bản, chương trình, giấy mời" (deliverable "script"): its status
follows the script (drafting once the MC's lines are edited, submitted once it is final)."""
from flask import has_request_context, request
from sqlalchemy.orm import contains_eager

from ..duties.models import Assignment, Duty, Status
from ..duties.service import set_status
from ..extensions import db
from ..plan.models import Plan
from .frame import frame, script_assignment_now
from .memo import once_per_request

PAPER_DUTY = "tham-luan"


def conference_assignments(plan: Plan) -> list[Assignment]:
    """The discussion papers' assignments with their duty (one query, once per GET request;
    the script's own assignment comes with the agenda, webapp.conference.frame)."""
    return once_per_request(("conference_assignments", plan.id), lambda: (
        db.session.query(Assignment).join(Assignment.duty).options(contains_eager(Assignment.duty))
        .filter(Duty.plan_id == plan.id, Duty.code == PAPER_DUTY)
        .order_by(Assignment.id).all()))


def script_assignment(plan: Plan) -> Assignment | None:
    """The coordinator's script assignment: with the agenda (webapp.conference.frame) on a GET
    request, read afresh on a write."""
    if not has_request_context() or request.method != "GET":
        return script_assignment_now(plan)
    return frame(plan)[2]


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
