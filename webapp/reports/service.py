"""Rules of result reports and discussion papers: who may see and edit, autosave with an
optimistic lock, submission with the signed file, review, versions and the district totals.

Services flush and never commit (one commit per request); every change is audited and moves
the unit's duty through webapp.duties.service.set_status.
"""
from dataclasses import dataclass, field
from datetime import datetime

from flask import abort, url_for
from sqlalchemy.orm import joinedload, selectinload

from ..audit.service import record
from ..conference.speakers import paper_fields, slot_of_unit
from ..core import clock
from ..core.errors import DomainError, NotAllowed, StaleEdit
from ..core.permissions import Cap, has_cap
from ..core.roles import UnitKind
from ..duties.models import Assignment, Duty, Status
from ..duties.service import set_status
from ..extensions import db
from ..notifications.service import notify
from ..plan.loader import current_plan
from ..plan.models import Plan, ProgramProject, Unit
from ..uploads.service import CheckedUpload, store
from . import figures as fig
from .models import Report, ReportKind, ReportVersion, ReviewStatus
from .outline import DEFAULT_OUTLINE, Outline, load_outline

DELIVERABLE_KINDS = {"result_report": ReportKind.RESULT, "discussion_paper": ReportKind.PAPER}
EDITABLE = (Status.NOT_STARTED, Status.DRAFTING, Status.RETURNED)

# What the coordinator sees per unit (issue: not started ... accepted).
STATE_LABELS = {
    "not_started": "Chưa thực hiện",
    "drafting": "Đang soạn",
    "submitted_on_time": "Đã nộp đúng hạn",
    "submitted_late": "Đã nộp muộn",
    "returned": "Yêu cầu bổ sung",
    "accepted": "Đã tiếp nhận",
}


# --- the outline for a unit ------------------------------------------------------------------

def kind_of(assignment: Assignment) -> ReportKind:
    return DELIVERABLE_KINDS[assignment.duty.deliverable]


def is_commune(unit: Unit) -> bool:
    return unit.kind == UnitKind.COMMUNE


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


def outline_for(report: Report | None) -> Outline:
    return load_outline(report.outline_code if report else DEFAULT_OUTLINE)


def initial_draft(assignment: Assignment) -> dict:
    """Before the first save: a department starts with the projects it leads selected; a
    discussion paper with the speaker the plan names."""
    if kind_of(assignment) == ReportKind.PAPER:
        slot = next((s for s in assignment.duty.plan.speech_slots
                     if s.unit_id == assignment.unit_id), None)
        draft = {}
        if slot is not None:
            draft["paper.title"] = slot.topic
            if slot.speaker_name:
                draft["paper.speaker"] = slot.speaker_name
            if slot.speaker_title:
                draft["paper.position"] = slot.speaker_title
        return draft
    if assignment.unit.kind == UnitKind.DEPARTMENT:
        return {f"prj.{p.code}.selected": "1" for p in program_projects(assignment.unit) if p.led}
    return {}


def check(assignment: Assignment, raw: dict, outline: Outline,
          for_submit: bool = False) -> fig.Checked:
    if kind_of(assignment) == ReportKind.PAPER:
        # the speaker is the speech slot's (one record with the conference's speaker list)
        raw = {**raw, **paper_fields(slot_of_unit(assignment.duty.plan, assignment.unit_id))}
        return fig.parse_paper(outline, raw, for_submit=for_submit)
    return fig.parse_result(outline, raw, is_commune=is_commune(assignment.unit),
                            projects=program_projects(assignment.unit), for_submit=for_submit)


def field_labels(assignment: Assignment, outline: Outline) -> dict[str, str]:
    return fig.field_names(outline, kind=kind_of(assignment), is_commune=is_commune(assignment.unit),
                           projects=program_projects(assignment.unit))


# --- object rules ----------------------------------------------------------------------------

def is_report_assignment(assignment: Assignment | None) -> bool:
    return assignment is not None and assignment.duty.deliverable in DELIVERABLE_KINDS


def can_view(user, assignment: Assignment) -> bool:
    return assignment.unit_id == user.unit_id or has_cap(user, Cap.REPORT_VIEW_ALL)


def can_edit(user, assignment: Assignment) -> bool:
    return (assignment.unit_id == user.unit_id and has_cap(user, Cap.REPORT_WRITE_OWN)
            and assignment.status in EDITABLE)


