"""A commune names its delegates, Văn phòng issues the invitations, the check-in marks
arrivals and the counter follows — in a real browser."""
from datetime import date

from playwright.sync_api import expect

from webapp.extensions import db
from webapp.plan.loader import current_plan

from .util import login, open_menu_entry


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
    assert commune.js_errors == []

    office = page_factory()
    login(office, live_server, "office")
    office.goto(f"{live_server.url}/dai-bieu/giay-moi")
    office.fill("#number", "125")
    office.fill("#issued_on", "20/11/2023")
    office.get_by_role("button", name="Phát hành").click()
    expect(office.locator("#toasts")).to_contain_text("Đã phát hành Giấy mời số 125/GM-UBND cho 2 đại biểu")
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
