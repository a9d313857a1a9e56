""""Chờ tôi xử lý" for duties: manual duties submitted to the user's unit, to accept or return.

(Reports, nominations and the other deliverables register their own providers.)"""
from sqlalchemy import func

from ..core.inbox import Waiting
from ..core.permissions import Cap, has_cap
from ..extensions import db
from ..notifications.service import link_to
from ..plan.loader import current_plan
from . import deliverables
from .models import Assignment, Duty, Status


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
