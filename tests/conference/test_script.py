"""The meeting script: MC lines edited in the browser (optimistic lock), introductions and
awards from the other capabilities, the .docx, the kept versions and what changed."""
import io
from types import SimpleNamespace
from datetime import date, datetime

import pytest
from docx import Document

from webapp.audit.models import AuditEntry
from webapp.conference import agenda, duty, script, script_diff, speakers, versions
from webapp.conference.documents import PROGRAMME_TEMPLATE, SCRIPT_TEMPLATE
from webapp.documents.service import render
from webapp.duties.models import Status
from webapp.extensions import db

from ..conftest import htmx, user_for
from ..delegates.factories import delegate
from ..docx_checks import all_text, assert_nd30, convert_to_pdf_if_possible
from .helpers import item, plan, slot


def _texts(ctx):
    return [b["text"] for i in ctx["items"] for b in i["blocks"]]


def test_stale_mc_edit_is_refused_with_409_and_shows_the_saved_text(app, client, login_as):
    login_as("coordinator")
    target = item("khai-mac")
    opened_at = target.version
    r = client.post(f"/hoi-nghi/kich-ban/loi-dan/{target.id}", headers=htmx(),
                    data={"mc_text": "Lời dẫn của người thứ nhất.", "version": opened_at})
    assert r.status_code == 200 and r.headers["HX-Trigger"] == "script-changed"
    # a second person saves from a form opened before that save
    r = client.post(f"/hoi-nghi/kich-ban/loi-dan/{target.id}", headers=htmx(),
                    data={"mc_text": "Lời dẫn của người thứ hai.", "version": opened_at})
    assert r.status_code == 409
    page = r.get_data(as_text=True)
    assert "vừa được người khác sửa" in page
    assert "Lời dẫn của người thứ nhất." in page and "Lời dẫn của người thứ hai." in page
    db.session.rollback()
    assert item("khai-mac").mc_text == "Lời dẫn của người thứ nhất."
    entries = db.session.query(AuditEntry).filter_by(action="script.mc_text").all()
    assert len(entries) == 1 and entries[0].after["mc_text"] == "Lời dẫn của người thứ nhất."


def test_empty_mc_line_is_refused(app, client, login_as):
    login_as("coordinator")
    target = item("khai-mac")
    r = client.post(f"/hoi-nghi/kich-ban/loi-dan/{target.id}", headers=htmx(),
                    data={"mc_text": "   ", "version": target.version})
    assert r.status_code == 422 and "không được để trống" in r.get_data(as_text=True)


def test_only_the_coordinator_edits_the_script_and_leadership_reads(app, client, login_as):
    target = item("khai-mac")
    login_as("leadership")
    page = client.get("/hoi-nghi/kich-ban").get_data(as_text=True)
    assert "KỊCH BẢN ĐIỀU HÀNH" in page and "Lưu lời dẫn" not in page
    for role in ("leadership", "office", "home_affairs", "commune"):
        login_as(role)
        r = client.post(f"/hoi-nghi/kich-ban/loi-dan/{target.id}",
                        data={"mc_text": "x", "version": target.version})
        assert r.status_code == 403, role
        assert client.post("/hoi-nghi/kich-ban/tai-ve").status_code == 403


def test_script_duty_follows_the_work(app, client, login_as):
    login_as("coordinator")
    assignment = duty.script_assignment(plan())
    assert assignment.status == Status.NOT_STARTED
    target = item("ket-luan")
    client.post(f"/hoi-nghi/kich-ban/loi-dan/{target.id}",
                data={"mc_text": "Kính mời đồng chí Chủ tịch UBND huyện kết luận.",
                      "version": target.version})
    db.session.rollback()
    assert duty.script_assignment(plan()).status == Status.DRAFTING
    # final only once a version was downloaded
    client.post("/hoi-nghi/kich-ban/chot")
    db.session.rollback()
    assert duty.script_assignment(plan()).status == Status.DRAFTING
    assert client.post("/hoi-nghi/kich-ban/tai-ve").status_code == 303
    client.post("/hoi-nghi/kich-ban/chot")
    db.session.rollback()
    assert duty.script_assignment(plan()).status == Status.SUBMITTED
    # editing again reopens it
    target = item("ket-luan")
    client.post(f"/hoi-nghi/kich-ban/loi-dan/{target.id}",
                data={"mc_text": "Lời mới.", "version": target.version})
    db.session.rollback()
    assert duty.script_assignment(plan()).status == Status.DRAFTING


