"""The reports part of the demo: real reports at the statuses the scenario promises."""
from webapp import demo
from webapp.duties import demo as duties_demo
from webapp.extensions import db
from webapp.reports import demo as reports_demo, queries


def test_demo_reports_reach_their_statuses_with_invented_figures(app):
    demo.create_demo_accounts()
    duties_demo.build_scenario()
    reports_demo.build_scenario()
    db.session.flush()
    states = {r.assignment.unit.code: r.state for r in queries.overview()}
    assert states["nnptnt"] == "accepted" and states["chau-o"] == "accepted"
    assert states["yte"] == "submitted_on_time" and states["binh-an"] == "submitted_on_time"
    assert states["binh-chau"] == "returned"
    assert {states[c] for c in ("vhtt", "binh-chanh", "binh-hai")} == {"drafting"}
    papers = {r.assignment.unit.code: r.state for r in queries.overview(None, "discussion_paper")}
    assert papers["mttq"] == "submitted_on_time" and papers["hlhpn"] == "drafting"
    totals = queries.accepted_figures()
    accepted = [u.unit.code for u in totals.accepted]
    assert accepted[:2] == ["nnptnt", "chau-o"] and len(accepted) == 8
    communes = [u.figures for u in totals.accepted if u.unit.kind == "commune"]
    assert all("Số liệu minh họa" in f["narrative"]["results"] for f in communes)
    assert totals.poverty["2023"]["poor"] == sum(f["poverty"]["2023"]["poor"] for f in communes)
