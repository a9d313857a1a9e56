"""Rules of result reports and discussion papers: the outline for a unit, the autosaved draft
(optimistic lock), submission with the signed file, review, versions.

Services validate before they change anything, flush and never commit (one commit per
request); every change is audited, moves the unit's duty through duties.service.set_status and
tells the next person (Phòng LĐTB&XH on a submission, the unit on a decision).
"""
from dataclasses import dataclass, field

from ..audit.service import parse_version, record
from ..conference.speakers import paper_fields, slot_of_unit
from ..core import clock
from ..core.errors import DomainError, NotAllowed, NotFound, StaleEdit
from ..core.permissions import Cap, has_cap
from ..core.roles import UnitKind
from ..core.text import clean_input
from ..duties.models import Assignment, Status
from ..duties.service import review_comment, set_status
from ..extensions import db
from ..notifications.service import link_to, notify, notify_holders
from ..plan.models import Unit
from ..uploads.service import CheckedUpload, store
from . import figures as fig
from .drafts import who_saved, write_keyed
from .models import Report, ReportKind, ReportVersion, ReviewStatus
from .outline import DEFAULT_OUTLINE, Outline, load_outline
from .policy import EDITABLE, can_write, not_editable_message
from .queries import program_projects, report_of

DELIVERABLE_KINDS = {"result_report": ReportKind.RESULT, "discussion_paper": ReportKind.PAPER}


# --- the outline for a unit ------------------------------------------------------------------

def kind_of(assignment: Assignment) -> ReportKind:
    return DELIVERABLE_KINDS[assignment.duty.deliverable]


def is_commune(unit: Unit) -> bool:
    return unit.kind == UnitKind.COMMUNE


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


def clean_form(assignment: Assignment, outline: Outline, form: dict) -> dict:
    """Keep only the fields of the outline (whatever else a form sends is ignored), cleaned as
    every text field is (NFC, no control character)."""
    raw = {}
    for name in field_labels(assignment, outline):
        value = form.get(name)
        if value is None:
            continue
        value = clean_input(value)
        if value:
            raw[name] = value
    return raw


def has_draft_fields(assignment: Assignment, form: dict) -> bool:
    """Whether a request carries the draft's fields (the submit form sends them along)."""
    return any(name in form for name in field_labels(assignment, outline_for(report_of(assignment))))


def _lock(assignment: Assignment) -> Report | None:
    """Serialise writers of one report: the assignment row (PostgreSQL: FOR UPDATE; SQLite
    write requests already hold BEGIN IMMEDIATE), then the report as it is now."""
    db.session.query(Assignment).filter_by(id=assignment.id).populate_existing() \
        .with_for_update().one()
    return (db.session.query(Report).filter_by(assignment_id=assignment.id)
            .populate_existing().with_for_update().one_or_none())


def _may_write(assignment: Assignment, actor, verb: str = "sửa") -> None:
    if not can_write(actor, assignment):
        raise NotAllowed(f"Bạn không {verb} được báo cáo này.")
    if assignment.status not in EDITABLE:
        raise NotAllowed(not_editable_message(assignment))


# --- the draft -------------------------------------------------------------------------------

@dataclass
class SaveResult:
    report: Report
    checked: fig.Checked
    changed: list[str] = field(default_factory=list)


def _stale(assignment: Assignment, outline: Outline, raw: dict, actor):
    def build(report: Report, stored: dict) -> StaleEdit:
        labels = field_labels(assignment, outline)
        changes = {labels[name]: (stored.get(name, ""), raw.get(name, ""))
                   for name in labels if stored.get(name, "") != raw.get(name, "")}
        when = report.last_saved_at.strftime("%H:%M") if report.last_saved_at else ""
        who = who_saved("báo cáo này", report.last_saved_by_id, report.last_saved_by, when, actor)
        return StaleEdit(f"{who}, sau khi trang này được mở. Nội dung bạn vừa gõ CHƯA được lưu: "
                         "tải lại trang để xem bản mới nhất rồi nhập lại những ô dưới đây.",
                         current=report, changes=changes)
    return build


