"""Result reports in the browser, across roles: a commune checks in place and submits → Phòng
LĐTB&XH is told and finds it waiting → returns it with the reason → the commune sees why, fixes
and resubmits → it is accepted and the commune is told. And what issue 10 found broken: the
check reloaded the page at /…/luu (F5 then conflicted with the user herself), the file-type
error, nothing typed lost when the session expires."""
import re

from playwright.sync_api import expect

from .util import login

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = b"MZ\x90\x00" + b"\0" * 200
FIGURES = {
    "#f-pov-households-2021": "2.000", "#f-pov-poor-2021": "100", "#f-pov-near_poor-2021": "150",
    "#f-pov-households-2022": "2.010", "#f-pov-poor-2022": "80", "#f-pov-near_poor-2022": "140",
    "#f-pov-households-2023": "2.020", "#f-pov-poor-2023": "60", "#f-pov-near_poor-2023": "130",
}


def _open_report(page):
    page.locator("a:visible", has_text="Soạn báo cáo").first.click()
    expect(page.locator("h1")).to_have_text("Báo cáo kết quả thực hiện theo đề cương")
    # htmx listens to the form from the document's load on: typing before it would not autosave
    # (a user cannot type that fast; a test on a loaded machine can)
    page.wait_for_load_state("load")


def _choose_file(page, name, content, mime="application/pdf"):
    page.set_input_files("#file", files=[{"name": name, "mimeType": mime, "buffer": content}])


def _bell(page):
    page.locator("#bell summary").click()
    return page.locator("#bell-menu")


def test_report_journey_commune_coordinator_commune(page_factory, live_server):
    commune = page_factory()
    login(commune, live_server, "commune")
    _open_report(commune)
    report_url = commune.url
    for selector, value in FIGURES.items():
        commune.fill(selector, value)
    commune.fill("#f-pov-poor-2021", "2.100")   # more poor households than households
    # "Lưu và kiểm tra" answers in place: a summary at the top that links to each field
    commune.get_by_role("button", name="Lưu và kiểm tra").click()
    summary = commune.locator("#check-summary")
    expect(summary).to_contain_text("ô cần xem lại trước khi nộp")
    expect(summary.get_by_role("link", name="Số hộ nghèo – Cuối năm 2021")).to_be_visible()
    expect(summary).to_contain_text("Đánh giá chung kết quả đạt được")   # required, still empty
    assert commune.url == report_url, "no page load at /…/luu"
    summary.get_by_role("link", name="Số hộ nghèo – Cuối năm 2021").click()
    expect(commune.locator("#f-pov-poor-2021")).to_be_focused()
    # F5 is a plain reload of the page: no conflict with one's own save, the value kept
    commune.reload()
    expect(commune.locator("#f-pov-poor-2021")).to_have_value("2.100")
    expect(commune.locator(".save-status.stale")).to_have_count(0)
    commune.fill("#f-pov-poor-2021", "100")
    commune.fill("#f-nar-results", "Tỷ lệ hộ nghèo giảm đều (số liệu thử).")
    commune.get_by_role("button", name="Lưu và kiểm tra").click()
    expect(commune.locator("#check-summary")).to_contain_text("số liệu hợp lệ")

    # a file that is not what it claims: told next to the file field and in a toast, in place
    _choose_file(commune, "Báo cáo.pdf", EXE)
    commune.get_by_role("button", name=re.compile(r"^Nộp lần")).click()
    expect(commune.locator("#submit-box .field-error")).to_contain_text("không đúng loại")
    expect(commune.locator("#toasts")).to_contain_text("không đúng loại")
    expect(commune.locator("#f-nar-results")).to_have_value("Tỷ lệ hộ nghèo giảm đều (số liệu thử).")
    _choose_file(commune, "Báo cáo Bình Chánh đã ký.pdf", PDF)
    commune.get_by_role("button", name=re.compile(r"^Nộp lần")).click()
    expect(commune.locator(".report-state .badge")).to_have_text("Đã nộp đúng hạn")

    coordinator = page_factory()
    login(coordinator, live_server, "coordinator")
    expect(coordinator.locator("#bell-count")).to_contain_text("1")
    menu = _bell(coordinator)
    expect(menu).to_contain_text("Xã Bình Chánh đã nộp “Báo cáo kết quả theo đề cương” lần 1")
    coordinator.goto(f"{live_server.url}/bao-cao/?trang-thai=cho-xem-xet")
    waiting = coordinator.locator("#overview-table tbody tr")
    expect(waiting).to_have_count(1)
    waiting.get_by_role("link", name="Xem xét").click()
    coordinator.fill("#comment", "Bổ sung số hộ cận nghèo ước năm 2023")
    coordinator.get_by_role("button", name="Trả lại, yêu cầu bổ sung").click()
    expect(coordinator.locator("hgroup .badge")).to_have_text("Yêu cầu bổ sung")

    commune.goto(f"{live_server.url}/viec-cua-toi")
    expect(_bell(commune)).to_contain_text("yêu cầu bổ sung “Báo cáo kết quả theo đề cương”: "
                                           "Bổ sung số hộ cận nghèo ước năm 2023")
    commune.goto(report_url)
    expect(commune.locator(".returned-note")).to_contain_text("Bổ sung số hộ cận nghèo ước năm 2023")
    commune.fill("#f-pov-near_poor-2023", "128")
    _choose_file(commune, "Báo cáo bổ sung.pdf", PDF)   # sent with what was just typed
    commune.get_by_role("button", name="Nộp lần 2").click()
    expect(commune.locator(".report-state .badge")).to_have_text(re.compile("Đã nộp"))

    coordinator.reload()
    expect(coordinator.locator("#bell-count")).to_contain_text("2")
    coordinator.get_by_role("link", name="So sánh với lần 1").click()
    expect(coordinator.locator("table.compare tr.changed").first).to_contain_text("128")
    coordinator.go_back()
    coordinator.get_by_role("button", name="Tiếp nhận").click()
    expect(coordinator.locator("hgroup .badge")).to_have_text("Đã tiếp nhận")

    commune.goto(f"{live_server.url}/viec-cua-toi")
    expect(_bell(commune)).to_contain_text("Phòng LĐTB&XH đã tiếp nhận “Báo cáo kết quả theo đề cương” (lần nộp 2)")
    assert commune.js_errors == [] and coordinator.js_errors == []