def test_introductions_in_protocol_order_attending_or_present(app):
    p = plan()
    delegate("Lê Văn Tỉnh", "tinh-ubnd", title="Phó Chủ tịch UBND tỉnh",
             organisation="UBND tỉnh Quảng Ngãi", reply="attending")
    delegate("Hồ Thị Sở", "tinh-so-ldtbxh", title="Phó Giám đốc Sở LĐTB&XH",
             organisation="Sở LĐTB&XH tỉnh", reply="attending",
             checked_in_at=datetime(2023, 12, 5, 7, 20))
    delegate("Phan Văn Huyện", "huyen-thuong-truc", title="Phó Bí thư Thường trực Huyện ủy",
             reply="attending", checked_in_at=datetime(2023, 12, 5, 7, 25))
    delegate("Vắng Mặt", "huyen-thuong-truc", title="Ủy viên", reply="declined")
    for n in range(3):
        delegate(f"Trưởng Thôn {n}", "xa-thon", unit_code="binh-chanh", title="Trưởng thôn",
                 reply="attending")
    db.session.flush()
    ctx = script.script_context(p)
    texts = _texts(ctx)
    names = [t for t in texts if t.startswith("Đồng chí")]
    assert [n.split(",")[0] for n in names] == ["Đồng chí Lê Văn Tỉnh", "Đồng chí Hồ Thị Sở",
                                                "Đồng chí Phan Văn Huyện"]
    assert "Về phía tỉnh:" in texts and "Về phía huyện:" in texts
    assert not any("Vắng Mặt" in t for t in texts)
    # the commune delegates are introduced together, with their number
    assert any(t.startswith("Trưởng thôn, Tổ trưởng tổ dân phố") and "(03 đại biểu)" in t
               for t in texts)
    present = _texts(script.script_context(p, present_only=True))
    assert not any("Lê Văn Tỉnh" in t for t in present)
    assert any("Hồ Thị Sở" in t for t in present)


def _awardee(kind, name, title="", gender="male"):
    return SimpleNamespace(kind=kind, name=name, title=title,
                           salutation={"male": "Ông", "female": "Bà"}[gender] if kind == "individual" else "")


def test_reward_announcement_pending_then_with_groups(app, monkeypatch):
    p = plan()
    monkeypatch.setattr(script, "reward_announcement",
                        lambda plan: {"pending": True, "awardees": [], "number": "", "date": None})
    ctx = script.script_context(p)
    texts = _texts(ctx)
    # before the decision: the MC's lines with blanks for its number and date; what is missing
    # is a note for the page, which the paper leaves out
    assert ("Kính mời đồng chí Bùi Văn Thí Điểm, Trưởng phòng Nội vụ, lên công bố Quyết định số "
            "……………………/QĐ-UBND ngày …………………… của Chủ tịch UBND huyện Bình Sơn về việc khen "
            "thưởng") in " ".join(texts)
    assert ("Kính mời đồng chí Phan Quốc Khoa, Chủ tịch UBND huyện, lên trao Giấy khen cho các "
            "tập thể, cá nhân.") in texts
    notes = [b["text"] for i in ctx["items"] for b in i["blocks"] if b["style"] == "note"]
    assert any(n.startswith("Chưa có Quyết định khen thưởng") for n in notes)
    paper = all_text(assert_nd30(render(SCRIPT_TEMPLATE, ctx)))
    assert "Quyết định số ……………………/QĐ-UBND" in paper
    for note in notes:
        assert note not in paper
    awardees = ([_awardee("collective", "Thị trấn Châu Ổ")]
                + [_awardee("collective", f"Tập thể {n}") for n in range(2, 8)]
                + [_awardee("individual", f"Cá Nhân {n}", "Trưởng thôn An Điềm, xã Bình An")
                   for n in range(1, 6)])
    monkeypatch.setattr(script, "reward_announcement", lambda plan: {
        "pending": False, "awardees": awardees, "number": "2150/QĐ-UBND",
        "date": date(2023, 12, 1)})
    texts = _texts(script.script_context(p))
    announcements = [t for t in texts if "lên công bố Quyết định" in t]
    assert announcements == [
        "Kính mời đồng chí Bùi Văn Thí Điểm, Trưởng phòng Nội vụ, lên công bố Quyết định số "
        "2150/QĐ-UBND ngày 01/12/2023 của Chủ tịch UBND huyện Bình Sơn về việc khen thưởng các "
        "tập thể, cá nhân có thành tích xuất sắc trong công tác giảm nghèo và phong trào thi đua "
        "“Bình Sơn vì người nghèo – Không để ai bị bỏ lại phía sau” giai đoạn 2021-2025."]
    groups = [t for t in texts if t.startswith("Đợt ")]
    # collectives and individuals apart, 6 a group; the heading says what is in it
    assert groups == ["Đợt 1: kính mời đại diện 06 tập thể sau lên nhận Giấy khen của Chủ tịch UBND huyện:",
                      "Đợt 2: kính mời đại diện 01 tập thể sau lên nhận Giấy khen của Chủ tịch UBND huyện:",
                      "Đợt 3: kính mời 05 cá nhân sau lên nhận Giấy khen của Chủ tịch UBND huyện:"]
    assert "Thị trấn Châu Ổ;" in texts and not any("TT Châu Ổ" in t for t in texts)
    assert "Ông Cá Nhân 1, Trưởng thôn An Điềm, xã Bình An;" in texts
    assert ("Kính mời đồng chí Phan Quốc Khoa, Chủ tịch UBND huyện, lên trao Giấy khen cho các "
            "cá nhân.") in texts


