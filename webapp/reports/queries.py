"""The coordinator's read model of the reports: every unit's state, the district totals of the
ACCEPTED result reports (used by synthesis), the accepted discussion papers, and what waits for
whom ("Chờ tôi xử lý"). Reads only: nothing here changes the database.
"""
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, case, func
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from ..core.nav_pages import Page, page_of
from ..core.roles import UnitKind
from ..duties.models import Assignment, Duty, Status
from ..extensions import db
from ..plan.loader import current_plan
from ..plan.models import Plan, ProgramProject, Unit
from . import figures as fig
from .models import Report, ReportVersion, ReviewStatus
from .outline import DEFAULT_OUTLINE, Outline, load_outline

# What the coordinator sees per unit (not started ... accepted).
STATE_LABELS = {
    "not_started": "Chưa thực hiện",
    "drafting": "Đang soạn",
    "submitted_on_time": "Đã nộp đúng hạn",
    "submitted_late": "Đã nộp muộn",
    "returned": "Yêu cầu bổ sung",
    "accepted": "Đã tiếp nhận",
}
# The overview's filter "waiting for review": both kinds of submitted.
WAITING = "cho-xem-xet"


def program_projects(unit: Unit | None = None) -> list[fig.ProjectRef]:
    """The projects a unit reports on: every project without sub-projects and every
    sub-project (never a parent and its children twice), in the Program's order; `led` marks
    those the unit leads (a department starts with them selected)."""
    rows = db.session.query(ProgramProject).order_by(ProgramProject.position).all()
    parents = {r.parent_code for r in rows if r.parent_code}
    by_code = {r.code: r for r in rows}
    refs = []
    for row in rows:
        if row.code in parents:
            continue
        parent = by_code.get(row.parent_code) if row.parent_code else None
        refs.append(fig.ProjectRef(
            code=row.code, short_label=row.short_label, title=row.title,
            parent_label=f"{parent.short_label}: {parent.title}" if parent else "",
            led=bool(unit and unit.code in (row.lead_unit_codes or []))))
    return refs


def report_of(assignment: Assignment) -> Report | None:
    return db.session.query(Report).filter_by(assignment_id=assignment.id).one_or_none()


def first_submitted_at(assignment: Assignment, report: Report | None) -> datetime | None:
    if report and report.versions:
        return report.versions[0].submitted_at
    return assignment.submitted_at


def state_of(assignment: Assignment, report: Report | None) -> str:
    status = Status(assignment.status)
    if status != Status.SUBMITTED:
        return status.value
    deadline = assignment.duty.deadline
    first = first_submitted_at(assignment, report)
    late = bool(deadline and first and first.date() > deadline)
    return "submitted_late" if late else "submitted_on_time"


@dataclass
class OverviewRow:
    assignment: Assignment
    report: Report | None
    state: str

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def waiting_since(self) -> datetime | None:
        latest = self.report.latest if self.report else None
        return latest.submitted_at if latest else self.assignment.submitted_at


def matches(row: OverviewRow, state: str) -> bool:
    if not state:
        return True
    if state == WAITING:
        return row.assignment.status == Status.SUBMITTED
    return row.state == state


def overview(plan: Plan | None = None, deliverable: str = "result_report",
             state: str = "") -> list[OverviewRow]:
    """Every unit's report of `deliverable`, in the plan's unit order; the units waiting for
    review (state WAITING) are listed longest-waiting first."""
    plan = plan or current_plan()
    if plan is None:
        return []
    assignments = (db.session.query(Assignment).join(Assignment.duty).join(Assignment.unit)
                   .options(joinedload(Assignment.duty), joinedload(Assignment.unit))
                   .filter(Duty.plan_id == plan.id, Duty.deliverable == deliverable)
                   .order_by(Unit.position).all())
    reports = {r.assignment_id: r for r in db.session.query(Report)
               .options(selectinload(Report.versions))
               .filter(Report.assignment_id.in_([a.id for a in assignments]))}
    rows = [OverviewRow(a, reports.get(a.id), state_of(a, reports.get(a.id))) for a in assignments]
    rows = [r for r in rows if matches(r, state)]
    if state == WAITING:
        rows.sort(key=lambda r: r.waiting_since or datetime.max)
    return rows


# --- the coordinator's list, one page at a time (states and counts in SQL) ---------------------

OVERVIEW_PAGE_SIZE = 50


@dataclass
class OverviewLine:
    """One unit's report as the list shows it, without its draft or its versions' figures."""
    assignment: Assignment
    state: str
    versions: int
    latest_submitted_at: datetime | None
    last_saved_at: datetime | None

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass
class OverviewPage:
    lines: list[OverviewLine]
    counts: dict[str, int]     # state (and WAITING) -> units, through every page
    total: int                 # every unit owing the deliverable
    page: Page


