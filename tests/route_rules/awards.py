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
    return lambda session: {"nomination_id": _nomination(session, key, "draft", with_file=True)}


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
NOT_WORKING = {"leadership": 403, "admin": 403, "anonymous": "login"}


def exactly(**answers) -> dict:
    """Every role's exact answer: the listed ones, 403 for the others, login for anonymous."""
    return {**only((), allowed=403), **answers}


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
                          expect={**only(WORKING, allowed=302), **OTHERS_404}),
    "awards.withdraw": Rule(method="POST", args=draft("withdraw"), data={"version": 1},
                            expect={**only(WORKING, allowed=302), **OTHERS_404}),
    # the commune sends its drafts; a unit with none is told so (422)
    "awards.submit_all": Rule(method="POST", expect={**only(WORKING, allowed=422), "commune": 302}),
    "awards.review": Rule(expect=only(VIEW_ALL, allowed=200), htmx=True),
    "awards.review_by_unit": Rule(expect=only(VIEW_ALL, allowed=200), htmx=True),
    "awards.screen": Rule(method="POST", args=to_screen, htmx=True,
                          data={"decision": "shortlist", "version": 1},
                          expect=exactly(coordinator=200)),
    "awards.decide": Rule(method="POST", args=shortlisted, htmx=True,
                          data={"decision": "approve", "version": 1},
                          expect=exactly(home_affairs=200)),
    "awards.reopen": Rule(method="POST", data={"reopened_until": "30/11/2023"},
                          expect=exactly(coordinator=302)),
    "awards.awardees": Rule(expect=only(VIEW_ALL, allowed=200)),
    "awards.move": Rule(method="POST", args=approved, data={"decision": "up"}, htmx=True,
                        expect=exactly(home_affairs=200)),  # after the one approved by awards.decide
    "awards.reset_order": Rule(method="POST", expect=exactly(home_affairs=302)),
    "awards.decision": Rule(expect=only(VIEW_ALL, allowed=200)),
    "awards.decision_save": Rule(method="POST", data={"decision_date": "05/12/2023",
                                                      "legal_bases": "Luật", "split_0": 50,
                                                      "split_1": 50, "signer_authority": "KT. CHỦ TỊCH",
                                                      "signer_title": "PHÓ CHỦ TỊCH",
                                                      "signer_name": "Người Ký"},
                                 expect=exactly(home_affairs=302)),
    "awards.preview": Rule(expect=only(VIEW_ALL, allowed=200)),
    # by then only Phòng Nội vụ has approved someone (awards.decide): the others are told
    # that the list is empty
    "awards.download": Rule(args={"what": "danh-sach"},
                            expect=exactly(coordinator=422, home_affairs=200, leadership=422)),
    "awards.papers": Rule(expect=only(VIEW_ALL, allowed=200)),
    "awards.proposal_save": Rule(method="POST", data={"number": "12", "proposal_date": "28/11/2023",
                                                      "signer_title": "TRƯỞNG PHÒNG",
                                                      "signer_name": "Người Ký"},
                                 expect=exactly(home_affairs=302)),
    # nominees are before the meeting (awards.decide, awards.approved): without their votes
    # the form is refused next to the first vote field
    "awards.meeting_save": Rule(method="POST", data={
        "held_at": "08:00 20/11/2023", "place": "Hội trường", "body": "Ban Chỉ đạo",
        "chair": "Người Chủ Trì; Phó Chủ tịch UBND huyện", "secretary": "Thư Ký; Chuyên viên",
        "attendees": "Thành Viên; Trưởng phòng Nội vụ", "members_total": 9, "members_present": 7},
        expect=exactly(home_affairs=422)),
    "awards.report_form": Rule(args={"kind": "ca-nhan"}, expect=only(WORKING, allowed=200)),
}
