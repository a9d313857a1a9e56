"""Who may see and do what with a result report or a discussion paper.

A unit's report is its own until it submits it: another unit's report is as if it did not exist
(404). Phòng LĐTB&XH and leadership follow every unit's report; only Phòng LĐTB&XH reviews.
Templates ask the same rules: `allowed("reports.edit", assignment)`.
"""
from ..core.errors import NotFound
from ..core.permissions import Cap, has_cap, policy
from ..duties.models import Assignment, Status
from ..extensions import db

DELIVERABLES = ("result_report", "discussion_paper")
EDITABLE = (Status.NOT_STARTED, Status.DRAFTING, Status.RETURNED)


def is_report_assignment(assignment: Assignment | None) -> bool:
    return assignment is not None and assignment.duty.deliverable in DELIVERABLES


@policy("reports.view")
def can_view(user, assignment: Assignment) -> bool:
    return assignment.unit_id == user.unit_id or has_cap(user, Cap.REPORT_VIEW_ALL)


@policy("reports.write")
def can_write(user, assignment: Assignment) -> bool:
    """The unit's own report, whatever its state (the page is the unit's)."""
    return assignment.unit_id == user.unit_id and has_cap(user, Cap.REPORT_WRITE_OWN)


@policy("reports.edit")
def can_edit(user, assignment: Assignment) -> bool:
    """The unit's own report, while it may still change it (not submitted, not accepted)."""
    return can_write(user, assignment) and assignment.status in EDITABLE


@policy("reports.download_draft")
def can_download_draft(user, assignment: Assignment) -> bool:
    """A unit's draft is its own until it submits (DESIGN.md): reviewers read the submitted
    versions, never the working draft."""
    return can_write(user, assignment)


@policy("reports.review")
def can_review(user, assignment: Assignment) -> bool:
    return has_cap(user, Cap.REPORT_REVIEW) and assignment.status == Status.SUBMITTED


def not_editable_message(assignment: Assignment) -> str:
    if assignment.status == Status.ACCEPTED:
        return "Báo cáo đã được Phòng LĐTB&XH tiếp nhận; không sửa hay nộp lại được nữa."
    if assignment.status == Status.SUBMITTED:
        return ("Báo cáo đã nộp và đang chờ Phòng LĐTB&XH xem xét; chỉ sửa được khi được "
                "trả lại để bổ sung.")
    return "Bạn không sửa được báo cáo này."


def get_assignment_or_404(assignment_id: int, user, *, own: bool = False) -> Assignment:
    """The report assignment, if the user may see it: another unit's report is as if it did
    not exist (404). `own`: only the unit's own (its editing page)."""
    assignment = db.session.get(Assignment, assignment_id)
    if not is_report_assignment(assignment):
        raise NotFound()
    if own and assignment.unit_id != user.unit_id:
        raise NotFound()
    if not can_view(user, assignment):
        raise NotFound()
    return assignment
