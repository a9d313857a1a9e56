"""Paper: the overview that leadership prints fits two A4 pages with its duty column readable,
and a long list repeats its table header on every page, without the top bar or buttons."""
import re

from .util import login_demo, settle

MM = 96 / 25.4  # CSS pixels per millimetre


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_the_overview_prints_on_two_a4_pages_with_a_readable_duty_column(demo_page_factory, demo_server):
    page = demo_page_factory()
    login_demo(page, demo_server, "leadership")
    page.goto(f"{demo_server.url}/tong-quan")
    settle(page)
    page.emulate_media(media="print")
    assert page.locator("header.topbar").is_hidden() and page.locator(".skip-link").is_hidden()
    duty_cell = page.locator("table.progress-table tbody tr").first.locator("td").nth(1)
    assert duty_cell.bounding_box()["width"] >= 45 * MM  # the issue: squeezed to a word a line
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert pdf.startswith(b"%PDF") and _pages(pdf) <= 2


def test_a_long_list_repeats_its_header_on_every_printed_page(demo_page_factory, demo_server):
    page = demo_page_factory()
    login_demo(page, demo_server, "office")
    page.goto(f"{demo_server.url}/dai-bieu/")
    settle(page)
    page.emulate_media(media="print")
    table = page.locator("table", has=page.locator("tbody tr >> nth=40")).first
    assert table.evaluate("t => getComputedStyle(t.tHead).display") == "table-header-group"
    assert page.locator("main button:visible, main [role=button]:visible").count() == 0
    # every column heading stands above a column: the buttons' column goes as a whole
    shown = "c => getComputedStyle(c).display !== 'none'"
    headings = table.evaluate(f"t => [...t.tHead.rows[t.tHead.rows.length - 1].cells].filter({shown}).length")
    cells = table.evaluate(f"t => [...t.tBodies[0].rows[0].cells].filter({shown}).length")
    assert headings == cells
    assert _pages(page.pdf(prefer_css_page_size=True)) > 1
