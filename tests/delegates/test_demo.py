"""The invented demo scenario of the delegates."""
from webapp import demo
from webapp.delegates import demo as delegates_demo
from webapp.delegates import queries
from webapp.plan.loader import current_plan


def test_demo_names_most_seats_and_nobody_is_in_yet(app):
    demo.create_demo_accounts()
    delegates_demo.build_scenario()
    plan = current_plan()
    counts = {c.composition.code: (c.planned, c.named) for c in queries.seat_counts(plan)}
    assert counts["huyen-thuong-truc"] == (10, 10) and counts["xa-thon"] == (88, 60)
    numbers = queries.attendance(plan)
    assert numbers["present"] == 0 and 0 < numbers["expected"] < numbers["named"] == 124
    assert str(plan.conference_date) == "2023-12-05"
    delegates_demo.build_scenario()  # running it twice adds nobody
    assert queries.attendance(plan)["named"] == 124
