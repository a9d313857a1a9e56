"""The plan is data: loading it gives the plan's units, duties, agenda, delegates and quotas."""
from datetime import date

import pytest

from webapp.duties.models import Assignment, Duty, Status
from webapp.extensions import db
from webapp.plan import loader
from webapp.plan.models import AgendaItem, DelegateComposition, Plan, SpeechSlot, Unit


def test_plan_has_everything_the_seed_asks_for(app):
    plan = loader.current_plan()
    communes = db.session.query(Unit).filter_by(kind="commune").all()
    assert len(communes) == 22
    assert {u.name for u in communes} >= {"Thị trấn Châu Ổ", "Xã Bình Thạnh", "Xã Bình Thanh",
                                          "Xã Bình Tân Phú"}
    assert [i.position for i in plan.agenda_items] == list(range(1, 10))
    assert plan.agenda_items[6].title == "Phát biểu chỉ đạo của Thường trực Huyện ủy"
    assert [s.unit.code for s in plan.speech_slots] == [
        "mttq", "hlhpn", "hnd", "nhcsxh", "binh-chanh", "binh-chau", "binh-long"]
    assert sum(c.planned for c in plan.compositions) == 166 == plan.delegates_total
    assert next(c for c in plan.compositions if c.code == "xa-thon").planned == 4 * 22
    assert plan.quota("collective") == 12 and plan.quota("individual") == 12
    assert [f.code for f in plan.funding_sources] == ["DA6.TDA2", "DA7.TDA1"]
    assert plan.signer_name == "Phạm Quang Sự"
    assert len(plan.legal_bases) == 3


def test_duties_owners_and_deadlines(app):
    report = db.session.query(Duty).filter_by(code="bao-cao-ket-qua").one()
    owners = {a.unit.code for a in report.assignments}
    assert {"nnptnt", "vhtt", "yte", "gddt", "chau-o", "binh-trung"} <= owners
    assert len(owners) == 4 + 22
    assert report.deadline == date(2023, 11, 22)
    assert report.receiver_unit.code == "ldtbxh"
    papers = db.session.query(Duty).filter_by(code="tham-luan").one()
    assert {a.unit.code for a in papers.assignments} == {
        "mttq", "hlhpn", "hnd", "nhcsxh", "binh-chanh", "binh-chau", "binh-long"}
    script = db.session.query(Duty).filter_by(code="kich-ban-giay-moi").one()
    assert [c.unit.code for c in script.cooperators] == ["vanphong"]
    assert all(a.status == Status.NOT_STARTED for a in db.session.query(Assignment))


def test_the_plan_names_phong_ldtbxh_as_the_units_data_does(app):
    """Duty titles and the plan's recipients write the coordinating phòng in its official
    form (the units file) or its short form, never in one of the seed's other spellings."""
    plan = loader.current_plan()
    coordinator = db.session.query(Unit).filter_by(code="ldtbxh").one()
    titles = [d.title for d in db.session.query(Duty)]
    naming = [t for t in titles if "Lao động" in t]
    assert len(naming) == 5 and all(coordinator.name in t for t in naming)
    assert coordinator.short_name in plan.recipients
    for spelling in ("Lao động, Thương binh", "Lao động – Thương binh", "Phòng LĐ-TB&XH"):
        assert not any(spelling in t for t in titles + plan.recipients), spelling


def test_every_commune_has_its_chu_tich_in_the_directory(app):
    """A commune's own report is signed by its Chủ tịch UBND xã (thị trấn): the units data
    names one (invented) for each of the 22, read through the people directory."""
    from webapp.core import people
    from webapp.reports.document import signer_name
    communes = db.session.query(Unit).filter_by(kind="commune").order_by(Unit.position).all()
    heads = [people.head_of(u.code, f"Chủ tịch UBND {u.level}") for u in communes]
    assert all(heads) and len({h.name for h in heads}) == 22
    assert [signer_name(u) for u in communes] == [h.name for h in heads]
    by_code = dict(zip([u.code for u in communes], heads))
    assert people.full_title(by_code["binh-chanh"]) == "Chủ tịch UBND xã Bình Chánh"
    assert people.introduction(by_code["chau-o"]) == \
        f"đồng chí {by_code['chau-o'].name}, Chủ tịch UBND thị trấn Châu Ổ"


def test_reloading_creates_no_duplicates_and_keeps_user_edits(app):
    counts = lambda: {m.__name__: db.session.query(m).count()  # noqa: E731
                      for m in (Unit, Plan, Duty, Assignment, AgendaItem, DelegateComposition,
                                SpeechSlot)}
    before = counts()
    item = db.session.query(AgendaItem).filter_by(code="khai-mac").one()
    item.duration_minutes, item.mc_text = 7, "Lời dẫn đã sửa"
    a = db.session.query(Assignment).first()
    a.status = Status.DRAFTING
    db.session.commit()

    plan, result = loader.load_all()
    db.session.commit()
    assert counts() == before
    assert result.created == {}
    item = db.session.query(AgendaItem).filter_by(code="khai-mac").one()
    assert (item.duration_minutes, item.mc_text) == (7, "Lời dẫn đã sửa")
    assert db.session.get(Assignment, a.id).status == Status.DRAFTING


def test_runner_loads_the_plan(runner):
    result = runner.invoke(args=["plan", "load"])
    assert result.exit_code == 0, result.output
    assert "so-ket-giua-ky-2023" in result.output


def test_a_bad_plan_file_is_refused_with_the_place_of_the_error(app, tmp_path):
    bad = tmp_path / "plan.toml"
    text = loader.DEFAULT_PLAN_FILE.read_text(encoding="utf-8")
    bad.write_text(text.replace('owners = ["ldtbxh"]\ndeliverable = "synthesis_report"',
                                'owners = ["khong-co"]\ndeliverable = "synthesis_report"'),
                   encoding="utf-8")
    with pytest.raises(loader.PlanDataError, match="khong-co"):
        loader.load_plan(bad)
    db.session.rollback()
    wrong_total = tmp_path / "plan2.toml"
    wrong_total.write_text(text.replace("delegates_total = 166", "delegates_total = 170"),
                           encoding="utf-8")
    with pytest.raises(loader.PlanDataError, match="166"):
        loader.load_plan(wrong_total)
