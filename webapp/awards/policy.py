"""Who may do what to a nomination: the object rules of rewards, registered by name.

Loaders, services and templates all ask through `allowed("awards.…", nomination)`, so a button
is hidden exactly when the action would be refused. A unit's drafts are its own: others see a
nomination once it has been sent.
"""
from ..core.errors import NotFound
from ..core.permissions import Cap, has_cap, policy
from ..extensions import db
from .models import Nomination, NominationStatus as NS

# What others than the nominating unit may see: a unit's drafts stay its own.
VISIBLE_TO_OTHERS = (NS.SUBMITTED, NS.SHORTLISTED, NS.RETURNED, NS.APPROVED, NS.REJECTED)
EDITABLE = (NS.DRAFT, NS.RETURNED)
WITHDRAWABLE = (NS.DRAFT, NS.SUBMITTED, NS.RETURNED)


def _list_open(plan) -> bool:
    """Until the decision is issued (awards.closing): then the list is the decision's."""
    from .closing import is_open
    return plan is None or is_open(plan)


def _own(user, n: Nomination) -> bool:
    return n.unit_id == user.unit_id and has_cap(user, Cap.UNIT_WORK_OWN)


@policy("awards.view")
def can_view(user, n: Nomination) -> bool:
    if _own(user, n):
        return True
    return has_cap(user, Cap.NOMINATION_VIEW_ALL) and n.status in VISIBLE_TO_OTHERS


@policy("awards.edit")
def can_edit(user, n: Nomination) -> bool:
    return (_own(user, n) and has_cap(user, Cap.NOMINATION_CREATE) and n.status in EDITABLE
            and _list_open(n.plan))


@policy("awards.create")
def can_create(user, plan=None) -> bool:
    """A new nomination: the unit nominates, until the decision closes the list (the
    nomination window is checked apart: its own message says until when)."""
    from ..plan.loader import current_plan
    return has_cap(user, Cap.NOMINATION_CREATE) and _list_open(plan or current_plan())


@policy("awards.withdraw")
def can_withdraw(user, n: Nomination) -> bool:
    """Before review: a draft, a nomination waiting for the coordinator, or one returned."""
    return _own(user, n) and has_cap(user, Cap.NOMINATION_CREATE) and n.status in WITHDRAWABLE


@policy("awards.screen")
def can_screen(user, n: Nomination) -> bool:
    return (has_cap(user, Cap.NOMINATION_SHORTLIST) and n.status == NS.SUBMITTED
            and _list_open(n.plan))


@policy("awards.decide")
def can_decide(user, n: Nomination) -> bool:
    return (has_cap(user, Cap.NOMINATION_APPROVE) and n.status == NS.SHORTLISTED
            and _list_open(n.plan))


@policy("awards.approve")
def can_approve(user, n: Nomination) -> bool:
    """Deciding, and a place of the quota is left for its kind (the button "Duyệt")."""
    from .queries import quota_left
    return can_decide(user, n) and quota_left(n.plan, n.kind) > 0


@policy("awards.reconsider")
def can_reconsider(user, n: Nomination) -> bool:
    return (has_cap(user, Cap.NOMINATION_APPROVE) and n.status in (NS.APPROVED, NS.REJECTED)
            and _list_open(n.plan))


@policy("awards.reorder")
def can_reorder(user, n: Nomination | None = None) -> bool:
    """Phòng Nội vụ orders the approved list (of `n`'s plan, else the current plan's) until
    the decision is issued."""
    from ..plan.loader import current_plan
    if not has_cap(user, Cap.DECISION_DRAFT):
        return False
    if n is None:
        return _list_open(current_plan())
    return n.status == NS.APPROVED and _list_open(n.plan)


@policy("awards.draft")
def can_draft(user, _obj=None) -> bool:
    """Phòng Nội vụ drafts the decision and its papers (Tờ trình, biên bản, lists)."""
    return has_cap(user, Cap.DECISION_DRAFT)


@policy("awards.reopen")
def can_reopen(user, plan=None) -> bool:
    """Reopening nominations: pointless once the decision closed the list."""
    from ..plan.loader import current_plan
    return has_cap(user, Cap.NOMINATION_SHORTLIST) and _list_open(plan or current_plan())


def get_nomination_or_404(nomination_id: int, user) -> Nomination:
    """Another unit's draft answers 404, as if it did not exist."""
    n = db.session.get(Nomination, nomination_id)
    if n is None or not can_view(user, n):
        raise NotFound("Đề nghị khen thưởng này không tồn tại hoặc đơn vị chưa gửi.")
    return n
