"""The work of the invented communes and seats of the bench data set (INVENTED data), walked
through the same services the demo uses: result reports (some returned and sent again, so with
two versions), nominations with their two files at every stage but approval (the quota is the
plan's), the province and district seats beyond the demo's, a second invitation batch, replies,
and reminders up to 50 notifications per 1x."""
import io
import random
from datetime import date
from types import SimpleNamespace

from docx import Document

from webapp.auth.models import User
from webapp.awards import flow as awards
from webapp.awards.demo import DEMO_PDF, SUMMARY
from webapp.core.roles import ROLE_OF_KIND, UnitKind
from webapp.delegates import invitations
from webapp.delegates import seating
from webapp.delegates import service as delegates
from webapp.delegates.models import Delegate, Reply
from webapp.duties.models import Assignment, Duty, Status
from webapp.extensions import db
from webapp.notifications.models import Notification
from webapp.notifications.service import notify
from webapp.plan.models import Unit
from webapp.reports import service as reports
from webapp.reports.demo import NARRATIVE, commune_figures
from webapp.uploads.service import CheckedUpload

# Where the invented communes' result reports stand, in turn (about the demo's proportions).
REPORT_CYCLE = (Status.ACCEPTED, Status.SUBMITTED, Status.DRAFTING, Status.RETURNED,
                Status.ACCEPTED, "resubmitted", Status.SUBMITTED, Status.DRAFTING,
                Status.ACCEPTED, Status.SUBMITTED)
WRITABLE = (Status.DRAFTING, Status.RETURNED)   # the commune may still edit (and autosave) it


def writable_report(index: int) -> bool:
    """Whether the result report of the index-th invented commune (by position) stays editable."""
    return REPORT_CYCLE[index % len(REPORT_CYCLE)] in WRITABLE


NOMINATION_CYCLE = ("submitted", "shortlisted", "draft", "returned", "submitted", "rejected",
                    "shortlisted", "withdrawn", "submitted", "shortlisted")
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng", "Bùi", "Đỗ"]
GIVEN = ["An", "Bảo", "Dũng", "Hà", "Hạnh", "Khoa", "Lan", "Minh", "Nam", "Oanh", "Phong", "Yến"]


def _actor(unit: Unit):
    user = db.session.query(User).filter_by(unit_id=unit.id).first()
    if user is not None:
        return user
    return SimpleNamespace(id=None, unit_id=unit.id, username="du-lieu-do", full_name="Dữ liệu đo",
                           is_authenticated=True, role=ROLE_OF_KIND[UnitKind(unit.kind)])


def _small_docx(text: str) -> bytes:
    doc = Document()
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _staff(code: str) -> User:
    return db.session.query(User).join(User.unit).filter(Unit.code == code).first()


def invented_work(plan, scale: int, log) -> None:
    if scale == 1:
        communes = []
    else:
        communes = (db.session.query(Unit).filter(Unit.code.like("xa-thu-%"))
                    .order_by(Unit.position).all())
    coordinator, office = _staff("ldtbxh"), _staff("vanphong")
    signed = _small_docx("Báo cáo kết quả đã ký (dữ liệu đo hiệu năng).")
    _reports(plan, communes, coordinator, signed)
    log(f"  reports of {len(communes)} invented communes")
    _nominations(plan, communes, coordinator)
    log("  nominations")
    _seats(plan, scale, office)
    log("  delegates")
    _notifications(scale)
    db.session.flush()


def _reports(plan, communes: list[Unit], coordinator, signed: bytes) -> None:
    duty = db.session.query(Duty).filter_by(plan_id=plan.id, code="bao-cao-ket-qua").one()
    by_unit = {a.unit_id: a for a in db.session.query(Assignment).filter_by(duty_id=duty.id)}
    for index, unit in enumerate(communes):
        target = REPORT_CYCLE[index % len(REPORT_CYCLE)]
        if target == Status.NOT_STARTED:
            continue
        assignment, actor = by_unit[unit.id], _actor(unit)
        raw = {**commune_figures(unit), **NARRATIVE}
        reports.save_draft(assignment, raw, actor=actor, expected_version=0)
        if target == Status.DRAFTING:
            continue
        upload = CheckedUpload(f"Báo cáo kết quả {unit.short_name} – đã ký.docx", "docx", signed)
        report = reports.report_of(assignment)
        reports.submit(assignment, upload, actor=actor, expected_version=report.draft_version)
        if target in (Status.ACCEPTED, Status.RETURNED, "resubmitted"):
            reports.review(assignment, target == Status.ACCEPTED,
                           "" if target == Status.ACCEPTED else "Bổ sung số hộ cận nghèo (dữ liệu đo).",
                           actor=coordinator, expected_version=assignment.version)
        if target == "resubmitted":
            raw["pov.near_poor.2022"] = str(int(raw["pov.near_poor.2022"]) + 1)
            reports.save_draft(assignment, raw, actor=actor, expected_version=report.draft_version)
            reports.submit(assignment, upload, actor=actor, expected_version=report.draft_version)


