"""Reading the delegates: protocol order, planned against named, the live counter, the
introductions of the script, the check-in search. Nothing here changes data."""
import functools
from dataclasses import dataclass

from sqlalchemy import (Integer, String, and_, bindparam, case, func, literal, null,
                        or_, select, union_all)
from sqlalchemy.orm import contains_eager, defer, joinedload, lazyload

from ..core import nav_pages, people
from ..core.text import person_sort_key
from ..extensions import db
from ..plan.models import DelegateComposition, Plan, Unit
from .models import COMING, Delegate, Reply
from .policy import can_name, manages, names_own
from .textkeys import NAMES_END, words_of


def protocol_key(delegate: Delegate):
    """Protocol order: the composition's rank, the delegate's rank within it, then the name
    in Vietnamese order (given name, family name, middle names)."""
    c = delegate.composition
    return (c.protocol_rank, c.position, delegate.rank, person_sort_key(delegate.full_name),
            delegate.id or 0)


PROTOCOL_ORDER = (DelegateComposition.protocol_rank, DelegateComposition.position, Delegate.rank,
                  Delegate.name_key, Delegate.id)


def filtered(plan: Plan, *, unit_id: int | None = None, composition_id: int | None = None,
             reply: str | None = None, q: str = "", walk_in: bool | None = None,
             seated: bool = False, units: bool = True):
    """The plan's delegates as a query in protocol order (the composition's rank and position,
    the delegate's rank, the name in Vietnamese order), filtered in SQL: by unit, composition,
    reply, every word of `q` at the start of a word of the name, title or organisation (without
    regard to case or diacritics), walk-in, seated. `units=False`: a page that shows no unit
    loads none (and no search columns)."""
    query = (db.session.query(Delegate)
             .join(DelegateComposition, Delegate.composition_id == DelegateComposition.id)
             .options(contains_eager(Delegate.composition),
                      joinedload(Delegate.unit) if units else lazyload(Delegate.unit))
             .filter(Delegate.plan_id == plan.id))
    if not units:
        query = query.options(defer(Delegate.search_text), defer(Delegate.name_key))
    if unit_id is not None:
        query = query.filter(Delegate.unit_id == unit_id)
    if composition_id is not None:
        query = query.filter(Delegate.composition_id == composition_id)
    if reply:
        query = query.filter(Delegate.reply == reply)
    if walk_in is not None:
        query = query.filter(Delegate.walk_in.is_(walk_in))
    if seated:
        query = query.filter(Delegate.seat != "", Delegate.reply != Reply.DECLINED.value)
    for word in words_of(q):
        query = query.filter(_words().like(f"% {word}%", escape="\\"))
    return query.order_by(*PROTOCOL_ORDER)


def _words():
    """" " + search_text: every word, the first too, follows a space."""
    return literal(" ").concat(Delegate.search_text)


def delegates_of(plan: Plan, *, unit_id: int | None = None,
                 composition_id: int | None = None) -> list[Delegate]:
    """The plan's delegates in protocol order (optionally of one unit or composition)."""
    return filtered(plan, unit_id=unit_id, composition_id=composition_id).all()


@dataclass
class Rows:
    """One page of a long list: its rows and where it is (core.nav_pages.Page: number, pages,
    total, first and last numbers)."""
    items: list
    page: nav_pages.Page


def page_of(query, number: int, per_page: int = 50, total: int | None = None) -> Rows:
    """Page `number` (1-based, clamped to the last page) of an ordered query: two statements,
    the count (unless the caller knows `total` already) and the page's rows. (One statement
    with count(*) over () beside the rows was tried: SQLite then materialises and sorts every
    row, 16 ms instead of 1.3 at 10x.)"""
    if total is None:
        total = query.order_by(None).options(lazyload("*")).count()
    page = nav_pages.page_of(total, number, per_page)
    return Rows(query.limit(per_page).offset(page.offset).all() if total else [], page)


