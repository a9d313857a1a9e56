""""Chờ tôi xử lý" of the delegates: seats a commune has still to name, replies a unit (or
Văn phòng, for everybody) has still to record. A unit's two items come from one grouped
query."""
from dataclasses import dataclass
from datetime import datetime

from flask import url_for
from sqlalchemy import and_, case, func

from ..core.inbox import Waiting, shared
from ..core.permissions import Cap, has_cap
from ..extensions import db
from ..plan.loader import current_plan
from ..plan.models import DelegateComposition, Plan
from .models import Delegate, Reply


@dataclass(frozen=True)
class UnitDelegates:
    planned: int                 # the unit's seats (its share of the per-unit compositions)
    named: int                   # named in them, at most the seats of each
    pending: int                 # invited, no reply recorded yet
    pending_since: datetime | None


def _pending():
    return and_(Delegate.reply == Reply.PENDING.value, Delegate.invitation_issued_at.isnot(None))


def unit_delegates(plan: Plan, unit_id: int) -> UnitDelegates:
    """Per composition of the plan, the unit's delegates (walk-ins are no named seat): one
    query, shared by the unit's two providers."""
    def build():
        count = lambda condition: func.coalesce(func.sum(case((condition, 1), else_=0)), 0)  # noqa: E731
        rows = (db.session.query(
                    DelegateComposition.per_unit, count(Delegate.walk_in.is_(False)),
                    count(_pending()),
                    func.min(case((_pending(), Delegate.invitation_issued_at))))
                .outerjoin(Delegate, and_(Delegate.composition_id == DelegateComposition.id,
                                          Delegate.plan_id == plan.id,
                                          Delegate.unit_id == unit_id))
                .filter(DelegateComposition.plan_id == plan.id)
                .group_by(DelegateComposition.id, DelegateComposition.per_unit).all())
        seats = [(per_unit, named) for per_unit, named, _p, _s in rows if per_unit]
        since = [s for *_rest, s in rows if s is not None]
        return UnitDelegates(sum(p for p, _ in seats), sum(min(n, p) for p, n in seats),
                             sum(pending for _u, _n, pending, _s in rows), min(since, default=None))
    return shared(("delegates.unit", plan.id, unit_id), build)


def delegates_to_name(user) -> list[Waiting]:
    if not has_cap(user, Cap.DELEGATES_NAME_OWN):
        return []
    plan = current_plan()
    if plan is None:
        return []
    mine = unit_delegates(plan, user.unit_id)
    if mine.named >= mine.planned:
        return []
    return [Waiting("Đại biểu cần nêu tên", mine.planned - mine.named, url_for("delegates.mine"),
                    None)]


def replies_to_record(user) -> list[Waiting]:
    if not has_cap(user, Cap.DELEGATES_REPLY_OWN) and not has_cap(user, Cap.INVITATIONS_ISSUE):
        return []
    plan = current_plan()
    if plan is None:
        return []
    if has_cap(user, Cap.INVITATIONS_ISSUE):
        count, oldest = (db.session.query(func.count(Delegate.id),
                                          func.min(Delegate.invitation_issued_at))
                         .filter(Delegate.plan_id == plan.id, _pending()).one())
    else:
        mine = unit_delegates(plan, user.unit_id)
        count, oldest = mine.pending, mine.pending_since
    if not count:
        return []
    return [Waiting("Trả lời giấy mời cần ghi nhận", count,
                    url_for("delegates.replies", loc=Reply.PENDING.value), oldest)]
