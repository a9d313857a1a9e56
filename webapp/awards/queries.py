"""Read queries of rewards: the lists, the counters, duplicates, the dossier, the decision order.

Nothing here changes anything.
"""
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from flask import g, has_app_context
from sqlalchemy import Integer, bindparam, case, func, select
from sqlalchemy.orm import contains_eager, joinedload

from ..core import people
from ..core.nav_pages import Page, page_of
from ..core.roles import UnitKind
from ..extensions import db
from ..plan.models import Plan, Unit
from . import rules
from .models import (KIND_LABELS, NOMINATION_STATUS_LABELS, Kind, Nomination,
                     NominationStatus as NS, RewardDecision)
from .policy import VISIBLE_TO_OTHERS

KIND_ORDER = {Kind.COLLECTIVE: 0, Kind.INDIVIDUAL: 1}


def one_of_plan(model, plan: Plan):
    """The plan's one row of `model` (the decision, the Tờ trình, the biên bản), kept for the
    request: the pages that ask for it several times read it once. (Kept as the object: the
    session's identity map holds it only weakly.) One that left the session (a rollback) is
    read again. That there is none is kept too (a page of rows asks whether the list is
    closed for each): the services that create one `remember` it."""
    kept = g.setdefault("award_papers", {}) if has_app_context() else {}
    key = (model.__tablename__, plan.id)
    if key in kept:
        found = kept[key]
        if found is None or found in db.session:
            return found
    found = db.session.query(model).filter_by(plan_id=plan.id).one_or_none()
    kept[key] = found
    return found


def remember(obj) -> None:
    """A paper of `one_of_plan` just created (the request had kept that there was none)."""
    if has_app_context():
        g.setdefault("award_papers", {})[(obj.__tablename__, obj.plan_id)] = obj


def get_decision(plan: Plan) -> RewardDecision | None:
    return one_of_plan(RewardDecision, plan)


# --- names -----------------------------------------------------------------------------------

@lru_cache(maxsize=8192)
def normalise_name(text: str) -> str:
    """For duplicate detection: NFC, case-folded, single spaces, no punctuation. (A pure
    function of the text, remembered: the review page keys every nomination it sees.)"""
    text = unicodedata.normalize("NFC", text or "").casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def duplicate_key(kind: str, full_name: str, collective_name: str, birth_year) -> tuple:
    """The same person (name and birth year) or the same collective (name)."""
    if kind == Kind.INDIVIDUAL:
        return ("individual", normalise_name(full_name), birth_year)
    return ("collective", normalise_name(collective_name))


def unit_label(name: str, short_name: str, kind: str) -> str:
    """A nominating unit in a list or a sentence: a commune as the app prints it mid-sentence
    ("xã Bình Long", "thị trấn Châu Ổ"), the others by their short name ("Phòng GD&ĐT")."""
    return people.mid_sentence(name) if kind == UnitKind.COMMUNE else short_name


def unit_label_of(unit: Unit) -> str:
    return unit_label(unit.name, unit.short_name, unit.kind)


# --- lists -----------------------------------------------------------------------------------

def unit_nominations(plan: Plan, unit_id: int) -> list[Nomination]:
    return (db.session.query(Nomination).filter_by(plan_id=plan.id, unit_id=unit_id)
            .order_by(Nomination.kind, Nomination.id).all())


def _review_query(plan: Plan, status: str = "", kind: str = "", unit_id: int | None = None):
    query = (db.session.query(Nomination)
             .filter(Nomination.plan_id == plan.id, Nomination.status.in_(VISIBLE_TO_OTHERS)))
    if status in {s.value for s in NS}:
        query = query.filter(Nomination.status == status)
    if kind in (Kind.COLLECTIVE, Kind.INDIVIDUAL):
        query = query.filter(Nomination.kind == kind)
    if unit_id:
        query = query.filter(Nomination.unit_id == unit_id)
    return query


def _in_review_order(query):
    """Collectives first, then the plan's unit order, then the order of arrival."""
    kind_first = case((Nomination.kind == Kind.COLLECTIVE, 0), else_=1)
    return (query.join(Nomination.unit).options(contains_eager(Nomination.unit))
            .order_by(kind_first, Unit.position, Nomination.id))


def review_list(plan: Plan, status: str = "", kind: str = "") -> list[Nomination]:
    return _in_review_order(_review_query(plan, status, kind)).all()


REVIEW_PAGE_SIZE = 20


