"""Naming delegates is a duty of each commune (plan §III.4, duty "nêu tên đại biểu" in the
plan data): its status follows the naming — not started while nobody is named, drafting while
some seats are named, submitted once every seat of the commune is."""
from ..duties.models import Assignment, Duty, Status
from ..duties.service import set_status
from ..extensions import db
from ..plan.models import Plan, Unit
from .queries import unit_share

DELIVERABLE = "delegates"


def naming_assignment(plan: Plan, unit_id: int) -> Assignment | None:
    return (db.session.query(Assignment).join(Assignment.duty)
            .filter(Duty.plan_id == plan.id, Duty.deliverable == DELIVERABLE,
                    Assignment.unit_id == unit_id).first())


def target_status(planned: int, named: int) -> Status:
    if named <= 0:
        return Status.NOT_STARTED
    return Status.SUBMITTED if named >= planned else Status.DRAFTING


def sync_naming(plan: Plan, unit_id: int | None, *, actor) -> None:
    """Move the commune's naming duty to what its named delegates say."""
    if unit_id is None:
        return
    assignment = naming_assignment(plan, unit_id)
    if assignment is None:
        return
    planned, named = unit_share(plan, unit_id)
    target = target_status(planned, named)
    current = Status(assignment.status)
    if current == target or (current == Status.ACCEPTED and target == Status.SUBMITTED):
        return
    if current == Status.RETURNED and target == Status.DRAFTING:
        return  # Văn phòng asked for changes: it stays so until every seat is named
    set_status(assignment, target, actor=actor)


def sync_all(plan: Plan, *, actor) -> None:
    for (unit_id,) in db.session.query(Unit.id).filter_by(kind="commune"):
        sync_naming(plan, unit_id, actor=actor)