def owner_state():
    """state_of in SQL, over an Assignment joined with its Duty and (outer join) its Report: a
    submitted report is late when its first submission came after the day of the deadline."""
    first = func.coalesce(Report.first_submitted_at, Assignment.submitted_at)
    return case((Assignment.status != Status.SUBMITTED.value, Assignment.status),
                (and_(Duty.deadline.is_not(None), first.is_not(None),
                      func.date(first) > Duty.deadline), "submitted_late"),
                else_="submitted_on_time")


def accepted_version_of_report():
    """The join condition of a Report with its accepted version (a ReportVersion)."""
    return and_(ReportVersion.report_id == Report.id,
                ReportVersion.number == Report.accepted_number)


def overview_page(plan: Plan | None, deliverable: str = "result_report", state: str = "",
                  page: int = 1, per_page: int | None = None) -> OverviewPage:
    """The units' reports of `deliverable` in the plan's unit order (those waiting for review,
    WAITING, longest-waiting first), one page of them, and the count of every state; a
    constant number of queries, no report's draft or figures loaded."""
    per_page = per_page or OVERVIEW_PAGE_SIZE
    if plan is None:
        return OverviewPage([], {s: 0 for s in [*STATE_LABELS, WAITING]}, 0, page_of(0, 1, per_page))
    state_of_row = owner_state()

    def base(*columns):
        return (db.session.query(*columns).select_from(Assignment)
                .join(Duty, Assignment.duty_id == Duty.id)
                .join(Unit, Assignment.unit_id == Unit.id)
                .outerjoin(Report, Report.assignment_id == Assignment.id)
                .filter(Duty.plan_id == plan.id, Duty.deliverable == deliverable))

    counts = {s: 0 for s in STATE_LABELS}
    for row_state, n in base(state_of_row, func.count(Assignment.id)).group_by(state_of_row):
        counts[row_state] = n
    counts[WAITING] = counts["submitted_on_time"] + counts["submitted_late"]
    total = sum(counts[s] for s in STATE_LABELS)
    shown = counts[state] if state else total
    current = page_of(shown, page, per_page)
    query = (base(Assignment, state_of_row, Report.versions_count, Report.latest_submitted_at,
                  Report.last_saved_at)
             .options(contains_eager(Assignment.duty), contains_eager(Assignment.unit)))
    if state == WAITING:
        since = func.coalesce(Report.latest_submitted_at, Assignment.submitted_at)
        query = (query.filter(Assignment.status == Status.SUBMITTED.value)
                 .order_by(case((since.is_(None), 1), else_=0), since, Unit.position))
    else:
        if state:
            query = query.filter(state_of_row == state)
        query = query.order_by(Unit.position, Unit.id)
    lines = [OverviewLine(a, row_state, n or 0, latest, saved) for a, row_state, n, latest, saved
             in query.offset(current.offset).limit(per_page)]
    return OverviewPage(lines, counts, total, current)


# --- the district totals ---------------------------------------------------------------------

@dataclass
class UnitFigures:
    unit: Unit
    assignment_id: int
    version: "AcceptedVersion"
    figures: dict


@dataclass
class DistrictFigures:
    """Totals of the figures of ACCEPTED reports only. A unit without an accepted report is
    listed in `missing`, never counted as zero; rates are recomputed from the summed counts."""
    outline: Outline
    accepted: list[UnitFigures]
    missing: list[Unit]
    # period -> row code -> total (counts summed; rates from the summed counts)
    poverty: dict[str, dict[str, float | int | None]]
    # period -> row code -> how many communes gave this figure
    poverty_units: dict[str, dict[str, int]]
    # "commune" / "department" -> project code -> {"beneficiaries", "funds", "units"}
    projects: dict[str, dict[str, dict]]
    # the emulation movement: item code -> total over the units that gave it (None: nobody)
    movement: dict[str, int | None]
    # unit id -> its report's state (STATE_LABELS), every owner of a result report
    states: dict[int, str] = field(default_factory=dict)


def _accepted_version(report: Report | None) -> ReportVersion | None:
    if report is None:
        return None
    return next((v for v in reversed(report.versions)
                 if v.review_status == ReviewStatus.ACCEPTED), None)


def _poverty_totals(outline: Outline, accepted: list[UnitFigures]) -> tuple[dict, dict]:
    poverty: dict = {}
    poverty_units: dict = {}
    for period in outline.periods:
        sums: dict = {}
        counts: dict = {}
        for item in outline.poverty:
            if item.kind != "count" or period not in outline.poverty_periods(item):
                continue
            values = [u.figures.get("poverty", {}).get(period.code, {}).get(item.code)
                      for u in accepted]
            values = [v for v in values if v is not None]
            sums[item.code] = sum(values) if values else None
            counts[item.code] = len(values)
        for item in outline.poverty:
            if item.kind != "rate" or period not in outline.poverty_periods(item):
                continue
            # Only units that gave both counts of the rate enter it.
            num = den = n = 0
            for u in accepted:
                values = u.figures.get("poverty", {}).get(period.code, {})
                if values.get(item.numerator) is not None and values.get(item.denominator):
                    num += values[item.numerator]
                    den += values[item.denominator]
                    n += 1
            sums[item.code] = fig.rate_of(num, den) if n else None
            counts[item.code] = n
        poverty[period.code] = sums
        poverty_units[period.code] = counts
    return poverty, poverty_units


