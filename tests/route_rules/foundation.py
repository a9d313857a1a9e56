"""Routes of the foundation: auth, duties, admin. Every cell states its exact answer."""
from webapp.duties.models import Assignment, Duty
from webapp.plan.models import Unit

from . import Rule, everyone, only

WORKING = ("coordinator", "home_affairs", "office", "department", "commune", "mass_org")
ROLES = WORKING + ("leadership", "admin")


def commune_report_assignment(session):
    """Bình Chánh's result-report assignment: the commune test user's own work."""
    a = (session.query(Assignment).join(Assignment.duty).join(Assignment.unit)
         .filter(Unit.code == "binh-chanh", Duty.code == "bao-cao-ket-qua").one())
    return {"assignment_id": a.id}


def office_hall_assignment(session):
    """Văn phòng's hall duty: a duty without deliverable, moved by hand."""
    a = (session.query(Assignment).join(Assignment.duty).join(Assignment.unit)
         .filter(Unit.code == "vanphong", Duty.code == "hoi-truong").one())
    return {"assignment_id": a.id}


def some_user(session):
    from webapp.auth.models import User
    return {"user_id": session.query(User).filter_by(username="t-mttq").one().id}


def some_user_version(session):
    from webapp.auth.models import User
    user = session.query(User).filter_by(username="t-mttq").one()
    return {"version": user.session_version}


def reset_data(session):
    return {"password": "mat-khau-moi-dat-lai", **some_user_version(session)}


def hall_duty(session):
    return {"duty_id": session.query(Duty).filter_by(code="hoi-truong").one().id}


RULES = {
    "static": Rule(expect=everyone(200), args={"filename": "css/app.css"}),
    "auth.index": Rule(expect=everyone(302, anonymous="login")),
    "auth.health": Rule(expect=everyone(200)),
    # a logged-in user is sent on to their home page
    "auth.login": Rule(expect=everyone(302, anonymous=200)),
    # logged out, everybody lands on the login page
    "auth.logout": Rule(method="POST", expect=everyone("login")),
    "auth.password": Rule(expect=everyone(200, anonymous="login")),
    "duties.my_duties": Rule(expect=only(WORKING + ("leadership",), allowed=200)),
    # the dashboard moves a duty by htmx and gets its row back
    "duties.move": Rule(
        method="POST", htmx=True, args=office_hall_assignment,
        data={"status": "drafting", "version": 1},
        expect={**only(("office",), allowed=200),
                # the coordinator and leadership see the duty but may not move it; the
                # others do not see another unit's duty at all
                "coordinator": 403, "leadership": 403,
                "home_affairs": 404, "department": 404, "commune": 404, "mass_org": 404}),
    "duties.assignment_detail": Rule(
        args=commune_report_assignment,
        expect={**only(("commune", "coordinator", "leadership"), allowed=200),
                "home_affairs": 404, "office": 404, "department": 404, "mass_org": 404}),
    # The result report is reviewed on its own page (reports.review): the generic review of
    # a duty refuses it even to the coordinator.
    "duties.review": Rule(method="POST", args=commune_report_assignment,
                          data={"decision": "accept", "version": 1},
                          expect=only(("coordinator",), allowed=403)),
    "duties.set_deadline": Rule(method="POST", args=hall_duty, data={"deadline": ""},
                                expect=only(("coordinator",), allowed=302)),
    "duties.matrix": Rule(expect=only(("coordinator", "leadership"), allowed=200)),
    "duties.matrix_export": Rule(expect=only(("coordinator", "leadership"), allowed=200)),
    "admin.accounts": Rule(expect=only(("admin",), allowed=200)),
    "admin.account_detail": Rule(args=some_user, expect=only(("admin",), allowed=200)),
    "admin.account_reset": Rule(method="POST", args=some_user, data=reset_data,
                                expect=only(("admin",), allowed=302)),
    # locking is confirmed on the page and sent by htmx: the page reloads (HX-Redirect)
    "admin.account_toggle": Rule(method="POST", htmx=True, args=some_user,
                                 data=some_user_version, expect=only(("admin",), allowed=204)),
    "admin.audit_log": Rule(expect=only(("admin",), allowed=200)),
    "admin.units": Rule(expect=only(("admin", "coordinator", "leadership"), allowed=200)),
    "admin.plan": Rule(expect=only(ROLES, allowed=200)),
    "admin.plan_docx": Rule(expect=only(ROLES, allowed=200)),
}
