"""Fixes of issues 10, 11 and 14 in the delegates: each test fails on the code before them."""
import io
import zipfile
from datetime import date

from openpyxl import load_workbook

from tests.conftest import htmx, user_for
from webapp.core.inbox import waiting_for
from webapp.delegates import excel, queries, service
from webapp.delegates.models import Delegate, Reply
from webapp.delegates.naming import naming_assignment
from webapp.duties.models import Status
from webapp.extensions import db
from webapp.plan.loader import current_plan

from .factories import composition, delegate, unit, xlsx


def _upload(client, data: bytes, name="dai-bieu.xlsx"):
    return client.post("/dai-bieu/nhap-excel", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")




# --- issue 14: bad input is a message, never a 500 -------------------------------------------

def test_tampered_version_on_edit_delete_and_reply_is_a_clear_422(client, login_as):
    d = delegate("Nguyễn Văn Thử", "xa-thon", unit_code="binh-chanh", title="Trưởng thôn")
    db.session.commit()
    login_as("office")
    message = "Biểu mẫu không hợp lệ hoặc đã cũ"
    r = client.post(f"/dai-bieu/{d.id}/sua", data={
        "full_name": "Nguyễn Văn Sửa", "composition_id": d.composition_id,
        "unit_id": d.unit_id, "rank": 1, "address": "dong_chi", "version": "abc"})
    assert r.status_code == 422 and message in r.get_data(as_text=True)
    assert "Nguyễn Văn Sửa" in r.get_data(as_text=True)  # the input is kept
    r = client.post(f"/dai-bieu/{d.id}/xoa", data={"version": "abc"})
    assert r.status_code == 422 and message in r.get_data(as_text=True)
    r = client.post(f"/dai-bieu/{d.id}/tra-loi", data={"reply": "attending", "version": "abc"},
                    headers=htmx())
    assert r.status_code == 422 and message in r.get_data(as_text=True)
    r = client.post(f"/dai-bieu/{d.id}/sua", data={
        "full_name": "X", "composition_id": "abc", "unit_id": "xyz", "rank": "mười",
        "version": d.version})
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and "Nhập thứ tự (số nguyên)." in page
    db.session.rollback()
    assert db.session.get(Delegate, d.id).full_name == "Nguyễn Văn Thử"


def _with_undefined_entity(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            part = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                part = part.replace(b"<sheetData>", b"<sheetData><row r=\"9\"><c r=\"B9\" "
                                                    b"t=\"inlineStr\"><is><t>&boom;</t></is></c></row>")
            target.writestr(name, part)
    return out.getvalue()


def test_xlsx_with_an_undefined_xml_entity_is_a_message_not_a_500(client, login_as):
    login_as("office")
    r = _upload(client, _with_undefined_entity(xlsx([[1, "Nguyễn Văn A"]])))
    assert r.status_code == 422
    assert "Không đọc được tệp Excel" in r.get_data(as_text=True)


def test_xlsx_bomb_is_refused_before_any_parser_opens_it(client, login_as):
    login_as("office")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        source = zipfile.ZipFile(io.BytesIO(xlsx([])))
        for name in source.namelist():
            z.writestr(name, source.read(name))
        z.writestr("xl/media/padding.bin", b"\0" * (30 * 1024 * 1024))
    r = _upload(client, out.getvalue())
    assert r.status_code == 422 and "giải nén bất thường" in r.get_data(as_text=True)


# --- issue 10: re-import, replies, walk-ins, confirmation, the naming duty ---------------------

def test_reimporting_the_same_file_matches_people_and_imports_replies(client, login_as):
    login_as("office")
    rows = [[1, "Trần Văn Một", "Đồng chí", "Trưởng thôn Phú Lễ", "",
             "Trưởng thôn, Tổ trưởng tổ dân phố, Trưởng Ban công tác Mặt trận thôn/tổ dân phố "
             "(mỗi xã, thị trấn 4 đại biểu)", "Xã Bình Chánh", 1, "", "Dự"],
            [2, "Lê Thị Hai", "Bà", "Giám đốc", "Công ty A", "huyen-bcd", "", 2, "", ""]]
    first = _upload(client, xlsx(rows))
    assert first.status_code == 200
    assert "2 đại biểu mới, cập nhật 0, 0 không thay đổi" in first.get_data(as_text=True)
    again = _upload(client, xlsx(rows))
    assert "0 đại biểu mới, cập nhật 0, 2 không thay đổi" in again.get_data(as_text=True)
    rows[1][9] = "Không dự"
    third = _upload(client, xlsx(rows))
    assert "0 đại biểu mới, cập nhật 1, 1 không thay đổi" in third.get_data(as_text=True)
    db.session.rollback()
    people = {d.full_name: d for d in db.session.query(Delegate)}
    assert len(people) == 2  # nobody twice
    assert people["Trần Văn Một"].reply == Reply.ATTENDING
    assert people["Lê Thị Hai"].reply == Reply.DECLINED and people["Lê Thị Hai"].address == "ba"


def test_a_walk_in_is_added_present_at_check_in_and_counted_apart(client, login_as):
    login_as("office")
    comp = composition("huyen-phong-ban")
    r = client.post("/dai-bieu/diem-danh/them", headers=htmx(), data={
        "full_name": "Võ Văn Đến", "address": "dong_chi", "title": "Phó Trưởng phòng",
        "organisation": "Phòng Y tế", "composition_id": comp.id, "unit_id": 0})
    assert r.status_code == 200 and "Đã thêm Võ Văn Đến và đánh dấu có mặt" in r.get_data(as_text=True)
    db.session.rollback()
    d = db.session.query(Delegate).filter_by(full_name="Võ Văn Đến").one()
    assert d.walk_in and d.checked_in_at is not None and d.reply == Reply.ATTENDING
    numbers = queries.attendance(current_plan())
    assert numbers["present"] == 1 and numbers["walk_ins"] == 1 and numbers["named"] == 0
    r = client.post("/dai-bieu/diem-danh/them", headers=htmx(), data={
        "full_name": "", "composition_id": comp.id})
    assert r.status_code == 422 and "Nhập họ và tên đại biểu." in r.get_data(as_text=True)


def test_deleting_a_delegate_asks_first(client, login_as):
    d = delegate("Nguyễn Văn Xóa", "xa-thon", unit_code="binh-chanh", title="Trưởng thôn")
    db.session.commit()
    login_as("commune")
    page = client.get("/dai-bieu/cua-don-vi").get_data(as_text=True)
    assert f'href="/dai-bieu/{d.id}/xoa"' in page and "<form method=\"post\" action=\"/dai-bieu/" \
        f"{d.id}/xoa\"" not in page  # the list links to the confirmation, it does not delete
    confirm = client.get(f"/dai-bieu/{d.id}/xoa")
    assert confirm.status_code == 200 and "Xóa đại biểu Nguyễn Văn Xóa?" in confirm.get_data(as_text=True)
    db.session.rollback()
    assert db.session.get(Delegate, d.id) is not None
    delegate_id, version = d.id, d.version
    assert client.post(f"/dai-bieu/{delegate_id}/xoa", data={"version": version}).status_code == 303
    db.session.rollback()
    assert db.session.query(Delegate).filter_by(id=delegate_id).count() == 0


def _waiting(app, user) -> dict:
    with app.test_request_context():
        return {w.label: w for w in waiting_for(user)}


def test_naming_delegates_is_the_communes_duty_and_follows_the_naming(app, client, login_as):
    plan = current_plan()
    bc = unit("binh-chanh")
    assignment = naming_assignment(plan, bc.id)
    assert assignment is not None and assignment.duty.deadline == date(2023, 11, 22)
    assert assignment.status == Status.NOT_STARTED
    commune = user_for("commune")
    assert _waiting(app, commune)["Đại biểu cần nêu tên"].count == 6
    lead, village = composition("xa-lanh-dao"), composition("xa-thon")
    made = [service.create(plan, service.DelegateData(f"Người Số {n}", lead.id, unit_id=bc.id),
                           actor=commune) for n in range(2)]
    db.session.refresh(assignment)
    assert assignment.status == Status.DRAFTING
    made += [service.create(plan, service.DelegateData(f"Người Thôn {n}", village.id,
                                                       unit_id=bc.id), actor=commune)
             for n in range(4)]
    db.session.refresh(assignment)
    assert assignment.status == Status.SUBMITTED
    assert "Đại biểu cần nêu tên" not in _waiting(app, commune)
    service.delete(made[-1], actor=commune, expected_version=None)
    db.session.refresh(assignment)
    assert assignment.status == Status.DRAFTING
    # the commune's page is its duty's page
    login_as("commune")
    home = client.get("/viec-cua-toi").get_data(as_text=True)
    assert "Nêu tên đại biểu dự hội nghị" in home


def test_replies_to_record_wait_for_the_office_and_the_unit(app):
    plan = current_plan()
    plan.conference_date = date(2023, 12, 5)
    delegate("Nguyễn Văn Chờ", "xa-thon", unit_code="binh-chanh", title="Trưởng thôn")
    db.session.flush()
    from webapp.delegates import invitations
    invitations.issue(plan, number=12, issued_on=date(2023, 11, 20), meeting_time="7h30",
                      only_new=False, actor=user_for("office"))
    db.session.flush()
    office, commune = _waiting(app, user_for("office")), _waiting(app, user_for("commune"))
    assert office["Trả lời giấy mời cần ghi nhận"].count == 1
    assert commune["Trả lời giấy mời cần ghi nhận"].url.startswith("/dai-bieu/tra-loi")


# --- issue 11: the invitations, the spreadsheet ----------------------------------------------

def test_the_issuing_bodys_own_leaders_are_not_invited(app):
    plan = current_plan()
    plan.conference_date = date(2023, 12, 5)
    delegate("Phan Quốc Khoa", "huyen-thuong-truc", unit_code="ubnd", rank=1,
             title="Chủ tịch UBND huyện", organisation="UBND huyện Bình Sơn")
    delegate("Võ Văn Khách", "huyen-phong-ban", title="Trưởng phòng", organisation="Phòng Y tế")
    from webapp.delegates import invitations, lists
    batch = invitations.issue(plan, number=7, issued_on=date(2023, 11, 20), meeting_time="07:30",
                              only_new=False, actor=user_for("office"))
    assert batch.delegate_count == 1 and batch.meeting_time == "07 giờ 30 phút"
    pages = invitations.invitation_context(plan, batch, "person")["pages"]
    assert [p["addressee"] for p in pages] == ["Đồng chí Võ Văn Khách, Trưởng phòng Y tế"]
    # the list annexed to the giấy mời lists its invitees only; the presiding leader attends
    # and is on the sign-in sheet, in a group of its own
    rows = [r["name"] for g in lists.list_context(plan)["groups"] for r in g["rows"]]
    assert rows == ["Võ Văn Khách"]
    groups = lists.signin_context(plan)["groups"]
    assert [(g["label"], [r["name"] for r in g["rows"]]) for g in groups][0] == \
        ("Lãnh đạo UBND huyện chủ trì hội nghị", ["Phan Quốc Khoa"])


def test_the_export_writes_text_as_text_with_totals_frozen_header_and_print_titles(app):
    delegate('=HYPERLINK("http://x","y")', "huyen-bcd", title="Chủ\x01 tịch",
             reply=Reply.ATTENDING)
    ws_book = load_workbook(io.BytesIO(excel.export(current_plan())))
    ws = ws_book["Đại biểu"]
    cell = ws["B2"]
    assert cell.value == '=HYPERLINK("http://x","y")' and cell.data_type == "s"
    assert ws["D2"].value == "Chủ tịch"
    assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
    assert ws.column_dimensions["B"].width == 26
    totals = ws_book["Tổng hợp"]
    last = totals.max_row
    assert totals[f"A{last}"].value == "Cộng" and totals[f"B{last}"].value.startswith("=SUM(B2:B")
    assert totals["C2"].value.startswith("=COUNTIF(")