def introduction_list(plan: Plan, present_only: bool = False) -> list[dict]:
    """The delegates the MC introduces at the opening, in protocol order.

    Without present_only: those who said they will attend (a substitute is introduced in the
    invitee's place). With present_only: those checked in on the day. One statement of plain
    columns: who comes (the substitute or the invitee, as models.attendee says) is chosen in SQL, so a
    thousand rows cost no Python per attribute.
    """
    sent = (Delegate.reply == Reply.SUBSTITUTE.value) & (Delegate.substitute_name != "")
    statement = (
        select(case((sent, Delegate.substitute_name), else_=Delegate.full_name),
               case((sent, Delegate.substitute_title), else_=Delegate.title),
               Delegate.organisation,
               case((sent, literal(people.DEFAULT_ADDRESS)), else_=Delegate.address),
               DelegateComposition.label, DelegateComposition.protocol_rank,
               DelegateComposition.level, Delegate.rank,
               Delegate.reply.in_([r.value for r in COMING]), Delegate.checked_in_at.isnot(None))
        .join(DelegateComposition, Delegate.composition_id == DelegateComposition.id)
        .where(Delegate.plan_id == plan.id,
               Delegate.checked_in_at.isnot(None) if present_only
               else Delegate.reply.in_([r.value for r in COMING]))
        .order_by(*PROTOCOL_ORDER))
    keys = ("full_name", "title", "organisation", "address", "composition_label",
            "protocol_rank", "level", "rank", "attending", "present")
    return [dict(zip(keys, (*row[:8], bool(row[8]), bool(row[9]))))
            for row in db.session.execute(statement).all()]


@functools.cache
def _introductions_statement(present_only: bool):
    """Built once per kind (the plan and the rank are bound parameters): building this union
    of two selects took longer than SQLite takes to run it (3.4 -> 1.7 ms at 10x)."""
    plan_id = bindparam("plan_id", type_=Integer)
    max_rank = bindparam("max_rank", type_=Integer)
    sent = (Delegate.reply == Reply.SUBSTITUTE.value) & (Delegate.substitute_name != "")
    chosen = (Delegate.checked_in_at.isnot(None) if present_only
              else Delegate.reply.in_([r.value for r in COMING]))
    composition = (DelegateComposition.label, DelegateComposition.protocol_rank,
                   DelegateComposition.level, DelegateComposition.position)
    # The few named one by one as plain rows, the many counted per composition: two parts of
    # one statement (grouping every delegate by a per-row key made SQLite sort them all).
    named_rows = (
        select(*composition, Delegate.rank.label("rank"), Delegate.name_key.label("name_key"),
               Delegate.id.label("one"),
               case((sent, Delegate.substitute_name), else_=Delegate.full_name),
               case((sent, Delegate.substitute_title), else_=Delegate.title),
               Delegate.organisation,
               case((sent, literal(people.DEFAULT_ADDRESS)), else_=Delegate.address),
               literal(1))
        .join(DelegateComposition, Delegate.composition_id == DelegateComposition.id)
        .where(Delegate.plan_id == plan_id, chosen, DelegateComposition.protocol_rank <= max_rank))
    counted = (
        select(*composition, null(), null(), null(), null(), null(), null(), null(),
               func.count(Delegate.id))
        .join(DelegateComposition, Delegate.composition_id == DelegateComposition.id)
        .where(Delegate.plan_id == plan_id, chosen, DelegateComposition.protocol_rank > max_rank)
        .group_by(DelegateComposition.id))
    both = union_all(named_rows, counted).subquery()
    return select(both).order_by(both.c.protocol_rank, both.c.position, both.c.rank,
                                 both.c.name_key, both.c.one)


def introductions_by_name(plan: Plan, max_rank: int, present_only: bool = False
                          ) -> tuple[list[dict], list[tuple[str, int]]]:
    """What the MC reads at the opening, from one grouped statement: the delegates of the
    compositions up to protocol rank `max_rank` one by one (as introduction_list has them),
    and every other composition as (label, number of delegates), both in protocol order.
    The database counts the many; only the few named come back as rows."""
    named, together = [], []
    for label, rank, level, _position, _rank, _key, one, name, title, organisation, address, \
            count in db.session.execute(_introductions_statement(bool(present_only)),
                                        {"plan_id": plan.id, "max_rank": int(max_rank)}).all():
        if one is None:
            together.append((label, count))
        else:
            named.append({"full_name": name, "title": title, "organisation": organisation,
                          "address": address, "composition_label": label,
                          "protocol_rank": rank, "level": level})
    return named, together


def composition_choices(user, plan: Plan) -> list[DelegateComposition]:
    return [c for c in plan.compositions
            if manages(user) or (names_own(user) and can_name(user, c, user.unit_id))]


