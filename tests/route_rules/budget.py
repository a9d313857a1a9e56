"""Routes of the budget: read by leadership, coordinator, Nội vụ, Văn phòng; edited by
Văn phòng and Phòng LĐTB&XH."""
from . import Rule, only

VIEW = ("coordinator", "home_affairs", "office", "leadership")
EDIT = ("coordinator", "office")


def a_line(session):
    from webapp.budget import service
    from webapp.plan.loader import current_plan
    plan = current_plan()
    line = service.add_line(plan, service.LineData("hall", "Hội trường", 1_000_000,
                                                   plan.funding_sources[0].id), actor=None)
    session.commit()
    return {"line_id": line.id}


RULES = {
    "budget.index": Rule(expect=only(VIEW, allowed=200)),
    "budget.export_xlsx": Rule(expect=only(VIEW, allowed=200)),
    "budget.export_docx": Rule(expect=only(VIEW, allowed=200)),
    "budget.add": Rule(method="POST", data={"category": "hall", "amount": "x"},
                       expect=only(EDIT, allowed=422)),
    "budget.edit": Rule(args=a_line, expect=only(EDIT, allowed=200)),
    "budget.delete": Rule(method="POST", args=a_line, data={"version": 1},
                          expect=only(EDIT, allowed=302)),
}
