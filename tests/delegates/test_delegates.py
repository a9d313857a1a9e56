"""Naming delegates, replies, check-in, invitations issued: rules, roles and refusals."""
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from tests.conftest import htmx, user_for
from webapp import demo
from webapp.audit.models import AuditEntry
from webapp.core.errors import DomainError, NotAllowed
from webapp.delegates import invitations, queries, service
from webapp.delegates.models import Delegate, Reply
from webapp.duties.models import Assignment, Duty, Status
from webapp.extensions import db
from webapp.plan.loader import current_plan

from .factories import composition, delegate, unit, xlsx


def _named(unit_code, comp_code="xa-thon"):
    return (db.session.query(Delegate)
            .filter_by(unit_id=unit(unit_code).id, composition_id=composition(comp_code).id).count())


def test_commune_names_its_own_delegates_up_to_the_plan(client, login_as):
    login_as("commune")
    comp = composition("xa-thon")
    for i in range(4):
        r = client.post("/dai-bieu/them", data={
            "full_name": f"Nguyễn Văn Thôn {i}", "title": "Trưởng thôn", "composition_id": comp.id,
            "unit_id": 0, "rank": i, "phone": ""})
        assert r.status_code == 302
    db.session.rollback()
    assert _named("binh-chanh") == 4
    d = db.session.query(Delegate).filter_by(full_name="Nguyễn Văn Thôn 0").one()
    assert d.organisation == "Xã Bình Chánh"  # the commune's name by default
    # a fifth one is over the plan: refused next to the field, input kept
    r = client.post("/dai-bieu/them", data={"full_name": "Người Thứ Năm", "composition_id": comp.id,
                                           "rank": 100})
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert "chỉ có 4 chỗ theo kế hoạch" in page and 'value="Người Thứ Năm"' in page
    db.session.rollback()
    assert _named("binh-chanh") == 4


def test_commune_cannot_name_for_another_commune_or_the_district(client, login_as, app):
    user = login_as("commune")
    # the unit in the form is ignored: a commune always names for itself
    client.post("/dai-bieu/them", data={"full_name": "Lê Văn Lạ", "rank": 1,
                                        "composition_id": composition("xa-thon").id,
                                        "unit_id": unit("binh-long").id})
    db.session.rollback()
    assert _named("binh-long") == 0 and _named("binh-chanh") == 1
    with pytest.raises(NotAllowed, match="chỉ nêu tên đại biểu của đơn vị mình"):
        service.create(current_plan(), service.DelegateData(
            "Trần Văn Huyện", composition("huyen-thuong-truc").id), actor=user)
    other = delegate("Trần Thị Khác", "xa-thon", unit_code="binh-long")
    db.session.commit()
    assert client.get(f"/dai-bieu/{other.id}/sua").status_code == 404
    assert client.post(f"/dai-bieu/{other.id}/xoa", data={"version": 1}).status_code == 404
    assert client.post(f"/dai-bieu/{other.id}/tra-loi",
                       data={"reply": "attending", "version": 1}).status_code == 404
    # and the list shows only its own
    page = client.get("/dai-bieu/cua-don-vi").get_data(as_text=True)
    assert "Lê Văn Lạ" in page and "Trần Thị Khác" not in page


def test_leadership_reads_but_cannot_change(client, login_as):
    d = delegate("Phạm Văn Đọc", "huyen-phong-ban")
    db.session.commit()
    login_as("leadership")
    assert "Phạm Văn Đọc" in client.get("/dai-bieu/").get_data(as_text=True)
    assert client.post("/dai-bieu/them", data={}).status_code == 403
    assert client.post(f"/dai-bieu/{d.id}/tra-loi", data={"reply": "attending"}).status_code == 403
    assert client.post(f"/dai-bieu/{d.id}/co-mat", data={"arrived": "1"}).status_code == 403


