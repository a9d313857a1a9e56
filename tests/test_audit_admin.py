"""The audit log (append-only, filterable, per-object history) and account administration."""
import pytest
from sqlalchemy import text

from webapp.audit.models import AuditEntry
from webapp.audit.service import record
from webapp.auth.models import User
from webapp.extensions import db

from .conftest import TEST_PASSWORD, user_for
from .test_operations import _append_only_error


def test_the_audit_log_refuses_update_and_delete_in_the_database(app):
    entry = record("test.event", summary="một sự kiện", object_type="unit", object_id=1)
    db.session.commit()
    with pytest.raises(_append_only_error(), match="audit_entry is append-only"):
        db.session.execute(text("UPDATE audit_entry SET summary = 'sửa' WHERE id = :i"),
                           {"i": entry.id})
        db.session.flush()
    db.session.rollback()
    with pytest.raises(_append_only_error(), match="audit_entry is append-only"):
        db.session.execute(text("DELETE FROM audit_entry WHERE id = :i"), {"i": entry.id})
        db.session.flush()
    db.session.rollback()
    assert db.session.get(AuditEntry, entry.id).summary == "một sự kiện"


def test_admin_creates_an_account_which_must_change_its_password(client, login_as):
    login_as("admin")
    from webapp.plan.models import Unit
    unit = db.session.query(Unit).filter_by(code="binh-long").one()
    response = client.post("/quan-tri/tai-khoan", data={
        "unit_id": unit.id, "username": "binhlong2", "full_name": "Nguyễn Văn Thử",
        "position": "Công chức", "email": "", "password": "mat-khau-ban-dau"})
    assert response.status_code == 302
    db.session.rollback()
    user = db.session.query(User).filter_by(username="binhlong2").one()
    assert user.unit.code == "binh-long" and user.must_change_password
    assert user.role == "commune"
    entry = db.session.query(AuditEntry).filter_by(action="account.created", object_id=user.id).one()
    assert entry.after["username"] == "binhlong2" and entry.user_id == user_for("admin").id


def test_the_unit_drop_down_names_each_unit_once(client, login_as):
    """Not "Phòng Nội vụ – Phòng Nội vụ": a unit by its name, grouped under its kind when the
    kind has several units."""
    import re
    login_as("admin")
    page = client.get("/quan-tri/tai-khoan").get_data(as_text=True)
    select = page[page.index('name="unit_id"'):]
    select = select[:select.index("</select>")]
    labels = re.findall(r"<option[^>]*>([^<]*)</option>", select)
    assert "Phòng Nội vụ" in labels and "Văn phòng HĐND và UBND huyện" in labels
    assert not any(" – " in label for label in labels), labels
    assert '<optgroup label="Xã, thị trấn">' in select
    assert "Xã Bình Long" in labels and len(labels) == len(set(labels))


