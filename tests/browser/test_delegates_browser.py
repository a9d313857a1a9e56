"""A commune names its delegates, Văn phòng issues the invitations, the check-in marks
arrivals and the counter follows — in a real browser."""
from datetime import date

from playwright.sync_api import expect

from webapp.extensions import db
from webapp.plan.loader import current_plan

from .util import login, login_demo, open_menu_entry, settle


def test_commune_names_office_invites_checkin_marks_arrival(page_factory, live_server):
    with live_server.app.app_context():
        current_plan().conference_date = date(2023, 12, 5)
        db.session.commit()

    commune = page_factory()
    login(commune, live_server, "commune")
    open_menu_entry(commune, "Hội nghị", "Đại biểu của xã")
    for name, title in (("Nguyễn Văn Ấn", "Trưởng thôn Phú Lễ"), ("Lê Thị Bé & Con", "Trưởng thôn <Mỹ>")):
        commune.get_by_role("button", name="Thêm đại biểu").click()
        commune.fill("#full_name", name)
        commune.fill("#title", title)
        commune.select_option("#composition_id", label="Trưởng thôn, Tổ trưởng tổ dân phố, Trưởng Ban "
                              "công tác Mặt trận thôn/tổ dân phố (mỗi xã, thị trấn 4 đại biểu)")
        commune.get_by_role("button", name="Lưu").click()
        expect(commune.locator("#delegate-list")).to_contain_text(name)
    expect(commune.locator("#seat-counts")).to_contain_text("Trưởng thôn")
    expect(commune.locator("#delegate-list")).to_contain_text("Trưởng thôn <Mỹ>")
    expect(commune.locator("h1")).to_have_text("Đại biểu của xã Bình Chánh")
    # on a phone every row is a card: its Sửa and Xóa inside the screen, no sideways scroll
    commune.set_viewport_size({"width": 390, "height": 800})
    row = commune.locator("#delegate-list tbody tr", has_text="Nguyễn Văn Ấn")
    for name in ("Sửa", "Xóa Nguyễn Văn Ấn"):
        box = row.get_by_role("link", name=name).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, (name, box)
    assert commune.evaluate("document.documentElement.scrollWidth") <= 390
    row.get_by_role("link", name="Sửa").click()
    expect(commune.locator("#full_name")).to_have_value("Nguyễn Văn Ấn")
    assert commune.js_errors == []

    office = page_factory()
    login(office, live_server, "office")
    office.goto(f"{live_server.url}/dai-bieu/giay-moi")
    # no number typed on the page: the register gives it when the paper is issued
    expect(office.locator("#issue-invitations")).to_contain_text("Giấy mời: chưa có số")
    assert office.locator("#number").count() == 0
    office.locator("#issue-invitations").get_by_role("button", name="Lập văn bản trình ký").click()
    expect(office.locator("h1")).to_contain_text("Giấy mời dự hội nghị")
    with live_server.app.app_context():
        _issue_drafted_invitations()
    office.goto(f"{live_server.url}/dai-bieu/giay-moi")
    expect(office.locator("#issue-invitations")).to_contain_text("Giấy mời: số 01/GM-UBND")
    expect(office.locator("#issues")).to_contain_text("01/GM-UBND")
    with office.expect_download() as info:
        office.get_by_role("link", name="Mỗi đại biểu một trang").click()
    assert info.value.suggested_filename.endswith(".docx")
    # the reply taken by phone, without reloading the page
    office.goto(f"{live_server.url}/dai-bieu/tra-loi")
    row = office.locator("tr", has_text="Nguyễn Văn Ấn")
    row.get_by_label("Dự", exact=True).check()
    row.get_by_role("button", name="Lưu").click()
    expect(office.locator("tr", has_text="Nguyễn Văn Ấn").locator(".badge")).to_have_text("Dự")

    # check-in on a phone
    phone = page_factory()
    phone.set_viewport_size({"width": 390, "height": 800})
    login(phone, live_server, "office")
    phone.goto(f"{live_server.url}/dai-bieu/diem-danh")
    expect(phone.locator("#present-count")).to_have_text("0")
    phone.fill("#checkin-q", "nguyen an")
    row = phone.locator("li.checkin-row", has_text="Nguyễn Văn Ấn")
    row.get_by_role("button", name="Có mặt").click()
    expect(phone.locator("li.checkin-row", has_text="Nguyễn Văn Ấn")).to_contain_text("Có mặt")
    expect(phone.locator("#present-count")).to_have_text("1")
    # the coordinator's overview follows (polling)
    coordinator = page_factory()
    login(coordinator, live_server, "coordinator")
    coordinator.goto(f"{live_server.url}/dai-bieu/")
    expect(coordinator.locator("#present-count")).to_have_text("1")
    # undo, and the coordinator's counter comes back to 0 on its own
    phone.locator("li.checkin-row", has_text="Nguyễn Văn Ấn").get_by_role("button", name="Hủy").click()
    expect(phone.locator("#present-count")).to_have_text("0")
    expect(coordinator.locator("#present-count")).to_have_text("0", timeout=8000)
    assert office.js_errors == [] and phone.js_errors == [] and coordinator.js_errors == []


