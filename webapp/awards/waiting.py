""""Chờ tôi xử lý" of rewards: nominations to screen (Phòng LĐTB&XH), to approve (Phòng Nội
vụ), and the unit's own nominations returned to be completed. Two queries at most each."""
from ..core.inbox import Waiting, register_waiting
from ..core.permissions import Cap, has_cap
from ..notifications.service import link_to
from ..plan.loader import current_plan
from .models import Nomination, NominationStatus as NS
from .queries import waiting


def to_screen(user) -> list[Waiting]:
    if not has_cap(user, Cap.NOMINATION_SHORTLIST):
        return []
    plan = current_plan()
    if plan is None:
        return []
    count, oldest = waiting(plan.id, NS.SUBMITTED, since=Nomination.submitted_at)
    return [Waiting("Đề nghị khen thưởng chờ xét chọn", count,
                    link_to("awards.review", status=NS.SUBMITTED.value), oldest)]


def to_approve(user) -> list[Waiting]:
    if not has_cap(user, Cap.NOMINATION_APPROVE):
        return []
    plan = current_plan()
    if plan is None:
        return []
    count, oldest = waiting(plan.id, NS.SHORTLISTED, since=Nomination.reviewed_at)
    return [Waiting("Đề nghị khen thưởng chờ Phòng Nội vụ duyệt", count,
                    link_to("awards.review", status=NS.SHORTLISTED.value), oldest)]


def returned_to_fix(user) -> list[Waiting]:
    if not (has_cap(user, Cap.NOMINATION_CREATE) and has_cap(user, Cap.UNIT_WORK_OWN)):
        return []
    plan = current_plan()
    if plan is None:
        return []
    count, oldest = waiting(plan.id, NS.RETURNED, unit_id=user.unit_id,
                            since=Nomination.reviewed_at)
    return [Waiting("Đề nghị khen thưởng bị trả lại, cần bổ sung", count,
                    link_to("awards.unit"), oldest)]


def register() -> None:
    register_waiting("awards.to_screen", to_screen)
    register_waiting("awards.to_approve", to_approve)
    register_waiting("awards.returned", returned_to_fix)