def can_download_draft(user, assignment: Assignment) -> bool:
    """A unit's draft is its own until it submits (DESIGN.md): reviewers read the submitted
    versions, never the working draft."""
    return assignment.unit_id == user.unit_id and has_cap(user, Cap.REPORT_WRITE_OWN)


def can_review(user, assignment: Assignment) -> bool:
    return has_cap(user, Cap.REPORT_REVIEW) and assignment.status == Status.SUBMITTED


def get_assignment_or_404(assignment_id: int, user, *, own: bool = False) -> Assignment:
    """The report assignment, if the user may see it: another unit's report is as if it did
    not exist (404). `own`: only the unit's own (editing pages)."""
    assignment = db.session.get(Assignment, assignment_id)
    if not is_report_assignment(assignment):
        abort(404)
    if own and assignment.unit_id != user.unit_id:
        abort(404)
    if not can_view(user, assignment):
        abort(404)
    return assignment


def report_of(assignment: Assignment) -> Report | None:
    return db.session.query(Report).filter_by(assignment_id=assignment.id).one_or_none()


def _lock(assignment: Assignment) -> Report | None:
    """Serialise writers of one report: the assignment row (PostgreSQL: FOR UPDATE; SQLite
    write requests already hold BEGIN IMMEDIATE), then the report as it is now."""
    db.session.query(Assignment).filter_by(id=assignment.id).populate_existing() \
        .with_for_update().one()
    return (db.session.query(Report).filter_by(assignment_id=assignment.id)
            .populate_existing().with_for_update().one_or_none())


# --- the draft -------------------------------------------------------------------------------

def _not_editable_message(assignment: Assignment) -> str:
    if assignment.status == Status.ACCEPTED:
        return "Báo cáo đã được Phòng LĐTB&XH tiếp nhận; không sửa hay nộp lại được nữa."
    if assignment.status == Status.SUBMITTED:
        return ("Báo cáo đã nộp và đang chờ Phòng LĐTB&XH xem xét; chỉ sửa được khi được "
                "trả lại để bổ sung.")
    return "Bạn không sửa được báo cáo này."


def _clean_form(assignment: Assignment, outline: Outline, form: dict) -> dict:
    """Keep only the fields of the outline (what else a form sends is ignored)."""
    from ..core.text import nfc
    raw = {}
    for name in field_labels(assignment, outline):
        value = form.get(name)
        if value is None:
            continue
        value = nfc(value)
        if value:
            raw[name] = value
    return raw


@dataclass
class SaveResult:
    report: Report
    checked: fig.Checked
    changed: list[str] = field(default_factory=list)


def save_draft(assignment: Assignment, form: dict, *, actor,
               expected_version: int | None) -> SaveResult:
    """Store what the user typed (valid or not: nothing is lost), checked for the messages.
    expected_version is the draft_version the form was loaded with (0: no draft yet);
    a stale save raises StaleEdit listing the fields saved meanwhile."""
    if assignment.unit_id != actor.unit_id or not has_cap(actor, Cap.REPORT_WRITE_OWN):
        raise NotAllowed("Bạn không sửa được báo cáo này.")
    report = _lock(assignment)
    if assignment.status not in EDITABLE:
        raise NotAllowed(_not_editable_message(assignment))
    outline = outline_for(report)
    raw = _clean_form(assignment, outline, form)
    current_version = report.draft_version if report else 0
    if report is not None and report.last_saved_at is not None and raw == (report.data or {}):
        # Nothing new (a repeated autosave): no version bump, so no false conflict later.
        return SaveResult(report, check(assignment, raw, outline), [])
    if expected_version is None or expected_version != current_version:
        labels = field_labels(assignment, outline)
        stored = dict(report.data) if report else {}
        changes = {labels[name]: (stored.get(name, ""), raw.get(name, ""))
                   for name in labels if stored.get(name, "") != raw.get(name, "")}
        who = report.last_saved_by.full_name if report and report.last_saved_by else "người khác"
        when = report.last_saved_at.strftime("%H:%M") if report and report.last_saved_at else ""
        raise StaleEdit(f"{who} đã lưu báo cáo này lúc {when}, sau khi bạn mở trang. Nội dung "
                        "bạn vừa gõ CHƯA được lưu: tải lại trang để xem bản mới nhất rồi nhập lại "
                        "những ô dưới đây.", current=report, changes=changes)
    now = clock.now()
    if report is None:
        report = Report(assignment_id=assignment.id, kind=kind_of(assignment),
                        outline_code=outline.code, data={}, draft_version=0, created_at=now)
        db.session.add(report)
    before = dict(report.data or {})
    changed = sorted(n for n in set(before) | set(raw) if before.get(n) != raw.get(n))
    report.data = raw
    report.draft_version = current_version + 1
    report.last_saved_at = now
    report.last_saved_by_id = actor.id
    db.session.flush()
    if changed:
        record("report.save", report, actor=actor,
               before={n: before.get(n) for n in changed}, after={n: raw.get(n) for n in changed},
               summary=f"{assignment.unit.short_name} – {assignment.duty.short_title}: lưu bản "
                       f"nháp ({len(changed)} ô thay đổi)")
    if assignment.status == Status.NOT_STARTED:
        set_status(assignment, Status.DRAFTING, actor=actor)
    return SaveResult(report, check(assignment, raw, outline), changed)


