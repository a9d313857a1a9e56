"""The readiness checklist: lines as data, ticked by the unit responsible, countdown."""
from datetime import date

from webapp.audit.models import AuditEntry
from webapp.conference import readiness, speakers
from webapp.conference.models import ReadinessTick
from webapp.duties.models import Status
from webapp.duties.service import set_status
from webapp.extensions import db

from ..conftest import htmx
from .helpers import plan


def test_lines_come_from_the_data_file_grouped_by_agenda_item(app):
    plan().conference_date = date(2023, 12, 5)
    groups = dict(readiness.checklist(plan()))
    papers = next(rows for title, rows in groups.items() if title.endswith("Phát biểu tham luận"))
    assert [r.line.code for r in papers] == ["tham-luan-nhan-du"]
    assert papers[0].due == date(2023, 11, 25) and papers[0].unit.code == "ldtbxh"
    assert "Chung cho hội nghị" in groups
    assert readiness.days_left(plan(), date(2023, 11, 15)) == 20
    every = {r.line.unit for rows in groups.values() for r in rows}
    assert every <= {"ldtbxh", "vanphong", "noivu"}


def test_papers_received_figure_follows_the_discussion_paper_duty(app):
    papers = speakers.paper_assignments(plan())
    mttq = next(a for a in papers.values() if a.unit.code == "mttq")
    set_status(mttq, Status.SUBMITTED, actor=None)
    rows = [r for _t, rows in readiness.checklist(plan()) for r in rows]
    assert next(r for r in rows if r.line.code == "tham-luan-nhan-du").figure == \
        "Đã nhận 1/7 tham luận"


def test_office_ticks_its_line_and_it_is_audited(app, client, login_as):
    login_as("office")
    r = client.post("/hoi-nghi/san-sang/hoi-truong", headers=htmx(),
                    data={"done": "y", "note": "Đã chạy thử âm thanh", "version": 0})
    assert r.status_code == 200
    db.session.rollback()
    row = db.session.query(ReadinessTick).filter_by(line_code="hoi-truong").one()
    assert row.done and row.note == "Đã chạy thử âm thanh"
    entry = db.session.query(AuditEntry).filter_by(action="readiness.tick").one()
    assert entry.before == {"done": False, "note": ""} and entry.after["done"] is True
    # a stale form (version 0 again) does not undo it silently
    r = client.post("/hoi-nghi/san-sang/hoi-truong", headers=htmx(), data={"version": 0})
    assert r.status_code == 409
    db.session.rollback()
    assert db.session.query(ReadinessTick).filter_by(line_code="hoi-truong").one().done


def test_a_line_is_ticked_only_by_its_unit(app, client, login_as):
    login_as("coordinator")
    assert client.post("/hoi-nghi/san-sang/hoi-truong", data={"done": "y", "version": 0}
                       ).status_code == 403
    login_as("home_affairs")
    assert client.post("/hoi-nghi/san-sang/giay-khen-in", data={"done": "y", "version": 0}
                       ).status_code == 302
    assert client.post("/hoi-nghi/san-sang/khong-co", data={"done": "y", "version": 0}
                       ).status_code == 404
    login_as("leadership")
    page = client.get("/hoi-nghi/san-sang").get_data(as_text=True)
    assert "Giấy khen đã in" in page and "Đã xong" in page and 'name="done"' not in page


def test_readiness_file_errors_say_where(tmp_path):
    bad = tmp_path / "r.toml"
    bad.write_text('[[line]]\ncode = "x"\nlabel = "X"\n', encoding="utf-8")
    try:
        readiness.load_lines(bad)
    except ValueError as exc:
        assert "r.toml" in str(exc) and "unit" in str(exc)
    else:
        raise AssertionError("a line without its unit must be refused")


def test_invitation_figures_come_from_the_delegates(app):
    from ..delegates.factories import delegate
    delegate("Lê Văn Một", "tinh-ubnd", reply="attending")
    delegate("Lê Văn Hai", "huyen-thuong-truc", reply="declined")
    delegate("Lê Văn Ba", "huyen-thuong-truc")
    rows = {r.line.code: r for _t, rows in readiness.checklist(plan()) for r in rows}
    assert rows["giay-moi-phat-hanh"].figure.startswith("Đã phát hành 0/3 giấy mời")
    assert rows["giay-moi-phan-hoi"].figure == "Đã phản hồi 2/3; 1 dự, 1 không dự"


def test_the_overview_counts_the_lines_done_as_the_checklist_does(app, client, login_as):
    from ..conftest import statements_of
    from .helpers import item
    login_as("office")
    client.post("/hoi-nghi/san-sang/hoi-truong", data={"done": "y", "version": 0})
    login_as("home_affairs")
    client.post("/hoi-nghi/san-sang/giay-khen-in", data={"done": "y", "version": 0})
    # a line ticked then unticked is not done
    client.post("/hoi-nghi/san-sang/giay-khen-in", data={"version": 1})
    db.session.rollback()
    rows = [r for _t, rows in readiness.checklist(plan()) for r in rows]
    done = sum(1 for r in rows if r.done)
    assert (done, len(rows)) == (1, 10) == readiness.progress(plan())
    login_as("coordinator")
    response, seen = statements_of(client, "/hoi-nghi/")
    assert '<span class="n">1/10</span><span>việc chuẩn bị đã xong</span>' in \
        response.get_data(as_text=True)
    # the overview shows no figure of the checklist: it reads neither them nor the units
    assert len(seen) <= 6
    # a line of an item the agenda no longer has is counted by neither
    db.session.delete(item("tham-luan"))
    db.session.flush()
    db.session.expire(plan(), ["agenda_items"])
    rows = [r for _t, rows in readiness.checklist(plan()) for r in rows]
    assert readiness.progress(plan()) == (1, len(rows)) == (1, 9)
