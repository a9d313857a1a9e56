""""Chờ tôi xử lý" of rewards: nominations to screen (Phòng LĐTB&XH), to approve (Phòng Nội
vụ), and the unit's own nominations saved but not sent, or returned to be completed. Whether
the list is open and the counts of every provider come from two queries, read once for all
four."""
from sqlalchemy import case, func

from ..core.inbox import Waiting, register_waiting, shared
from ..core.permissions import Cap, has_cap
from ..extensions import db
from ..notifications.service import link_to
from ..plan.loader import current_plan
from .closing import WAITING, is_open
from .models import Nomination, NominationStatus as NS

SINCE = ("submitted_at", "reviewed_at", "created_at")


def _waiting_counts(plan, unit_id) -> dict:
    """(status, own unit only) -> (count, {since column: oldest}) of the nominations that
    wait, every unit's and the user's unit's: one grouped query."""
    def build():
        own = Nomination.unit_id == unit_id
        columns = [getattr(Nomination, name) for name in SINCE]
        rows = (db.session.query(Nomination.status, func.count(Nomination.id),
                                 func.coalesce(func.sum(case((own, 1), else_=0)), 0),
                                 *(func.min(c) for c in columns),
                                 *(func.min(case((own, c))) for c in columns))
                .filter(Nomination.plan_id == plan.id,
                        Nomination.status.in_([s.value for s in WAITING]))
                .group_by(Nomination.status).all())
        counts = {}
        for status, count, own_count, *oldest in rows:
            counts[(status, False)] = (count, dict(zip(SINCE, oldest[:len(SINCE)])))
            counts[(status, True)] = (own_count, dict(zip(SINCE, oldest[len(SINCE):])))
        return counts
    return shared(("awards.waiting", plan.id, unit_id), build)


def _nominations(user, caps: tuple[Cap, ...], in_status: NS, since: str, label: str,
                 endpoint: str, *, own_unit: bool = False, **link_values) -> list[Waiting]:
    """The nominations in `in_status` (the user's unit's only, with `own_unit`) for a user who
    holds every one of `caps`, waiting since the oldest `since`."""
    if not all(has_cap(user, cap) for cap in caps):
        return []
    plan = current_plan()
    # the issued decision closed the list: nothing waits
    if plan is None or not shared(("awards.open", plan.id), lambda: is_open(plan)):
        return []
    count, oldest = _waiting_counts(plan, user.unit_id).get((in_status.value, own_unit), (0, {}))
    return [Waiting(label, int(count or 0), link_to(endpoint, **link_values), oldest.get(since))]


def to_screen(user) -> list[Waiting]:
    return _nominations(user, (Cap.NOMINATION_SHORTLIST,), NS.SUBMITTED, "submitted_at",
                        "Đề nghị khen thưởng chờ xét chọn",
                        "awards.review", status=NS.SUBMITTED.value)


def to_approve(user) -> list[Waiting]:
    return _nominations(user, (Cap.NOMINATION_APPROVE,), NS.SHORTLISTED, "reviewed_at",
                        "Đề nghị khen thưởng chờ Phòng Nội vụ duyệt",
                        "awards.review", status=NS.SHORTLISTED.value)


def returned_to_fix(user) -> list[Waiting]:
    return _nominations(user, (Cap.NOMINATION_CREATE, Cap.UNIT_WORK_OWN), NS.RETURNED,
                        "reviewed_at", "Đề nghị khen thưởng bị trả lại, cần bổ sung",
                        "awards.unit", own_unit=True)


def drafts_to_send(user) -> list[Waiting]:
    return _nominations(user, (Cap.NOMINATION_CREATE, Cap.UNIT_WORK_OWN), NS.DRAFT,
                        "created_at", "Đề nghị khen thưởng đã lưu, chưa gửi",
                        "awards.unit", own_unit=True)


def register() -> None:
    register_waiting("awards.to_screen", to_screen)
    register_waiting("awards.to_approve", to_approve)
    register_waiting("awards.returned", returned_to_fix)
    register_waiting("awards.drafts", drafts_to_send)
