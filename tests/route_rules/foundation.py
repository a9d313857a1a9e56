"""Routes of the foundation: auth, duties, admin."""
from webapp.duties.models import Assignment, Duty
from webapp.plan.models import Unit

from . import Rule, everyone, only

WORKING = ("coordinator", "home_affairs", "office", "department", "commune", "mass_org")


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


RULES = {
    "static": Rule(expect=everyone(200), args={"filename": "css/app.css"}),
    "auth.index": Rule(expect=everyone(302)),
    "auth.health": Rule(expect=everyone(200)),
    "auth.login": Rule(expect=everyone(200, **{r: 302 for r in WORKING + ("leadership", "admin")})),
    "auth.logout": Rule(method="POST", expect=everyone(302)),
    "auth.password": Rule(expect=everyone(200, anonymous="login")),
    "duties.my_duties": Rule(expect=only(WORKING + ("leadership",))),
    "duties.move": Rule(
        method="POST", args=office_hall_assignment, data={"status": "drafting", "version": 1},
        expect={**only(WORKING), "coordinator": 403, "office": "ok",
                # the others may move their own duties, but this one is not theirs
                "home_affairs": 404, "department": 404, "commune": 404, "mass_org": 404}),
    "duties.assignment_detail": Rule(
        args=commune_report_assignment,
        expect={**only(WORKING + ("leadership",)), "home_affairs": 404, "office": 404,
                "department": 404, "mass_org": 404}),
    # The result report is reviewed on its own page (reports.review): the generic review of
    # a duty refuses it even to the coordinator.
    "duties.review": Rule(method="POST", args=commune_report_assignment,
                          data={"decision": "accept", "version": 1},
                          expect=only(("coordinator",), allowed=403)),
    "duties.set_deadline": Rule(method="POST", args=lambda s: {"duty_id": s.query(Duty).filter_by(
        code="hoi-truong").one().id}, data={"deadline": ""}, expect=only(("coordinator",))),
    "duties.matrix": Rule(expect=only(("coordinator", "leadership"))),
    "duties.matrix_export": Rule(expect=only(("coordinator", "leadership"))),
    "admin.accounts": Rule(expect=only(("admin",))),
    "admin.account_detail": Rule(args=some_user, expect=only(("admin",))),
    "admin.account_reset": Rule(method="POST", args=some_user, data={"password": "x"},
                                expect=only(("admin",))),
    "admin.account_toggle": Rule(method="POST", args=some_user, data={"version": 1},
                                 expect=only(("admin",))),
    "admin.audit_log": Rule(expect=only(("admin",))),
    "admin.units": Rule(expect=only(("admin", "coordinator", "leadership"))),
    "admin.plan": Rule(expect=only(WORKING + ("leadership", "admin"))),
    "admin.plan_docx": Rule(expect=only(WORKING + ("leadership", "admin"))),
}