def _project_totals(accepted: list[UnitFigures]) -> dict:
    projects: dict = {"commune": {}, "department": {}}
    for u in accepted:
        group = "commune" if u.unit.kind == UnitKind.COMMUNE else "department"
        for code, entry in u.figures.get("projects", {}).items():
            total = projects[group].setdefault(code, {"beneficiaries": None, "funds": {}, "units": 0})
            total["units"] += 1
            if entry.get("beneficiaries") is not None:
                total["beneficiaries"] = (total["beneficiaries"] or 0) + entry["beneficiaries"]
            for year, by_source in entry.get("funds", {}).items():
                for source, cell in by_source.items():
                    t = total["funds"].setdefault(year, {}).setdefault(
                        source, {"allocated": None, "disbursed": None})
                    for kind in ("allocated", "disbursed"):
                        if cell.get(kind) is not None:
                            t[kind] = (t[kind] or 0) + cell[kind]
    return projects


def movement_totals(outline: Outline, movements: list[dict]) -> dict[str, int | None]:
    """The emulation movement's counts summed over the accepted reports' `movements` (their
    figures' "movement" part)."""
    totals: dict = {}
    for item in outline.movement:
        if item.kind != "count":
            continue
        values = [movement.get(item.code) for movement in movements]
        values = [v for v in values if v is not None]
        totals[item.code] = sum(values) if values else None
    return totals


@dataclass(frozen=True)
class AcceptedVersion:
    """What the lists say of the accepted version of a unit's report."""
    id: int
    number: int
    reviewed_at: datetime | None


def accepted_figures(plan: Plan | None = None, *, narratives: bool = True) -> DistrictFigures:
    """Per-unit figures of the accepted result reports of the plan, and their district totals.

    Two queries whatever the size of the district: every report owner with its state, then the
    figures of the accepted versions (with `narratives`, from the versions themselves, for the
    district report; without, the summed and listed parts kept on each report).

    Departments' and communes' project figures are summed separately (a department's funds may
    include what the communes spent): callers decide how to show them, never add the two."""
    plan = plan or current_plan()
    if plan is None:
        outline = load_outline(DEFAULT_OUTLINE)
        return DistrictFigures(outline, [], [], {}, {}, {"commune": {}, "department": {}},
                               movement_totals(outline, []))
    owners = (db.session.query(Unit, Assignment.id, owner_state(), Report.accepted_number)
              .select_from(Assignment)
              .join(Duty, Assignment.duty_id == Duty.id)
              .join(Unit, Assignment.unit_id == Unit.id)
              .outerjoin(Report, Report.assignment_id == Assignment.id)
              .filter(Duty.plan_id == plan.id, Duty.deliverable == "result_report")
              .order_by(Unit.position, Unit.id).all())
    figures = {}
    outline_code = DEFAULT_OUTLINE
    if any(number for _u, _a, _s, number in owners):
        parts = ((ReportVersion.data["figures"],) if narratives else
                 (Report.accepted_poverty, Report.accepted_projects, Report.accepted_movement))
        query = (db.session.query(Report.assignment_id, Report.outline_code, ReportVersion.id,
                                  Report.accepted_number, Report.accepted_at, *parts)
                 .join(ReportVersion, accepted_version_of_report())
                 .join(Assignment, Assignment.id == Report.assignment_id)
                 .join(Duty, Assignment.duty_id == Duty.id)
                 .filter(Duty.plan_id == plan.id, Duty.deliverable == "result_report"))
        for assignment_id, code, v_id, number, reviewed_at, *data in query:
            data = (data[0] or {}) if narratives else {
                "poverty": data[0] or {}, "projects": data[1] or {}, "movement": data[2] or {}}
            figures[assignment_id] = (AcceptedVersion(v_id, number, reviewed_at), data)
            outline_code = code
    accepted, missing = [], []
    for unit, assignment_id, _state, _number in owners:
        if assignment_id in figures:
            version, data = figures[assignment_id]
            accepted.append(UnitFigures(unit, assignment_id, version, data))
        else:
            missing.append(unit)
    outline = load_outline(outline_code)
    poverty, poverty_units = _poverty_totals(outline, accepted)
    return DistrictFigures(outline, accepted, missing, poverty, poverty_units,
                           _project_totals(accepted),
                           movement_totals(outline, [u.figures.get("movement", {}) for u in accepted]),
                           states={unit.id: s for unit, _a, s, _n in owners})


def accepted_papers(plan: Plan | None = None) -> list[tuple[Assignment, ReportVersion]]:
    """Discussion papers accepted so far (title, speaker, position in version.data)."""
    result = []
    for row in overview(plan, "discussion_paper"):
        version = _accepted_version(row.report)
        if version is not None:
            result.append((row.assignment, version))
    return result
