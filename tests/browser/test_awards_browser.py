"""End to end in a real browser: a commune nominates, Phòng LĐTB&XH shortlists, Phòng Nội vụ
approves, drafts and downloads the reward decision."""
import io

from docx import Document
from playwright.sync_api import expect

from .util import login

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
NAME = "Hợp tác xã \"Đồng Tâm\" & <Bình Chánh>"


def test_nominate_shortlist_approve_and_download_the_decision(page_factory, live_server, tmp_path):
    report = tmp_path / "Báo cáo thành tích.pdf"
    report.write_bytes(PDF)
    letter = tmp_path / "Tờ trình.pdf"
    letter.write_bytes(PDF)

    # 1. the commune nominates a collective and sends it
    commune = page_factory()
    login(commune, live_server, "commune")
    commune.locator(".mainnav").get_by_role("link", name="Đề nghị khen thưởng").click()
    commune.get_by_role("button", name="Thêm đề nghị").click()
    commune.get_by_label("Tập thể", exact=True).check()
    expect(commune.locator("#full_name")).to_be_hidden()
    commune.fill("#collective_name", NAME)
    commune.fill("#summary", "Giúp 12 hộ nghèo phát triển sản xuất.")
    commune.set_input_files("#report", str(report))
    commune.set_input_files("#cover_letter", str(letter))
    commune.get_by_role("button", name="Lưu đề nghị").click()
    row = commune.locator("#unit-nominations tr", has_text=NAME)
    expect(row).to_contain_text("Đang soạn")
    row.get_by_role("button", name="Gửi").click()
    expect(commune.locator("#unit-nominations tr", has_text=NAME)).to_contain_text("Đã gửi, chờ xét")

    # 2. Phòng LĐTB&XH shortlists it in place (htmx), the counters follow
    coordinator = page_factory()
    login(coordinator, live_server, "coordinator")
    coordinator.goto(f"{live_server.url}/khen-thuong/xet-chon")
    coordinator.evaluate("window.__marker = 'same page'")
    row = coordinator.locator("table.review tr", has_text=NAME)
    row.get_by_role("button", name="Chọn trình duyệt").click()
    row = coordinator.locator("table.review tr", has_text=NAME)
    expect(row).to_contain_text("Đã chọn, chờ Nội vụ duyệt")
    expect(coordinator.locator("#award-counters [data-kind=collective]")).to_contain_text("chờ duyệt 1")
    assert coordinator.evaluate("window.__marker") == "same page"

    # 3. Phòng Nội vụ approves; the quota counter moves without a reload
    home = page_factory()
    login(home, live_server, "home_affairs")
    home.goto(f"{live_server.url}/khen-thuong/xet-chon")
    row = home.locator("table.review tr", has_text=NAME)
    row.get_by_role("button", name="Duyệt", exact=True).click()
    expect(home.locator("table.review tr", has_text=NAME)).to_contain_text("Được khen thưởng")
    expect(home.locator("#award-counters [data-kind=collective] .used")).to_have_text("1")

    # 4. the decision: number, date, preview, download
    home.goto(f"{live_server.url}/khen-thuong/quyet-dinh")
    home.fill("#number", "5")
    home.fill("#decision_date", "05/12/2023")
    home.get_by_role("button", name="Lưu và xem trước").click()
    preview = home.locator("#decision-preview")
    expect(preview).to_contain_text("Số: 05/QĐ-UBND")
    expect(preview).to_contain_text(NAME)
    expect(preview).to_contain_text("1.080.000")
    with home.expect_download() as info:
        home.get_by_role("button", name="Tải Quyết định (.docx)").click()
    download = info.value
    assert "05-QĐ-UBND" in download.suggested_filename
    with open(download.path(), "rb") as fh:
        doc = Document(io.BytesIO(fh.read()))
    assert NAME in [row.cells[1].text for row in doc.tables[-1].rows]
    for page in (commune, coordinator, home):
        assert page.js_errors == []

    # the commune sees the outcome
    commune.reload()
    expect(commune.locator("#unit-nominations tr", has_text=NAME)).to_contain_text("Được khen thưởng")
