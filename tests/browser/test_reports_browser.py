"""A commune fills its report (autosaved), downloads the draft .docx, submits with a file; the
coordinator returns it with a comment; the commune sees it and resubmits; the coordinator accepts."""
import re

from playwright.sync_api import expect

from .util import login

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
FIGURES = {
    "#f-pov-households-2021": "2.000", "#f-pov-poor-2021": "100", "#f-pov-near_poor-2021": "150",
    "#f-pov-households-2022": "2.010", "#f-pov-poor-2022": "80", "#f-pov-near_poor-2022": "140",
    "#f-pov-households-2023": "2.020", "#f-pov-poor-2023": "60", "#f-pov-near_poor-2023": "130",
}


def _upload(page, name):
    page.set_input_files("#file", files=[{"name": name, "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name=re.compile(r"^Nộp lần")).click()
    page.wait_for_load_state("networkidle")


def test_report_round_trip_between_a_commune_and_the_coordinator(page_factory, live_server):
    commune = page_factory()
    login(commune, live_server, "commune")
    commune.locator("a:visible", has_text="Soạn báo cáo").first.click()
    expect(commune.locator("h1")).to_have_text("Báo cáo kết quả thực hiện theo đề cương")
    for selector, value in FIGURES.items():
        commune.fill(selector, value)
    commune.fill("#f-nar-results", "Tỷ lệ hộ nghèo giảm đều (số liệu thử).")
    expect(commune.locator("#save-status")).to_contain_text("Đã lưu lúc", timeout=10_000)
    expect(commune.locator("#computed-f-pov-poor_rate-2021")).to_have_text("5%")
    # the draft survives a closed tab: a reload shows what was typed
    commune.reload()
    expect(commune.locator("#f-pov-near_poor-2023")).to_have_value("130")

    with commune.expect_download() as download_info:
        commune.click("#download-draft")
    download = download_info.value
    assert download.suggested_filename.endswith(".docx") and "Bình Chánh" in download.suggested_filename

    _upload(commune, "Báo cáo Bình Chánh đã ký.pdf")
    expect(commune.locator(".report-state .badge")).to_have_text("Đã nộp đúng hạn")
    expect(commune.locator("table.versions")).to_contain_text("Báo cáo Bình Chánh đã ký.pdf")

    coordinator = page_factory()
    login(coordinator, live_server, "coordinator")
    coordinator.goto(f"{live_server.url}/bao-cao/")
    coordinator.locator("#unit-binh-chanh").get_by_role("link", name="Xem xét").click()
    coordinator.fill("#comment", "Bổ sung số hộ cận nghèo ước năm 2023")
    coordinator.get_by_role("button", name="Trả lại, yêu cầu bổ sung").click()
    expect(coordinator.locator("hgroup .badge")).to_have_text("Yêu cầu bổ sung")

    commune.goto(f"{live_server.url}/viec-cua-toi")
    expect(commune.locator("#my-duties")).to_contain_text("Bổ sung số hộ cận nghèo ước năm 2023")
    commune.locator("a:visible", has_text="Soạn báo cáo").first.click()
    expect(commune.locator(".returned-note")).to_contain_text("Bổ sung số hộ cận nghèo ước năm 2023")
    with commune.expect_response(lambda r: r.url.endswith("/luu") and r.status == 200):
        commune.fill("#f-pov-near_poor-2023", "128")
    expect(commune.locator("#save-status")).to_contain_text("Đã lưu lúc")
    _upload(commune, "Báo cáo bổ sung.pdf")
    expect(commune.locator(".report-state .badge")).to_have_text(re.compile("Đã nộp"))

    coordinator.reload()
    coordinator.get_by_role("link", name="So sánh với lần 1").click()
    expect(coordinator.locator("table.compare tr.changed").first).to_contain_text("128")
    coordinator.go_back()
    coordinator.get_by_role("button", name="Tiếp nhận").click()
    expect(coordinator.locator("hgroup .badge")).to_have_text("Đã tiếp nhận")
    coordinator.goto(f"{live_server.url}/bao-cao/so-lieu-toan-huyen")
    expect(coordinator.locator("#poverty-totals")).to_contain_text("2.020")
    assert commune.js_errors == [] and coordinator.js_errors == []


def test_submitting_right_after_typing_keeps_the_last_keystrokes(page_factory, live_server):
    commune = page_factory()
    login(commune, live_server, "commune")
    commune.locator("a:visible", has_text="Soạn báo cáo").first.click()
    for selector, value in FIGURES.items():
        commune.fill(selector, value)
    expect(commune.locator("#save-status")).to_contain_text("Đã lưu lúc", timeout=10_000)
    # typed, and "Nộp" clicked before the 0.8 s autosave fires
    commune.fill("#f-nar-results", "Câu cuối cùng vừa gõ xong")
    commune.set_input_files("#file", files=[{"name": "bc.pdf", "mimeType": "application/pdf",
                                             "buffer": PDF}])
    commune.get_by_role("button", name=re.compile(r"^Nộp lần")).click()
    commune.wait_for_load_state("networkidle")
    expect(commune.locator(".report-state .badge")).to_have_text("Đã nộp đúng hạn")
    commune.locator("table.versions").get_by_role("link", name="Xem").first.click()
    expect(commune.locator("main")).to_contain_text("Câu cuối cùng vừa gõ xong")
