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
from ..docx_checks import all_text, assert_nd30, convert_to_pdf_if_possible
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
    # the base page carries the bell
    page = client.get("/viec-cua-toi").get_data(as_text=True)
    assert 'id="bell-count"' in page and 'hx-trigger="load, every 30s' in page


def test_marking_read_is_a_post_audited_and_refreshes_the_bell(client, login_as):
    note = notify(unit_id("binh-chanh"), "due_soon", "Nhắc việc thử", link="/viec-cua-toi")
    db.session.commit()
    login_as("commune")
    assert client.get(f"/thong-bao/{note.id}/da-doc").status_code == 405
    response = client.post(f"/thong-bao/{note.id}/da-doc", headers=htmx())
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "notifications-changed"
    assert response.get_data(as_text=True).lstrip().startswith(f'<tr id="note-{note.id}"')
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
    # 15/11: nobody is late yet
    page = client.get("/cong-van-don-doc").get_data(as_text=True)
    assert "không có đơn vị nào quá hạn" in page
    app.config["TODAY"] = "2023-11-24"
    page = client.get("/cong-van-don-doc").get_data(as_text=True)
    assert "UBND xã Bình Chánh" in page and "đang soạn, chưa nộp, quá hạn 2 ngày" in page
    from datetime import date
    from webapp.notifications.letter import late_units
    owed = {u.unit.code: [i.title for i in u.items] for u in late_units("overdue", date(2023, 11, 24))}
    assert "Báo cáo kết quả thực hiện (theo đề cương)" in owed["binh-chanh"]
    assert "Báo cáo kết quả thực hiện (theo đề cương)" not in owed["binh-long"], \
        "submitted work is not owed"
    assert "ldtbxh" not in owed, "the coordinator does not write to itself"
    assert "/UBND-LĐTBXH" in page and "V/v đôn đốc" in page


def test_letter_bad_deadline_is_refused_beside_the_field(app, client, login_as):
    app.config["TODAY"] = "2023-11-24"
    login_as("coordinator")
    response = client.get("/cong-van-don-doc?scope=overdue&deadline=2023-11-20")
    assert response.status_code == 422
    assert "Hạn hoàn thành phải sau ngày 24/11/2023" in response.get_data(as_text=True)
    response = client.get("/cong-van-don-doc?scope=overdue&deadline=31-02-x")
    assert response.status_code == 422 and "Ngày không hợp lệ" in response.get_data(as_text=True)
    assert client.get("/cong-van-don-doc/tai-ve?deadline=31-02-x").status_code == 422


def test_letter_docx_follows_nd30_for_a_cong_van(app, client, login_as):
    set_status(assignment("binh-chau", "bao-cao-ket-qua"), Status.DRAFTING,
               actor=user_for("commune"))
    db.session.commit()
    app.config["TODAY"] = "2023-11-24"
    login_as("coordinator")
    response = client.get("/cong-van-don-doc/tai-ve?scope=overdue&deadline=2023-11-28")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert "cong-van-don-doc-20231124.docx" in response.headers["Content-Disposition"]
    doc = assert_nd30(response.data)
    header = doc.tables[0]
    left = header.rows[1].cells[0].text
    assert "Số:" in left and "/UBND-LĐTBXH" in left and "V/v đôn đốc" in left
    assert "Bình Sơn, ngày 24 tháng 11 năm 2023" in header.rows[1].cells[1].text
    text = all_text(doc)
    assert "Kính gửi:" in text
    # many late communes are addressed in one line; the body names each one
    assert "- UBND các xã, thị trấn: Châu Ổ, Bình An, Bình Chánh, Bình Châu" in text
    assert ". UBND xã Bình Châu:" in text
    assert "Báo cáo kết quả thực hiện (theo đề cương) (hạn 22/11/2023): đang soạn, chưa nộp, " \
           "quá hạn 2 ngày" in text
    assert "trước ngày 28/11/2023" in text
    assert text.count("Báo cáo kết quả thực hiện (theo đề cương) (hạn 22/11/2023)") >= 20
    assert "./." in text and "KT. CHỦ TỊCH" in text and "Phạm Quang Sự" in text
    assert "{{" not in text and "{%" not in text
    Document(io.BytesIO(response.data))
    convert_to_pdf_if_possible(response.data)