def unit_choices(composition: DelegateComposition) -> list[tuple[int, str]]:
    """(id, name) of the units a per-unit composition names delegates for, in unit order: the
    two columns a select needs, not 240 Unit objects at ten times the district."""
    if not composition.unit_kind:
        return []
    return [tuple(row) for row in db.session.execute(
        select(Unit.id, Unit.name).where(Unit.kind == composition.unit_kind, Unit.is_active)
        .order_by(Unit.position, Unit.id))]


@dataclass
class SeatCount:
    composition: DelegateComposition
    planned: int
    named: int
    coming: int = 0
    declined: int = 0
    present: int = 0

    @property
    def missing(self) -> int:
        return max(0, self.planned - self.named)


def tallies(plan: Plan, *, unit_id: int | None = None) -> tuple[list[SeatCount], dict]:
    """The seat counts (seat_counts()) and the live counter (attendance()) from one statement
    grouped by composition and walk-in."""
    rows = _tally_rows(plan, unit_id)
    return _seat_counts(plan, rows, unit_id), _counter(plan, rows)


def listed(counter: dict, counts: list[SeatCount], composition_id: int | None) -> int:
    """How many delegates the unsearched list shows, from tallies(): all of them (walk-ins
    too), or one composition's."""
    if composition_id is None:
        return counter["named"] + counter["walk_ins"]
    return next((c.named for c in counts if c.composition.id == composition_id), 0) + \
        counter["walk_ins_by_composition"].get(composition_id, 0)


def _tally_rows(plan: Plan, unit_id: int | None) -> list:
    """Per (composition, walk-in): delegates, coming, declined, present, pending, issued, the
    plan's planned seats (the same on every row), and those without a giấy mời yet but the
    presiding leaders (invitations.not_invited_count, for the invited)."""
    from .invitations import presiding_unit_code
    return db.session.execute(_tally_statement(unit_id is not None),
                              {"plan_id": plan.id, "unit_id": unit_id,
                               "presiding": presiding_unit_code()}).all()


@functools.cache
def _tally_statement(of_unit: bool):
    """Built once (the plan and the unit are bound parameters): building a statement of a
    dozen expressions costs more than SQLite takes to run it."""
    one = lambda condition: func.coalesce(func.sum(case((condition, 1), else_=0)), 0)  # noqa: E731
    plan_id = bindparam("plan_id", type_=Integer)
    planned = (select(func.coalesce(func.sum(DelegateComposition.planned), 0))
               .where(DelegateComposition.plan_id == plan_id).scalar_subquery())
    return (
        select(Delegate.composition_id, Delegate.walk_in, func.count(Delegate.id),
               one(Delegate.reply.in_([r.value for r in COMING])),
               one(Delegate.reply == Reply.DECLINED.value),
               one(Delegate.checked_in_at.isnot(None)),
               one(Delegate.reply == Reply.PENDING.value),
               one(Delegate.invitation_issued_at.isnot(None)), planned,
               one((Delegate.invitation_number == "") & or_(
                   Delegate.unit_id.is_(None), Delegate.unit_id.notin_(
                       select(Unit.id).where(Unit.code == bindparam("presiding", type_=String))
                       .scalar_subquery()))))
        .where(Delegate.plan_id == plan_id,
               *([Delegate.unit_id == bindparam("unit_id", type_=Integer)] if of_unit else []))
        .group_by(Delegate.composition_id, Delegate.walk_in))


def _planned(plan: Plan):
    return (select(func.coalesce(func.sum(DelegateComposition.planned), 0))
            .where(DelegateComposition.plan_id == plan.id).scalar_subquery())


def _counter(plan: Plan, rows: list) -> dict:
    counter = {"named": 0, "planned": 0, "expected": 0, "present": 0, "walk_ins": 0,
               "pending": 0, "declined": 0, "issued": 0}
    counter["walk_ins_by_composition"] = {}
    counter["not_invited"] = 0
    for comp, walk_in, count, coming, declined, present, pending, issued, _planned_seats, \
            not_invited in rows:
        counter["present"] += present
        counter["issued"] += issued
        if walk_in:
            counter["walk_ins"] += count
            counter["walk_ins_by_composition"][comp] = count
        else:
            counter["named"] += count
            counter["not_invited"] += not_invited
            counter["expected"] += coming
            counter["pending"] += pending
            counter["declined"] += declined
    # nobody named yet: the planned seats asked alone
    counter["planned"] = int(rows[0][8] if rows else
                             db.session.execute(select(_planned(plan))).scalar())
    return counter