def _issue_drafted_invitations():
    """The rest of the register's path, as the issuing tests drive it: put up for sign-off,
    approved, numbered, the signed paper copy filed (the pages of those steps are issuing's)."""
    from tests.conftest import user_for
    from tests.issuing.conftest import submit
    from webapp.issuing import papers
    from webapp.issuing.models import Paper
    paper = db.session.query(Paper).filter_by(kind="invitation").one()
    office, leader = user_for("office"), user_for("leadership")
    submit(paper, office)
    papers.approve(paper, actor=leader, comment="Đồng ý.", expected_version=None)
    papers.allocate_number(paper, actor=office, expected_version=None)
    papers.choose_route(paper, "paper", actor=office, expected_version=None)
    papers.issue(paper, b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
                 actor=office, expected_version=None, scan=True)
    db.session.commit()


def _workbook(path, rows):
    from openpyxl import Workbook
    from webapp.delegates.excel import COLUMNS
    wb = Workbook()
    ws = wb.active
    ws.title = "Đại biểu"
    ws.append([h for _l, h, _w in COLUMNS])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return str(path)


def test_reimport_updates_instead_of_duplicating(page_factory, live_server, tmp_path):
    office = page_factory()
    login(office, live_server, "office")
    rows = [[1, "Trần Văn Nhập", "Đồng chí", "Trưởng phòng", "Phòng Y tế",
             "Đại diện lãnh đạo các phòng, ban, ngành, hội đoàn thể huyện", "", 1, "", "Dự"],
            [2, "Lê Thị Lại", "Bà", "Giám đốc", "Công ty A", "huyen-bcd", "", 1, "", ""]]
    first = _workbook(tmp_path / "lan-1.xlsx", rows)
    office.goto(f"{live_server.url}/dai-bieu/nhap-excel")
    office.set_input_files("#file", first)
    office.get_by_role("button", name="Nhập").click()
    expect(office.locator("#import-result")).to_contain_text("2 đại biểu mới, cập nhật 0")
    # the same file again: nobody twice; then a changed reply: one update
    office.set_input_files("#file", first)
    office.get_by_role("button", name="Nhập").click()
    expect(office.locator("#import-result")).to_contain_text("0 đại biểu mới, cập nhật 0, 2 không thay đổi")
    rows[1][9] = "Không dự"
    office.set_input_files("#file", _workbook(tmp_path / "lan-2.xlsx", rows))
    office.get_by_role("button", name="Nhập").click()
    expect(office.locator("#import-result")).to_contain_text("cập nhật 1, 1 không thay đổi")
    office.goto(f"{live_server.url}/dai-bieu/")
    expect(office.locator("#delegate-list tbody tr")).to_have_count(2)
    expect(office.locator("#delegate-list tr", has_text="Lê Thị Lại")).to_contain_text("Không dự")
    # deleting asks first
    office.locator("#delegate-list tr", has_text="Lê Thị Lại").get_by_role("link", name="Xóa Lê Thị Lại").click()
    expect(office.locator("h1")).to_have_text("Xóa đại biểu Lê Thị Lại?")
    office.get_by_role("button", name="Xóa đại biểu").click()
    expect(office.locator("#delegate-list tbody tr")).to_have_count(1)
    assert office.js_errors == []