def test_office_takes_replies_by_phone_with_htmx(client, login_as):
    d = delegate("Võ Văn Gọi", "huyen-phong-ban", title="Trưởng phòng")
    db.session.commit()
    login_as("office")
    r = client.post(f"/dai-bieu/{d.id}/tra-loi", headers=htmx(),
                    data={"reply": "substitute", "substitute_name": "", "version": d.version})
    assert r.status_code == 422 and "Ghi họ tên người dự thay" in r.get_data(as_text=True)
    r = client.post(f"/dai-bieu/{d.id}/tra-loi", headers=htmx(),
                    data={"reply": "substitute", "substitute_name": "Đinh Thị Thay",
                          "substitute_title": "Phó phòng", "version": d.version})
    assert r.status_code == 200
    body = r.get_data(as_text=True)
    assert body.lstrip().startswith('<tr id="reply-') and "Cử người dự thay" in body
    db.session.rollback()
    d = db.session.get(Delegate, d.id)
    assert (d.reply, d.substitute_name, d.attendee_name) == ("substitute", "Đinh Thị Thay",
                                                            "Đinh Thị Thay")
    # a stale form (opened before this save) is refused, not applied
    r = client.post(f"/dai-bieu/{d.id}/tra-loi", headers=htmx(),
                    data={"reply": "declined", "version": d.version - 1})
    assert r.status_code == 409
    entry = db.session.query(AuditEntry).filter_by(action="delegate.reply").one()
    assert entry.before["reply"] == "pending" and entry.after["substitute_name"] == "Đinh Thị Thay"


def test_check_in_and_undo_update_the_counter(client, login_as):
    d = delegate("Huỳnh Văn Đến", "huyen-bcd", reply=Reply.ATTENDING)
    delegate("Trần Văn Chờ", "huyen-bcd", reply=Reply.ATTENDING)
    db.session.commit()
    login_as("office")
    r = client.get("/dai-bieu/diem-danh/tim?q=huynh den", headers=htmx())
    assert "Huỳnh Văn Đến" in r.get_data(as_text=True)
    assert "Trần Văn Chờ" not in r.get_data(as_text=True)
    r = client.post(f"/dai-bieu/{d.id}/co-mat", data={"arrived": "1"}, headers=htmx())
    body = r.get_data(as_text=True)
    assert r.status_code == 200 and "Có mặt" in body and 'id="present-count">1<' in body
    assert 'hx-swap-oob="true"' in body
    counter = client.get("/dai-bieu/co-mat", headers=htmx()).get_data(as_text=True)
    assert 'id="present-count">1<' in counter and 'id="expected-count">2<' in counter
    client.post(f"/dai-bieu/{d.id}/co-mat", data={"arrived": "0"}, headers=htmx())
    db.session.rollback()
    assert db.session.get(Delegate, d.id).checked_in_at is None
    assert queries.attendance(current_plan())["present"] == 0


def test_issuing_invitations_numbers_them_and_marks_the_duty(app, client, login_as):
    """The number and date come from the outgoing register (webapp/issuing's invitation
    kind): the page has no number of its own to type."""
    app.config["TODAY"] = date(2023, 11, 20)
    plan = current_plan()
    plan.conference_date = date(2023, 12, 5)
    delegate("Lý Văn Mời", "huyen-phong-ban")
    delegate("Võ Thị Xã", "xa-thon", unit_code="binh-chanh", organisation="Xã Bình Chánh")
    db.session.commit()
    login_as("coordinator")
    assert client.post("/van-ban/lap", data={"kind": "invitation"}).status_code == 403
    login_as("office")
    page = client.get("/dai-bieu/giay-moi").get_data(as_text=True)
    assert 'name="number"' not in page and 'name="issued_on"' not in page
    assert "<strong>chưa có số</strong>" in page and "Lập văn bản trình ký" in page
    assert 'value="invitation"' in page
    assert client.post("/dai-bieu/giay-moi", data={"number": 125}).status_code == 405
    paper = demo.issue_on_paper("invitation", drafter=user_for("office"),
                                leader=user_for("leadership"), clerk=user_for("office"))
    db.session.commit()
    assert paper.number_text == "01/GM-UBND"
    assert db.session.query(Delegate).filter_by(full_name="Lý Văn Mời").one().invitation_number \
        == "01/GM-UBND"
    a = (db.session.query(Assignment).join(Assignment.duty)
         .filter(Duty.code == "phat-hanh-giay-moi").one())
    assert a.status == Status.SUBMITTED
    page = client.get("/dai-bieu/giay-moi").get_data(as_text=True)
    assert "<strong>số 01/GM-UBND</strong> ngày 20/11/2023" in page
    assert "01/GM-UBND" in client.get("/so-van-ban-di").get_data(as_text=True)
    login_as("commune")
    assert "01/GM-UBND" in client.get("/van-ban-den").get_data(as_text=True)
    login_as("office")
    # the same number twice is refused; nobody new to invite is refused too
    with pytest.raises(DomainError, match="đã dùng"):
        invitations.issue(plan, number=1, issued_on=date(2023, 11, 21), meeting_time="8 giờ",
                          only_new=True, actor=user_for("office"))
    with pytest.raises(DomainError, match="Không có đại biểu nào"):
        invitations.issue(plan, number=126, issued_on=date(2023, 11, 21), meeting_time="8 giờ",
                          only_new=True, actor=user_for("office"))
    # the download reopens as a docx
    batch = invitations.issues(plan)[0]
    r = client.get(f"/dai-bieu/giay-moi/{batch.id}/tai-ve?cach=organisation")
    assert r.status_code == 200 and r.data[:2] == b"PK"