def save_draft(assignment: Assignment, form: dict, *, actor,
               expected_version) -> SaveResult:
    """Store what the user typed (valid or not: nothing is lost), checked for the messages.
    expected_version is the draft_version the form was loaded with (0: no draft yet); a stale
    save raises StaleEdit listing the fields saved meanwhile."""
    _may_write(assignment, actor)
    expected = parse_version(expected_version)
    report = _lock(assignment)
    _may_write(assignment, actor)   # as it is now, under the lock
    outline = outline_for(report)
    raw = clean_form(assignment, outline, form)
    if report is None:
        if expected not in (None, 0):
            raise NotFound("Bản nháp này không còn; tải lại trang.")
        report = Report(assignment_id=assignment.id, kind=kind_of(assignment),
                        outline_code=outline.code, data={}, draft_version=0,
                        created_at=clock.now())
        db.session.add(report)
        db.session.flush()
    unit, duty = assignment.unit.short_name, assignment.duty.short_title
    changed = write_keyed(
        report, raw, attr="data", version_attr="draft_version", expected_version=expected,
        action="report.save", stale=_stale(assignment, outline, raw, actor),
        extra={"last_saved_at": clock.now(), "last_saved_by_id": actor.id},
        summary=lambda keys: f"{unit} – {duty}: lưu bản nháp ({len(keys)} ô thay đổi)")
    if assignment.status == Status.NOT_STARTED:
        set_status(assignment, Status.DRAFTING, actor=actor)
    return SaveResult(report, check(assignment, raw, outline), changed)


# --- submission and review -------------------------------------------------------------------

def validate_for_submit(assignment: Assignment, report: Report | None) -> fig.Checked:
    outline = outline_for(report)
    return check(assignment, dict(report.data) if report else {}, outline, for_submit=True)


def check_submittable(assignment: Assignment, report: Report | None, *, actor,
                      expected_version) -> None:
    """Everything a submission needs but the file, checked before anything is stored."""
    _may_write(assignment, actor, "nộp")
    if report is None or report.last_saved_at is None:
        raise DomainError("Chưa có nội dung báo cáo: điền và lưu bản nháp trước khi nộp.",
                          field="file")
    expected = parse_version(expected_version)
    if expected is not None and expected != report.draft_version:
        raise StaleEdit("Bản nháp vừa được lưu lại (có thể ở một cửa sổ khác) sau khi bạn mở "
                        "trang. Tải lại trang, xem lại nội dung rồi nộp.", current=report)
    checked = validate_for_submit(assignment, report)
    if not checked.ok:
        raise DomainError(f"Báo cáo còn {len(checked.errors)} ô cần sửa (xem thông báo bên cạnh "
                          "từng ô) trước khi nộp.", field="file")


def submit(assignment: Assignment, upload: CheckedUpload, *, actor,
           expected_version) -> ReportVersion:
    """A new version: the draft frozen with its figures, the signed file stored. Checks come
    first; the file is written only when everything else is accepted."""
    report = _lock(assignment)
    check_submittable(assignment, report, actor=actor, expected_version=expected_version)
    checked = validate_for_submit(assignment, report)
    stored = store(upload, user=actor, unit_id=assignment.unit_id)
    number = (report.latest.number if report.latest else 0) + 1
    version = ReportVersion(report=report, number=number,
                            data={"raw": dict(report.data), "figures": checked.figures},
                            file_id=stored.id, submitted_at=clock.now(), submitted_by_id=actor.id)
    db.session.add(version)
    summarise(report)
    db.session.flush()
    record("report.submit", version, actor=actor, after={
        "number": number, "file": stored.original_name, "sha256": stored.sha256},
        summary=f"{assignment.unit.short_name} – {assignment.duty.short_title}: nộp lần {number}")
    set_status(assignment, Status.SUBMITTED, actor=actor)
    again = " (nộp lại sau khi bổ sung)" if number > 1 else ""
    notify_holders(Cap.REPORT_REVIEW, "report_submitted",
                   f"{assignment.unit.name} đã nộp “{assignment.duty.short_title}” lần "
                   f"{number}{again}: chờ xem xét.",
                   link_to("reports.review_page", assignment_id=assignment.id))
    return version