def test_walk_in_at_check_in_on_a_phone(page_factory, live_server):
    phone = page_factory()
    phone.set_viewport_size({"width": 390, "height": 844})
    login(phone, live_server, "office")
    phone.goto(f"{live_server.url}/dai-bieu/diem-danh")
    # the search box and its results are on the first screen, without scrolling
    box = phone.locator("#checkin-q").bounding_box()
    results = phone.locator("#checkin-results").bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844 * 0.6
    assert results is not None and results["y"] < 844 * 0.75
    expect(phone.locator("#present-count")).to_have_text("0")
    phone.locator(".walk-in summary").click()
    phone.fill("#walk-in #full_name", "Võ Văn Đến")
    phone.fill("#walk-in #title", "Phó Trưởng phòng")
    phone.fill("#walk-in #organisation", "Phòng Y tế")
    phone.select_option("#walk-in #composition_id",
                        label="Đại diện lãnh đạo các phòng, ban, ngành, hội đoàn thể huyện")
    phone.get_by_role("button", name="Thêm và đánh dấu có mặt").click()
    expect(phone.locator("#walk-in")).to_contain_text("Đã thêm Võ Văn Đến và đánh dấu có mặt")
    expect(phone.locator("#present-count")).to_have_text("1")
    phone.fill("#checkin-q", "vo van den")
    expect(phone.locator("li.checkin-row", has_text="Võ Văn Đến")).to_contain_text("Có mặt")
    assert phone.js_errors == []


def test_a_button_answers_through_htmx_the_moment_it_appears(demo_page_factory, demo_server):
    """At the door a clerk types a name and presses the row's button at once (or a badge scanner
    does). The button must already be wired to htmx when it appears: pressed before, the form
    was sent as a plain page load, the page reloaded with the search emptied and the focus lost
    (htmx wires new content only when it settles, 20 ms after the swap by default)."""
    page = demo_page_factory()
    login_demo(page, demo_server, "office")
    page.goto(f"{demo_server.url}/dai-bieu/diem-danh")
    settle(page)
    # press the first button of the results in the very task that put it on the page
    page.evaluate("""() => new MutationObserver((records, observer) => {
        const button = document.querySelector('.checkin-row:not(.arrived) button.arrive');
        if (button) { observer.disconnect(); button.click(); }
    }).observe(document.getElementById('main'), {childList: true, subtree: true})""")
    page.fill("#checkin-q", "Nguyen")
    expect(page.locator("#toasts")).to_contain_text("đã có mặt")
    expect(page.locator(".checkin-row.arrived")).to_have_count(1)
    expect(page.locator("#checkin-q")).to_have_value("Nguyen")  # the same page: no reload
    assert page.js_errors == []


def test_paging_the_commune_table_keeps_the_list_pages_url(page_factory, live_server,
                                                           monkeypatch):
    """The per-commune table pages inside the delegate list: the address bar keeps the list's
    URL, so a reload shows the list page again (not the table alone) and Back leaves the list
    page instead of stepping through the table's pages."""
    from webapp.delegates import views
    monkeypatch.setattr(views, "PER_PAGE", 10)   # the plan's 22 communes on three pages
    office = page_factory()
    login(office, live_server, "office")
    office.goto(f"{live_server.url}/viec-cua-toi")
    office.goto(f"{live_server.url}/dai-bieu/")
    office.locator("#commune-details summary").click()
    table = office.locator("#by-commune")
    expect(table.locator("#commune-counts tbody tr")).to_have_count(10)
    first = table.locator("tbody tr").first.inner_text()
    table.get_by_role("navigation", name="Trang bảng theo xã, thị trấn").get_by_role(
        "link", name="2", exact=True).click()
    expect(table.locator('[aria-current="page"]')).to_have_text("2")
    assert table.locator("tbody tr").first.inner_text() != first
    assert office.url == f"{live_server.url}/dai-bieu/"
    table.get_by_role("link", name="Trang sau »").click()
    expect(table.locator('[aria-current="page"]')).to_have_text("3")
    expect(table.locator("#commune-counts tbody tr")).to_have_count(2)
    assert office.url == f"{live_server.url}/dai-bieu/"
    office.reload()
    expect(office.locator("h1")).to_have_text("Đại biểu dự hội nghị")
    office.go_back()
    expect(office).to_have_url(f"{live_server.url}/viec-cua-toi")
    assert office.js_errors == []
