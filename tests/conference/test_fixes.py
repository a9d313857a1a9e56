"""Fixes of issues 9, 10, 11 and 14 in the conference: people and titles, one speaker record,
histories in Vietnamese, bad input as a message."""
import pytest

from tests.conftest import htmx, user_for
from webapp.conference import speakers
from webapp.core import people
from webapp.core.errors import NotAllowed
from webapp.extensions import db
from webapp.reports import service as reports

from .helpers import item, slot


@pytest.mark.parametrize("title, body, line", [
    ("Chủ tịch UBND huyện", "UBND huyện Bình Sơn", "Chủ tịch UBND huyện"),
    ("Chủ tịch UBND huyện", "Lãnh đạo UBND huyện", "Chủ tịch UBND huyện"),
    ("Phó Chủ tịch Ủy ban MTTQ Việt Nam huyện", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện",
     "Phó Chủ tịch Ủy ban MTTQ Việt Nam huyện"),
    ("Trưởng phòng", "Phòng Nội vụ", "Trưởng phòng Nội vụ"),
    ("Chánh Văn phòng", "Văn phòng HĐND và UBND huyện", "Chánh Văn phòng HĐND và UBND huyện"),
    ("Phó Bí thư Thường trực Huyện ủy", "Thường trực Huyện ủy", "Phó Bí thư Thường trực Huyện ủy"),
    ("Chủ tịch UBND xã", "Xã Bình Hiệp", "Chủ tịch UBND xã Bình Hiệp"),
    ("Trưởng thôn Phú Lễ", "Thị trấn Châu Ổ", "Trưởng thôn Phú Lễ, thị trấn Châu Ổ"),
    ("Bí thư", "Huyện đoàn Bình Sơn", "Bí thư Huyện đoàn Bình Sơn"),
])
def test_one_title_names_the_body_once(title, body, line):
    assert people.title_line(title, body) == line


def test_forms_of_address_and_contexts():
    khoa = people.Person("Phan Quốc Khoa", "Chủ tịch UBND huyện", "UBND huyện Bình Sơn")
    assert people.introduction(khoa) == "đồng chí Phan Quốc Khoa, Chủ tịch UBND huyện"
    assert people.address_line(khoa) == "Đồng chí Phan Quốc Khoa, Chủ tịch UBND huyện"
    assert people.list_columns(khoa) == ("Phan Quốc Khoa", "Chủ tịch UBND huyện")
    ba = people.Person("Đinh Thị Trâm", "Chủ hộ", "Xã Bình Long", people.MRS)
    assert people.introduction(ba) == "bà Đinh Thị Trâm, Chủ hộ xã Bình Long"
    assert people.plural_address([khoa, ba]) == "các đồng chí"
    assert people.plural_address([ba, people.Person("A", address=people.MRS)]) == "các bà"
    assert people.plural_address([ba, people.Person("B", address=people.MR)]) == "các ông, bà"
    assert people.mid_sentence("Thị trấn Châu Ổ") == "thị trấn Châu Ổ"
    assert people.mid_sentence("UBND Xã Bình Hiệp") == "UBND xã Bình Hiệp"
    assert "(bà)" not in " ".join(people.ADDRESS_WORDS.values())


def test_the_speaker_is_one_record_for_the_paper_the_list_and_the_script(app, client, login_as):
    """The commune names its speaker on its discussion paper form; the conference's speaker
    list and the script show the same person, and the paper's figures carry it."""
    login_as("commune")
    s = slot("binh-chanh")
    r = client.post(f"/hoi-nghi/tham-luan/{s.id}?o=paper", headers=htmx(), data={
        "speaker_name": "Tạ Văn Khải", "speaker_title": "Phó Chủ tịch UBND xã",
        "speaker_address": "dong_chi", "slot_version": s.version, "version": "99"})
    assert r.status_code == 200 and 'id="paper-speaker"' in r.get_data(as_text=True)
    db.session.rollback()
    s = slot("binh-chanh")
    assert (s.speaker_name, s.speaker_title) == ("Tạ Văn Khải", "Phó Chủ tịch UBND xã")
    # the list shows it
    page = client.get("/hoi-nghi/tham-luan").get_data(as_text=True)
    assert 'value="Tạ Văn Khải"' in page
    # the paper's figures are the slot's (the form no longer has speaker fields of its own)
    assert speakers.paper_fields(s) == {"paper.speaker": "Tạ Văn Khải",
                                        "paper.position": "Phó Chủ tịch UBND xã Bình Chánh"}
    from webapp.duties.models import Assignment, Duty
    paper = (db.session.query(Assignment).join(Assignment.duty)
             .filter(Duty.code == "tham-luan", Assignment.unit_id == s.unit_id).one())
    checked = reports.check(paper, {"paper.title": "T", "paper.speaker": "Người Khác"},
                            reports.outline_for(None))
    assert checked.figures["paper"]["speaker"] == "Tạ Văn Khải"
    form = client.get(f"/bao-cao/phan-cong/{paper.id}").get_data(as_text=True)
    assert 'id="paper-speaker"' in form and 'value="Tạ Văn Khải"' in form
    assert 'name="paper.speaker"' not in form
    # a unit never names another unit's speaker
    with pytest.raises(NotAllowed, match="Chỉ đơn vị được phân công"):
        speakers.update_speaker(slot("mttq"), name="X", title="Y", actor=user_for("commune"),
                                expected_version=None)


def test_tampered_version_on_agenda_and_mc_is_a_clear_422(client, login_as):
    login_as("coordinator")
    target = item("khai-mac")
    r = client.post(f"/hoi-nghi/chuong-trinh/{target.id}", headers=htmx(),
                    data={"duration_minutes": 12, "lead": "Lãnh đạo", "version": "abc"})
    assert r.status_code == 422 and "Biểu mẫu không hợp lệ hoặc đã cũ" in r.get_data(as_text=True)
    r = client.post(f"/hoi-nghi/chuong-trinh/{target.id}", headers=htmx(),
                    data={"duration_minutes": "mười", "lead": "Lãnh đạo", "version": target.version})
    assert r.status_code == 422 and "Nhập số phút (số nguyên)." in r.get_data(as_text=True)
    r = client.post(f"/hoi-nghi/kich-ban/loi-dan/{target.id}", headers=htmx(),
                    data={"mc_text": "Lời mới", "version": "1.5"})
    assert r.status_code == 422 and "Biểu mẫu không hợp lệ hoặc đã cũ" in r.get_data(as_text=True)


def test_the_history_reads_as_vietnamese(client, login_as):
    login_as("coordinator")
    target = item("chi-dao")
    client.post(f"/hoi-nghi/chuong-trinh/{target.id}/di-chuyen", data={"direction": "down"})
    client.post("/hoi-nghi/kich-ban/tai-ve")
    page = client.get("/hoi-nghi/lich-su").get_data(as_text=True)
    assert "Thứ tự" in page and "Chức vụ" not in page
    assert "['" not in page and "present_only" not in page and "agenda.move" not in page
