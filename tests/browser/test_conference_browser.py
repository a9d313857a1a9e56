"""Phòng LĐTB&XH edits one MC line in the browser and downloads the script, which contains it."""
import io

from docx import Document
from playwright.sync_api import expect

from ..docx_checks import all_text
from .util import login


def test_coordinator_edits_an_mc_line_and_downloads_the_script(page_factory, live_server):
    page = page_factory()
    login(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/hoi-nghi/kich-ban")
    expect(page.locator("h1")).to_have_text("Kịch bản điều hành hội nghị")
    editor = page.locator("article.mc-editor", has_text="Phát biểu thảo luận")
    line = "Kính mời đại diện Hợp tác xã A&B <Bình Hải> phát biểu thảo luận."
    editor.locator("textarea").fill(line)
    page.evaluate("window.__marker = 'same page'")
    editor.get_by_role("button", name="Lưu lời dẫn").click()
    expect(page.locator("#toasts")).to_contain_text("Đã lưu lời dẫn")
    # the preview follows without a reload
    expect(page.locator("#preview-thao-luan")).to_contain_text(line)
    assert page.evaluate("window.__marker") == "same page"
    with page.expect_download() as info:
        page.get_by_role("button", name="Tải kịch bản (.docx)").click()
    download = info.value
    assert download.suggested_filename == "kich-ban-dieu-hanh-phien-ban-1.docx"
    with open(download.path(), "rb") as fh:
        text = all_text(Document(io.BytesIO(fh.read())))
    assert line in text
    page.goto(f"{live_server.url}/hoi-nghi/kich-ban")
    expect(page.locator("table.versions")).to_contain_text("Phiên bản đầu tiên")
    assert page.js_errors == []
