"""A commune and the coordinator in a real browser: what each sees, and a status moved by htmx."""
import re

from playwright.sync_api import expect

from .util import login, login_demo


def test_commune_sees_only_its_duties(page_factory, live_server):
    page = page_factory()
    login(page, live_server, "commune")
    expect(page.locator("h1")).to_have_text("Việc của tôi")
    expect(page.locator("#my-duties")).to_contain_text("Báo cáo kết quả theo đề cương")
    expect(page.locator("#my-duties")).to_contain_text("Còn 7 ngày")
    # The matrix of every unit is not the commune's business: no link, and 403 if typed in.
    expect(page.get_by_role("link", name="Tiến độ các đơn vị")).to_have_count(0)
    response = page.goto(f"{live_server.url}/tien-do")
    assert response.status == 403
    assert page.js_errors == []


def test_office_moves_a_status_without_reload(page_factory, live_server):
    page = page_factory()
    login(page, live_server, "office")
    row = page.locator("tr", has_text="Chuẩn bị hội trường")
    page.evaluate("window.__marker = 'same page'")
    row.locator("select[name=status]").select_option("drafting")
    row.get_by_role("button", name="Cập nhật").click()
    row = page.locator("tr", has_text="Chuẩn bị hội trường")
    expect(row.locator(".badge")).to_have_text("Đang soạn")
    expect(page.locator("#toasts")).to_contain_text("Đang soạn")
    assert page.evaluate("window.__marker") == "same page", "the page was not reloaded"
    # and it is kept: a reload shows the new status
    page.reload()
    expect(page.locator("tr", has_text="Chuẩn bị hội trường").locator(".badge")).to_have_text("Đang soạn")


def test_one_click_on_update_moves_nothing_and_a_duty_for_no_unit_is_completed(
        page_factory, live_server):
    """The select starts on its placeholder: "Cập nhật" alone is refused on the row and the
    status stays; picked with the keyboard, "Đã hoàn thành" ends a duty sent to no unit, and
    the swapped row's button works again."""
    page = page_factory()
    login(page, live_server, "office")
    row = page.locator("tr", has_text="Chuẩn bị hội trường")
    expect(row.locator("select[name=status]")).to_have_value("")
    row.get_by_role("button", name="Cập nhật").click()
    row = page.locator("tr", has_text="Chuẩn bị hội trường")
    expect(row.locator(".field-error")).to_contain_text("Chọn trạng thái mới")
    expect(row.locator(".badge")).to_have_text("Chưa thực hiện")
    select = row.get_by_role("combobox", name=re.compile("Trạng thái mới cho Chuẩn bị hội trường"))
    select.focus()
    select.select_option(label="Đã hoàn thành")
    row.get_by_role("button", name="Cập nhật").press("Enter")
    row = page.locator("tr", has_text="Chuẩn bị hội trường")
    expect(row.locator(".badge")).to_have_text("Đã hoàn thành")
    expect(row.locator(".field-error")).to_have_count(0)
    row.locator("select[name=status]").select_option(label="Đang soạn")
    row.get_by_role("button", name="Cập nhật").click()
    expect(page.locator("tr", has_text="Chuẩn bị hội trường").locator(".badge")).to_have_text(
        "Đang soạn")
    assert page.js_errors == []