def _seat_counts(plan: Plan, rows: list, unit_id: int | None) -> list[SeatCount]:
    invited = {row[0]: row[2:6] for row in rows if not row[1]}
    result = []
    for c in plan.compositions:
        if unit_id is not None and not c.per_unit:
            continue
        named, coming, declined, present = invited.get(c.id, (0, 0, 0, 0))
        result.append(SeatCount(c, c.per_unit if unit_id is not None else c.planned, named,
                                coming=coming, declined=declined, present=present))
    return result


def seat_counts(plan: Plan, *, unit_id: int | None = None) -> list[SeatCount]:
    """Per composition: planned seats against named delegates (tallies())."""
    return _seat_counts(plan, _tally_rows(plan, unit_id), unit_id)


def unit_share(plan: Plan, unit_id: int) -> tuple[int, int]:
    """(planned, named) of a commune's own seats (its per-unit compositions)."""
    counts = seat_counts(plan, unit_id=unit_id)
    return sum(c.planned for c in counts), sum(min(c.named, c.planned) for c in counts)


def commune_rows(plan: Plan, units: list[Unit]) -> list[dict]:
    """For these communes: planned and named in each per-unit composition."""
    per_unit = [c for c in plan.compositions if c.per_unit]
    if not per_unit or not units:
        return []
    named = {(comp_id, u_id): n for comp_id, u_id, n in (
        db.session.query(Delegate.composition_id, Delegate.unit_id, func.count(Delegate.id))
        .filter(Delegate.plan_id == plan.id, Delegate.walk_in.is_(False),
                Delegate.unit_id.in_([u.id for u in units]))
        .group_by(Delegate.composition_id, Delegate.unit_id))}
    rows = []
    for u in units:
        cells = [(c, c.per_unit, named.get((c.id, u.id), 0)) for c in per_unit]
        rows.append({"unit": u, "cells": cells,
                     "planned": sum(p for _c, p, _n in cells),
                     "named": sum(n for _c, _p, n in cells)})
    return rows


def communes_complete(plan: Plan) -> tuple[int, int]:
    """(communes that named all their seats, communes): one statement."""
    per_unit = [c for c in plan.compositions if c.per_unit]
    if not per_unit:
        return 0, 0
    named, total = db.session.execute(_communes_statement(), {
        "plan_id": plan.id, "kind": per_unit[0].unit_kind,
        "share": sum(c.per_unit for c in per_unit),
        "compositions": [c.id for c in per_unit]}).one()
    return int(named), int(total)


@functools.cache
def _communes_statement():
    kind = bindparam("kind", type_=String)
    communes = (select(func.count(Unit.id)).where(Unit.kind == kind, Unit.is_active.is_(True))
                .scalar_subquery())
    complete = (select(Delegate.unit_id)
                .join(Unit, Delegate.unit_id == Unit.id)
                .where(Delegate.plan_id == bindparam("plan_id", type_=Integer),
                       Delegate.walk_in.is_(False),
                       Delegate.composition_id.in_(bindparam("compositions", expanding=True)),
                       Unit.kind == kind, Unit.is_active.is_(True))
                .group_by(Delegate.unit_id)
                .having(func.count(Delegate.id) >= bindparam("share", type_=Integer))
                .subquery())
    return select(select(func.count()).select_from(complete).scalar_subquery(), communes)


def attendance(plan: Plan, *, unit_id: int | None = None) -> dict:
    """The live counter: present against expected (those who said they will come); with
    unit_id, that unit's delegates only (planned stays the plan's)."""
    return _counter(plan, _tally_rows(plan, unit_id))


def search(plan: Plan, text: str, limit: int = 30) -> list[Delegate]:
    """Check-in search, in SQL on delegate.search_text, without regard to case or diacritics:
    every word of `text` starts a word of the name (invitee or substitute), title or
    organisation. Best first: the name starting with the text, the text as words of a name,
    every word in a name; a match in the title or organisation only comes last."""
    words = words_of(text)
    if not words:
        return []
    phrase = " ".join(words)
    in_name = lambda pattern: _words().like(f"{pattern}%{NAMES_END}%", escape="\\")  # noqa: E731
    rank = case((Delegate.search_text.like(f"{phrase}%", escape="\\"), 0),
                (in_name(f"% {phrase}"), 1),
                (and_(*(in_name(f"% {w}") for w in words)), 2), else_=3)
    return (filtered(plan, q=text).order_by(None).order_by(rank, *PROTOCOL_ORDER)
            .limit(limit).all())