def test_nothing_typed_is_lost_when_the_session_expires(page_factory, live_server):
    commune = page_factory()
    login(commune, live_server, "commune")
    _open_report(commune)
    report_url = commune.url
    commune.fill("#f-nar-results", "Đã lưu trước khi hết phiên")
    expect(commune.locator("#save-status")).to_contain_text("Đã lưu lúc", timeout=10_000)
    commune.context.clear_cookies()            # the session ends (expired, or logged out elsewhere)
    dialogs = []
    commune.on("dialog", lambda d: (dialogs.append(d.type), d.accept()))
    commune.fill("#f-nar-lessons", "Gõ sau khi phiên đã hết")
    # the autosave finds the session gone: the login page (DESIGN: 204 + HX-Redirect, before
    # the form's token is checked), the typed text kept in the browser, no warning asked
    expect(commune).to_have_url(re.compile(r"/dang-nhap\?next=/bao-cao/"), timeout=10_000)
    expect(commune.locator("#username")).to_be_visible()
    assert dialogs == []
    login(commune, live_server, "commune")
    with commune.expect_response(lambda r: r.url.endswith("/luu") and r.status == 200):
        commune.goto(report_url)   # what was typed comes back and is saved at once
    expect(commune.locator("#f-nar-lessons")).to_have_value("Gõ sau khi phiên đã hết")
    expect(commune.locator(".draft-restore")).to_contain_text("Đã khôi phục nội dung bạn nhập")
    commune.reload()   # now it is on the server, not only in the browser
    expect(commune.locator("#f-nar-lessons")).to_have_value("Gõ sau khi phiên đã hết")
    expect(commune.locator(".draft-restore")).to_have_count(0)
    assert dialogs == [], "saved: no warning on leaving"
    assert commune.js_errors == []


def test_a_draft_saved_meanwhile_elsewhere_is_told_in_place_and_nothing_typed_is_lost(
        page_factory, live_server):
    """Two windows of one commune on the same draft: the one opened earlier is answered 409
    in place (what the other saved beside what was typed), its input stays, and the reload
    button then shows the saved draft."""
    first, second = page_factory(), page_factory()
    for page in (first, second):
        login(page, live_server, "commune")
        _open_report(page)
    first.fill("#f-pov-households-2021", "2.000")
    expect(first.locator("#save-status")).to_contain_text("Đã lưu lúc")
    second.fill("#f-pov-households-2021", "3.000")
    stale = second.locator(".save-status.stale")
    expect(stale).to_contain_text("CHƯA được lưu")
    expect(stale.locator("table.stale-changes")).to_contain_text("2.000")
    expect(stale.locator("table.stale-changes")).to_contain_text("3.000")
    expect(second.locator("#f-pov-households-2021")).to_have_value("3.000")
    stale.get_by_role("button", name="Tải lại trang (bản mới nhất)").click()
    second.wait_for_load_state("networkidle")   # the page and its files, before the end
    expect(second.locator(".save-status.stale")).to_have_count(0)
    expect(second.locator("#f-pov-households-2021")).to_have_value("2.000")
    assert first.js_errors == []
