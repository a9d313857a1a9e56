"""Reading the delegates: protocol order, planned against named, the live counter, the
introductions of the script, the check-in search. Nothing here changes data."""
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy.orm import joinedload

from ..core.text import nfc, person_sort_key
from ..extensions import db
from ..plan.models import DelegateComposition, Plan, Unit
from .models import COMING, Delegate, Reply
from .policy import can_name, manages, names_own


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
        if (present_only and not present) or (not present_only and not attending):
            continue
        result.append({
            "full_name": d.attendee_name, "title": d.attendee_title,
            "organisation": d.organisation, "composition_label": d.composition.label,
            "address": d.address if d.attendee_name == d.full_name else "dong_chi",
            "rank": d.rank, "attending": attending, "present": present,
        })
    return result


def composition_choices(user, plan: Plan) -> list[DelegateComposition]:
    return [c for c in plan.compositions
            if manages(user) or (names_own(user) and can_name(user, c, user.unit_id))]


def units_for(composition: DelegateComposition) -> list[Unit]:
    if not composition.unit_kind:
        return []
    return (db.session.query(Unit).filter_by(kind=composition.unit_kind, is_active=True)
            .order_by(Unit.position, Unit.id).all())


@dataclass
class SeatCount:
    composition: DelegateComposition
    planned: int
    named: int
    coming: int = 0
    declined: int = 0
    present: int = 0
    per_unit: list = field(default_factory=list)   # [(unit, planned, named)]

    @property
    def missing(self) -> int:
        return max(0, self.planned - self.named)


def seat_counts(plan: Plan, *, unit_id: int | None = None) -> list[SeatCount]:
    """Per composition: planned seats against named delegates (and per commune); with unit_id
    only that unit's share of the per-unit compositions."""
    delegates = db.session.query(Delegate).filter_by(plan_id=plan.id, walk_in=False).all()
    result = []
    for c in plan.compositions:
        mine = [d for d in delegates if d.composition_id == c.id]
        if unit_id is not None:
            if not c.per_unit:
                continue
            mine = [d for d in mine if d.unit_id == unit_id]
            planned = c.per_unit
        else:
            planned = c.planned
        count = SeatCount(c, planned, len(mine),
                          coming=sum(1 for d in mine if d.reply in COMING),
                          declined=sum(1 for d in mine if d.reply == Reply.DECLINED),
                          present=sum(1 for d in mine if d.checked_in_at is not None))
        if c.per_unit and unit_id is None:
            for u in units_for(c):
                count.per_unit.append((u, c.per_unit, sum(1 for d in mine if d.unit_id == u.id)))
        result.append(count)
    return result


def unit_share(plan: Plan, unit_id: int) -> tuple[int, int]:
    """(planned, named) of a commune's own seats (its per-unit compositions)."""
    counts = seat_counts(plan, unit_id=unit_id)
    return sum(c.planned for c in counts), sum(min(c.named, c.planned) for c in counts)


def commune_table(plan: Plan) -> list[dict]:
    """Per commune: planned and named in each per-unit composition (for the coordinator)."""
    per_unit = [c for c in plan.compositions if c.per_unit]
    if not per_unit:
        return []
    named: dict = {}
    for comp_id, u_id in (db.session.query(Delegate.composition_id, Delegate.unit_id)
                          .filter(Delegate.plan_id == plan.id, Delegate.walk_in.is_(False))):
        named[(comp_id, u_id)] = named.get((comp_id, u_id), 0) + 1
    rows = []
    for u in units_for(per_unit[0]):
        cells = [(c, c.per_unit, named.get((c.id, u.id), 0)) for c in per_unit]
        rows.append({"unit": u, "cells": cells,
                     "planned": sum(p for _c, p, _n in cells),
                     "named": sum(n for _c, _p, n in cells)})
    return rows


def attendance(plan: Plan) -> dict:
    """The live counter: present against expected (those who said they will come)."""
    rows = db.session.query(Delegate.reply, Delegate.checked_in_at, Delegate.walk_in).filter(
        Delegate.plan_id == plan.id).all()
    invited = [r for r in rows if not r.walk_in]
    return {
        "named": len(invited),
        "planned": sum(c.planned for c in plan.compositions),
        "expected": sum(1 for r in invited if r.reply in COMING),
        "present": sum(1 for r in rows if r.checked_in_at is not None),
        "walk_ins": sum(1 for r in rows if r.walk_in),
        "pending": sum(1 for r in invited if r.reply == Reply.PENDING),
        "declined": sum(1 for r in invited if r.reply == Reply.DECLINED),
    }


def invitations_issued(plan: Plan) -> int:
    return (db.session.query(Delegate).filter(Delegate.plan_id == plan.id,
                                              Delegate.invitation_issued_at.isnot(None)).count())


def fold(text: str) -> str:
    """Lower case without diacritics (đ -> d): what people type on a phone in a hurry."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search(plan: Plan, text: str, limit: int = 30) -> list[Delegate]:
    """Check-in search: every word of `text` in the name (invitee or substitute), title or
    organisation, without regard to case or diacritics."""
    words = [fold(w) for w in nfc(text).split()]
    found = []
    for d in delegates_of(plan):
        hay = fold(" ".join((d.full_name, d.substitute_name, d.title, d.organisation)))
        if all(w in hay for w in words):
            found.append(d)
            if len(found) >= limit:
                break
    return found
