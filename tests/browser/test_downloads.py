"""Document downloads in the browser (static/js/downloads.js): a download that takes a while
shows that it is being made, a second click does not make it twice, the file arrives under
the name the server gives (Vietnamese letters included), a refused download says why in a
toast, and without JavaScript the plain link still downloads."""
import io
import time

from docx import Document
from playwright.sync_api import expect

from .util import login_demo

# Every text a toast showed while the page was open: the status comes and goes.
RECORD_TOASTS = """() => {
    window.__toasts = [];
    const seen = () => document.querySelectorAll('#toasts .toast').forEach(t => {
        const text = t.textContent.replace(/\\s+/g, ' ').trim();
        if (text && !window.__toasts.includes(text)) window.__toasts.push(text);
    });
    new MutationObserver(seen).observe(document.getElementById('toasts'),
        {subtree: true, childList: true, characterData: true});
}"""
HELD_S = 1.6   # how long the test holds the server's answer: longer than the status's delay


def _hold(route):
    """The server's real answer, handed to the page HELD_S later: on any machine, the
    download takes long enough for the status to show and for a second click to come."""
    response = route.fetch()
    time.sleep(HELD_S)
    route.fulfill(response=response)


def test_a_slow_download_shows_progress_once_and_arrives_under_its_name(demo_page_factory, demo_server):
    page = demo_page_factory()
    login_demo(page, demo_server, "office")
    page.goto(f"{demo_server.url}/dai-bieu/giay-moi")
    link = page.get_by_role("link", name="Mỗi đại biểu một trang").first
    sent = []
    page.on("request", lambda r: sent.append(r.url) if "/tai-ve" in r.url else None)
    page.route("**/dai-bieu/giay-moi/*/tai-ve*", _hold)
    page.evaluate(RECORD_TOASTS)
    with page.expect_download() as info:
        link.evaluate("a => { a.click(); a.click(); }")   # the second click while it runs
    download = info.value
    assert download.suggested_filename.startswith("giay-moi-")
    assert download.suggested_filename.endswith("-tung-dai-bieu.docx")
    with open(download.path(), "rb") as fh:
        text = "\n".join(p.text for p in Document(io.BytesIO(fh.read())).paragraphs)
    assert "GIẤY MỜI" in text.upper()
    assert len(sent) == 1, sent                      # generated once
    said = page.evaluate("window.__toasts")
    assert any(t.startswith("Đang tạo tài liệu… ") and "giây" in t for t in said), said
    assert f"Đã tải xong: {download.suggested_filename}" in said
    # announced: the status sits in the polite #toasts region, its words outside aria-hidden
    status = page.locator("#toasts .download-status")
    expect(status.locator(".download-said")).to_have_text(f"Đã tải xong: {download.suggested_filename}")
    expect(page.locator("#toasts")).to_have_attribute("aria-live", "polite")
    expect(link).not_to_have_attribute("aria-busy", "true")   # usable again
    assert page.js_errors == []


def test_a_vietnamese_file_name_survives(demo_page_factory, demo_server):
    page = demo_page_factory()
    login_demo(page, demo_server, "commune")
    page.goto(f"{demo_server.url}/khen-thuong/don-vi")
    with page.expect_download() as info:
        page.get_by_role("button", name="Mẫu báo cáo thành tích tập thể (.docx)").click()
    assert info.value.suggested_filename == "Mẫu báo cáo thành tích - tập thể.docx"
    assert page.js_errors == []


def test_a_refused_download_says_why_and_saves_nothing(demo_page_factory, demo_server):
    page = demo_page_factory()
    login_demo(page, demo_server, "commune")
    page.goto(f"{demo_server.url}/khen-thuong/don-vi")
    # the delegate list is the office's: a link to it on a stale page meets a 403
    page.evaluate("""() => {
        const a = document.createElement('a');
        a.href = '/dai-bieu/danh-sach.docx'; a.setAttribute('download', '');
        a.textContent = 'Danh sách đại biểu (.docx)'; a.id = 'stale-download';
        document.querySelector('main').prepend(a);
    }""")
    downloads = []
    page.on("download", lambda d: downloads.append(d))
    with page.expect_response("**/dai-bieu/danh-sach.docx") as answer:
        page.locator("#stale-download").click()
    assert answer.value.status == 403
    error = page.locator("#toasts .toast-error")
    expect(error).to_have_attribute("role", "alert")
    expect(error).to_have_text("Vai trò của bạn không được thực hiện thao tác này.")
    expect(page.locator("#stale-download")).not_to_have_attribute("aria-busy", "true")
    page.wait_for_timeout(500)
    assert downloads == []
    assert page.url.endswith("/khen-thuong/don-vi")   # still on the page it was on
    assert page.js_errors == []


def test_without_javascript_the_link_still_downloads(browser, demo_server):
    from webapp.demo import DEMO_PASSWORD
    context = browser.new_context(java_script_enabled=False, accept_downloads=True, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(f"{demo_server.url}/dang-nhap")
        page.fill("#username", "binhchanh")
        page.fill("#password", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.goto(f"{demo_server.url}/khen-thuong/don-vi")
        with page.expect_download() as info:
            page.get_by_role("button", name="Mẫu báo cáo thành tích tập thể (.docx)").click()
        assert info.value.suggested_filename == "Mẫu báo cáo thành tích - tập thể.docx"
    finally:
        context.close()