# --- submission and review -------------------------------------------------------------------

def validate_for_submit(assignment: Assignment, report: Report | None) -> fig.Checked:
    outline = outline_for(report)
    return check(assignment, dict(report.data) if report else {}, outline, for_submit=True)


def submit(assignment: Assignment, upload: CheckedUpload, *, actor,
           expected_version: int | None) -> ReportVersion:
    """A new version: the draft frozen with its figures, the signed file stored. Checks come
    first; the file is written only when everything else is accepted."""
    if assignment.unit_id != actor.unit_id or not has_cap(actor, Cap.REPORT_WRITE_OWN):
        raise NotAllowed("Bạn không nộp được báo cáo này.")
    report = _lock(assignment)
    if assignment.status not in EDITABLE:
        raise NotAllowed(_not_editable_message(assignment))
    if report is None:
        raise DomainError("Chưa có nội dung báo cáo: điền và lưu bản nháp trước khi nộp.",
                          field="file")
    if expected_version is not None and expected_version != report.draft_version:
        raise StaleEdit("Bản nháp vừa được lưu lại (có thể bởi người khác) sau khi bạn mở trang. "
                        "Tải lại trang, xem lại nội dung rồi nộp.", current=report)
    checked = validate_for_submit(assignment, report)
    if not checked.ok:
        raise DomainError(f"Báo cáo còn {len(checked.errors)} ô cần sửa (xem thông báo bên cạnh "
                          "từng ô) trước khi nộp.", field="file")
    stored = store(upload, user=actor, unit_id=assignment.unit_id)
    number = (report.latest.number if report.latest else 0) + 1
    version = ReportVersion(report=report, number=number,
                            data={"raw": dict(report.data), "figures": checked.figures},
                            file_id=stored.id, submitted_at=clock.now(), submitted_by_id=actor.id)
    db.session.add(version)
    db.session.flush()
    record("report.submit", version, actor=actor, after={
        "number": number, "file": stored.original_name, "file_id": stored.id,
        "sha256": stored.sha256, "draft_version": report.draft_version},
        summary=f"{assignment.unit.short_name} – {assignment.duty.short_title}: nộp lần {number}")
    set_status(assignment, Status.SUBMITTED, actor=actor)
    return version


