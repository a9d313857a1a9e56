"""By keyboard alone: the skip link, a visible focus ring, menus that close with Escape, a
commune's report filled, saved and submitted, a delegate checked in, a moved agenda row that
keeps the focus, and a confirmation dialog that traps the focus and gives it back.

No click and no fill in these tests: Tab, Shift+Tab, Enter, Space, Escape and typed text only
(a file is picked in the browser's own file chooser, opened from the keyboard)."""
import re

from playwright.sync_api import TimeoutError as PlaywrightTimeout, expect

from webapp.demo import DEMO_PASSWORD

from .test_reports_browser import FIGURES, PDF
from .util import DEMO_USERS, PHONE, ROLE_USERS, TEST_PASSWORD

FOCUSED = "document.activeElement"


def _describe_focus(page) -> str:
    return page.evaluate(f"""() => {{ const e = {FOCUSED}; if (!e) return 'nothing';
        return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' “' +
               (e.getAttribute('aria-label') || e.textContent || e.value || '').trim().slice(0, 40) + '”'; }}""")


def tab_to(page, selector: str, text: str | None = None, limit: int = 150, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches `selector` (and has `text`)."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate(f"""([s, t]) => !!{FOCUSED} && {FOCUSED}.matches(s)
                             && (t === null || {FOCUSED}.textContent.trim() === t)""", [selector, text]):
            assert_focus_ring(page)
            return
        seen.append(_describe_focus(page))
    raise AssertionError(f"{selector} {text or ''} not reached by Tab in {limit} presses; "
                         f"the last ones: {seen[-15:]}")


def assert_focus_ring(page) -> None:
    """The focused control shows the 3 px ring (a hidden file input shows it on its button)."""
    ring = page.evaluate(f"""() => {{ const e = {FOCUSED};
        const shown = e.matches('input[type=file]') ? e.nextElementSibling : e;
        const s = getComputedStyle(shown); return [s.outlineStyle, s.outlineWidth]; }}""")
    assert ring == ["solid", "3px"], f"no focus ring on {_describe_focus(page)}: {ring}"


def focused_matches(page, selector: str) -> bool:
    return page.evaluate(f"s => !!{FOCUSED} && {FOCUSED}.matches(s)", selector)


def _in_page_order(selector: str):
    """#f-pov-<row>-<year>: the poverty table's inputs in the order Tab reaches them."""
    row, year = selector.removeprefix("#f-pov-").rsplit("-", 1)
    return ["households", "poor", "near_poor"].index(row), year


def keyboard_login(page, server, username: str, password: str) -> None:
    page.goto(f"{server.url}/dang-nhap")
    assert focused_matches(page, "#username")  # autofocus: no Tab needed
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/dang-nhap" not in url)


def test_skip_link_focus_ring_and_escape_closing_menus(page_factory, live_server):
    page = page_factory()
    keyboard_login(page, live_server, ROLE_USERS["coordinator"][1], TEST_PASSWORD)
    # the first Tab reaches the skip link, shown on focus; Enter moves to the content
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Bỏ qua, đến nội dung chính")
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate(f"() => document.querySelector('main').contains({FOCUSED})")
    # every control reached shows a 3 px ring (tab_to checks it each time: links, buttons,
    # menus here; fields, checkboxes, the file input in the report test)
    tab_to(page, "main a[href]")
    tab_to(page, "main [role=button], main button")

    # a top-bar menu opens with Enter and closes with Escape, the focus back on its title
    page.keyboard.press("Shift+Tab")
    tab_to(page, ".mainnav summary", backwards=True, limit=80)
    menu = page.locator("details.dropdown", has=page.locator(":focus"))
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    assert page.evaluate(f"() => {FOCUSED}.closest('details.dropdown[open]') !== null")
    page.keyboard.press("Escape")
    expect(menu).not_to_have_attribute("open", "")
    assert focused_matches(page, "details.dropdown > summary")
    # the bell's list too, and leaving a menu by Tab closes it
    tab_to(page, "#bell summary")
    page.keyboard.press("Enter")
    expect(page.locator("#bell-menu")).to_contain_text("Xem tất cả thông báo")
    page.keyboard.press("Escape")
    expect(page.locator("#bell")).not_to_have_attribute("open", "")
    assert page.js_errors == []


def test_phone_menu_opens_from_its_button_and_closes_with_escape(page_factory, live_server):
    page = page_factory(**PHONE)
    keyboard_login(page, live_server, ROLE_USERS["commune"][1], TEST_PASSWORD)
    # the content starts in the first screen: one line of header, the date folded
    assert page.locator("header.topbar").bounding_box()["height"] < 70
    assert page.locator(".demo-clock").bounding_box()["height"] < 30
    assert page.locator("h1").bounding_box()["y"] < PHONE["height"] / 4
    expect(page.locator(".mainnav")).to_be_hidden()
    tab_to(page, "#menu-button")
    button = page.locator("#menu-button")
    expect(button).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".mainnav")).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate(f"() => document.getElementById('site-menu').contains({FOCUSED})")
    page.keyboard.press("Escape")
    expect(page.locator(".mainnav")).to_be_hidden()
    expect(button).to_be_focused()
    assert page.js_errors == []


