"""Routes of the budget: read by leadership, coordinator, Nội vụ, Văn phòng; edited by
Văn phòng and Phòng LĐTB&XH (htmx panel)."""
from . import Rule, only

VIEW = ("coordinator", "home_affairs", "office", "leadership")
EDIT = ("coordinator", "office")


def a_line(session):
    from webapp.auth.models import User
    from webapp.budget import service
    from webapp.plan.loader import current_plan
    plan = current_plan()
    office = session.query(User).filter_by(username="t-vanphong").one()
    line = service.add_line(plan, service.LineData("hall", "Hội trường", 1, "gói", 1_000_000,
                                                   plan.funding_sources[0].id), actor=office)
    session.commit()
    return {"line_id": line.id}


RULES = {
    "budget.index": Rule(expect=only(VIEW, allowed=200)),
    "budget.export_xlsx": Rule(expect=only(VIEW, allowed=200)),
    "budget.export_docx": Rule(expect=only(VIEW, allowed=200)),
    "budget.decision_docx": Rule(expect=only(VIEW, allowed=200)),
    # no funding source chosen: the form again, 422
    "budget.add": Rule(method="POST", data={"category": "hall", "quantity": "1", "unit_price": "x"},
                       expect=only(EDIT, allowed=422), htmx=True),
    "budget.edit": Rule(args=a_line, expect=only(EDIT, allowed=200)),
    "budget.delete": Rule(method="POST", args=a_line, data={"version": 1},
                          expect=only(EDIT, allowed=200), htmx=True),
    "budget.signer": Rule(method="POST", data={"authority": "", "name": "Nguyễn Văn A",
                                               "version": 0},
                          expect=only(EDIT, allowed=200), htmx=True),
}
