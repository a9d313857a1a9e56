""""Chờ tôi xử lý" for duties: manual duties submitted to the user's unit, to accept or return;
the unit's own manual duties that are overdue or due soon, to carry out.

(Reports, nominations and the other deliverables register their own providers.)"""
from datetime import timedelta

from sqlalchemy import func

from ..core import clock
from ..core.inbox import Waiting
from ..core.permissions import Cap, has_cap
from ..extensions import db
from ..notifications.service import link_to
from ..plan.loader import current_plan
from . import deliverables
from ..notifications.reminders import DUE_SOON_DAYS
from .models import OPEN_STATUSES, Assignment, Duty, Status


def manual_duties_to_review(user) -> list[Waiting]:
    """One item per duty: how many units' work waits, since when; one click from the work
    (the assignment itself when one waits, the filtered matrix when several do)."""
    if not has_cap(user, Cap.ASSIGNMENT_REVIEW):
        return []
    plan = current_plan()
    if plan is None:
        return []
    rows = (db.session.query(Duty, func.count(Assignment.id), func.min(Assignment.submitted_at),
                             func.min(Assignment.id))
            .join(Assignment, Assignment.duty_id == Duty.id)
            .filter(Duty.plan_id == plan.id, Duty.receiver_unit_id == user.unit_id,
                    Assignment.status == Status.SUBMITTED)
            .group_by(Duty.id).order_by(Duty.position).all())
    items = []
    for duty, count, oldest, first_id in rows:
        if not deliverables.is_manual(duty.deliverable):
            continue
        url = (link_to("duties.assignment_detail", assignment_id=first_id) if count == 1
               else link_to("duties.matrix", status=Status.SUBMITTED.value))
        items.append(Waiting(f"Tiếp nhận “{duty.short_title}”", count, url, oldest))
    return items


def own_duties_due(user) -> list[Waiting]:
    """The unit's own duties moved by hand (a deliverable's capability lists its own work) whose
    deadline has passed or is at most DUE_SOON_DAYS away and that are still open: one item each,
    saying how late or how soon, one click from the unit's row. One query."""
    if not has_cap(user, Cap.UNIT_WORK_OWN) or user.unit_id is None:
        return []
    plan = current_plan()
    if plan is None:
        return []
    from .service import deadline_text
    today = clock.today()
    rows = (db.session.query(Assignment).join(Assignment.duty)
            .filter(Duty.plan_id == plan.id, Assignment.unit_id == user.unit_id,
                    Duty.deadline.is_not(None),
                    Duty.deadline <= today + timedelta(days=DUE_SOON_DAYS),
                    Assignment.status.in_([s.value for s in OPEN_STATUSES]))
            .order_by(Duty.deadline, Duty.position).all())
    return [Waiting(f"{a.duty.short_title} – {deadline_text(a, today)}", 1,
                    link_to("duties.assignment_detail", assignment_id=a.id),
                    a.duty.deadline if a.duty.deadline < today else None)
            for a in rows if deliverables.is_manual(a.duty.deliverable)]
