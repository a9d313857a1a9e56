"""Read queries of rewards: the lists, the counters, duplicates, the dossier, the decision order.

Nothing here changes anything.
"""
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..plan.models import Plan, Unit
from . import rules
from .models import KIND_LABELS, Kind, Nomination, NominationStatus as NS, RewardDecision
from .policy import VISIBLE_TO_OTHERS

KIND_ORDER = {Kind.COLLECTIVE: 0, Kind.INDIVIDUAL: 1}


def get_decision(plan: Plan) -> RewardDecision | None:
    return db.session.query(RewardDecision).filter_by(plan_id=plan.id).one_or_none()


# --- names -----------------------------------------------------------------------------------

def normalise_name(text: str) -> str:
    """For duplicate detection: NFC, case-folded, single spaces, no punctuation."""
    text = unicodedata.normalize("NFC", text or "").casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def duplicate_key(n: Nomination) -> tuple:
    if n.is_individual:
        return ("individual", normalise_name(n.full_name), n.birth_year)
    return ("collective", normalise_name(n.collective_name))


# --- lists -----------------------------------------------------------------------------------

def unit_nominations(plan: Plan, unit_id: int) -> list[Nomination]:
    return (db.session.query(Nomination).filter_by(plan_id=plan.id, unit_id=unit_id)
            .order_by(Nomination.kind, Nomination.id).all())


def review_list(plan: Plan, status: str = "", kind: str = "") -> list[Nomination]:
    query = (db.session.query(Nomination).join(Nomination.unit)
             .options(joinedload(Nomination.unit))
             .filter(Nomination.plan_id == plan.id, Nomination.status.in_(VISIBLE_TO_OTHERS)))
    if status in {s.value for s in NS}:
        query = query.filter(Nomination.status == status)
    if kind in (Kind.COLLECTIVE, Kind.INDIVIDUAL):
        query = query.filter(Nomination.kind == kind)
    rows = query.all()
    rows.sort(key=lambda n: (KIND_ORDER[Kind(n.kind)], n.unit.position, n.id))
    return rows


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


def duplicates(plan: Plan) -> dict[int, list[Nomination]]:
    """nomination id -> the nominations of OTHER units for the same person or collective."""
    rows = (db.session.query(Nomination)
            .filter(Nomination.plan_id == plan.id, Nomination.status.in_(VISIBLE_TO_OTHERS))
            .all())
    groups: dict[tuple, list[Nomination]] = {}
    for n in rows:
        groups.setdefault(duplicate_key(n), []).append(n)
    found: dict[int, list[Nomination]] = {}
    for group in groups.values():
        for n in group:
            others = [o for o in group if o.id != n.id and o.unit_id != n.unit_id]
            if others:
                found[n.id] = others
    return found


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


def counters(plan: Plan) -> Counters:
    """Quota used and left, overall (per kind) and per nominating unit."""
    kinds = {k: KindCounter(k.value, KIND_LABELS[k], plan.quota(k.value)) for k in Kind}
    by_unit: dict[int, tuple[Unit, Counter]] = {}
    rows = (db.session.query(Nomination).options(joinedload(Nomination.unit))
            .filter(Nomination.plan_id == plan.id, Nomination.status.in_(VISIBLE_TO_OTHERS)))
    for n in rows:
        kc = kinds[Kind(n.kind)]
        setattr(kc, n.status, getattr(kc, n.status) + 1)
        unit_row = by_unit.setdefault(n.unit_id, (n.unit, Counter()))
        unit_row[1][n.status] += 1
        unit_row[1][f"{n.kind}_{n.status}"] += 1
        unit_row[1]["total"] += 1
    return Counters(list(kinds.values()),
                    sorted(by_unit.values(), key=lambda row: row[0].position))


def approved_count(plan_id: int, kind: str) -> int:
    return (db.session.query(Nomination)
            .filter_by(plan_id=plan_id, kind=kind, status=NS.APPROVED).count())


def quota_left(plan: Plan, kind: str) -> int:
    return max(0, plan.quota(kind) - approved_count(plan.id, kind))


def waiting(plan_id: int, status: str, unit_id: int | None = None,
            since=Nomination.submitted_at) -> tuple[int, datetime | None]:
    """How many nominations wait in `status` (of one unit, or all) and since when."""
    query = db.session.query(func.count(Nomination.id), func.min(since)).filter(
        Nomination.plan_id == plan_id, Nomination.status == status)
    if unit_id is not None:
        query = query.filter(Nomination.unit_id == unit_id)
    count, oldest = query.one()
    return int(count or 0), oldest


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


def approved_nominations(plan: Plan) -> list[Nomination]:
    rows = (db.session.query(Nomination).options(joinedload(Nomination.unit))
            .filter_by(plan_id=plan.id, status=NS.APPROVED).all())
    return (_ordered([n for n in rows if n.kind == Kind.COLLECTIVE])
            + _ordered([n for n in rows if n.kind == Kind.INDIVIDUAL]))
