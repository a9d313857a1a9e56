"""The bell (a unit sees only its own notifications; marking read is a POST) and the
follow-up letter to late units (preview, .docx in the Nghị định 30 layout)."""
import io

from docx import Document

from webapp.audit.models import AuditEntry
from webapp.duties.models import Status
from webapp.duties.service import set_status
from webapp.extensions import db
from webapp.notifications.models import Notification
from webapp.notifications.service import notify
from webapp.plan.models import Unit

from ..conftest import htmx, user_for
from ..docx_checks import assert_nd30, convert_to_pdf_if_possible
from .test_reminders import assignment


def unit_id(code):
    return db.session.query(Unit).filter_by(code=code).one().id


def test_bell_counts_the_units_unread_notifications_only(client, login_as):
    mine = notify(unit_id("binh-chanh"), "returned", "Báo cáo kết quả: yêu cầu bổ sung",
                  link="/viec-cua-toi")
    notify(unit_id("binh-long"), "returned", "Bình Long: yêu cầu bổ sung")
    db.session.commit()
    login_as("commune")
    count = client.get("/thong-bao/dem", headers=htmx()).get_data(as_text=True)
    assert 'data-unread="1"' in count and 'hx-trigger="every 30s' in count
    assert "load" not in count, "the refreshed counter must not trigger itself again"
    menu = client.get("/thong-bao/moi", headers=htmx()).get_data(as_text=True)
    assert "Báo cáo kết quả: yêu cầu bổ sung" in menu and "Bình Long" not in menu
    # another unit's notification does not exist for this unit
    other = db.session.query(Notification).filter(Notification.unit_id != mine.unit_id).first()
    assert client.post(f"/thong-bao/{other.id}/da-doc").status_code == 404
    # the base page carries the bell with its count (no second request on load)
    page = client.get("/viec-cua-toi").get_data(as_text=True)
    assert 'id="bell-count"' in page and 'data-unread="1"' in page
    assert 'hx-trigger="every 30s' in page and 'hx-trigger="load' not in page


def test_marking_read_is_a_post_audited_and_refreshes_the_bell(client, login_as):
    note = notify(unit_id("binh-chanh"), "due_soon", "Nhắc việc thử", link="/viec-cua-toi")
    db.session.commit()
    login_as("commune")
    assert client.get(f"/thong-bao/{note.id}/da-doc").status_code == 405
    response = client.post(f"/thong-bao/{note.id}/da-doc", headers=htmx())
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "notifications-changed"
    assert response.get_data(as_text=True).lstrip().startswith(f'<tr id="note-{note.id}"')
    # the page's own "… thông báo chưa đọc" line follows the bell (out of band)
    assert ('<p id="unread-line" hx-swap-oob="true">Xã Bình Chánh · 0 thông báo chưa đọc.'
            in response.get_data(as_text=True))
    db.session.rollback()
    assert db.session.get(Notification, note.id).read_at is not None
    assert db.session.query(AuditEntry).filter_by(action="notification.read",
                                                  object_id=note.id).count() == 1
    count = client.get("/thong-bao/dem").get_data(as_text=True)
    assert 'data-unread="0"' in count


def test_opening_from_the_bell_marks_read_and_goes_to_the_work(client, login_as):
    note = notify(unit_id("binh-chanh"), "due_soon", "Nhắc việc", link="/viec-cua-toi")
    evil = notify(unit_id("binh-chanh"), "due_soon", "Lạ", link="//evil.example/x")
    db.session.commit()
    login_as("commune")
    response = client.post(f"/thong-bao/{note.id}/mo")
    assert response.status_code == 302 and response.headers["Location"] == "/viec-cua-toi"
    response = client.post(f"/thong-bao/{evil.id}/mo")
    assert response.headers["Location"] == "/thong-bao", "never an open redirect"
    response = client.post("/thong-bao/da-doc-tat-ca")
    assert response.status_code == 302
    db.session.rollback()
    assert db.session.query(Notification).filter_by(
        unit_id=unit_id("binh-chanh"), read_at=None).count() == 0