def test_script_docx_keeps_special_characters_and_the_edited_line(app, client, login_as):
    login_as("coordinator")
    agenda.set_start_time(plan(), "7h30", actor=None)
    plan().conference_date = date(2023, 12, 5)
    s = slot("hnd")
    s.speaker_name, s.speaker_title = "Nguyễn Văn An & <Bình>", "Chủ tịch Hội Nông dân <huyện>"
    db.session.commit()
    target = item("thao-luan")
    client.post(f"/hoi-nghi/kich-ban/loi-dan/{target.id}",
                data={"mc_text": "Xin mời ý kiến của Hợp tác xã A&B <thử>.",
                      "version": target.version})
    r = client.post("/hoi-nghi/kich-ban/tai-ve")
    assert r.status_code == 303
    r = client.get(r.headers["Location"])
    assert r.status_code == 200
    assert r.mimetype.endswith("wordprocessingml.document")
    assert "kich-ban-dieu-hanh-phien-ban-1.docx" in r.headers["Content-Disposition"]
    doc = assert_nd30(r.data)
    text = all_text(doc)
    assert "Xin mời ý kiến của Hợp tác xã A&B <thử>." in text
    assert "Nguyễn Văn An & <Bình>, Chủ tịch Hội Nông dân <huyện>" in text
    assert "Thời gian: 07 giờ 30 – 07 giờ 40 (10 phút)" in text
    assert "Thời gian: 07 giờ 30 phút, thứ Ba, ngày 05 tháng 12 năm 2023." in text
    # what follows the names is all there (nothing swallowed by an unescaped "<")
    assert "Kết luận hội nghị" in text and "BẾ MẠC" in text
    for p in doc.paragraphs:
        for run in p.runs:
            if run.text.strip():
                assert run.font.size is None or 13 <= run.font.size.pt <= 14, run.text


@pytest.mark.slow
def test_script_and_programme_convert_to_pdf(app):
    ctx = script.script_context(plan())
    data = render(SCRIPT_TEMPLATE, ctx)
    assert_nd30(data)
    convert_to_pdf_if_possible(data)
    programme = render(PROGRAMME_TEMPLATE, script.programme_context(plan()))
    convert_to_pdf_if_possible(programme)


