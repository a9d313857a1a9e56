""""Chờ tôi xử lý" for duties: manual duties submitted to the user's unit, to accept or return;
the unit's own manual duties that are overdue or due soon, to carry out.

(Reports, nominations and the other deliverables register their own providers.) The reads
several providers share are here: the unit's own assignments (the home page hands in those it
shows) and the submitted work of every duty, one grouped query."""
from datetime import datetime, timedelta

from sqlalchemy import func

from ..core import clock
from ..core.inbox import Waiting, shared
from ..core.permissions import Cap, has_cap
from ..extensions import db
from ..notifications.reminders import DUE_SOON_DAYS
from ..notifications.service import link_to
from ..plan.loader import current_plan
from ..plan.models import Plan
from . import deliverables
from .models import OPEN_STATUSES, Assignment, Duty, Status

OWN_ASSIGNMENTS = "duties.own_assignments"


def known_reads(unit_id: int, own: list[Assignment]) -> dict:
    """What the home page loaded, for `waiting_for(user, known=...)`."""
    return {(OWN_ASSIGNMENTS, unit_id): own}


def own_assignments(user) -> list[Assignment]:
    """The assignments of the user's unit in the current plan, in the plan's order."""
    from .service import unit_assignments
    return shared((OWN_ASSIGNMENTS, user.unit_id), lambda: unit_assignments(user.unit_id)[0])


def submitted_by_duty(plan: Plan) -> list[tuple[Duty, int, datetime, int]]:
    """(duty, how many units' work waits, since when, the first assignment) for every duty of
    the plan with submitted work, in the plan's order: one grouped query."""
    return shared(("duties.submitted", plan.id), lambda: (
        db.session.query(Duty, func.count(Assignment.id), func.min(Assignment.submitted_at),
                         func.min(Assignment.id))
        .join(Assignment, Assignment.duty_id == Duty.id)
        .filter(Duty.plan_id == plan.id, Assignment.status == Status.SUBMITTED)
        .group_by(Duty.id).order_by(Duty.position).all()))


def manual_duties_to_review(user) -> list[Waiting]:
    """One item per duty: how many units' work waits, since when; one click from the work
    (the assignment itself when one waits, the filtered matrix when several do)."""
    if not has_cap(user, Cap.ASSIGNMENT_REVIEW):
        return []
    plan = current_plan()
    if plan is None:
        return []
    items = []
    for duty, count, oldest, first_id in submitted_by_duty(plan):
        if duty.receiver_unit_id != user.unit_id or not deliverables.is_manual(duty.deliverable):
            continue
        url = (link_to("duties.assignment_detail", assignment_id=first_id) if count == 1
               else link_to("duties.matrix", status=Status.SUBMITTED.value))
        items.append(Waiting(f"Tiếp nhận “{duty.short_title}”", count, url, oldest))
    return items


def own_duties_due(user) -> list[Waiting]:
    """The unit's own duties moved by hand (a deliverable's capability lists its own work) whose
    deadline has passed or is at most DUE_SOON_DAYS away and that are still open: one item each,
    saying how late or how soon, one click from the unit's row."""
    if not has_cap(user, Cap.UNIT_WORK_OWN) or user.unit_id is None:
        return []
    if current_plan() is None:
        return []
    from .service import deadline_text
    today = clock.today()
    due = sorted((a for a in own_assignments(user)
                  if a.duty.deadline is not None
                  and a.duty.deadline <= today + timedelta(days=DUE_SOON_DAYS)
                  and Status(a.status) in OPEN_STATUSES
                  and deliverables.is_manual(a.duty.deliverable)),
                 key=lambda a: (a.duty.deadline, a.duty.position))
    return [Waiting(f"{a.duty.short_title} – {deadline_text(a, today)}", 1,
                    link_to("duties.assignment_detail", assignment_id=a.id),
                    a.duty.deadline if a.duty.deadline < today else None)
            for a in due]