def review_page(plan: Plan, status: str = "", kind: str = "", unit_id: int | None = None,
                number: int = 1, per_page: int = REVIEW_PAGE_SIZE,
                total: int | None = None) -> tuple[Page, list[Nomination]]:
    """One page of the review list and its rows. `total` (the rows through every page) is
    counted here unless the caller knows it (the counters do, without a unit filter)."""
    query = _review_query(plan, status, kind, unit_id)
    if total is None:
        total = query.count()
    page = page_of(total, number, per_page)
    rows = _in_review_order(query).offset(page.offset).limit(per_page).all()
    return page, rows


@dataclass
class Nominators:
    """What the review page reads of every nomination the reviewers see, in one query of a
    few columns: the nominating units (the filter's choices, in plan order) and the
    nominations of other units for the same person or collective as a row shown."""
    units: list[tuple[int, str]]
    duplicates: dict[int, list]

    @property
    def labels(self) -> dict[int, str]:
        return dict(self.units)


def nominators(plan: Plan, shown: list[Nomination] | None = None) -> Nominators:
    """`duplicates` for the `shown` rows (all when None): nomination id -> the nominations of
    OTHER units for the same person or collective (SameName rows)."""
    rows = (db.session.query(Nomination.id, Nomination.unit_id, Nomination.status,
                             Nomination.kind, Nomination.full_name, Nomination.collective_name,
                             Nomination.birth_year, Unit.name.label("unit_name"),
                             Unit.short_name, Unit.kind.label("unit_kind"), Unit.position)
            .join(Unit, Unit.id == Nomination.unit_id)
            .filter(Nomination.plan_id == plan.id, Nomination.status.in_(VISIBLE_TO_OTHERS))
            .all())
    labels: dict[int, tuple[int, str]] = {}
    groups: dict[tuple, list] = {}
    for row in rows:
        (_, unit_id, _, kind, full_name, collective_name, birth_year,
         unit_name, short_name, unit_kind, position) = row
        if unit_id not in labels:
            labels[unit_id] = (position, unit_label(unit_name, short_name, unit_kind))
        groups.setdefault(duplicate_key(kind, full_name, collective_name, birth_year),
                          []).append(row)
    units = [(uid, label) for uid, (_, label)
             in sorted(labels.items(), key=lambda item: (item[1][0], item[0]))]
    wanted = None if shown is None else {n.id for n in shown}
    found: dict[int, list] = {}
    for group in groups.values():
        if len(group) < 2 or (wanted is not None and not any(r.id in wanted for r in group)):
            continue
        same = [SameName(r.id, r.unit_id,
                         r.full_name if r.kind == Kind.INDIVIDUAL else r.collective_name,
                         NOMINATION_STATUS_LABELS[NS(r.status)], labels[r.unit_id][1])
                for r in group]
        for n in same:
            if wanted is not None and n.id not in wanted:
                continue
            others = [o for o in same if o.id != n.id and o.unit_id != n.unit_id]
            if others:
                found[n.id] = others
    return Nominators(units, found)


def duplicates(plan: Plan, shown: list[Nomination] | None = None) -> dict[int, list]:
    """nomination id -> the nominations of OTHER units for the same person or collective
    (each a light row: unit_id, status_label, unit's label), for the `shown` rows (all
    when None). One query of a few columns, whatever the page shows."""
    return nominators(plan, shown).duplicates


def put_to_the_meeting(plan: Plan) -> list[Nomination]:
    """What Phòng LĐTB&XH put before the selection meeting: shortlisted, approved or not,
    collectives first, in the plan's unit order."""
    rows = (db.session.query(Nomination).options(joinedload(Nomination.unit))
            .filter(Nomination.plan_id == plan.id,
                    Nomination.status.in_((NS.SHORTLISTED, NS.APPROVED, NS.REJECTED))).all())
    rows.sort(key=lambda n: (KIND_ORDER[Kind(n.kind)], n.unit.position, n.id))
    return rows


# --- dossier and duplicates ------------------------------------------------------------------

@dataclass
class DossierCheck:
    label: str
    ok: bool


def dossier_checks(n: Nomination) -> list[DossierCheck]:
    """What the nomination must carry (data/reward-rules.toml [dossier])."""
    needs = rules.dossier()
    checks = []
    if needs.get("summary", True):
        checks.append(DossierCheck("Tóm tắt thành tích", bool(n.summary.strip())))
    if needs.get("achievement_report", True):
        checks.append(DossierCheck("Báo cáo thành tích", n.report_file_id is not None))
    if n.kind in needs.get("cover_letter_for", []):
        checks.append(DossierCheck("Tờ trình/công văn đề nghị của đơn vị",
                                   n.cover_letter_file_id is not None))
    return checks


@dataclass(frozen=True)
class SameName:
    id: int
    unit_id: int
    name: str
    status_label: str
    unit_label: str


# --- counters --------------------------------------------------------------------------------