def test_letter_lists_late_units_and_what_they_owe(app, client, login_as):
    set_status(assignment("binh-long", "bao-cao-ket-qua"), Status.SUBMITTED,
               actor=user_for("commune"))
    set_status(assignment("binh-chanh", "bao-cao-ket-qua"), Status.DRAFTING,
               actor=user_for("commune"))
    db.session.commit()
    login_as("coordinator")
    # 15/11: nobody is late against the plan yet (its deadline is 22/11/2023)
    page = client.get("/cong-van-don-doc").get_data(as_text=True)
    assert "không có đơn vị nào quá thời hạn của Kế hoạch" in page
    assert "Lập văn bản trình ký" not in page, "nothing to chase: nothing to submit for signing"
    assert "Không có đơn vị nào chậm tiến độ: chưa cần lập văn bản trình ký." in page
    app.config["TODAY"] = "2023-11-24"
    page = client.get("/cong-van-don-doc").get_data(as_text=True)
    assert "UBND xã Bình Chánh" in page and "Báo cáo kết quả thực hiện (theo đề cương)" in page
    assert "Lập văn bản trình ký" in page and "letter-nothing-to-sign" not in page
    assert "đang soạn" not in page.lower().split('id="letter-preview"')[1], "no app states"
    from datetime import date
    from webapp.notifications.letter import late_units
    owed = {u.unit.code: [i.title for i in u.items]
            for u in late_units("plan", today=date(2023, 11, 24))}
    assert "Báo cáo kết quả thực hiện (theo đề cương)" in owed["binh-chanh"]
    assert "Báo cáo kết quả thực hiện (theo đề cương)" not in owed["binh-long"], \
        "submitted work is not owed"
    assert "ldtbxh" not in owed, "the coordinator does not write to itself"
    assert "vanphong" not in owed, "a working deadline is not the plan's: not in its letter"
    assert "/UBND-LĐTBXH" in page and "V/v đôn đốc" in page


def test_letter_bad_deadline_is_refused_beside_the_field(app, client, login_as):
    app.config["TODAY"] = "2023-11-24"
    login_as("coordinator")
    response = client.get("/cong-van-don-doc?kind=plan&deadline=2023-11-20")
    assert response.status_code == 422
    assert "Hạn hoàn thành phải sau ngày 24/11/2023" in response.get_data(as_text=True)
    response = client.get("/cong-van-don-doc?kind=plan&deadline=31-02-x")
    assert response.status_code == 422 and "Ngày không hợp lệ" in response.get_data(as_text=True)
    assert client.get("/cong-van-don-doc/tai-ve?deadline=31-02-x").status_code == 422


def _letter_text(data):
    from ..docx_checks import body_text
    return "\n".join(body_text(assert_nd30(data)))


def test_letter_of_ubnd_huyen_for_the_plans_deadline(app, client, login_as):
    """A văn thư's reading: UBND huyện, KT. CHỦ TỊCH, the plan cited, dated after the plan's
    deadline, the subordinate units told and the organisations asked, what each owes in an
    annex table, nothing of the app."""
    from ..docx_checks import assert_properties
    set_status(assignment("binh-chau", "bao-cao-ket-qua"), Status.DRAFTING,
               actor=user_for("commune"))
    db.session.commit()
    app.config["TODAY"] = "2023-11-24"
    login_as("coordinator")
    response = client.get("/cong-van-don-doc/tai-ve?kind=plan&deadline=2023-11-28")
    assert response.status_code == 200
    assert "cong-van-don-doc-20231124.docx" in response.headers["Content-Disposition"]
    doc = assert_nd30(response.data)
    header = doc.tables[0]
    assert header.rows[0].cells[0].text.split() == ["ỦY", "BAN", "NHÂN", "DÂN", "HUYỆN", "BÌNH",
                                                     "SƠN"]
    left = header.rows[1].cells[0].text
    assert "Số:" in left and "/UBND-LĐTBXH" in left and "V/v đôn đốc thực hiện Kế hoạch" in left
    assert "Bình Sơn, ngày 24 tháng 11 năm 2023" in header.rows[1].cells[1].text
    text = _letter_text(response.data)
    assert "Kính gửi:" in text
    # many late communes are addressed in one line
    assert "- UBND các xã, thị trấn: Châu Ổ, Bình An, Bình Chánh, Bình Châu" in text
    assert "Thực hiện Kế hoạch số       /KH-UBND ngày       /      /2023 của UBND huyện" in text
    assert "trước ngày 22/11/2023" in text and "trước ngày 28/11/2023" in text
    # the subordinate units are told; MTTQ, the associations and NHCSXH are asked
    assert ("UBND huyện yêu cầu các cơ quan, đơn vị và UBND các xã, thị trấn có tên trong danh "
            "sách kèm theo khẩn trương hoàn thành") in text
    assert ("UBND huyện kính đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện, Hội Liên hiệp "
            "Phụ nữ huyện") in text
    assert "chịu trách nhiệm" not in text
    for word in ("ứng dụng", "Sơ kết GNBV", "đang soạn", "chưa nộp", "Đã nộp", "quá hạn 2 ngày"):
        assert word not in text, word
    assert "./." in text and "KT. CHỦ TỊCH" in text and "Phạm Quang Sự" in text
    # the annex: what each unit still owes
    annex = text[text.index("DANH SÁCH CÁC NỘI DUNG CHƯA HOÀN THÀNH"):]
    assert "(Kèm theo Công văn số      /UBND-LĐTBXH ngày 24/11/2023 của UBND huyện)" in annex
    assert ("UBND xã Bình Châu\n- Báo cáo kết quả thực hiện (theo đề cương) (thời hạn "
            "22/11/2023)") in annex
    assert "{{" not in text and "{%" not in text
    assert_properties(response.data, title="V/v đôn đốc", author="UBND huyện Bình Sơn")
    convert_to_pdf_if_possible(response.data)


