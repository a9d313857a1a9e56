"""Rules of duties and assignments: deadlines, overdue, moving a status, the matrix.

Who may do what to an assignment is in policy.py; the functions here check it, validate the
input, then make the one audited, versioned write (set_status)."""
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import contains_eager, joinedload

from ..audit.service import check_version, record, versioned_update
from ..core import clock
from ..core.errors import DomainError, NotAllowed
from ..core.nav_pages import Page, page_of
from ..core.permissions import Cap, has_cap
from ..core.roles import UnitKind
from ..extensions import db
from ..plan.loader import current_plan
from ..plan.models import Unit
from . import policy
from .models import OPEN_STATUSES, STATUS_LABELS, Assignment, Duty, Status
# the loader and the rules, for the features that call them from here
from .policy import can_view, get_assignment_or_404  # noqa: F401

AUDIT_FIELDS = ("status", "submitted_at", "reviewed_at", "review_comment", "note")


# --- deadlines -------------------------------------------------------------------------------

def days_left(assignment: Assignment, today: date | None = None) -> int | None:
    deadline = assignment.duty.deadline
    if deadline is None:
        return None
    return (deadline - (today or clock.today())).days


def is_overdue(assignment: Assignment, today: date | None = None) -> bool:
    """Derived, never stored: the deadline has passed and the unit still owes the deliverable."""
    left = days_left(assignment, today)
    return left is not None and left < 0 and Status(assignment.status) in OPEN_STATUSES


def submitted_late(assignment: Assignment) -> bool:
    deadline = assignment.duty.deadline
    return bool(deadline and assignment.submitted_at and assignment.submitted_at.date() > deadline)


def deadline_text(assignment: Assignment, today: date | None = None) -> str:
    left = days_left(assignment, today)
    if left is None:
        return assignment.duty.deadline_note or "Không ấn định"
    if Status(assignment.status) not in OPEN_STATUSES:
        return "Nộp muộn" if submitted_late(assignment) else "Đúng hạn"
    if left > 1:
        return f"Còn {left} ngày"
    if left == 1:
        return "Hạn chót ngày mai"
    if left == 0:
        return "Hạn chót hôm nay"
    return f"Quá hạn {-left} ngày"


# --- changes ---------------------------------------------------------------------------------

def _stale_message(assignment: Assignment) -> str:
    return ("Nhiệm vụ này vừa được người khác cập nhật "
            f"(hiện là “{assignment.status_label}”). Hãy xem lại trước khi đổi.")


def set_status(assignment: Assignment, new_status: Status, *, actor, reason: str = "",
               expected_version=None) -> None:
    """Move an assignment: the one audited, versioned write of its status. Used by every
    capability that owns a deliverable (reports, nominations...) so the dashboards follow
    their work; `expected_version` is the version a form was opened with (409 when stale)."""
    new_status = Status(new_status)
    summary = (f"{assignment.unit.short_name} – {assignment.duty.short_title}: "
               f"{assignment.status_label} → {assignment.label_of(new_status)}")
    now = clock.now()
    stamp = ("submitted_at" if new_status == Status.SUBMITTED else
             "reviewed_at" if new_status in (Status.ACCEPTED, Status.RETURNED) else None)

    def apply(a: Assignment) -> None:
        a.status = new_status
        if stamp:
            setattr(a, stamp, now)
        if new_status == Status.RETURNED:
            a.review_comment = reason

    # A time that moves within the minute the history shows ("21:37 → 21:37") is no change
    # to a reader: the entry records it only when the minute changes.
    fields = [f for f in AUDIT_FIELDS
              if f != stamp or not _same_minute(getattr(assignment, stamp), now)]
    # A duty sent to no unit has its own action, whose entries word "accepted" as "done".
    action = "assignment.progress" if assignment.completes_itself else "assignment.status"
    versioned_update(assignment, expected_version=expected_version, action=action,
                     summary=summary, stale_message=_stale_message, apply=apply,
                     fields=fields, actor=actor)