@dataclass
class KindCounter:
    kind: str
    label: str
    quota: int
    submitted: int = 0
    shortlisted: int = 0
    approved: int = 0
    rejected: int = 0
    returned: int = 0

    @property
    def left(self) -> int:
        return max(0, self.quota - self.approved)

    @property
    def full(self) -> bool:
        return self.approved >= self.quota


@dataclass
class Counters:
    kinds: list[KindCounter]
    # (unit, Counter of status, "<kind>_<status>" and "total"): read it by key, c["total"]
    by_unit: list[tuple[Unit, Counter]] = field(default_factory=list)

    def kind(self, kind: str) -> KindCounter:
        return next(k for k in self.kinds if k.kind == kind)


def counters(plan: Plan, by_unit: bool = True) -> Counters:
    """Quota used and left, overall (per kind) and — when `by_unit` — per nominating unit,
    counted by GROUP BY in SQL (one query each, whatever the number of nominations)."""
    kinds = {k: KindCounter(k.value, KIND_LABELS[k], plan.quota(k.value)) for k in Kind}
    visible = (Nomination.plan_id == plan.id, Nomination.status.in_(VISIBLE_TO_OTHERS))
    for kind, status, count in (db.session.query(Nomination.kind, Nomination.status,
                                                 func.count(Nomination.id))
                                .filter(*visible).group_by(Nomination.kind, Nomination.status)):
        kc = kinds[Kind(kind)]
        setattr(kc, status, getattr(kc, status) + count)
    result = Counters(list(kinds.values()))
    if by_unit:
        result.by_unit = unit_counters(plan)
    _memo()[plan.id] = {k.kind: k.approved for k in result.kinds}
    return result


def unit_counters(plan: Plan) -> list[tuple[Unit, Counter]]:
    """(unit, Counter of status, "<kind>_<status>" and "total") per nominating unit, in plan
    order: read it by key, c["total"]."""
    rows = (db.session.query(Unit, Nomination.kind, Nomination.status, func.count(Nomination.id))
            .join(Nomination, Nomination.unit_id == Unit.id)
            .filter(Nomination.plan_id == plan.id, Nomination.status.in_(VISIBLE_TO_OTHERS))
            .group_by(Unit.id, Nomination.kind, Nomination.status)
            .order_by(Unit.position, Unit.id))
    by_unit: dict[int, tuple[Unit, Counter]] = {}
    for unit, kind, status, count in rows:
        c = by_unit.setdefault(unit.id, (unit, Counter()))[1]
        c[status] += count
        c[f"{kind}_{status}"] += count
        c["total"] += count
    return list(by_unit.values())


def _memo() -> dict:
    """The approved counts of this request, per plan (what `counters` last read): the row
    buttons' "place left in the quota" without one query per row. Any status change forgets
    it (`forget_counts`); the quota rule itself (flow.approve) always counts under its lock."""
    if not has_app_context():
        return {}
    return g.setdefault("award_approved_counts", {})


def forget_counts() -> None:
    if has_app_context():
        g.pop("award_approved_counts", None)


def approved_count(plan_id: int, kind: str) -> int:
    return (db.session.query(Nomination)
            .filter_by(plan_id=plan_id, kind=kind, status=NS.APPROVED).count())


def quota_left(plan: Plan, kind: str) -> int:
    known = _memo().get(plan.id)
    used = known[kind] if known is not None else approved_count(plan.id, kind)
    return max(0, plan.quota(kind) - used)


# --- the order of the decision ---------------------------------------------------------------

def _ordered(items: list[Nomination]) -> list[Nomination]:
    """Items placed by hand (decision_order) keep their order; the others are inserted by the
    plan's unit order (then by nomination id)."""
    placed = sorted((n for n in items if n.decision_order is not None),
                    key=lambda n: (n.decision_order, n.id))
    loose = sorted((n for n in items if n.decision_order is None),
                   key=lambda n: (n.unit.position, n.id))
    result = list(placed)
    for n in loose:
        index = next((i for i, other in enumerate(result)
                      if (other.unit.position, other.id) > (n.unit.position, n.id)), len(result))
        result.insert(index, n)
    return result


@lru_cache(maxsize=1)
def _approved_statement():
    """Built once (the plan is a bound parameter)."""
    return (select(Nomination).options(joinedload(Nomination.unit))
            .where(Nomination.plan_id == bindparam("plan_id", type_=Integer),
                   Nomination.status == NS.APPROVED))


def approved_nominations(plan: Plan) -> list[Nomination]:
    rows = db.session.execute(_approved_statement(), {"plan_id": plan.id}).scalars().all()
    return (_ordered([n for n in rows if n.kind == Kind.COLLECTIVE])
            + _ordered([n for n in rows if n.kind == Kind.INDIVIDUAL]))