def review(assignment: Assignment, accept: bool, comment: str, *, actor,
           expected_version: int | None) -> ReportVersion:
    if not has_cap(actor, Cap.REPORT_REVIEW):
        raise NotAllowed("Bạn không xem xét báo cáo.")
    report = _lock(assignment)
    if expected_version is not None and expected_version != assignment.version:
        raise StaleEdit(f"Báo cáo vừa thay đổi (hiện là “{assignment.status_label}”). Tải lại "
                        "trang trước khi quyết định.", current=assignment)
    version = report.latest if report else None
    if assignment.status != Status.SUBMITTED or version is None \
            or version.review_status != ReviewStatus.PENDING:
        raise DomainError(f"Chỉ tiếp nhận hoặc trả lại báo cáo đã nộp; báo cáo này đang "
                          f"“{assignment.status_label}”.", field="comment")
    comment = (comment or "").strip()
    if not accept and not comment:
        raise DomainError("Ghi rõ nội dung cần bổ sung để đơn vị biết phải làm gì.",
                          field="comment")
    before = {"review_status": version.review_status, "review_comment": version.review_comment}
    version.review_status = ReviewStatus.ACCEPTED if accept else ReviewStatus.RETURNED
    version.review_comment = comment
    version.reviewed_at = clock.now()
    version.reviewed_by_id = actor.id
    db.session.flush()
    what = "tiếp nhận" if accept else "trả lại, yêu cầu bổ sung"
    record("report.review", version, actor=actor, before=before,
           after={"review_status": version.review_status, "review_comment": comment},
           summary=f"{assignment.unit.short_name} – {assignment.duty.short_title}: lần "
                   f"{version.number} {what}")
    set_status(assignment, Status.ACCEPTED if accept else Status.RETURNED, actor=actor,
               reason=comment)
    try:
        link = url_for("reports.edit", assignment_id=assignment.id)
    except RuntimeError:  # outside a request (CLI, demo)
        link = f"/bao-cao/phan-cong/{assignment.id}"
    if accept:
        notify(assignment.unit_id, "accepted",
               f"Phòng LĐTB&XH đã tiếp nhận “{assignment.duty.short_title}” (lần nộp {version.number}).",
               link)
    else:
        notify(assignment.unit_id, "returned",
               f"Phòng LĐTB&XH yêu cầu bổ sung “{assignment.duty.short_title}”: {comment}", link)
    return version


# --- versions --------------------------------------------------------------------------------

def version_or_404(report: Report | None, number: int) -> ReportVersion:
    version = next((v for v in (report.versions if report else []) if v.number == number), None)
    if version is None:
        abort(404)
    return version


@dataclass
class ComparedRow:
    key: str
    label: str
    left: str
    right: str

    @property
    def changed(self) -> bool:
        return self.left != self.right


def compare(assignment: Assignment, left: ReportVersion, right: ReportVersion) -> list[ComparedRow]:
    """Every figure of two versions side by side (changed ones flagged)."""
    outline = outline_for(left.report)
    projects = program_projects(assignment.unit)
    a = fig.flat_figures(outline, left.data.get("figures", {}), projects)
    b = fig.flat_figures(outline, right.data.get("figures", {}), projects)
    rows = []
    for key in list(a) + [k for k in b if k not in a]:
        label = (a.get(key) or b.get(key))[0]
        rows.append(ComparedRow(key, label, a.get(key, ("", ""))[1], b.get(key, ("", ""))[1]))
    return rows


# --- the coordinator's view ------------------------------------------------------------------

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


def overview(plan: Plan | None = None, deliverable: str = "result_report",
             state: str = "") -> list[OverviewRow]:
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
    return [r for r in rows if not state or r.state == state]


@dataclass
class UnitFigures:
    unit: Unit
    assignment: Assignment
    version: ReportVersion
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


def accepted_figures(plan: Plan | None = None) -> DistrictFigures:
    """Per-unit figures of the accepted result reports of the plan, and their district totals.

    Departments' and communes' project figures are summed separately (a department's funds may
    include what the communes spent): callers decide how to show them, never add the two."""
    plan = plan or current_plan()
    outline = load_outline(DEFAULT_OUTLINE)
    rows = overview(plan, "result_report") if plan else []
    accepted, missing = [], []
    for row in rows:
        version = None
        if row.report is not None:
            version = next((v for v in reversed(row.report.versions)
                            if v.review_status == ReviewStatus.ACCEPTED), None)
        if version is None:
            missing.append(row.assignment.unit)
        else:
            accepted.append(UnitFigures(row.assignment.unit, row.assignment, version,
                                        version.data.get("figures", {})))
    if accepted and accepted[0].version.report.outline_code != outline.code:
        outline = load_outline(accepted[0].version.report.outline_code)

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
            num = den = 0
            n = 0
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
    return DistrictFigures(outline, accepted, missing, poverty, poverty_units, projects)


def accepted_papers(plan: Plan | None = None) -> list[tuple[Assignment, ReportVersion]]:
    """Discussion papers accepted so far (title, speaker, position in version.data)."""
    result = []
    for row in overview(plan, "discussion_paper"):
        if row.report is None:
            continue
        version = next((v for v in reversed(row.report.versions)
                        if v.review_status == ReviewStatus.ACCEPTED), None)
        if version is not None:
            result.append((row.assignment, version))
    return result
