"""Journey: on the demo, the reward decision goes draft (Phòng Nội vụ) → leadership approval
→ number from the register (Văn phòng) → signed by the leader → issued with the seal's
signature; a recipient finds it in Văn bản đến, and pyHanko validates the PDF."""
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

from webapp.extensions import db

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")


def demo_login(page, server, username):
    from webapp.demo import DEMO_PASSWORD
    page.goto(f"{server.url}/dang-nhap")
    page.fill("#username", username)
    page.fill("#password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


@pytest.fixture
def demo_server(live_server):
    """The demo's accounts and scenario (all but the issuing part), and the test keys."""
    from webapp import demo
    from webapp.auth.models import User
    from webapp.issuing import keys
    app = live_server.app
    with app.app_context():
        demo.create_demo_accounts()
        for name in demo.SCENARIOS:
            if name != "webapp.issuing.demo":
                __import__(name, fromlist=["build_scenario"]).build_scenario()
                db.session.flush()
        leader = db.session.query(User).filter_by(username="lanhdao").one()
        keys.demo_ca(person_user=leader)
        db.session.commit()
        live_server.leader_name = leader.full_name
    return live_server


@pytest.fixture
def watched_pages(page_factory):
    """page_factory whose pages keep what the browser console said (a CSP refusal of an
    inline style htmx would add, a script error)."""
    said = []

    def new():
        page = page_factory()
        page.on("console", lambda m: said.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: said.append(f"pageerror: {e}"))
        return page

    new.said = said
    return new


def open_bell(page):
    """The bell's menu comes by htmx: a swap on every page of the journey."""
    page.locator("#bell > summary").click()
    page.locator("#bell-menu a", has_text="Xem tất cả thông báo").wait_for()
    page.locator("#bell > summary").click()


def test_reward_decision_from_draft_to_signed_pdf(demo_server, watched_pages):
    server, page_factory = demo_server, watched_pages
    # Phòng Nội vụ puts the decision up for sign-off from its own page.
    page = page_factory()
    demo_login(page, server, "noivu")
    page.goto(f"{server.url}/khen-thuong/quyet-dinh")
    page.get_by_role("button", name="Lập văn bản trình ký").click()
    page.fill("#signer_name", server.leader_name)
    page.get_by_role("button", name="Lưu dự thảo").click()
    page.get_by_role("button", name="Trình ký").click()
    assert "Trình ký, chờ lãnh đạo duyệt" in page.inner_text("hgroup")
    # The leadership sees it waiting, reads it and approves.
    page = page_factory()
    demo_login(page, server, "lanhdao")
    page.goto(f"{server.url}/van-ban")
    open_bell(page)
    page.get_by_role("button", name="Duyệt hoặc trả lại").click()
    assert "QUYẾT ĐỊNH" in page.inner_text(".doc-preview")
    page.get_by_role("button", name="Trả lại").click()
    assert "Ghi rõ lý do trả lại" in page.inner_text(".paper-actions")
    page.get_by_role("button", name="Duyệt").click()
    assert "Lãnh đạo đã duyệt" in page.inner_text("hgroup")
    # Văn phòng (văn thư of UBND huyện) takes the number: the PDF is made.
    page = page_factory()
    demo_login(page, server, "vanphong")
    page.goto(f"{server.url}/van-ban")
    open_bell(page)
    page.get_by_role("button", name="Cấp số, ngày ban hành").click()
    page.get_by_role("button", name="Cấp số và ngày ban hành").click(timeout=120_000)  # LibreOffice
    assert "Quyết định khen thưởng số 01/QĐ-UBND" in page.inner_text("h1")
    assert "Số: 01/QĐ-UBND" in page.inner_text(".doc-preview")
    # The leader signs: a wrong passphrase first.
    page = page_factory()
    demo_login(page, server, "lanhdao")
    page.goto(f"{server.url}/van-ban")
    page.get_by_role("button", name="Ký số").click()
    page.fill("#passphrase", "sai")
    page.get_by_role("button", name="Ký số").click()
    # the answer re-renders the page: wait for it rather than read the one being left
    expect(page.locator(".paper-actions")).to_contain_text("Mật khẩu của khóa ký số không đúng")
    page.fill("#passphrase", "thu-nghiem-2023")
    page.get_by_role("button", name="Ký số").click()
    expect(page.locator("hgroup")).to_contain_text("Đã ký số")
    # Văn phòng issues it with the seal's signature.
    page = page_factory()
    demo_login(page, server, "vanphong")
    page.goto(f"{server.url}/van-ban")
    page.get_by_role("button", name="Đóng dấu số và phát hành").click(timeout=60_000)
    page.fill("#passphrase", "thu-nghiem-2023")
    page.get_by_role("button", name="Đóng dấu số và phát hành").click(timeout=60_000)
    assert "Đã phát hành" in page.inner_text("hgroup")
    assert page.inner_text(".signatures").count("Còn nguyên vẹn") == 2
    # A recipient receives it; the register shows the line.
    page = page_factory()
    demo_login(page, server, "ldtbxh")
    page.goto(f"{server.url}/van-ban-den")
    assert "01/QĐ-UBND" in page.inner_text("main")
    # A commune it was sent to opens it from its Văn bản đến: the issued PDF, no draft links.
    commune = page_factory()
    demo_login(commune, server, "binhchanh")
    commune.goto(f"{server.url}/van-ban-den")
    commune.get_by_role("link", name="01/QĐ-UBND").click()
    files = commune.inner_text(".paper-files")
    assert "Dự thảo" not in files and "Xem bản PDF" not in files and "docx" not in files
    with commune.expect_download() as download:
        commune.get_by_role("button", name="Tải văn bản đã phát hành (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")

    def validate():
        # In its own thread: pyHanko runs asyncio, Playwright's loop owns this one.
        with server.app.app_context():
            from webapp.issuing import verify
            from webapp.issuing.models import Paper
            from webapp.uploads.service import path_of
            paper = db.session.query(Paper).filter_by(kind="award_decision").one()
            return [(r.signer, r.ok) for r in verify.check(path_of(paper.issued_file).read_bytes())]

    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(validate).result() == [(server.leader_name, True),
                                                  ("UBND huyện Bình Sơn", True)]
    open_bell(page)
    refused = [m for m in page_factory.said if "Content Security Policy" in m or
               m.startswith("pageerror")]
    assert refused == [], "the console of the journey's pages says nothing was refused"