def test_a_commune_fills_saves_and_submits_its_report_by_keyboard(page_factory, live_server):
    page = page_factory()
    # a listener from the start turns Playwright's file-chooser interception on before the
    # key press (expect_file_chooser alone may switch it on too late on a busy machine)
    page.on("filechooser", lambda chooser: None)
    keyboard_login(page, live_server, ROLE_USERS["commune"][1], TEST_PASSWORD)
    tab_to(page, "main a", "Soạn báo cáo")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Báo cáo kết quả thực hiện theo đề cương")
    for selector in sorted(FIGURES, key=_in_page_order):  # Tab goes row by row
        tab_to(page, selector)
        page.keyboard.type(FIGURES[selector])
    # a project ticked from the keyboard opens its figures (untick: this commune runs none)
    tab_to(page, "input[name='prj.DA1.selected']")
    page.keyboard.press("Space")
    expect(page.locator("#project-DA1")).to_have_attribute("open", "")
    page.keyboard.press("Space")
    expect(page.locator("input[name='prj.DA1.selected']")).not_to_be_checked()
    tab_to(page, "#f-nar-results")
    page.keyboard.type("Tỷ lệ hộ nghèo giảm đều (số liệu thử).")
    # the autosave says so (a live region); then the save button, pressed with Enter
    expect(page.locator("#save-status")).to_contain_text("Đã lưu lúc", timeout=15_000)
    expect(page.locator("#sr-status")).to_contain_text("Đã lưu lúc")
    tab_to(page, "button", "Lưu và kiểm tra")
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    expect(page.locator("#save-status")).to_contain_text("Đã lưu lúc", timeout=15_000)
    expect(page.locator("#f-nar-results")).to_have_value("Tỷ lệ hộ nghèo giảm đều (số liệu thử).")

    # the file: a Vietnamese control; Space opens the chooser, the name is shown
    expect(page.locator(".file-button")).to_have_text("Chọn tệp…")
    expect(page.locator("#file-chosen")).to_have_text("Chưa chọn tệp")
    tab_to(page, "#file", limit=300)  # the page was reloaded: from the top, through the form
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(files=[{"name": "Báo cáo đã ký.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    expect(page.locator("#file-chosen")).to_have_text("Đã chọn: Báo cáo đã ký.pdf")
    tab_to(page, "#submit-box button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".report-state .badge")).to_have_text("Đã nộp đúng hạn")
    expect(page.locator("table.versions")).to_contain_text("Báo cáo đã ký.pdf")
    assert page.js_errors == []


def test_a_delegate_is_checked_in_by_keyboard_and_the_focus_stays_on_the_row(demo_page_factory, demo_server):
    page = demo_page_factory()
    keyboard_login(page, demo_server, DEMO_USERS["office"], DEMO_PASSWORD)
    # through the top-bar menu: "Hội nghị" › "Điểm danh"
    tab_to(page, ".mainnav summary", "Hội nghị")
    page.keyboard.press("Enter")
    tab_to(page, ".mainnav a", "Điểm danh")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Điểm danh đại biểu")
    expect(page.locator("#checkin-q")).to_be_focused()  # ready to type at the door
    page.wait_for_load_state("load")  # htmx listens to the search box from then on
    with page.expect_response(lambda r: "/diem-danh/tim" in r.url):
        page.keyboard.type("Nguyen")
    tab_to(page, ".checkin-row:not(.arrived) button.arrive")
    row_id = page.evaluate(f"() => {FOCUSED}.closest('.checkin-row').id")
    page.keyboard.press("Enter")
    row = page.locator(f"#{row_id}")
    expect(row).to_have_class(re.compile(r"\barrived\b"))
    expect(page.locator("#toasts")).to_contain_text("đã có mặt")
    # the row was replaced by the answer; the focus is on its new button, not lost
    expect(row.locator("button")).to_be_focused()
    page.keyboard.press("Enter")  # a mistake is undone the same way
    expect(row).not_to_have_class(re.compile(r"\barrived\b"))
    assert page.js_errors == []


def test_a_moved_agenda_row_keeps_the_focus(demo_page_factory, demo_server):
    page = demo_page_factory()
    keyboard_login(page, demo_server, DEMO_USERS["coordinator"], DEMO_PASSWORD)
    page.goto(f"{demo_server.url}/hoi-nghi/chuong-trinh")
    rows = page.locator("table.agenda tbody tr")
    moved_id = rows.nth(1).get_attribute("id")
    title = rows.nth(1).locator("td").nth(2).inner_text()
    tab_to(page, f"#{moved_id} form.move button[aria-label$='xuống']", limit=200)
    page.keyboard.press("Enter")
    expect(rows.nth(2)).to_have_id(moved_id)
    expect(rows.nth(2).locator("td").nth(2)).to_have_text(title)
    expect(page.locator(f"#{moved_id} form.move button").last).to_be_focused()
    expect(page.locator("#sr-status")).to_have_text("Đã chuyển đến vị trí 3.")
    page.keyboard.press("Enter")  # and once more, without looking for it again
    expect(rows.nth(3)).to_have_id(moved_id)
    assert page.js_errors == []


def test_the_confirmation_dialog_traps_the_focus_and_gives_it_back(demo_page_factory, demo_server):
    page = demo_page_factory()
    keyboard_login(page, demo_server, DEMO_USERS["coordinator"], DEMO_PASSWORD)
    page.goto(f"{demo_server.url}/kinh-phi")
    lines = page.locator("#budget-panel form[hx-confirm]")
    count = lines.count()
    tab_to(page, "#budget-panel form[hx-confirm] button", limit=200)
    delete_button = page.evaluate(f"() => {FOCUSED}.closest('form').getAttribute('hx-post')")
    page.keyboard.press("Enter")
    dialog = page.locator("#confirm-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Xóa khoản chi")
    expect(dialog.get_by_role("button", name="Hủy")).to_be_focused()
    for expected in ("Đồng ý", "Hủy", "Đồng ý"):  # Tab cycles inside the dialog
        page.keyboard.press("Tab")
        expect(dialog.get_by_role("button", name=expected)).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(dialog.get_by_role("button", name="Hủy")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.locator(f"#budget-panel form[hx-post='{delete_button}'] button")).to_be_focused()
    expect(lines).to_have_count(count)
    # asked again and confirmed: the line goes
    page.keyboard.press("Enter")
    expect(dialog.get_by_role("button", name="Hủy")).to_be_focused()
    page.keyboard.press("Tab")
    with page.expect_response(lambda r: r.url.endswith(delete_button)):
        page.keyboard.press("Enter")
    expect(lines).to_have_count(count - 1)
    expect(page.locator("#toasts")).to_contain_text("Đã xóa")
    # the row is gone: the focus is on the same place of the list (the next line), not lost
    # (the focus comes back once htmx has settled the swap: wait for it, do not sample once)
    try:
        page.wait_for_function(f"() => document.getElementById('budget-panel').contains({FOCUSED})", timeout=5000)
    except PlaywrightTimeout:
        raise AssertionError(_describe_focus(page)) from None
    assert page.js_errors == []
