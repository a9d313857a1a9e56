"""A commune and the coordinator in a real browser: what each sees, and a status moved by htmx."""
import re

from playwright.sync_api import expect

from .util import login


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
