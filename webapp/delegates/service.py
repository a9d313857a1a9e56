"""Rules of the delegates: who names whom, planned against named, replies, invitations,
check-in. Services flush, never commit; every change is audited."""
from dataclasses import dataclass, field

from sqlalchemy.orm import joinedload

from ..core.text import nfc, person_sort_key
from ..extensions import db
from ..plan.models import DelegateComposition, Plan, Unit
from .models import COMING, Delegate, Reply


# --- order and queries -----------------------------------------------------------------------

def protocol_key(delegate: Delegate):
    """Protocol order: the composition's rank, the delegate's rank within it, then the name
    in Vietnamese order (given name, family name, middle names)."""
    c = delegate.composition
    return (c.protocol_rank, c.position, delegate.rank, person_sort_key(delegate.full_name),
            delegate.id or 0)


def delegates_of(plan: Plan, *, unit_id: int | None = None,
                 composition_id: int | None = None) -> list[Delegate]:
    """The plan's delegates in protocol order (optionally of one unit or composition)."""
    query = (db.session.query(Delegate)
             .options(joinedload(Delegate.composition), joinedload(Delegate.unit))
             .filter(Delegate.plan_id == plan.id))
    if unit_id is not None:
        query = query.filter(Delegate.unit_id == unit_id)
    if composition_id is not None:
        query = query.filter(Delegate.composition_id == composition_id)
    return sorted(query.all(), key=protocol_key)


def introduction_list(plan: Plan, present_only: bool = False) -> list[dict]:
    """The delegates the MC introduces at the opening, in protocol order.

    Without present_only: those who said they will attend (a substitute is introduced in the
    invitee's place). With present_only: those checked in on the day.
    """
    result = []
    for d in delegates_of(plan):
        attending = d.reply in COMING
        present = d.checked_in_at is not None
        if present_only and not present:
            continue
        if not present_only and not attending:
            continue
        result.append({
            "full_name": d.attendee_name,
            "title": d.attendee_title,
            "organisation": d.organisation,
            "composition_label": d.composition.label,
            "rank": d.rank,
            "attending": attending,
            "present": present,
        })
    return result
