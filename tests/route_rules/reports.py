"""Routes of result reports and discussion papers (webapp/reports)."""
from datetime import datetime
from pathlib import Path

from webapp.duties.models import Assignment, Duty
from webapp.plan.models import Unit

from . import Rule, everyone, only

NO_CAP = ("coordinator", "home_affairs", "office", "leadership", "admin")


def _commune_assignment(session) -> Assignment:
    return (session.query(Assignment).join(Assignment.duty).join(Assignment.unit)
            .filter(Unit.code == "binh-chanh", Duty.code == "bao-cao-ket-qua").one())


def commune_report(session):
    return {"assignment_id": _commune_assignment(session).id}


def commune_report_with_versions(session):
    """Bình Chánh's report with two submitted versions (their files on disk)."""
    from flask import current_app

    from webapp.reports.models import Report, ReportVersion
    from webapp.reports.service import summarise
    from webapp.uploads.models import StoredFile
    a = _commune_assignment(session)
    if session.query(Report).filter_by(assignment_id=a.id).first() is None:
        report = Report(assignment_id=a.id, kind="result", outline_code="de-cuong-2023",
                        data={}, draft_version=1, created_at=datetime(2023, 11, 14))
        session.add(report)
        for number in (1, 2):
            name = f"2023/11/route-rule-{number}"
            path = Path(current_app.config["UPLOAD_FOLDER"]) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"%PDF-1.4\n%%EOF\n")
            stored = StoredFile(original_name=f"Báo cáo lần {number}.pdf", stored_name=name,
                                kind="pdf", mimetype="application/pdf", size=15, sha256="0" * 64,
                                unit_id=a.unit_id, uploaded_at=datetime(2023, 11, 14))
            session.add(stored)
            session.flush()
            session.add(ReportVersion(report=report, number=number, file_id=stored.id,
                                      data={"raw": {}, "figures": {"poverty": {}, "projects": {},
                                                                   "narrative": {}}},
                                      submitted_at=datetime(2023, 11, 14, 9, number)))
        session.flush()
        summarise(report)   # what a submission writes of its versions
        session.commit()
    return {"assignment_id": a.id, "number": 1}


def commune_compare(session):
    return {"assignment_id": commune_report_with_versions(session)["assignment_id"]}


NOT_OWN = {"department": 404, "mass_org": 404}     # a report of another unit does not exist
OWN = {**only(("commune",), allowed=200), **NOT_OWN}
VIEWERS = {**everyone(404), "anonymous": "login", "commune": 200, "coordinator": 200,
           "leadership": 200}
READERS = only(("coordinator", "leadership"), allowed=200)

RULES = {
    "reports.edit": Rule(args=commune_report, expect=OWN),
    # the draft exists (commune_report_with_versions ran first) with nothing typed: the same
    # empty content again is no conflict
    "reports.save": Rule(method="POST", args=commune_report, data={"draft_version": 0},
                         expect={**OWN, "commune": 200}, htmx=True),
    # no file chosen: refused next to the file field
    "reports.submit": Rule(method="POST", args=commune_report, data={"draft_version": 0},
                           expect={**OWN, "commune": 422}, htmx=True),
    # the unit's working draft is its own: reviewers read submitted versions only
    "reports.draft_docx": Rule(args=commune_report, expect=OWN),
    "reports.version": Rule(args=commune_report_with_versions, expect=VIEWERS),
    "reports.version_file": Rule(args=commune_report_with_versions, expect=VIEWERS),
    "reports.compare": Rule(args=commune_compare, expect=VIEWERS),
    "reports.overview": Rule(expect=READERS),
    "reports.totals": Rule(expect=READERS),
    "reports.review_page": Rule(args=commune_report, expect=READERS),
    # the report was never submitted: nothing to accept (422, with the reason on the form)
    "reports.review": Rule(method="POST", args=commune_report,
                           data={"decision": "accept", "version": 1},
                           expect=only(("coordinator",), allowed=422)),
}