def _nominations(plan, communes: list[Unit], coordinator) -> None:
    for index, unit in enumerate(communes):
        actor = _actor(unit)
        kinds = ["collective"] + (["individual"] if index % 5 == 0 else [])
        for kind in kinds:
            stage = NOMINATION_CYCLE[(index + len(kind)) % len(NOMINATION_CYCLE)]
            data = awards.NominationData(kind=kind, summary=SUMMARY)
            if kind == "individual":
                data.full_name = f"{FAMILY[index % 10]} Văn {GIVEN[index % 12]}"
                data.gender, data.birth_year = "male", 1970 + index % 30
                data.position, data.workplace = "Trưởng thôn", unit.name
                data.address = "ong"
            else:
                data.collective_name = f"Hội Nông dân {unit.name}"
            name = data.full_name or data.collective_name
            files = {"report": CheckedUpload(f"Báo cáo thành tích - {name}.pdf", "pdf", DEMO_PDF),
                     "cover_letter": CheckedUpload(
                         f"Tờ trình đề nghị khen thưởng - {unit.short_name}.pdf", "pdf", DEMO_PDF)}
            n = awards.create_nomination(data, actor=actor, plan=plan, **files)
            for step in _nomination_steps(stage, actor, coordinator):
                step(n)


def _nomination_steps(stage: str, unit_actor, coordinator) -> list:
    """The services that take a new nomination to `stage`, in order."""
    submit = lambda n: awards.submit(n, actor=unit_actor)  # noqa: E731
    shortlist = lambda n: awards.shortlist(n, actor=coordinator)  # noqa: E731
    return {
        "draft": [],
        "submitted": [submit],
        "withdrawn": [submit, lambda n: awards.withdraw(n, actor=unit_actor)],
        "returned": [submit, lambda n: awards.return_nomination(
            n, "Bổ sung xác nhận của UBND xã (dữ liệu đo).", actor=coordinator)],
        "shortlisted": [submit, shortlist],
        "rejected": [submit, shortlist, lambda n: awards.reject(
            n, "Thành tích chưa nổi bật (dữ liệu đo).", actor=_staff("noivu"))],
    }[stage]


def _seats(plan, scale: int, office) -> None:
    """Name the province and district seats the demo left empty, issue them a second batch of
    invitations, record replies for about half of everyone still pending, and seat the hall."""
    rng = random.Random(2023 + scale)
    added = []
    for comp in plan.compositions:
        if comp.per_unit:
            continue
        named = db.session.query(Delegate).filter_by(composition_id=comp.id).count()
        for rank in range(named + 1, comp.planned + 1):
            added.append(delegates.create(plan, delegates.DelegateData(
                f"{rng.choice(FAMILY)} Thị {rng.choice(GIVEN)} {rank:03d}", comp.id,
                title="Chuyên viên", organisation=f"Cơ quan thử {rank:03d}", rank=rank),
                actor=office))
    db.session.flush()
    if added:
        invitations.issue(plan, number=126, issued_on=date(2023, 11, 14),
                          meeting_time="07 giờ 30", only_new=True, actor=office)
    pending = (db.session.query(Delegate).filter_by(plan_id=plan.id, reply=Reply.PENDING)
               .order_by(Delegate.id).all())
    for d in pending:
        roll = rng.random()
        if roll < 0.45:
            delegates.set_reply(d, Reply.ATTENDING, actor=office)
        elif roll < 0.5:
            delegates.set_reply(d, Reply.DECLINED, actor=office)
    db.session.flush()
    # the hall seated as Văn phòng does the week before: the seating pages measure a full hall
    seating.assign_seats(plan, per_row=12, actor=office)


def _notifications(scale: int) -> None:
    """At least 50 notifications per 1x: a reminder to each commune until there are."""
    have = db.session.query(Notification).count()
    communes = (db.session.query(Unit.id).filter_by(kind="commune").order_by(Unit.position).all())
    n = 0
    while have < 50 * scale:
        unit_id = communes[n % len(communes)][0]
        notify(unit_id, "due_soon", f"Nhắc việc: “Nhiệm vụ thử {n % 7 + 1}” còn 7 ngày "
               "(hạn 22/11/2023) (dữ liệu đo hiệu năng).", "/viec-cua-toi")
        have += 1
        n += 1
