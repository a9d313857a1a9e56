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


def test_demo_seats_come_from_the_directory_and_are_linked_to_their_units(app):
    from webapp.delegates.models import Delegate
    from webapp.extensions import db
    from webapp.plan.models import Official, Unit
    demo.create_demo_accounts()
    delegates_demo.build_scenario()
    plan = current_plan()
    by_unit_title = {}
    for d in db.session.query(Delegate).filter_by(plan_id=plan.id):
        by_unit_title.setdefault((d.unit_id, d.title.casefold()), []).append(d.full_name)
    # every office holder the units data names for a seat of the demo sits in it, by name
    # (the second Phó Chủ tịch UBND huyện, the Phó Chủ tịch MTTQ, the Trưởng phòng TC-KH too)
    seated = 0
    for o in db.session.query(Official):
        names = by_unit_title.get((o.unit_id, o.title.casefold()))
        if names is not None:
            assert o.full_name in names, (o.code, names)
            seated += 1
    assert seated >= 15
    codes = {o.code for o in db.session.query(Official)}
    assert {"pho-chu-tich-ubnd-2", "pho-chu-tich-mttq", "truong-phong-tckh"} <= codes
    # the invitee of Phòng LĐTB&XH is the phòng's: its name as the units data spells it
    ldtbxh = db.session.query(Unit).filter_by(code="ldtbxh").one()
    invitee = db.session.query(Delegate).filter_by(plan_id=plan.id, unit_id=ldtbxh.id).one()
    assert invitee.organisation == ldtbxh.name == "Phòng Lao động - Thương binh và Xã hội"
