"""Agenda (order, durations, clock times), speakers (named by their unit, ordered by the
coordinator), and who may do what."""
from webapp.audit.models import AuditEntry
from webapp.conference import agenda, speakers
from webapp.extensions import db
from webapp.plan import loader

from ..conftest import htmx, user_for
from .helpers import item, order_of_items, plan, slot


def test_start_time_gives_every_item_its_clock_time(app, client, login_as):
    login_as("coordinator")
    r = client.post("/hoi-nghi/chuong-trinh/gio-bat-dau", data={"start_time": "7h30"},
                    headers=htmx())
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert "7h30 – 7h40" in page and "7h40 – 7h50" in page
    db.session.rollback()
    slots = agenda.schedule(plan())
    assert agenda.clock_text(slots[0].start) == "7h30"
    # each item starts when the one before ends: 10 + 10 + 30 + 15 + 60 minutes
    assert agenda.clock_text(slots[5].start) == "9h35"
    entry = db.session.query(AuditEntry).filter_by(action="conference.start_time").one()
    assert entry.after == {"start_time": "7h30"}


def test_bad_start_time_is_refused_next_to_the_field(app, client, login_as):
    login_as("coordinator")
    r = client.post("/hoi-nghi/chuong-trinh/gio-bat-dau", data={"start_time": "25h99"},
                    headers=htmx())
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert "Giờ bắt đầu không hợp lệ" in page and 'value="25h99"' in page


def test_coordinator_moves_an_item_and_clock_times_follow(app, client, login_as):
    login_as("coordinator")
    agenda.set_start_time(plan(), "7:30", actor=None)
    db.session.commit()
    film = item("phong-su")
    r = client.post(f"/hoi-nghi/chuong-trinh/{film.id}/di-chuyen", data={"direction": "up"},
                    headers=htmx())
    assert r.status_code == 200
    db.session.rollback()
    assert order_of_items()[2:4] == ["phong-su", "bao-cao-so-ket"]
    slots = agenda.schedule(plan())
    assert slots[2].item.code == "phong-su" and agenda.clock_text(slots[2].start) == "7h50"
    assert agenda.clock_text(slots[3].start) == "8h05"
    assert db.session.query(AuditEntry).filter_by(action="agenda.move").count() == 1
    # the first item cannot go further up
    first = item("tuyen-bo-ly-do")
    r = client.post(f"/hoi-nghi/chuong-trinh/{first.id}/di-chuyen", data={"direction": "up"},
                    headers=htmx())
    assert r.status_code == 422


def test_duration_and_lead_are_validated_and_kept(app, client, login_as):
    login_as("coordinator")
    target = item("khai-mac")
    r = client.post(f"/hoi-nghi/chuong-trinh/{target.id}", headers=htmx(), data={
        "duration_minutes": "0", "lead": "Phó Chủ tịch UBND huyện", "version": target.version})
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert "Thời lượng từ 1 đến 240 phút." in page and "Phó Chủ tịch UBND huyện" in page
    r = client.post(f"/hoi-nghi/chuong-trinh/{target.id}", headers=htmx(), data={
        "duration_minutes": "15", "lead": "Phó Chủ tịch UBND huyện", "version": target.version})
    assert r.status_code == 200
    db.session.rollback()
    assert (item("khai-mac").duration_minutes, item("khai-mac").lead) == (15, "Phó Chủ tịch UBND huyện")
    # a second save from the same (now stale) form is refused
    r = client.post(f"/hoi-nghi/chuong-trinh/{target.id}", headers=htmx(), data={
        "duration_minutes": "20", "lead": "X", "version": 1})
    assert r.status_code == 409
    db.session.rollback()
    assert item("khai-mac").duration_minutes == 15


def test_leadership_reads_the_agenda_without_edit_controls(app, client, login_as):
    login_as("leadership")
    page = client.get("/hoi-nghi/chuong-trinh").get_data(as_text=True)
    assert "Phát biểu chỉ đạo của Thường trực Huyện ủy" in page
    assert "Đặt giờ" not in page and "di-chuyen" not in page
    r = client.post(f"/hoi-nghi/chuong-trinh/{item('khai-mac').id}/di-chuyen",
                    data={"direction": "up"})
    assert r.status_code == 403


def test_commune_names_its_speaker_but_not_the_topic(app, client, login_as):
    login_as("commune")  # Bình Chánh
    mine = slot("binh-chanh")
    topic = mine.topic
    page = client.get("/hoi-nghi/tham-luan").get_data(as_text=True)
    assert "Xã Bình Chánh" in page and "Hội Nông dân" not in page  # only its own slot
    r = client.post(f"/hoi-nghi/tham-luan/{mine.id}", headers=htmx(), data={
        "speaker_name": "Tạ Văn Khải", "speaker_title": "Phó Chủ tịch UBND xã",
        "topic": "Chủ đề khác", "version": mine.version})
    assert r.status_code == 200
    db.session.rollback()
    mine = slot("binh-chanh")
    assert (mine.speaker_name, mine.speaker_title, mine.topic) == (
        "Tạ Văn Khải", "Phó Chủ tịch UBND xã", topic)
    entry = db.session.query(AuditEntry).filter_by(action="speech.speaker").one()
    assert entry.before["speaker_name"] == "" and entry.after["speaker_name"] == "Tạ Văn Khải"
    # a name without a title is not enough for the MC
    r = client.post(f"/hoi-nghi/tham-luan/{mine.id}", headers=htmx(), data={
        "speaker_name": "Tạ Văn Khải", "speaker_title": "", "version": mine.version})
    assert r.status_code == 422 and "Ghi chức vụ" in r.get_data(as_text=True)


def test_another_commune_cannot_touch_the_slot(app, client, login_as, make_user):
    other = make_user("binh-long")
    login_as(other)
    target = slot("binh-chanh")
    r = client.post(f"/hoi-nghi/tham-luan/{target.id}", data={
        "speaker_name": "X", "speaker_title": "Y", "version": target.version})
    assert r.status_code == 404


def test_coordinator_reorders_speakers_and_a_reload_keeps_it(app, client, login_as):
    login_as("coordinator")
    chau = slot("binh-chau")
    speakers.update_speaker(chau, name="Mai Văn Thịnh", title="Lao động trở về", topic=None,
                           actor=user_for("coordinator"), expected_version=None)
    db.session.commit()
    r = client.post(f"/hoi-nghi/tham-luan/{chau.id}/di-chuyen", data={"direction": "up"},
                    headers=htmx())
    assert r.status_code == 200
    db.session.rollback()
    order = [s.unit.code for s in sorted(plan().speech_slots, key=lambda s: s.position)]
    assert order[4:6] == ["binh-chau", "binh-chanh"]
    loader.load_all()  # `flask plan load` again
    db.session.commit()
    db.session.expire_all()
    order = [s.unit.code for s in sorted(plan().speech_slots, key=lambda s: s.position)]
    assert order[4:6] == ["binh-chau", "binh-chanh"]
    assert slot("binh-chau").speaker_name == "Mai Văn Thịnh"
    assert len(plan().speech_slots) == 7


def test_speaker_page_links_the_discussion_paper_duty(app, client, login_as):
    login_as("coordinator")
    page = client.get("/hoi-nghi/tham-luan").get_data(as_text=True)
    paper = speakers.paper_assignments(plan())[slot("mttq").unit_id]
    assert f"/phan-cong/{paper.id}" in page and "Chưa thực hiện" in page
