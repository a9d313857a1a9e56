"""Routes of the delegates: lists, replies, invitations, name cards, seating, check-in."""
from webapp.delegates.models import Delegate, InvitationIssue
from webapp.plan.models import DelegateComposition, Unit

from . import Rule, only

MANAGERS = ("coordinator", "office")
VIEWERS = ("coordinator", "home_affairs", "office", "leadership")


def _commune_delegate(session):
    """A delegate of Bình Chánh (the commune test account's own), made on demand."""
    unit = session.query(Unit).filter_by(code="binh-chanh").one()
    d = session.query(Delegate).filter_by(unit_id=unit.id).first()
    if d is None:
        comp = session.query(DelegateComposition).filter_by(code="xa-thon").one()
        d = Delegate(plan_id=comp.plan_id, composition_id=comp.id, unit_id=unit.id,
                     full_name="Nguyễn Văn Thử", organisation="Xã Bình Chánh")
        session.add(d)
        session.commit()
    return {"delegate_id": d.id}


def _other_commune_delegate(session):
    unit = session.query(Unit).filter_by(code="binh-long").one()
    d = session.query(Delegate).filter_by(unit_id=unit.id).first()
    if d is None:
        comp = session.query(DelegateComposition).filter_by(code="xa-thon").one()
        d = Delegate(plan_id=comp.plan_id, composition_id=comp.id, unit_id=unit.id,
                     full_name="Trần Thị Khác", organisation="Xã Bình Long")
        session.add(d)
        session.commit()
    return {"delegate_id": d.id}


def _issue(session):
    from datetime import date, datetime
    b = session.query(InvitationIssue).first()
    if b is None:
        comp = session.query(DelegateComposition).first()
        comp.plan.conference_date = date(2023, 12, 5)
        b = InvitationIssue(plan_id=comp.plan_id, number="01/GM-UBND", issued_on=date(2023, 11, 20),
                            issued_at=datetime(2023, 11, 20, 8, 0), delegate_count=0)
        session.add(b)
        session.commit()
    return {"issue_id": b.id}


def _walk_in(session):
    comp = session.query(DelegateComposition).filter_by(code="huyen-phong-ban").one()
    return {"full_name": "Người Đến Thêm", "title": "Phó Trưởng phòng", "address": "dong_chi",
            "organisation": "Phòng Y tế", "composition_id": comp.id, "unit_id": 0}


RULES = {
    "delegates.index": Rule(expect=only(VIEWERS + ("commune",), allowed=200)),
    "delegates.mine": Rule(expect=only(("commune",), allowed=200)),
    # the per-commune table, loaded into the list page when opened (and a page of its own)
    "delegates.by_commune": Rule(expect=only(VIEWERS, allowed=200)),
    "delegates.new": Rule(expect=only(MANAGERS + ("commune",), allowed=200)),
    "delegates.edit": Rule(args=_commune_delegate, expect=only(MANAGERS + ("commune",), allowed=200)),
    # another commune's delegate: as if it did not exist
    "delegates.delete": Rule(method="POST", args=_other_commune_delegate, data={},
                             expect={**only(MANAGERS, allowed=303), "commune": 404}),
    # every unit answers for its own invitees; Văn phòng for everybody
    "delegates.replies": Rule(expect=only(("office", "commune", "coordinator", "home_affairs",
                                           "department", "mass_org"), allowed=200)),
    "delegates.reply": Rule(method="POST", args=_commune_delegate, htmx=True,
                            data={"reply": "attending"},
                            expect={**only(("office", "commune"), allowed=200),
                                    # may answer for its own invitees, not for a commune's
                                    "coordinator": 403, "home_affairs": 403,
                                    "department": 404, "mass_org": 404}),
    "delegates.invitations_page": Rule(expect=only(VIEWERS, allowed=200)),
    "delegates.invitation_docx": Rule(args=_issue, expect=only(VIEWERS, allowed=200)),
    "delegates.list_docx": Rule(expect=only(VIEWERS, allowed=200)),
    "delegates.signin_docx": Rule(expect=only(VIEWERS, allowed=200)),
    "delegates.attendance_docx": Rule(expect=only(VIEWERS, allowed=200)),
    "delegates.list_xlsx": Rule(expect=only(VIEWERS, allowed=200)),
    "delegates.name_cards": Rule(expect=only(VIEWERS, allowed=200)),
    "delegates.import_excel": Rule(expect=only(MANAGERS, allowed=200)),
    "delegates.import_template": Rule(expect=only(MANAGERS, allowed=200)),
    "delegates.seating": Rule(expect=only(VIEWERS, allowed=200)),
    "delegates.seating_print": Rule(expect=only(VIEWERS, allowed=200)),
    "delegates.assign_seats": Rule(method="POST", data={"per_row": 10},
                                   expect=only(MANAGERS, allowed=303)),
    "delegates.checkin": Rule(expect=only(MANAGERS, allowed=200)),
    "delegates.checkin_search": Rule(args={"q": "Nguyen"}, htmx=True,
                                     expect=only(MANAGERS, allowed=200)),
    "delegates.walk_in_form": Rule(htmx=True, expect=only(MANAGERS, allowed=200)),
    "delegates.walk_in": Rule(method="POST", htmx=True, data=_walk_in,
                              expect=only(MANAGERS, allowed=200)),
    "delegates.mark_arrived": Rule(method="POST", args=_commune_delegate, data={"arrived": "1"},
                                   htmx=True, expect=only(MANAGERS, allowed=200)),
    "delegates.attendance": Rule(expect=only(VIEWERS, allowed=200), htmx=True),
}