def _same_minute(before: datetime | None, after: datetime) -> bool:
    return before is not None and before.replace(second=0, microsecond=0) == \
        after.replace(second=0, microsecond=0)


def move_by_hand(assignment: Assignment, new_status: str, *, actor,
                 expected_version) -> None:
    """The owning unit moves a duty without a deliverable of its own; the unit it is sent to
    is told when it is submitted."""
    if not policy.can_move_by_hand(actor, assignment):
        raise NotAllowed("Nhiệm vụ này không đổi trạng thái trực tiếp được.")
    check_version(assignment, expected_version, _stale_message)
    if not new_status:
        raise DomainError("Chọn trạng thái mới trong danh sách rồi bấm “Cập nhật”.",
                          field="status")
    try:
        target = Status(new_status)
    except ValueError:
        raise DomainError("Trạng thái không hợp lệ.", field="status") from None
    if target not in assignment.moves:
        raise DomainError(f"Không thể chuyển từ “{assignment.status_label}” sang "
                          f"“{assignment.label_of(target)}”.", field="status")
    set_status(assignment, target, actor=actor, expected_version=expected_version)
    receiver = assignment.duty.receiver_unit_id
    if target == Status.SUBMITTED and receiver and receiver != assignment.unit_id:
        from ..notifications.service import link_to, notify
        notify(receiver, "submitted",
               f"{assignment.unit.name} đã nộp “{assignment.duty.short_title}”: chờ tiếp nhận.",
               link=link_to("duties.assignment_detail", assignment_id=assignment.id))


def review_comment(assignment: Assignment, accept: bool, comment: str, *, waiting: bool,
                   noun: str = "việc") -> str:
    """The rules of every review (a duty's, a report's): only work that was handed in and
    waits (`waiting`) is accepted or returned, and a return says what is missing. The comment,
    stripped."""
    if not waiting:
        raise DomainError(f"Chỉ tiếp nhận hoặc trả lại {noun} đã nộp; {noun} này đang "
                          f"“{assignment.status_label}”.", field="comment")
    comment = (comment or "").strip()
    if not accept and not comment:
        raise DomainError("Ghi rõ nội dung cần bổ sung để đơn vị biết phải làm gì.",
                          field="comment")
    return comment


def review(assignment: Assignment, accept: bool, comment: str, *, actor,
           expected_version) -> None:
    """The receiving unit accepts submitted work, or returns it saying what is missing; the
    owning unit is told either way."""
    if not policy.receives(actor, assignment):
        raise NotAllowed("Bạn không tiếp nhận nhiệm vụ này.")
    check_version(assignment, expected_version, _stale_message)
    comment = review_comment(assignment, accept, comment,
                             waiting=assignment.status == Status.SUBMITTED)
    set_status(assignment, Status.ACCEPTED if accept else Status.RETURNED,
               actor=actor, reason=comment, expected_version=expected_version)
    from ..notifications.service import link_to, notify
    title = assignment.duty.short_title
    notify(assignment.unit_id, "accepted" if accept else "returned",
           f"{actor.unit.short_name} đã tiếp nhận “{title}”." if accept else
           f"{actor.unit.short_name} yêu cầu bổ sung “{title}”: {comment}",
           link=link_to("duties.assignment_detail", assignment_id=assignment.id))