def test_account_form_errors_beside_fields_and_input_kept(client, login_as):
    login_as("admin")
    from webapp.plan.models import Unit
    unit = db.session.query(Unit).filter_by(code="binh-long").one()
    response = client.post("/quan-tri/tai-khoan", data={
        "unit_id": unit.id, "username": "t-mttq", "full_name": "Trùng Tên",
        "email": "khong-phai-email", "password": "mat-khau-ban-dau"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Địa chỉ thư điện tử không hợp lệ." in page
    assert 'value="Trùng Tên"' in page
    response = client.post("/quan-tri/tai-khoan", data={
        "unit_id": unit.id, "username": "t-mttq", "full_name": "Trùng Tên",
        "password": "mat-khau-ban-dau"})
    assert "Tên đăng nhập này đã có người dùng." in response.get_data(as_text=True)


def test_reset_password_and_deactivate_end_the_users_sessions(app, client, login_as):
    target = user_for("mass_org")
    victim = app.test_client()
    victim.post("/dang-nhap", data={"username": "t-mttq", "password": TEST_PASSWORD})
    assert victim.get("/viec-cua-toi").status_code == 200
    login_as("admin")
    version = target.session_version
    assert client.post(f"/quan-tri/tai-khoan/{target.id}/dat-lai-mat-khau",
                       data={"password": "mat-khau-moi-123", "version": version}).status_code == 302
    assert victim.get("/viec-cua-toi").status_code == 302
    db.session.rollback()
    target = db.session.get(User, target.id)
    assert client.post(f"/quan-tri/tai-khoan/{target.id}/khoa",
                       data={"version": target.session_version}).status_code == 302
    db.session.rollback()
    assert db.session.get(User, target.id).active is False
    login = app.test_client().post("/dang-nhap", data={"username": "t-mttq",
                                                       "password": "mat-khau-moi-123"})
    assert login.status_code == 422
    history = client.get(f"/quan-tri/tai-khoan/{target.id}").get_data(as_text=True)
    assert "Đặt lại mật khẩu cho t-mttq" in history and "Khóa tài khoản t-mttq" in history


def test_admin_log_filters(client, login_as):
    record("account.created", summary="Tạo A", object_type="user_account", object_id=1)
    record("assignment.status", summary="Đổi B", object_type="assignment", object_id=2)
    db.session.commit()
    login_as("admin")
    page = client.get("/quan-tri/nhat-ky?object_type=assignment",
                      headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Đổi B" in page and "Tạo A" not in page
    full = client.get("/quan-tri/nhat-ky").get_data(as_text=True)
    assert "Tạo A" in full and "Đổi B" in full


def test_a_delegate_and_a_budget_line_show_their_history(client, login_as):
    from webapp.budget.models import BudgetLine
    from webapp.delegates.models import Delegate
    from webapp.plan.loader import current_plan
    from webapp.plan.models import DelegateComposition
    plan = current_plan()
    comp = db.session.query(DelegateComposition).filter_by(code="huyen-phong-ban").one()
    login_as("office")
    client.post("/dai-bieu/them", data={"full_name": "Phan Văn Lịch", "title": "Trưởng phòng",
                                        "organisation": "Phòng Tư pháp", "composition_id": comp.id,
                                        "unit_id": 0, "rank": 10, "phone": ""})
    db.session.rollback()
    d = db.session.query(Delegate).filter_by(full_name="Phan Văn Lịch").one()
    page = client.get(f"/dai-bieu/{d.id}/sua").get_data(as_text=True)
    assert "Lịch sử thay đổi" in page and "Cơ quan, đơn vị" in page and "Phòng Tư pháp" in page
    source = plan.funding_sources[0]
    client.post("/kinh-phi/them", data={"category": "hall", "description": "Trang trí hội trường",
                                         "quantity": "1", "unit_price": "1.500.000", "funding_source_id": source.id,
                                         "note": ""})
    db.session.rollback()
    line = db.session.query(BudgetLine).filter_by(description="Trang trí hội trường").one()
    page = client.get(f"/kinh-phi/{line.id}/sua").get_data(as_text=True)
    assert "Lịch sử thay đổi" in page and "Thành tiền (đồng)" in page and "1.500.000" in page


def test_the_audit_log_pages_through_every_entry_and_keeps_the_filters(client, login_as):
    """It stopped at the 200 latest entries: now 50 a page through all of them, and a page
    link keeps the filters (and a filter change starts again at page 1)."""
    for n in range(260):
        record("assignment.status", summary=f"Đổi trạng thái số {n:03d}",
               object_type="assignment", object_id=n)
    record("account.created", summary="Tạo tài khoản khác", object_type="user_account",
           object_id=1)
    db.session.commit()
    login_as("admin")
    first = client.get("/quan-tri/nhat-ky?object_type=assignment").get_data(as_text=True)
    assert "Mục 1–50 trong 260 mục" in first
    assert "Đổi trạng thái số 259" in first and "Đổi trạng thái số 209" not in first
    assert "Tạo tài khoản khác" not in first
    assert 'href="/quan-tri/nhat-ky?trang=2&amp;object_type=assignment"' in first
    assert 'href="/quan-tri/nhat-ky?trang=6&amp;object_type=assignment"' in first
    second = client.get("/quan-tri/nhat-ky?trang=2&object_type=assignment",
                        headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Mục 51–100 trong 260 mục" in second
    assert "Đổi trạng thái số 209" in second and "Đổi trạng thái số 259" not in second
    assert "Tạo tài khoản khác" not in second, "page 2 keeps the filter"
    assert 'href="/quan-tri/nhat-ky?trang=3&amp;object_type=assignment"' in second
    last = client.get("/quan-tri/nhat-ky?object_type=assignment&trang=6",
                      headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in last and 'id="audit-panel"' in last
    assert "Mục 251–260 trong 260 mục" in last and "Đổi trạng thái số 000" in last
    assert '<option value="assignment" selected>' in last, "the filters are rendered from the URL"
    history = client.get("/quan-tri/nhat-ky?object_type=user_account").get_data(as_text=True)
    assert "Tạo tài khoản khác" in history and "Tài khoản" in history


def test_locking_an_account_asks_for_confirmation_and_never_ones_own(client, login_as):
    admin = login_as("admin")
    target = user_for("mass_org")
    page = client.get(f"/quan-tri/tai-khoan/{target.id}").get_data(as_text=True)
    assert 'hx-confirm="Khóa tài khoản t-mttq' in page
    own = client.get(f"/quan-tri/tai-khoan/{admin.id}").get_data(as_text=True)
    assert "không tự khóa được" in own and 'id="account-toggle"' not in own
    refused = client.post(f"/quan-tri/tai-khoan/{admin.id}/khoa",
                          data={"version": admin.session_version}, headers={"HX-Request": "true"})
    assert refused.status_code == 403 and "Không thể tự khóa" in refused.get_data(as_text=True)
    done = client.post(f"/quan-tri/tai-khoan/{target.id}/khoa",
                       data={"version": target.session_version}, headers={"HX-Request": "true"})
    assert done.status_code == 204
    assert done.headers["HX-Redirect"] == f"/quan-tri/tai-khoan/{target.id}"


def test_the_audit_log_dates_are_typed_dd_mm_yyyy_and_a_bad_one_is_said(client, login_as):
    record("account.created", summary="Tạo tài khoản hôm nay", object_type="user_account",
           object_id=1)
    db.session.commit()
    login_as("admin")
    found = client.get("/quan-tri/nhat-ky?from=15/11/2023&to=15/11/2023")
    assert found.status_code == 200 and "Tạo tài khoản hôm nay" in found.get_data(as_text=True)
    assert client.get("/quan-tri/nhat-ky?from=16/11/2023").get_data(as_text=True).count(
        "Tạo tài khoản hôm nay") == 0
    bad = client.get("/quan-tri/nhat-ky?from=31/02/2023")
    assert bad.status_code == 422
    assert "Từ ngày không hợp lệ: nhập theo dạng dd/mm/yyyy" in bad.get_data(as_text=True)
    assert 'value="31/02/2023"' in bad.get_data(as_text=True), "what was typed is kept"


def test_the_account_list_pages_and_the_search_is_kept_by_the_page_links(client, login_as):
    """50 accounts a page (the list grew with every unit's accounts): page 2 shows the rest,
    and the search (typed without diacritics too) stays in the page links."""
    import re
    from webapp.plan.models import Unit
    dong = db.session.query(Unit).filter_by(code="binh-dong").one()
    other = db.session.query(Unit).filter_by(code="binh-long").one()
    for n in range(60):
        db.session.add(User(unit_id=dong.id, username=f"bd{n:02d}", full_name=f"Cán bộ {n:02d}",
                            password_hash="x"))
    db.session.add(User(unit_id=other.id, username="bl-khac", full_name="Người Bình Long",
                        password_hash="x"))
    db.session.commit()
    login_as("admin")
    first = client.get("/quan-tri/tai-khoan?q=đông", headers={"HX-Request": "true"})
    text = first.get_data(as_text=True)
    assert first.status_code == 200 and text.lstrip().startswith('<div id="accounts-panel">')
    shown = re.findall(r">(bd\d\d)</a>", text)
    assert len(shown) == 50 and "bl-khac" not in text
    assert re.search(r"Tài khoản 1–50 trong 6\d khớp “đông”\.", text)
    assert 'href="/quan-tri/tai-khoan?trang=2&amp;q=%C4%91%C3%B4ng"' in text
    second = client.get("/quan-tri/tai-khoan?trang=2&q=%C4%91%C3%B4ng").get_data(as_text=True)
    rest = re.findall(r">(bd\d\d)</a>", second)
    assert rest and not set(rest) & set(shown), "page 2 shows what page 1 does not"
    assert len(shown) + len(rest) == 60 and "bl-khac" not in second
    assert 'value="đông"' in second, "the search box shows the search of the URL"
    assert "Cán bộ 07" in client.get("/quan-tri/tai-khoan?q=Cán+bộ+07").get_data(as_text=True)
    assert "Không có tài khoản nào khớp “zzz”." in client.get(
        "/quan-tri/tai-khoan?q=zzz").get_data(as_text=True)


def test_the_unit_list_names_each_kind_as_an_office_does(client, login_as):
    """Phòng LĐTB&XH is a phòng like Phòng Nội vụ, not a "Cơ quan điều phối"."""
    login_as("admin")
    page = client.get("/quan-tri/don-vi").get_data(as_text=True)
    row = page[page.index("<td>Phòng Lao động - Thương binh và Xã hội</td>"):]
    row = row[:row.index("</tr>")]
    assert "<td>Phòng LĐTB&amp;XH</td><td>Phòng LĐTB&amp;XH</td>" in row
    assert "điều phối" not in page.lower()


def test_the_plan_page_names_each_speech_slots_unit(client, login_as):
    """The slots are read with their units (one query, no lazy load per slot)."""
    login_as("coordinator")
    page = client.get("/quan-tri/ke-hoach").get_data(as_text=True)
    talks = page[page.index("<h3>Phát biểu tham luận</h3>"):]
    talks = talks[:talks.index("</ol>")]
    assert talks.count("<li><strong>") == 7
    assert "<li><strong>Bình Chánh</strong>: " in talks and "<li><strong>NHCSXH huyện</strong>: " in talks