def test_letter_of_the_coordinator_for_its_working_deadlines(app, client, login_as):
    """The working deadlines Phòng LĐTB&XH set (Văn phòng's hall, 14/11 in the demo data):
    its own công văn, its superior body in regular capitals, its name bold, signed by its
    head, in the words of a request."""
    from datetime import date
    from webapp.duties.models import Duty
    hall = db.session.query(Duty).filter_by(code="hoi-truong").one()
    hall.deadline = date(2023, 11, 14)
    db.session.commit()
    login_as("coordinator")
    page = client.get("/cong-van-don-doc?kind=working&scope=overdue").get_data(as_text=True)
    assert "Văn phòng HĐND và UBND huyện" in page and "/LĐTBXH" in page
    response = client.get("/cong-van-don-doc/tai-ve?kind=working&scope=overdue"
                          "&deadline=2023-11-20&signer_name=Nguyễn Văn Thử")
    assert response.status_code == 200
    doc = assert_nd30(response.data)
    issuer = doc.tables[0].rows[0].cells[0].paragraphs
    assert issuer[0].text == "UBND HUYỆN BÌNH SƠN" and not issuer[0].runs[0].font.bold
    assert issuer[1].text == "PHÒNG LAO ĐỘNG -" and issuer[1].runs[0].font.bold
    assert issuer[2].text == "THƯƠNG BINH VÀ XÃ HỘI" and issuer[2].runs[0].font.bold
    text = _letter_text(response.data)
    assert "      /LĐTBXH" in text and "/UBND-LĐTBXH" not in text
    # one name for the phòng, the units file's, in the body and in the annex's attachment line
    assert "Phòng Lao động - Thương binh và Xã hội kính đề nghị Văn phòng HĐND và UBND huyện" in text
    assert "của Phòng Lao động - Thương binh và Xã hội)" in text
    assert "Lao động, Thương binh" not in text and "LĐ-TB&XH" not in text
    assert "Chuẩn bị hội trường" in text and "14/11/2023" in text
    assert "TRƯỞNG PHÒNG" in text and "Nguyễn Văn Thử" in text and "KT. CHỦ TỊCH" not in text
    assert "Báo cáo kết quả" not in text, "the plan's own deadline is not in this letter"
    Document(io.BytesIO(response.data))


def test_the_working_letter_is_signed_by_the_head_the_directory_names(app, client, login_as):
    """Without a name typed, the Trưởng phòng of the units data signs (the form shows it)."""
    from datetime import date
    from webapp.duties.models import Duty
    hall = db.session.query(Duty).filter_by(code="hoi-truong").one()
    hall.deadline = date(2023, 11, 14)
    db.session.commit()
    login_as("coordinator")
    page = client.get("/cong-van-don-doc?kind=working&scope=overdue").get_data(as_text=True)
    assert 'value="Nguyễn Thị Mẫu Thử"' in page
    response = client.get("/cong-van-don-doc/tai-ve?kind=working&scope=overdue"
                          "&deadline=2023-11-20")
    signature = assert_nd30(response.data).tables[-2].rows[0].cells[1].text.split("\n")
    assert [t for t in signature if t] == ["TRƯỞNG PHÒNG", "Nguyễn Thị Mẫu Thử"]


def test_the_plans_letter_asks_for_a_date_after_the_plans_deadline(app, client, login_as):
    """On 15/11 the plan's deadline (22/11) is still ahead: the default new deadline is after
    it, and an earlier one is refused beside the field."""
    login_as("coordinator")
    page = client.get("/cong-van-don-doc").get_data(as_text=True)
    assert 'value="2023-11-25"' in page and "2023-11-18" not in page
    response = client.get("/cong-van-don-doc?kind=plan&deadline=2023-11-20")
    assert response.status_code == 422
    assert ("Hạn hoàn thành phải sau thời hạn của Kế hoạch (22/11/2023)."
            in response.get_data(as_text=True))
    app.config["TODAY"] = "2023-11-24"
    page = client.get("/cong-van-don-doc").get_data(as_text=True)
    assert 'value="2023-11-27"' in page, "late already: three days from today"
