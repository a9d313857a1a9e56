""""Chờ tôi xử lý" of rewards: nominations to screen (Phòng LĐTB&XH), to approve (Phòng Nội
vụ), and the unit's own nominations saved but not sent, or returned to be completed. Two queries at most each."""
from ..core.inbox import Waiting, register_waiting
from ..core.permissions import Cap, has_cap
from ..notifications.service import link_to
from ..plan.loader import current_plan
from .closing import is_open
from .models import Nomination, NominationStatus as NS
from .queries import waiting


def _nominations(user, caps: tuple[Cap, ...], in_status: NS, since, label: str, endpoint: str,
                 *, own_unit: bool = False, **link_values) -> list[Waiting]:
    """The nominations in `in_status` (the user's unit's only, with `own_unit`) for a user who
    holds every one of `caps`, waiting since the oldest `since`."""
    if not all(has_cap(user, cap) for cap in caps):
        return []
    plan = current_plan()
    if plan is None or not is_open(plan):  # the issued decision closed the list: nothing waits
        return []
    count, oldest = waiting(plan.id, in_status, unit_id=user.unit_id if own_unit else None,
                            since=since)
    return [Waiting(label, count, link_to(endpoint, **link_values), oldest)]


def to_screen(user) -> list[Waiting]:
    return _nominations(user, (Cap.NOMINATION_SHORTLIST,), NS.SUBMITTED, Nomination.submitted_at,
                        "Đề nghị khen thưởng chờ xét chọn",
                        "awards.review", status=NS.SUBMITTED.value)


def to_approve(user) -> list[Waiting]:
    return _nominations(user, (Cap.NOMINATION_APPROVE,), NS.SHORTLISTED, Nomination.reviewed_at,
                        "Đề nghị khen thưởng chờ Phòng Nội vụ duyệt",
                        "awards.review", status=NS.SHORTLISTED.value)


def returned_to_fix(user) -> list[Waiting]:
    return _nominations(user, (Cap.NOMINATION_CREATE, Cap.UNIT_WORK_OWN), NS.RETURNED,
                        Nomination.reviewed_at, "Đề nghị khen thưởng bị trả lại, cần bổ sung",
                        "awards.unit", own_unit=True)


def drafts_to_send(user) -> list[Waiting]:
    return _nominations(user, (Cap.NOMINATION_CREATE, Cap.UNIT_WORK_OWN), NS.DRAFT,
                        Nomination.created_at, "Đề nghị khen thưởng đã lưu, chưa gửi",
                        "awards.unit", own_unit=True)


def register() -> None:
    register_waiting("awards.to_screen", to_screen)
    register_waiting("awards.to_approve", to_approve)
    register_waiting("awards.returned", returned_to_fix)
    register_waiting("awards.drafts", drafts_to_send)
