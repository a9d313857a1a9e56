"""The coordinator's list of reports at district scale: states and counts from the database,
pages whose links keep the kind and the state."""
import re
from datetime import datetime

from webapp import demo
from webapp.duties import demo as duties_demo
from webapp.extensions import db
from webapp.reports import demo as reports_demo, queries, service

from ..conftest import htmx
from .helpers import assignment


def _demo():
    demo.create_demo_accounts()
    duties_demo.build_scenario()
    reports_demo.build_scenario()


def test_the_states_and_counts_of_the_database_are_those_of_the_rules(app):
    _demo()
    late = assignment("binh-an")   # submitted on time in the demo: now after the deadline
    late.submitted_at = datetime(2023, 11, 23, 9, 0)
    report = queries.report_of(late)
    for v in report.versions:
        v.submitted_at = datetime(2023, 11, 23, 9, 0)
    service.summarise(report)   # what a submission writes of its versions
    db.session.flush()
    for deliverable in ("result_report", "discussion_paper"):
        by_rules = {r.assignment.id: r.state for r in queries.overview(None, deliverable)}
        listed = queries.overview_page(demo_plan(), deliverable, per_page=1000)
        assert {line.assignment.id: line.state for line in listed.lines} == by_rules
        assert listed.total == len(by_rules)
        for state in queries.STATE_LABELS:
            assert listed.counts[state] == sum(1 for s in by_rules.values() if s == state)
    assert queries.overview_page(demo_plan()).counts["submitted_late"] == 1
    waiting = queries.overview_page(demo_plan(), state=queries.WAITING, per_page=1000).lines
    assert [line.assignment.id for line in waiting] == [
        r.assignment.id for r in queries.overview(None, "result_report", queries.WAITING)]


def demo_plan():
    from webapp.plan.loader import current_plan
    return current_plan()


def test_page_links_keep_the_kind_and_the_state(app, client, login_as, monkeypatch):
    monkeypatch.setattr(queries, "OVERVIEW_PAGE_SIZE", 5)
    _demo()
    db.session.commit()
    login_as("coordinator")
    first = client.get("/bao-cao/?trang-thai=not_started").get_data(as_text=True)
    total = int(re.search(r"Đơn vị 1–5 trong (\d+) đơn vị", first).group(1))
    assert total > 5
    link = re.search(r'href="(/bao-cao/\?[^"]*trang=2[^"]*)"', first).group(1).replace("&amp;", "&")
    assert "trang-thai=not_started" in link
    second = client.get(link, headers=htmx()).get_data(as_text=True)
    assert 'id="overview-table"' in second
    assert "<html" not in second and '<strong aria-current="page">2</strong>' in second
    rows = re.findall(r'<tr id="unit-([^"]+)"', first) + re.findall(r'<tr id="unit-([^"]+)"', second)
    assert len(rows) == len(set(rows)) == 10
    assert second.count("Chưa thực hiện") == 5, "page 2 keeps the state filter"
    papers = client.get("/bao-cao/?loai=tham-luan").get_data(as_text=True)
    if "trang=2" in papers:
        assert "loai=tham-luan" in re.search(r'href="(/bao-cao/\?[^"]*trang=2[^"]*)"', papers).group(1)


def test_a_state_without_units_says_so(client, login_as):
    login_as("coordinator")
    body = client.get("/bao-cao/?trang-thai=accepted", headers=htmx()).get_data(as_text=True)
    assert "Không có đơn vị nào ở trạng thái này." in body
    assert 'class="pager"' not in body