def parse_deadline(text: str) -> date | None:
    """A working deadline typed dd/mm/yyyy (empty: none)."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise DomainError("Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 28/11/2023.",
                          field="deadline") from None


def set_working_deadline(duty: Duty, deadline: date | None, *, actor) -> None:
    """Phòng LĐTB&XH gives a working deadline to a duty the plan leaves open ("trước ngày tổ
    chức hội nghị"); the owning units are told. A deadline the plan fixes cannot be changed."""
    if not has_cap(actor, Cap.DUTY_DEADLINE_SET):
        raise NotAllowed("Chỉ Phòng LĐTB&XH đặt hạn làm việc.")
    if duty.deadline_fixed:
        raise DomainError("Thời hạn này do Kế hoạch quy định, không đổi được.", field="deadline")
    if deadline is not None and deadline < clock.today():
        raise DomainError(f"Hạn làm việc không được trước ngày {clock.today():%d/%m/%Y}.",
                          field="deadline")
    before = {"deadline": duty.deadline}
    duty.deadline = deadline
    db.session.flush()
    record("duty.deadline", duty, before=before, after={"deadline": deadline}, actor=actor,
           summary=f"{duty.short_title}: hạn làm việc "
                   f"{deadline.strftime('%d/%m/%Y') if deadline else 'bỏ'}")
    from ..notifications.service import link_to, notify
    for a in duty.assignments:
        notify(a.unit_id, "deadline",
               f"Phòng LĐTB&XH đặt hạn làm việc cho “{duty.short_title}”: "
               + (f"trước ngày {deadline:%d/%m/%Y}." if deadline else "bỏ hạn đã đặt."),
               link=link_to("duties.assignment_detail", assignment_id=a.id))


# --- queries ---------------------------------------------------------------------------------

def unit_assignments(unit_id: int) -> tuple[list[Assignment], list[Assignment]]:
    """The unit's own assignments of the current plan, and those of the duties another unit
    owns in which it cooperates (plan §VI: "phối hợp"), both in the plan's order: one query."""
    plan = current_plan()
    if plan is None:
        return [], []
    from .models import DutyCooperator
    cooperates = Duty.id.in_(select(DutyCooperator.duty_id)
                             .where(DutyCooperator.unit_id == unit_id))
    rows = (db.session.query(Assignment, cooperates.label("cooperates")).join(Assignment.duty)
            .options(contains_eager(Assignment.duty), joinedload(Assignment.unit))
            .filter(Duty.plan_id == plan.id,
                    or_(Assignment.unit_id == unit_id, cooperates))
            .order_by(Duty.position, Assignment.id).all())
    return ([a for a, _ in rows if a.unit_id == unit_id],
            [a for a, cooperating in rows if cooperating])


@dataclass
class MatrixFilters:
    kind: str = ""
    status: str = ""
    overdue_only: bool = False

    @classmethod
    def from_args(cls, args) -> "MatrixFilters":
        kind = args.get("kind", "")
        status = args.get("status", "")
        return cls(kind=kind if kind in {k.value for k in UnitKind} else "",
                   status=status if status in {s.value for s in Status} or status == "late" else "",
                   overdue_only=args.get("overdue") in ("1", "on", "true"))

    def args(self) -> dict:
        """The filters as the URL carries them (page links and the export keep them)."""
        return {k: v for k, v in {"kind": self.kind, "status": self.status,
                                  "overdue": "1" if self.overdue_only else ""}.items() if v}


def overdue_clause(today: date):
    """In SQL, what is_overdue says of one assignment (joined with its duty)."""
    return and_(Duty.deadline.is_not(None), Duty.deadline < today,
                Assignment.status.in_([s.value for s in OPEN_STATUSES]))


def late_clause():
    """In SQL, what submitted_late says: handed in after the day of the deadline."""
    return and_(Duty.deadline.is_not(None), Assignment.submitted_at.is_not(None),
                func.date(Assignment.submitted_at) > Duty.deadline)


def _matrix_conditions(plan_id: int, filters: MatrixFilters, today: date) -> list:
    conditions = [Duty.plan_id == plan_id]
    if filters.kind:
        conditions.append(Unit.kind == filters.kind)
    if filters.status == "late":
        conditions.append(or_(overdue_clause(today), late_clause()))
    elif filters.status:
        conditions.append(Assignment.status == filters.status)
    if filters.overdue_only:
        conditions.append(overdue_clause(today))
    return conditions


def filters_text(filters: MatrixFilters) -> str:
    """What the filters show, in words (the export says what it holds)."""
    from ..core.roles import KIND_LABELS
    parts = []
    if filters.kind:
        parts.append(KIND_LABELS[UnitKind(filters.kind)])
    if filters.status == "late":
        parts.append("quá hạn hoặc nộp muộn")
    elif filters.status:
        parts.append(f"trạng thái “{STATUS_LABELS[Status(filters.status)]}”")
    if filters.overdue_only:
        parts.append("chỉ việc quá hạn")
    return "; ".join(parts)


@dataclass(frozen=True)
class Cell:
    """One assignment as the matrix shows it (its flags computed by the database, its words
    those of its duty: "Đã hoàn thành" where the duty completes itself)."""
    id: int
    status: str
    overdue: bool
    late: bool
    label: str

    @property
    def text(self) -> str:
        """The export's words: the status, and why it is late."""
        return self.label + (" (quá hạn)" if self.overdue else " (nộp muộn)" if self.late else "")


@dataclass
class Matrix:
    duties: list[Duty]
    rows: list[tuple[Unit, dict[int, Cell]]]
    counters: Counter = field(default_factory=Counter)
    total: int = 0
    page: Page | None = None


MATRIX_PAGE_SIZE = 25


def matrix(filters: MatrixFilters, today: date | None = None, page: int | None = 1,
           per_page: int = MATRIX_PAGE_SIZE) -> Matrix:
    """Units x duties of the current plan, filtered in SQL: the counters and the columns count
    every assignment the filters show; the rows are the units of one page (`page` None: every
    unit, for the export). A constant number of queries whatever the size of the district."""
    today = today or clock.today()
    plan = current_plan()
    if plan is None:
        return Matrix([], [], page=page_of(0, 1, per_page))
    conditions = _matrix_conditions(plan.id, filters, today)
    overdue = case((overdue_clause(today), 1), else_=0)
    late = case((late_clause(), 1), else_=0)

    def matching(*columns):
        return (db.session.query(*columns).select_from(Assignment)
                .join(Duty, Assignment.duty_id == Duty.id)
                .join(Unit, Assignment.unit_id == Unit.id).filter(*conditions))

    result = Matrix([], [])
    shown_duties = set()
    for duty_id, status, count, n_overdue, n_late in matching(
            Assignment.duty_id, Assignment.status, func.count(Assignment.id),
            func.sum(overdue), func.sum(late)).group_by(Assignment.duty_id, Assignment.status):
        shown_duties.add(duty_id)
        result.total += count
        result.counters[status] += count
        result.counters["overdue"] += n_overdue or 0
        result.counters["late_submitted"] += n_late or 0
    if not shown_duties:
        result.page = page_of(0, 1, per_page)
        return result
    result.duties = (db.session.query(Duty).filter(Duty.id.in_(shown_duties))
                     .order_by(Duty.position).all())
    unit_ids = [uid for (uid,) in matching(Unit.id).group_by(Unit.id, Unit.position)
                .order_by(Unit.position, Unit.id)]
    if page is None:
        result.page = page_of(len(unit_ids), 1, max(1, len(unit_ids)))
    else:
        result.page = page_of(len(unit_ids), page, per_page)
        unit_ids = unit_ids[result.page.offset:result.page.offset + per_page]
    cells = (matching(Unit, Assignment.id, Assignment.duty_id, Assignment.status, overdue, late)
             .filter(Unit.id.in_(unit_ids)).order_by(Unit.position, Unit.id))
    words = {d.id: {s.value: d.label_of(s) for s in Status} for d in result.duties}
    by_unit: dict[int, tuple[Unit, dict[int, Cell]]] = {}
    for unit, a_id, duty_id, status, is_late_now, was_late in cells:
        by_unit.setdefault(unit.id, (unit, {}))[1][duty_id] = Cell(
            a_id, status, bool(is_late_now), bool(was_late), words[duty_id][status])
    result.rows = list(by_unit.values())
    return result
