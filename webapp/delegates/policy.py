"""Object rules of the delegates (asked through allowed() by loaders, services, templates)
and the loader of one delegate."""
from sqlalchemy.orm import joinedload

from ..core.errors import NotFound
from ..core.permissions import Cap, has_cap, policy
from ..extensions import db
from ..plan.models import DelegateComposition
from .models import Delegate


@policy("delegates.manage")
def manages(user, _obj=None) -> bool:
    """Văn phòng and Phòng LĐTB&XH manage the whole list."""
    return has_cap(user, Cap.DELEGATES_MANAGE)


@policy("delegates.name_own")
def names_own(user, _obj=None) -> bool:
    return has_cap(user, Cap.DELEGATES_NAME_OWN)


@policy("delegates.add")
def can_add(user, _obj=None) -> bool:
    return manages(user) or names_own(user)


@policy("delegates.see_all")
def sees_all(user, _obj=None) -> bool:
    return manages(user) or has_cap(user, Cap.CONFERENCE_VIEW)


@policy("delegates.view")
def can_view(user, delegate: Delegate) -> bool:
    return sees_all(user) or (delegate.unit_id is not None and delegate.unit_id == user.unit_id)


def can_name(user, composition: DelegateComposition, unit_id: int | None) -> bool:
    """A commune names its own delegates in the commune compositions; managers name all."""
    if manages(user):
        return True
    return (names_own(user) and composition.level == "commune" and composition.per_unit > 0
            and unit_id == user.unit_id)


@policy("delegates.edit")
def can_edit(user, delegate: Delegate) -> bool:
    return can_name(user, delegate.composition, delegate.unit_id)


def editable_ids(user, delegates) -> set[int]:
    """Which of these delegates `user` may edit (the rule of delegates.edit, for a page of
    rows: the user's capabilities asked once, not once a row)."""
    if manages(user):
        return {d.id for d in delegates}
    if not names_own(user):
        return set()
    return {d.id for d in delegates if d.unit_id == user.unit_id
            and can_name(user, d.composition, d.unit_id)}


@policy("delegates.reply")
def can_reply(user, delegate: Delegate) -> bool:
    """Replies are entered by the delegate's unit or by Văn phòng (often by phone)."""
    if has_cap(user, Cap.INVITATIONS_ISSUE):
        return True
    return (has_cap(user, Cap.UNIT_WORK_OWN) and delegate.unit_id is not None
            and delegate.unit_id == user.unit_id)


@policy("delegates.checkin")
def can_check_in(user, _obj=None) -> bool:
    return has_cap(user, Cap.CHECKIN)


def get_delegate_or_404(delegate_id: int, user) -> Delegate:
    """Another unit's delegate answers as if it did not exist."""
    delegate = db.session.get(Delegate, delegate_id, options=[joinedload(Delegate.unit)])
    if delegate is None or not can_view(user, delegate):
        raise NotFound("Không có đại biểu này.")
    return delegate


@policy("delegates.issue")
def can_issue(user, _obj=None) -> bool:
    return has_cap(user, Cap.INVITATIONS_ISSUE)