def review(assignment: Assignment, accept: bool, comment: str, *, actor,
           expected_version) -> ReportVersion:
    if not has_cap(actor, Cap.REPORT_REVIEW):
        raise NotAllowed("Bạn không xem xét báo cáo.")
    expected = parse_version(expected_version)
    report = _lock(assignment)
    if expected is not None and expected != assignment.version:
        raise StaleEdit(f"Báo cáo vừa thay đổi (hiện là “{assignment.status_label}”). Tải lại "
                        "trang trước khi quyết định.", current=assignment, field="comment")
    version = report.latest if report else None
    comment = review_comment(assignment, accept, comment, noun="báo cáo", waiting=(
        assignment.status == Status.SUBMITTED and version is not None
        and version.review_status == ReviewStatus.PENDING))
    before = {"review_status": version.review_status, "review_comment": version.review_comment}
    version.review_status = ReviewStatus.ACCEPTED if accept else ReviewStatus.RETURNED
    version.review_comment = comment
    version.reviewed_at = clock.now()
    version.reviewed_by_id = actor.id
    summarise(report)
    db.session.flush()
    what = "tiếp nhận" if accept else "trả lại, yêu cầu bổ sung"
    record("report.review", version, actor=actor, before=before,
           after={"review_status": version.review_status, "review_comment": comment},
           summary=f"{assignment.unit.short_name} – {assignment.duty.short_title}: lần "
                   f"{version.number} {what}")
    set_status(assignment, Status.ACCEPTED if accept else Status.RETURNED, actor=actor,
               reason=comment)
    link = link_to("reports.edit", assignment_id=assignment.id)
    title = assignment.duty.short_title
    if accept:
        notify(assignment.unit_id, "accepted",
               f"Phòng LĐTB&XH đã tiếp nhận “{title}” (lần nộp {version.number})."
               + (f" Ý kiến: {comment}" if comment else ""), link)
    else:
        notify(assignment.unit_id, "returned",
               f"Phòng LĐTB&XH yêu cầu bổ sung “{title}”: {comment}", link)
    return version


# --- versions --------------------------------------------------------------------------------

def summarise(report: Report) -> None:
    """Write on the report what the lists and the district figures read of its versions: how
    many, the first and latest submission, and the accepted version (the last one accepted)
    with the parts of its figures summed or listed district-wide. Called by every change of a
    version (submission, review); migration 0014 wrote it for the reports before it."""
    versions = sorted(report.versions, key=lambda v: v.number)
    report.versions_count = len(versions)
    report.first_submitted_at = versions[0].submitted_at if versions else None
    report.latest_submitted_at = versions[-1].submitted_at if versions else None
    accepted = next((v for v in reversed(versions) if v.review_status == ReviewStatus.ACCEPTED),
                    None)
    figures = ((accepted.data or {}).get("figures") or {}) if accepted else {}
    report.accepted_number = accepted.number if accepted else None
    report.accepted_at = accepted.reviewed_at if accepted else None
    report.accepted_poverty = figures.get("poverty", {}) if accepted else None
    report.accepted_projects = figures.get("projects", {}) if accepted else None
    report.accepted_movement = figures.get("movement", {}) if accepted else None


def version_or_404(report: Report | None, number: int) -> ReportVersion:
    version = next((v for v in (report.versions if report else []) if v.number == number), None)
    if version is None:
        raise NotFound("Không có lần nộp này.")
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
