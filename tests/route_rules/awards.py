"""Routes of rewards: nominations, shortlist, approval, the decision."""
from flask import current_app

from webapp.awards.models import Nomination
from webapp.duties.models import Assignment, Duty
from webapp.plan.models import Unit

from . import Rule, only

WORKING = ("coordinator", "home_affairs", "office", "department", "commune", "mass_org")
VIEW_ALL = ("coordinator", "home_affairs", "leadership")


def _nomination(session, key: str, status: str, with_file: bool = False) -> int:
    """A nomination of Bình Chánh (the commune test account's unit) in `status`."""
    from datetime import datetime
    from pathlib import Path

    from webapp.plan.loader import current_plan
    from webapp.uploads.models import StoredFile
    name = f"Tập thể thử {key}"
    found = session.query(Nomination).filter_by(collective_name=name).first()
    if found:
        return found.id
    unit = session.query(Unit).filter_by(code="binh-chanh").one()
    file_id = None
    if with_file:
        path = Path(current_app.config["UPLOAD_FOLDER"]) / "rr" / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.4\n%%EOF\n")
        stored = StoredFile(original_name="bao-cao.pdf", stored_name=f"rr/{key}", kind="pdf",
                            mimetype="application/pdf", size=15, sha256="0" * 64,
                            unit_id=unit.id, uploaded_at=datetime(2023, 11, 10))
        session.add(stored)
        session.flush()
        file_id = stored.id
    n = Nomination(plan_id=current_plan().id, unit_id=unit.id, kind="collective",
                   collective_name=name, summary="Thành tích", status=status,
                   report_file_id=file_id, cover_letter_file_id=file_id, version=1)
    session.add(n)
    session.commit()
    return n.id


def submitted(session):
    return {"nomination_id": _nomination(session, "submitted", "submitted", with_file=True)}


def submitted_file(session):
    return {**submitted(session), "which": "bao-cao"}


def draft(key):
    return lambda session: {"nomination_id": _nomination(session, key, "draft")}


def to_screen(session):
    return {"nomination_id": _nomination(session, "screen", "submitted", with_file=True)}


def shortlisted(session):
    return {"nomination_id": _nomination(session, "shortlisted", "shortlisted", with_file=True)}


def approved(session):
    return {"nomination_id": _nomination(session, "approved", "approved", with_file=True)}


def commune_nomination_assignment(session):
    a = (session.query(Assignment).join(Assignment.duty).join(Assignment.unit)
         .filter(Unit.code == "binh-chanh", Duty.code == "bao-cao-thanh-tich").one())
    return {"assignment_id": a.id}


OTHERS_404 = {"coordinator": 404, "home_affairs": 404, "office": 404, "department": 404,
              "mass_org": 404}

RULES = {
    "awards.index": Rule(expect={**only(WORKING + ("leadership",), allowed=302), "admin": 403}),
    "awards.assignment": Rule(
        args=commune_nomination_assignment,
        expect={**only(WORKING + ("leadership",), allowed=302), "home_affairs": 404,
                "office": 404, "department": 404, "mass_org": 404}),
    "awards.unit": Rule(expect=only(WORKING, allowed=200)),
    "awards.new": Rule(expect=only(WORKING, allowed=200)),
    "awards.detail": Rule(args=submitted,
                          expect={**only(WORKING + ("leadership",), allowed=200),
                                  "office": 404, "department": 404, "mass_org": 404,
                                  "admin": 404}),
    "awards.file": Rule(args=submitted_file,
                        expect={**only(WORKING + ("leadership",), allowed=200),
                                "office": 404, "department": 404, "mass_org": 404,
                                "admin": 404}),
    "awards.edit": Rule(args=draft("edit"), expect={**only(WORKING, allowed=200), **OTHERS_404}),
    "awards.submit": Rule(method="POST", args=draft("submit"), data={"version": 1},
                          expect={**only(WORKING), **OTHERS_404}),
    "awards.withdraw": Rule(method="POST", args=draft("withdraw"), data={"version": 1},
                            expect={**only(WORKING), **OTHERS_404}),
    "awards.submit_all": Rule(method="POST", expect=only(WORKING)),
    "awards.review": Rule(expect=only(VIEW_ALL, allowed=200)),
    "awards.screen": Rule(method="POST", args=to_screen,
                          data={"decision": "shortlist", "version": 1},
                          expect=only(("coordinator",))),
    "awards.decide": Rule(method="POST", args=shortlisted,
                          data={"decision": "approve", "version": 1},
                          expect=only(("home_affairs",))),
    "awards.reopen": Rule(method="POST", data={"reopened_until": "30/11/2023"},
                          expect=only(("coordinator",))),
    "awards.awardees": Rule(expect=only(VIEW_ALL, allowed=200)),
    "awards.move": Rule(method="POST", args=approved, data={"decision": "up"},
                        expect=only(("home_affairs",))),
    "awards.reset_order": Rule(method="POST", expect=only(("home_affairs",))),
    "awards.decision": Rule(expect=only(VIEW_ALL, allowed=200)),
    "awards.decision_save": Rule(method="POST", data={"decision_date": "05/12/2023",
                                                      "legal_bases": "Luật", "split_0": 50,
                                                      "split_1": 50},
                                 expect=only(("home_affairs",))),
    "awards.preview": Rule(expect=only(VIEW_ALL, allowed=200)),
    "awards.download": Rule(args={"what": "danh-sach"}, expect=only(VIEW_ALL)),
}
