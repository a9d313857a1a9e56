"""The outline a screen reader lists: on the pages that show a unit's figures or the
conference's readiness, headings go down one level at a time (h1, then h2, then h3), as axe's
heading-order rule asks."""
from flask import url_for

from webapp.extensions import db

from .util import login_demo, settle


def _assignment(unit_code: str, duty_code: str) -> int:
    from webapp.duties.models import Assignment, Duty
    from webapp.plan.models import Unit
    return (db.session.query(Assignment.id).join(Assignment.duty).join(Assignment.unit)
            .filter(Unit.code == unit_code, Duty.code == duty_code).scalar())


def _skips(page, where: str) -> list[str]:
    levels = page.eval_on_selector_all(
        "h1, h2, h3, h4, h5, h6",
        "els => els.filter(e => e.getClientRects().length).map(e => +e.tagName[1])")
    found = [f"{where}: h{a} then h{b}" for a, b in zip(levels, levels[1:]) if b > a + 1]
    result = page.evaluate("() => axe.run(document, {runOnly: {type: 'rule', values: "
                           "['heading-order']}, resultTypes: ['violations']})")
    found += [f"{where}: axe {v['id']} at {[n['target'] for n in v['nodes']]}"
              for v in result["violations"]]
    return found


def test_figures_and_readiness_headings_go_down_one_level_at_a_time(demo_page_factory,
                                                                      demo_server):
    from .util import AXE_SOURCE
    page = demo_page_factory()
    login_demo(page, demo_server, "coordinator")
    with demo_server.app.test_request_context():
        assignment_id = _assignment("binh-an", "bao-cao-ket-qua")
        urls = [url_for("reports.review_page", assignment_id=assignment_id),
                url_for("reports.version", assignment_id=assignment_id, number=1),
                url_for("conference.readiness")]
    problems = []
    for url in urls:
        response = page.goto(demo_server.url + url)
        assert response.ok, f"{url}: HTTP {response.status}"
        settle(page)
        assert page.locator("h2").count() > 1, f"{url}: the figures or groups are shown"
        page.evaluate(AXE_SOURCE)
        problems += _skips(page, url)
    assert problems == [], "\n".join(problems)
