"""Object rules of duties and assignments, written once: loaders, services and templates ask
them through `allowed("duties.x", obj)` (webapp.core.permissions)."""
from ..core.errors import NotFound
from ..core.permissions import Cap, has_cap, policy
from ..extensions import db
from . import deliverables
from .models import Assignment, Duty, Status


@policy("duties.view")
def can_view(user, assignment: Assignment) -> bool:
    """Who follows every unit's duties, the owning unit, and a cooperating unit."""
    if has_cap(user, Cap.DUTIES_VIEW_ALL) or assignment.unit_id == user.unit_id:
        return True
    return any(c.unit_id == user.unit_id for c in assignment.duty.cooperators)


@policy("duties.move")
def can_move_by_hand(user, assignment: Assignment) -> bool:
    """The owning unit moves a duty that no capability of the product handles."""
    return (has_cap(user, Cap.UNIT_WORK_OWN)
            and assignment.unit_id == user.unit_id
            and deliverables.is_manual(assignment.duty.deliverable)
            and bool(assignment.moves))


def receives(user, assignment: Assignment) -> bool:
    """The unit the work is sent to reviews a duty whose deliverable no capability reviews."""
    return (has_cap(user, Cap.ASSIGNMENT_REVIEW)
            and assignment.duty.receiver_unit_id == user.unit_id
            and deliverables.is_manual(assignment.duty.deliverable))


@policy("duties.review")
def can_review(user, assignment: Assignment) -> bool:
    return receives(user, assignment) and assignment.status == Status.SUBMITTED


@policy("duties.set_deadline")
def can_set_deadline(user, duty: Duty) -> bool:
    """Phòng LĐTB&XH sets a working deadline where the plan fixes none."""
    return has_cap(user, Cap.DUTY_DEADLINE_SET) and not duty.deadline_fixed


def get_assignment_or_404(assignment_id: int, user) -> Assignment:
    """Another unit's work answers as if it did not exist."""
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or not can_view(user, assignment):
        raise NotFound("Nhiệm vụ này không tồn tại hoặc không thuộc đơn vị của bạn.")
    return assignment


def get_duty_or_404(duty_id: int) -> Duty:
    duty = db.session.get(Duty, duty_id)
    if duty is None:
        raise NotFound("Nhiệm vụ này không tồn tại.")
    return duty
