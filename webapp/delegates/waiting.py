""""Chờ tôi xử lý" of the delegates: seats a commune has still to name, replies a unit (or
Văn phòng, for everybody) has still to record."""
from flask import url_for
from sqlalchemy import func

from ..core.inbox import Waiting
from ..core.permissions import Cap, has_cap
from ..extensions import db
from ..plan.loader import current_plan
from .models import Delegate, Reply
from .queries import unit_share


def delegates_to_name(user) -> list[Waiting]:
    if not has_cap(user, Cap.DELEGATES_NAME_OWN):
        return []
    plan = current_plan()
    if plan is None:
        return []
    planned, named = unit_share(plan, user.unit_id)
    if named >= planned:
        return []
    return [Waiting("Đại biểu cần nêu tên", planned - named, url_for("delegates.mine"), None)]


def replies_to_record(user) -> list[Waiting]:
    if not has_cap(user, Cap.DELEGATES_REPLY_OWN) and not has_cap(user, Cap.INVITATIONS_ISSUE):
        return []
    plan = current_plan()
    if plan is None:
        return []
    query = db.session.query(func.count(Delegate.id), func.min(Delegate.invitation_issued_at)) \
        .filter(Delegate.plan_id == plan.id, Delegate.reply == Reply.PENDING.value,
                Delegate.invitation_issued_at.isnot(None))
    if not has_cap(user, Cap.INVITATIONS_ISSUE):
        query = query.filter(Delegate.unit_id == user.unit_id)
    count, oldest = query.one()
    if not count:
        return []
    return [Waiting("Trả lời giấy mời cần ghi nhận", count,
                    url_for("delegates.replies", loc=Reply.PENDING.value), oldest)]