# --- Excel -----------------------------------------------------------------------------------



def _upload(client, data: bytes, name="dai-bieu.xlsx"):
    return client.post("/dai-bieu/nhap-excel", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_excel_import_all_or_nothing_with_a_message_per_row(client, login_as):
    login_as("office")
    data = xlsx([
        [1, "Nguyễn Văn Đúng", "Đồng chí", "Phó Chủ tịch", "UBND huyện", "huyen-thuong-truc", "", 1, "0905 123 456"],
        [2, "", "", "Trưởng phòng", "Phòng Y tế", "huyen-phong-ban", "", 2, ""],
        [3, "Lê Thị Sai", "", "", "", "khong-co", "", "", ""],
        [4, "Trần Văn Xã", "", "Trưởng thôn", "", "xa-thon", "Bình Không Có", "", ""],
        [5, "Phạm Văn Số", "", "", "", "huyen-bcd", "", "hai", "abc"],
    ])
    r = _upload(client, data)
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert "Dòng 3, cột B (Họ và tên (*)): nhập họ và tên đại biểu." in page
    assert "Dòng 4, cột F (Thành phần (*)): không có thành phần “khong-co”" in page
    assert "Dòng 5, cột G (Xã, thị trấn): không có xã, thị trấn “Bình Không Có”." in page
    assert "Dòng 6, cột H (Thứ tự): “hai” không phải số nguyên." in page
    db.session.rollback()
    assert db.session.query(Delegate).count() == 0  # the good row was not imported either


def test_excel_import_over_the_plan_is_refused(client, login_as):
    login_as("coordinator")
    rows = [[i, f"Người Thôn {i}", "", "Trưởng thôn", "", "xa-thon", "Bình Chánh", i, ""]
            for i in range(1, 6)]
    r = _upload(client, xlsx(rows))
    assert r.status_code == 422
    assert "Dòng 6, cột F (Thành phần (*)): vượt số dự kiến" in r.get_data(as_text=True)
    db.session.rollback()
    assert db.session.query(Delegate).count() == 0


def test_excel_round_trip_keeps_special_characters(client, login_as):
    login_as("office")
    rows = [[1, "Trần Văn <Tâm> & Cộng sự", "", "Giám đốc", "Sở LĐ-TB&XH", "tinh-so-ldtbxh", "", 1, ""],
            [2, "Đỗ Thị Hà", "Bà", "Chủ tịch UBND xã", "", "xa-lanh-dao", "binh-chanh", 1, ""]]
    r = _upload(client, xlsx(rows))
    assert r.status_code == 200 and "2 đại biểu mới" in r.get_data(as_text=True)
    db.session.rollback()
    assert db.session.query(Delegate).count() == 2
    exported = client.get("/dai-bieu/danh-sach.xlsx").data
    ws = load_workbook(io.BytesIO(exported))["Đại biểu"]
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert values[0][1] == "Trần Văn <Tâm> & Cộng sự" and values[0][4] == "Sở LĐ-TB&XH"
    # names, not codes: the composition's label, the commune's name, the form of address
    assert values[1][2] == "Bà" and values[1][6] == "Xã Bình Chánh"
    assert values[1][5] == "Đại diện lãnh đạo UBND, Ủy ban MTTQ Việt Nam các xã, thị trấn"
    assert "Mã hệ thống" not in [c.value for c in ws[1]]
    # edit the exported file and import it back: people are matched, updated, not doubled
    wb = load_workbook(io.BytesIO(exported))
    wb["Đại biểu"]["D3"] = "Chủ tịch UBND xã Bình Chánh"
    out = io.BytesIO()
    wb.save(out)
    r = _upload(client, out.getvalue())
    assert r.status_code == 200
    assert "0 đại biểu mới, cập nhật 1, 1 không thay đổi" in r.get_data(as_text=True)
    db.session.rollback()
    assert db.session.query(Delegate).count() == 2
    assert db.session.query(Delegate).filter_by(full_name="Đỗ Thị Hà").one().title \
        == "Chủ tịch UBND xã Bình Chánh"
    # the list .docx keeps them intact too
    from tests.docx_checks import all_text, assert_nd30
    text = all_text(assert_nd30(client.get("/dai-bieu/danh-sach.docx").data, header_table=False))
    assert "Trần Văn <Tâm> & Cộng sự" in text and "Sở LĐ-TB&XH" in text


def test_excel_upload_is_checked_before_opening(client, login_as):
    login_as("office")
    r = _upload(client, b"not a workbook at all", name="dai-bieu.xlsx")
    assert r.status_code == 422 and "Chỉ nhận tệp Excel (.xlsx)" in r.get_data(as_text=True)
    template = client.get("/dai-bieu/mau-nhap.xlsx")
    assert template.status_code == 200
    wb = load_workbook(io.BytesIO(template.data))
    assert wb.sheetnames == ["Đại biểu", "Thành phần", "Xã, thị trấn"]
    assert [c.value for c in wb["Đại biểu"][1]][:3] == ["STT", "Họ và tên (*)", "Xưng hô"]
    assert wb["Thành phần"].max_row == 1 + len(current_plan().compositions)


def test_seats_follow_protocol_and_skip_those_declining(client, login_as):
    delegate("Lê Văn Tỉnh", "tinh-ubnd", reply=Reply.ATTENDING)
    delegate("Trần Văn Một", "huyen-thuong-truc", rank=1, reply=Reply.ATTENDING)
    delegate("Trần Văn Hai", "huyen-thuong-truc", rank=2)
    delegate("Võ Văn Vắng", "huyen-thuong-truc", rank=3, reply=Reply.DECLINED)
    db.session.commit()
    login_as("office")
    assert client.post("/dai-bieu/so-do-cho-ngoi/xep-cho", data={"per_row": 4}).status_code == 303
    db.session.rollback()
    seats = {d.full_name: d.seat for d in db.session.query(Delegate)}
    assert seats == {"Lê Văn Tỉnh": "A1", "Trần Văn Một": "B1", "Trần Văn Hai": "B2",
                     "Võ Văn Vắng": ""}
    page = client.get("/dai-bieu/so-do-cho-ngoi").get_data(as_text=True)
    assert "Hàng B" in page and "Võ Văn Vắng" not in page


def test_a_department_answers_for_its_own_invitee_only(client, login_as):
    own = delegate("Trần Văn Phòng", "huyen-phong-ban", unit_code="nnptnt", title="Trưởng phòng")
    other = delegate("Lê Thị Khác", "huyen-phong-ban", unit_code="yte", title="Trưởng phòng")
    db.session.commit()
    login_as("department")
    page = client.get("/dai-bieu/tra-loi").get_data(as_text=True)
    assert "Trần Văn Phòng" in page and "Lê Thị Khác" not in page
    r = client.post(f"/dai-bieu/{own.id}/tra-loi", headers=htmx(),
                    data={"reply": "attending", "version": own.version})
    assert r.status_code == 200 and "Trần Văn Phòng" in r.get_data(as_text=True)
    assert client.post(f"/dai-bieu/{other.id}/tra-loi", headers=htmx(),
                       data={"reply": "declined", "version": other.version}).status_code == 404
    db.session.rollback()
    assert db.session.get(Delegate, own.id).reply == "attending"
    assert db.session.get(Delegate, other.id).reply == "pending"


def test_a_refused_reply_without_javascript_shows_its_row_with_the_choice_kept(client, login_as):
    d = delegate("Võ Văn Không Script", "huyen-phong-ban", title="Trưởng phòng")
    db.session.commit()
    login_as("office")
    r = client.post(f"/dai-bieu/{d.id}/tra-loi",
                    data={"reply": "substitute", "substitute_name": "", "version": d.version})
    page = r.get_data(as_text=True)
    # the replies page, found by the delegate's name, the row with its message and the choice
    assert r.status_code == 422 and "<html" in page and "Ghi nhận trả lời giấy mời" in page
    row = page[page.index(f'<tr id="reply-{d.id}"'):]
    row = row[:row.index("</tr>")]
    assert "Ghi họ tên người dự thay" in row
    assert 'value="substitute" checked' in row
    assert 'value="Võ Văn Không Script"' in page  # the search box says why only this row
    r = client.post(f"/dai-bieu/{d.id}/tra-loi",
                    data={"reply": "declined", "version": d.version - 1})
    page = r.get_data(as_text=True)
    row = page[page.index(f'<tr id="reply-{d.id}"'):]
    assert r.status_code == 409 and "vừa được người khác cập nhật" in row[:row.index("</tr>")]