def test_programme_docx_has_clock_times_and_leads(app, client, login_as):
    agenda.set_start_time(plan(), "8h00", actor=None)
    db.session.commit()
    login_as("leadership")
    r = client.get("/hoi-nghi/chuong-trinh.docx")
    assert r.status_code == 200
    doc = assert_nd30(r.data)
    table = doc.tables[1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Thời gian", "Nội dung", "Người thực hiện"]
    assert rows[1][0] == "08 giờ 00 – 08 giờ 10"
    # who does each item, named (the MC, the leaders the script invites)
    assert rows[1][2] == "Đồng chí Lý Thị Tạm Thời, Phó Chánh Văn phòng HĐND và UBND huyện"
    assert rows[2][2] == "Đồng chí Phạm Quang Sự, Phó Chủ tịch UBND huyện"
    # no date in this plan yet: a blank for it
    assert "Thời gian: 08 giờ, ngày ……………………." in all_text(doc)
    assert len(rows) == 1 + 9
    assert "Hội Nông dân huyện" in rows[5][1]  # the speakers under "Phát biểu tham luận"


def test_a_speaker_not_named_is_a_blank_in_the_paper_and_a_note_on_the_page(app, client,
                                                                           login_as):
    """The MC reads "Kính mời đồng chí ……, đại diện UBND xã Bình Long, trình bày tham luận";
    the page says who has not named their speaker; the paper never does."""
    login_as("coordinator")
    ctx = script.script_context(plan())
    paper = all_text(assert_nd30(render(SCRIPT_TEMPLATE, ctx)))
    assert ("Kính mời đồng chí ……………………, đại diện UBND xã Bình Long, trình bày tham luận "
            "“Hưởng ứng") in paper
    assert ("Kính mời đồng chí ……………………, đại diện Hội Nông dân huyện, trình bày tham "
            "luận") in paper
    assert "chưa báo tên" not in paper and "(Bình Long" not in paper
    # nobody has confirmed yet: blank lines for the MC, the reason on the page only
    assert "- Đồng chí ……………………, ……………………;" in paper
    assert "Chưa có đại biểu nào" not in paper
    page = client.get("/hoi-nghi/kich-ban").get_data(as_text=True)
    assert "UBND xã Bình Long chưa báo tên người trình bày: kịch bản in để trống tên." in page
    assert "Chưa có đại biểu nào xác nhận tham dự" in page


def test_version_diff_speaker_replaced_awardee_added_item_moved_mc_edited(app, monkeypatch):
    coordinator = user_for("coordinator")
    p = plan()
    speakers.update_speaker(slot("binh-long"), name="Đinh Thị Bích Trâm", title="Chủ hộ",
                           topic=None, actor=coordinator, expected_version=None)
    awardees = [_awardee("collective", "UBND xã Bình An")]
    monkeypatch.setattr(script, "reward_announcement", lambda plan: {
        "pending": False, "awardees": list(awardees), "number": "2150/QĐ-UBND",
        "date": date(2023, 12, 1)})
    first = versions.save_version(p, actor=coordinator)
    assert first.number == 1 and script_diff.diff(first.context, script.script_context(p)) == []
    speakers.update_speaker(slot("binh-long"), name="Võ Văn Tùng", title="Nông dân",
                           topic=None, actor=coordinator, expected_version=None)
    awardees.append(_awardee("individual", "Bùi Thị Nga", "Hội viên Hội Nông dân xã Bình Hải",
                             gender="female"))
    agenda.move_item(item("chi-dao"), "down", actor=coordinator)
    agenda.update_mc(item("khai-mac"), "Lời dẫn mới.", actor=coordinator, expected_version=None)
    texts = [c["text"] for c in script_diff.diff(first.context, script.script_context(p))]
    assert "Thay người trình bày tham luận của Bình Long: Đinh Thị Bích Trâm → Võ Văn Tùng" \
        in texts
    assert "Thêm cá nhân Bà Bùi Thị Nga, Hội viên Hội Nông dân xã Bình Hải được khen thưởng" \
        in texts
    assert any(t.startswith("Mục “Phát biểu chỉ đạo của Thường trực Huyện ủy” chuyển từ vị trí 7 "
                            "sang vị trí 8") for t in texts)
    assert any(t.startswith("Sửa lời dẫn mục “Phát biểu khai mạc") for t in texts)
    second = versions.save_version(p, actor=coordinator)
    assert second.number == 2 and second.summary.startswith(f"{len(texts)} thay đổi")
    assert script_diff.diff(second.context, script.script_context(p)) == []


def test_script_page_shows_what_changed_since_the_last_download(app, client, login_as):
    login_as("coordinator")
    client.post("/hoi-nghi/kich-ban/tai-ve")
    target = slot("mttq")
    client.post(f"/hoi-nghi/tham-luan/{target.id}", data={
        "speaker_name": "Trương Thị Ngọc Hân", "speaker_title": "Phó Chủ tịch",
        "version": target.version})
    page = client.get("/hoi-nghi/kich-ban/xem-truoc", headers=htmx()).get_data(as_text=True)
    assert "So với phiên bản 1" in page
    assert "Ủy ban MTTQ Việt Nam huyện đã báo người trình bày: Trương Thị Ngọc Hân" in page \
        or "đã báo người trình bày: Trương Thị Ngọc Hân" in page


def test_a_kept_version_downloads_the_same_after_data_changes(app, client, login_as):
    login_as("coordinator")
    client.post("/hoi-nghi/kich-ban/tai-ve")
    db.session.rollback()
    agenda.update_mc(item("khai-mac"), "Đã đổi sau khi tải.", actor=user_for("coordinator"),
                      expected_version=None)
    db.session.commit()
    login_as("leadership")
    text = all_text(Document(io.BytesIO(client.get("/hoi-nghi/kich-ban/phien-ban/1.docx").data)))
    assert "Đã đổi sau khi tải." not in text