def test_coordinator_filters_the_matrix(page_factory, live_server):
    page = page_factory()
    login(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/tien-do")
    expect(page.locator("table.matrix")).to_contain_text("Bình Chánh")
    expect(page.locator("table.matrix")).to_contain_text("Phòng NN&PTNT")
    page.select_option("select[name=kind]", "department")
    expect(page.locator("table.matrix")).not_to_contain_text("Bình Chánh")
    expect(page.locator("table.matrix")).to_contain_text("Phòng NN&PTNT")
    expect(page).to_have_url(re.compile(r"kind=department"))
    # the counters were refreshed out of band: only department assignments are counted
    total = int(page.locator("#matrix-counters .counter .n").first.inner_text())
    assert 0 < total < 71
    assert page.js_errors == []


def _manual_duty_for(server, unit_code: str) -> int:
    """A duty sent to Phòng LĐTB&XH that no capability reviews, owned by `unit_code`."""
    from webapp.extensions import db

    from ..conftest import manual_duty_for
    with server.app.app_context():
        assignment = manual_duty_for(unit_code)
        db.session.commit()
        return assignment.id


def _logout(page):
    page.locator(".usernav .who summary").click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state("networkidle")


def test_a_communes_submitted_work_waits_on_the_coordinators_home(page_factory, live_server):
    """The hand-off: the commune submits, Phòng LĐTB&XH finds it waiting on its home page
    (one click to it), returns it with a reason, and the commune sees why."""
    assignment_id = _manual_duty_for(live_server, "binh-chanh")
    page = page_factory()
    login(page, live_server, "commune")
    row = page.locator(f"#assignment-{assignment_id}")
    row.locator("select[name=status]").select_option("submitted")
    row.get_by_role("button", name="Cập nhật").click()
    expect(page.locator(f"#assignment-{assignment_id} .badge")).to_have_text("Đã nộp")
    _logout(page)

    login(page, live_server, "coordinator")
    expect(page.locator("h1")).to_have_text("Việc của tôi")
    waiting = page.locator("#waiting")
    expect(waiting).to_contain_text("Chờ tôi xử lý")
    item = waiting.get_by_role("link", name=re.compile("Tiếp nhận “Báo cáo nhanh”"))
    expect(item).to_contain_text("1")
    expect(waiting).to_contain_text("từ ngày 15/11/2023")
    item.click()
    expect(page).to_have_url(re.compile(rf"/phan-cong/{assignment_id}$"))
    page.fill("textarea[name=comment]", "Bổ sung số người tham gia tập huấn.")
    page.get_by_role("button", name="Trả lại, yêu cầu bổ sung").click()
    expect(page.locator("#toasts")).to_contain_text("Đã trả lại")
    page.goto(f"{live_server.url}/viec-cua-toi")
    expect(page.locator("#waiting")).not_to_contain_text("Báo cáo nhanh")
    _logout(page)

    login(page, live_server, "commune")
    row = page.locator(f"#assignment-{assignment_id}")
    expect(row.locator(".badge")).to_have_text("Yêu cầu bổ sung")
    expect(row).to_contain_text("Bổ sung số người tham gia tập huấn.")
    assert page.js_errors == []


def test_after_back_the_matrix_controls_and_table_agree_and_export_follows(page_factory,
                                                                          live_server):
    page = page_factory()
    login(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/tien-do")
    page.select_option("select[name=kind]", "department")
    expect(page).to_have_url(re.compile(r"kind=department"))
    page.select_option("select[name=status]", "not_started")
    expect(page).to_have_url(re.compile(r"status=not_started"))
    expect(page.locator("#matrix-export")).to_have_attribute(
        "href", "/tien-do/xuat-excel?kind=department&status=not_started")
    page.go_back()
    expect(page).to_have_url(re.compile(r"kind=department(&status=)?$"))
    expect(page.locator("select[name=status]")).to_have_value("")
    expect(page.locator("select[name=kind]")).to_have_value("department")
    expect(page.locator("table.matrix")).not_to_contain_text("Bình Chánh")
    expect(page.locator("#matrix-export")).to_have_attribute(
        "href", "/tien-do/xuat-excel?kind=department")
    with page.expect_download() as download:
        page.locator("#matrix-export").click()
    from io import BytesIO

    from openpyxl import load_workbook
    with open(download.value.path(), "rb") as fh:
        sheet = load_workbook(BytesIO(fh.read())).active
    assert "Lọc: Phòng, ban huyện" in sheet["A2"].value
    assert page.js_errors == []


def test_locking_an_account_asks_first(page_factory, live_server):
    page = page_factory()
    login(page, live_server, "admin")
    page.goto(f"{live_server.url}/quan-tri/tai-khoan")
    page.get_by_role("link", name="t-mttq").click()
    dialog = page.locator("#confirm-dialog")
    page.get_by_role("button", name="Khóa tài khoản").click()
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Khóa tài khoản t-mttq")
    dialog.get_by_role("button", name="Hủy").click()  # asked, and said no: nothing happens
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("button", name="Khóa tài khoản")).to_be_visible()
    page.get_by_role("button", name="Khóa tài khoản").click()
    dialog.get_by_role("button", name="Đồng ý").click()
    expect(page.locator("#toasts")).to_contain_text("Đã khóa tài khoản t-mttq")
    expect(page.get_by_role("button", name="Mở khóa")).to_be_visible()
    assert page.js_errors == []


def test_every_refusal_of_an_htmx_action_says_why(page_factory, live_server):
    """As a commune: a stale status form (409), a duty that is not the commune's to date (403)
    and a row that does not exist (404) each answer with a toast; nothing passes silently."""
    assignment_id = _manual_duty_for(live_server, "binh-chanh")
    page = page_factory()
    login(page, live_server, "commune")
    other = page.context.new_page()
    other.goto(f"{live_server.url}/viec-cua-toi")
    row = page.locator(f"#assignment-{assignment_id}")
    row.locator("select[name=status]").select_option("drafting")
    row.get_by_role("button", name="Cập nhật").click()
    expect(page.locator(f"#assignment-{assignment_id} .badge")).to_have_text("Đang soạn")
    # the second tab still carries the old version: 409
    stale = other.locator(f"#assignment-{assignment_id}")
    stale.locator("select[name=status]").select_option("submitted")
    stale.get_by_role("button", name="Cập nhật").click()
    expect(other.locator("#toasts")).to_contain_text("vừa được người khác cập nhật")
    # a request for the coordinator's form (as a forged or outdated page would send): 403;
    # a row that does not exist: 404 (sent from the page, with its CSRF header)
    page.evaluate("""() => htmx.ajax('POST', '/nhiem-vu/1/han-lam-viec',
                                    {source: '#waiting', target: '#waiting', swap: 'outerHTML'})""")
    expect(page.locator("#toasts")).to_contain_text("Vai trò của bạn không được thực hiện")
    page.evaluate("() => htmx.ajax('GET', '/phan-cong/999999', {source: '#waiting', target: '#waiting'})")
    expect(page.locator("#toasts")).to_contain_text("không tồn tại")
    expect(page.locator("#waiting")).to_contain_text("Chờ tôi xử lý"), "nothing was swapped"
    assert page.js_errors == []


def test_the_change_history_reads_as_one_card_per_entry_on_a_phone(demo_page_factory, demo_server):
    """On a phone the audit log (and every record's history, same macro) is one card per entry,
    each value beside its column's name, the changes still old → new, nothing off the screen."""
    page = demo_page_factory()
    page.set_viewport_size({"width": 390, "height": 844})
    login_demo(page, demo_server, "admin")
    page.goto(f"{demo_server.url}/quan-tri/nhat-ky")
    entry = page.locator("table.history > tbody > tr", has=page.locator("table.changes")).first
    expect(entry).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    labels = entry.evaluate("""tr => [...tr.children].filter(td => td.getClientRects().length)
        .map(td => getComputedStyle(td, '::before').content)""")
    assert labels == ['"Thời điểm"', '"Người thực hiện"', '"Đối tượng"', '"Nội dung"', '"Thay đổi"']
    for cell in entry.locator(":scope > td").all():
        box = cell.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    change = entry.locator("table.changes tr").first
    expect(change.locator("td.arrow")).to_have_text("→")
    # a change is one line of the small table: its name, the old value, the arrow, the new one
    tops = change.evaluate("tr => [...tr.children].map(c => Math.round(c.getBoundingClientRect().top))")
    assert len(set(tops)) == 1
    assert page.js_errors == []
