""""Chờ tôi xử lý" of reports: the reports waiting for Phòng LĐTB&XH's review (longest waiting
first), and for a unit its returned reports to fix and the reports it still has to write.
They read what the duties' providers read too (webapp.duties.waiting): no query of their own."""
from ..core.formatting import ddmmyyyy
from ..core.inbox import Waiting
from ..core.permissions import Cap, has_cap
from ..duties.models import OPEN_STATUSES, Status
from ..duties.waiting import own_assignments, submitted_by_duty
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
    rows = [(duty.deliverable, count, since)
             for duty, count, since, _first in submitted_by_duty(plan)
             if duty.deliverable in DELIVERABLES]
    items = []
    for deliverable in DELIVERABLES:
        counts = [(count, since) for kind, count, since in rows if kind == deliverable]
        if not counts:
            continue
        kind = {"loai": "tham-luan"} if deliverable == "discussion_paper" else {}
        items.append(Waiting(REVIEW_LABELS[deliverable], sum(count for count, _ in counts),
                             link_to("reports.overview", **kind,
                                     **{"trang-thai": queries.WAITING}),
                             min((since for _, since in counts if since), default=None)))
    return items


def own_reports(user) -> list[Waiting]:
    """The unit's own: a returned report first says what to fix; one to write says by when."""
    plan = current_plan()
    if plan is None or not has_cap(user, Cap.REPORT_WRITE_OWN):
        return []
    items = []
    for a in own_assignments(user):
        if a.duty.deliverable not in DELIVERABLES or Status(a.status) not in OPEN_STATUSES:
            continue
        url = link_to("reports.edit", assignment_id=a.id)
        title = a.duty.short_title
        if a.status == Status.RETURNED:
            items.append(Waiting(f"Bổ sung, nộp lại “{title}”", 1, url, a.reviewed_at))
        else:
            due = f" (hạn {ddmmyyyy(a.duty.deadline)})" if a.duty.deadline else ""
            # nothing has been waiting since a date: the label says by when it is due
            items.append(Waiting(f"Soạn và nộp “{title}”{due}", 1, url))
    return items
