""""Chờ tôi xử lý" of reports: the reports waiting for Phòng LĐTB&XH's review (longest waiting
first), and for a unit its returned reports to fix and the reports it still has to write.
Each provider answers with a constant number of queries."""
from ..core.formatting import ddmmyyyy
from ..core.inbox import Waiting
from ..core.permissions import Cap, has_cap
from ..duties.models import Status
from ..notifications.service import link_to
from ..plan.loader import current_plan
from . import queries
from .policy import DELIVERABLES

REVIEW_LABELS = {"result_report": "Báo cáo kết quả chờ xem xét",
                 "discussion_paper": "Bài tham luận chờ xem xét"}


def to_review(user) -> list[Waiting]:
    plan = current_plan()
    if plan is None or not has_cap(user, Cap.REPORT_REVIEW):
        return []
    items = []
    for deliverable, (count, oldest) in queries.waiting_review(plan).items():
        kind = {"loai": "tham-luan"} if deliverable == "discussion_paper" else {}
        items.append(Waiting(REVIEW_LABELS[deliverable], count,
                             link_to("reports.overview", **kind,
                                     **{"trang-thai": queries.WAITING}), oldest))
    return items


def own_reports(user) -> list[Waiting]:
    """The unit's own: a returned report first says what to fix; one to write says by when."""
    plan = current_plan()
    if plan is None or not has_cap(user, Cap.REPORT_WRITE_OWN):
        return []
    items = []
    for a in queries.own_open_reports(plan, user.unit_id, DELIVERABLES):
        url = link_to("reports.edit", assignment_id=a.id)
        title = a.duty.short_title
        if a.status == Status.RETURNED:
            items.append(Waiting(f"Bổ sung, nộp lại “{title}”", 1, url, a.reviewed_at))
        else:
            due = f" (hạn {ddmmyyyy(a.duty.deadline)})" if a.duty.deadline else ""
            # nothing has been waiting since a date: the label says by when it is due
            items.append(Waiting(f"Soạn và nộp “{title}”{due}", 1, url))
    return items
