"""What a reviewer found on the demo (round 5): the check-in search matched letters inside
titles, a commune's replies page counted the whole district, its own list page read "Xã" mid-
sentence, said its quota twice and hid its buttons on a phone. Each test fails before the fix."""
import re

from tests.conftest import htmx
from webapp.delegates import queries
from webapp.extensions import db
from webapp.plan.loader import current_plan

from .factories import delegate


def _people():
    delegate("Nguyễn Công Trung", "huyen-phong-ban", title="Phó Chủ tịch UBND huyện",
             organisation="UBND huyện Bình Sơn")
    delegate("Ngô Công Hùng", "huyen-phong-ban", title="Trưởng phòng",
             organisation="Phòng Nội vụ")
    delegate("Lê Văn Hòa", "huyen-phong-ban", title="Chuyên viên")
    delegate("Trần Hồ Kim", "huyen-phong-ban", title="Chuyên viên")
    delegate("Phạm Thị Mai", "huyen-phong-ban", title="Giám đốc",
             organisation="Trung tâm Hồ sơ huyện")
    delegate("Hồ Kim Lan", "xa-thon", unit_code="binh-chanh", title="Phó Chủ tịch UBND xã",
             organisation="Xã Bình Chánh", rank=900)
    db.session.commit()


def _names(text):
    return [d.full_name for d in queries.search(current_plan(), text)]


def test_checkin_search_matches_word_starts_of_the_name_first(app):
    _people()
    # "ho" inside "Phó", "Phòng", "Chủ" is no match; the name starting with it comes first,
    # then names with a word starting with it, then a title or unit with such a word
    assert _names("Hồ") == ["Hồ Kim Lan", "Lê Văn Hòa", "Trần Hồ Kim", "Phạm Thị Mai"]
    assert _names("ho kim") == ["Hồ Kim Lan", "Trần Hồ Kim"]
    assert _names("HỒ KIM LAN") == ["Hồ Kim Lan"]
    assert _names("kim ho") == ["Trần Hồ Kim", "Hồ Kim Lan"]
    assert _names("binh chanh") == ["Hồ Kim Lan"]
    assert _names("ong") == []
    assert _names("|") == []


def test_checkin_page_prints_the_title_naming_its_body_once(client, login_as):
    _people()
    login_as("office")
    page = client.get("/dai-bieu/diem-danh/tim?q=ho+kim", headers=htmx()).get_data(as_text=True)
    assert "Phó Chủ tịch UBND xã Bình Chánh" in page and "· Xã Bình Chánh" not in page
    page = client.get("/dai-bieu/diem-danh?q=trung").get_data(as_text=True)
    results = page[page.index('<div id="checkin-results">'):page.index("</ul>", page.index(
        '<div id="checkin-results">'))]
    assert "<small>Phó Chủ tịch UBND huyện</small>" in results
    assert "UBND huyện Bình Sơn" not in results
    assert re.search(r'id="checkin-q"[^>]*hx-get="/dai-bieu/diem-danh/tim"', page)


def test_a_commune_sees_its_own_reply_counts(client, login_as):
    delegate("Võ Văn Một", "xa-thon", unit_code="binh-chanh", reply="attending")
    delegate("Võ Văn Hai", "xa-thon", unit_code="binh-chanh", reply="declined")
    delegate("Võ Văn Ba", "xa-thon", unit_code="binh-chanh")
    for name in ("Đinh Văn Bốn", "Đinh Văn Năm"):
        delegate(name, "xa-thon", unit_code="binh-hiep", reply="attending")
    delegate("Đinh Văn Sáu", "huyen-phong-ban")
    db.session.commit()
    login_as("commune")
    page = client.get("/dai-bieu/tra-loi").get_data(as_text=True)
    assert "1 sẽ dự · 1 không dự · 1 chưa trả lời." in page
    login_as("office")
    page = client.get("/dai-bieu/tra-loi").get_data(as_text=True)
    assert "3 sẽ dự · 1 không dự · 2 chưa trả lời." in page


def test_a_communes_own_list_reads_as_a_sentence_and_stacks_on_a_phone(client, login_as):
    delegate("Hồ Kim Lan", "xa-thon", unit_code="binh-chanh", title="Phó Chủ tịch UBND xã",
             organisation="Xã Bình Chánh")
    db.session.commit()
    login_as("commune")
    page = client.get("/dai-bieu/cua-don-vi").get_data(as_text=True)
    assert "<h1>Đại biểu của xã Bình Chánh</h1>" in page
    counts = re.search(r'<table class="seat-counts".*?</table>', page, re.S).group(0)
    rows = re.findall(r"<tr class=.*?</tr>", counts, re.S)
    assert len(rows) == 2 and all(r.count("mỗi xã, thị trấn") == 1 for r in rows)
    assert "(mỗi xã, thị trấn 2 đại biểu)" in rows[0]
    row = re.search(r'<tr id="delegate-\d+">(.*?)</tr>', page, re.S).group(1)
    assert '<td data-label="Cơ quan">xã Bình Chánh</td>' in row
    assert 'data-label="Thao tác" class="actions"' in row and ">Sửa</a>" in row
    # every cell carries its label, so the phone layout stacks them (table.duties)
    assert row.count("<td") == row.count("data-label=")
    assert '<table class="delegates duties">' in page
    label = re.search(r'data-label="Thành phần"><small title="([^"]+)">([^<]+)</small>',
                      row)
    assert label.group(2).endswith("…") and label.group(1).startswith(label.group(2)[:-1])
    assert label.group(1)[len(label.group(2)) - 1] == " "  # cut at a word


def test_name_card_choices_print_each_composition_in_full(client, login_as):
    login_as("office")
    page = client.get("/dai-bieu/giay-moi").get_data(as_text=True)
    fieldset = re.search(r'<form method="get" action="/dai-bieu/the-ten.docx".*?</fieldset>',
                         page, re.S).group(0)
    labels = [" ".join(t.split()) for t in re.findall(r'<input type="checkbox"[^>]*>([^<]+)</label>',
                                                      fieldset)]
    plan = current_plan()
    assert labels == [c.label for c in plan.compositions]
    assert any(len(label) > 90 for label in labels)


def test_demo_invitations_carry_the_registers_number(app):
    from webapp import demo
    from webapp.delegates import demo as delegates_demo
    from webapp.delegates.models import Delegate
    from webapp.issuing.models import Paper
    demo.create_demo_accounts()
    delegates_demo.build_scenario()
    db.session.commit()
    paper = db.session.query(Paper).filter_by(kind="invitation").one()
    assert paper.state == "issued" and paper.number_text.endswith("/GM-UBND")
    numbers = {n for (n,) in db.session.query(Delegate.invitation_number)
               .filter(Delegate.invitation_number != "")}
    assert numbers == {paper.number_text}
