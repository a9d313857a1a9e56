"""Rewards in a real browser: the screens of Phòng LĐTB&XH and Phòng Nội vụ keep their shape
through every row action, the list can be ordered by hand, and a nomination travels from a
commune to Phòng LĐTB&XH to Phòng Nội vụ with each one told at once."""
from playwright.sync_api import expect

from webapp.extensions import db

from ..awards.helpers import collective, nominate
from ..conftest import user_for
from .util import login

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
NAME = "Hợp tác xã \"Đồng Tâm\" & <Bình Chánh>"


def _seed(server, plan_of_roles):
    """Nominations made through the services: [(role, name, stage), ...] -> ids."""
    ids = []
    with server.app.app_context():
        kw = {"coordinator": user_for("coordinator"), "home_affairs": user_for("home_affairs")}
        for role, name, stage in plan_of_roles:
            ids.append(nominate(user_for(role), collective(name), stage=stage, **kw).id)
        db.session.commit()
    return ids


def _review_rows(page):
    return page.locator("table.review > tbody > tr")


def test_row_actions_keep_the_list_the_summary_and_the_error_in_its_row(page_factory, live_server):
    _seed(live_server, [("commune", "Tổ hợp tác Một", "submitted"),
                        ("mass_org", "Tổ hợp tác Hai", "submitted"),
                        ("department", "Tổ hợp tác Ba", "submitted")])
    page = page_factory()
    login(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/khen-thuong/xet-chon")
    expect(_review_rows(page)).to_have_count(3)
    page.locator("details.by-unit summary").click()
    expect(page.locator("details.by-unit tbody tr")).to_have_count(3)
    expect(page.locator("details.by-unit table")).not_to_contain_text("bound method")

    _review_rows(page).filter(has_text="Tổ hợp tác Một").get_by_role(
        "button", name="Chọn trình duyệt").click()
    expect(_review_rows(page).filter(has_text="Tổ hợp tác Một")).to_contain_text("Đã chọn")
    expect(_review_rows(page)).to_have_count(3)             # no row of the summary injected
    expect(page.locator("details.by-unit tbody tr")).to_have_count(3)  # the summary keeps its table
    expect(page.locator("#award-counters [data-kind=collective]")).to_contain_text("chờ duyệt 1")

    row = _review_rows(page).filter(has_text="Tổ hợp tác Hai")
    row.get_by_role("button", name="Trả lại").click()        # without saying what to add
    error = page.locator("table.review .row-error")
    expect(error).to_contain_text("Ghi rõ nội dung cần bổ sung")
    expect(_review_rows(page)).to_have_count(3)
    # the message takes its own room in the row: it overlaps nothing else there
    overlaps = page.evaluate("""() => {
        const err = document.querySelector('table.review .row-error').getBoundingClientRect();
        const row = document.querySelector('table.review .row-error').closest('tr');
        const hit = [];
        row.querySelectorAll('a, input, button, details, small, ul, span').forEach(el => {
            if (el.closest('.row-error')) return;
            const r = el.getBoundingClientRect();
            if (r.width && r.height && r.left < err.right && err.left < r.right
                && r.top < err.bottom && err.top < r.bottom) hit.push(el.tagName + ' ' + el.textContent.trim().slice(0, 30));
        });
        return hit;
    }""")
    assert overlaps == []
    assert page.js_errors == []


def test_approve_buttons_go_inactive_when_the_quota_fills(page_factory, live_server):
    _seed(live_server, [("commune", f"Tập thể đã duyệt {i}", "approved") for i in range(11)]
          + [("commune", "Tập thể chờ A", "shortlisted"), ("mass_org", "Tập thể chờ B", "shortlisted")])
    page = page_factory()
    login(page, live_server, "home_affairs")
    page.goto(f"{live_server.url}/khen-thuong/xet-chon?status=shortlisted")
    other = _review_rows(page).filter(has_text="Tập thể chờ B")
    expect(other.get_by_role("button", name="Duyệt", exact=True)).to_be_enabled()
    _review_rows(page).filter(has_text="Tập thể chờ A").get_by_role("button", name="Duyệt", exact=True).click()
    expect(_review_rows(page).filter(has_text="Tập thể chờ A")).to_contain_text("Được khen thưởng")
    other = _review_rows(page).filter(has_text="Tập thể chờ B")
    expect(other.get_by_role("button", name="Duyệt", exact=True)).to_be_disabled()
    expect(other).to_contain_text("Đã đủ chỉ tiêu tập thể")
    expect(other.get_by_role("button", name="Không duyệt")).to_be_enabled()
    expect(page.locator("#award-counters [data-kind=collective] .used")).to_have_text("12")
    assert page.js_errors == []


def test_review_page_fits_a_phone(browser, live_server):
    _seed(live_server, [(role, f"Tổ hợp tác có tên khá dài của đơn vị {role}", "submitted")
                        for role in ("commune", "mass_org", "department")])
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    try:
        page = context.new_page()
        login(page, live_server, "coordinator")
        page.goto(f"{live_server.url}/khen-thuong/xet-chon")
        page.locator("details.by-unit summary").click()
        wide = page.evaluate("""() => {
            const out = [];
            document.querySelectorAll('main *').forEach(el => {
                if (el.closest('.table-wrap') || el.closest('nav')) return;
                const r = el.getBoundingClientRect();
                if (r.width && r.right > window.innerWidth + 1) out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
            });
            return [document.documentElement.scrollWidth, out.slice(0, 5)];
        }""")
        assert wide == [390, []]
    finally:
        context.close()


def test_home_affairs_orders_the_list_by_hand_with_the_keyboard(page_factory, live_server):
    first, second, third = _seed(live_server, [("department", "Tập thể Phòng", "approved"),
                                               ("commune", "Tập thể Xã", "approved"),
                                               ("mass_org", "Tập thể Đoàn thể", "approved")])
    page = page_factory()
    login(page, live_server, "home_affairs")
    page.goto(f"{live_server.url}/khen-thuong/danh-sach")
    rows = page.locator("table.awardees tr[id^=awardee-]")
    expect(rows).to_have_count(3)
    top, bottom = rows.nth(0), rows.nth(2)
    expect(top.get_by_role("button", name="Lên: ", exact=False)).to_be_disabled()
    expect(top.get_by_role("button", name="Xuống: ", exact=False)).to_be_enabled()
    expect(rows.nth(1).get_by_role("button", name="Lên: ", exact=False)).to_be_enabled()
    expect(bottom.get_by_role("button", name="Xuống: ", exact=False)).to_be_disabled()
    moved_id = top.get_attribute("id")
    top.get_by_role("button", name="Xuống: ", exact=False).focus()
    page.keyboard.press("Enter")
    expect(rows.nth(1)).to_have_attribute("id", moved_id)
    expect(page.locator(f"#{moved_id} button:focus")).to_have_count(1)
    # the answer refreshes other panels too: press again once htmx has nothing in flight
    page.wait_for_function("!document.querySelector('.htmx-request')")
    expect(page.locator(f"#{moved_id} button:focus")).to_have_count(1)
    page.keyboard.press("Enter")                      # again: the focus stayed on its button
    expect(rows.nth(2)).to_have_attribute("id", moved_id)
    expect(page.locator(f"#{moved_id} button:focus")).to_have_count(1)  # ▲, now that ▼ is off
    assert page.js_errors == []


def _bell_says(page, text):
    page.locator("#bell summary").click()
    expect(page.locator("#bell-menu")).to_contain_text(text)
    page.locator("#bell summary").click()


def test_a_nomination_travels_and_each_next_person_is_told(page_factory, live_server, tmp_path):
    """On a fresh demo (its nominations, notifications and papers already there), whose issued
    decision the văn thư withdrew (thu hồi): the list is open again for a new round."""
    import threading

    from webapp import demo
    from webapp.issuing import papers as issuing
    from webapp.issuing.models import Paper

    failures = []

    def build():
        with live_server.app.app_context():
            try:
                demo.create_demo_accounts()
                demo.run_scenarios()
                paper = db.session.query(Paper).filter_by(kind="award_decision").one()
                issuing.withdraw(paper, "Bổ sung đề nghị.", actor=user_for("office"),
                                 expected_version=None)
                db.session.commit()
            except Exception as exc:  # noqa: BLE001 — reported by the assertion below
                failures.append(repr(exc))

    # in a thread of its own: the demo signs papers (pyHanko runs asyncio), which cannot start
    # inside the event loop that Playwright's sync API keeps in this thread
    builder = threading.Thread(target=build)
    builder.start()
    builder.join(timeout=300)
    assert failures == [] and not builder.is_alive()
    report = tmp_path / "Báo cáo thành tích.pdf"
    report.write_bytes(PDF)
    letter = tmp_path / "Tờ trình.pdf"
    letter.write_bytes(PDF)

    commune = page_factory()
    login(commune, live_server, "commune")
    commune.goto(f"{live_server.url}/khen-thuong/don-vi")
    commune.get_by_role("button", name="Thêm đề nghị").click()
    commune.get_by_label("Tập thể", exact=True).check()
    commune.fill("#collective_name", NAME)
    commune.fill("#summary", "Giúp 12 hộ nghèo phát triển sản xuất.")
    commune.set_input_files("#report", str(report))
    commune.set_input_files("#cover_letter", str(letter))
    commune.get_by_role("button", name="Lưu đề nghị").click()
    commune.locator("#unit-nominations tr", has_text=NAME).get_by_role("button", name="Gửi").click()
    expect(commune.locator("#unit-nominations tr", has_text=NAME)).to_contain_text("Đã gửi, chờ xét")

    # Phòng LĐTB&XH is told at once, and finds it one click away
    coordinator = page_factory()
    login(coordinator, live_server, "coordinator")
    _bell_says(coordinator, "chờ Phòng LĐTB&XH xét chọn")
    coordinator.goto(f"{live_server.url}/khen-thuong/xet-chon?status=submitted")
    coordinator.locator("table.review tr", has_text=NAME).get_by_role("button", name="Chọn trình duyệt").click()
    expect(coordinator.locator("table.review tr", has_text=NAME)).to_contain_text("Đã chọn, chờ Nội vụ duyệt")

    # Phòng Nội vụ is told, approves
    home = page_factory()
    login(home, live_server, "home_affairs")
    _bell_says(home, "chờ Phòng Nội vụ duyệt")
    home.goto(f"{live_server.url}/khen-thuong/xet-chon?status=shortlisted")
    row = home.locator("table.review tr", has_text=NAME)
    row.get_by_label(f"Lý do cho {NAME}").fill("Mô hình tiêu biểu")
    row.get_by_role("button", name="Duyệt", exact=True).click()
    expect(home.locator("table.review tr", has_text=NAME)).to_contain_text("Được khen thưởng")

    # the commune is told, with the reason
    commune.reload()
    _bell_says(commune, "đã được Phòng Nội vụ duyệt: Mô hình tiêu biểu")
    expect(commune.locator("#unit-nominations tr", has_text=NAME)).to_contain_text("Được khen thưởng")
    for page in (commune, coordinator, home):
        assert page.js_errors == []


def test_once_the_decision_is_issued_each_role_sees_the_list_closed(page_factory, live_server):
    """Nội vụ approved one, then the văn thư issued the decision: a nomination Phòng LĐTB&XH
    had not screened and one Nội vụ had not decided are not considered in it; nobody finds a
    button that would change the list, and each page says the list is closed by the decision."""
    from datetime import date

    from webapp.plan.loader import current_plan

    from ..awards.helpers import as_issued
    _seed(live_server, [("commune", "Tổ hợp tác Được Khen", "approved"),
                        ("commune", "Tổ hợp tác Chờ Duyệt", "shortlisted"),
                        ("mass_org", "Tổ hợp tác Chờ Xét", "submitted")])
    with live_server.app.app_context():
        as_issued(current_plan(), decision_number=1, decision_day=date(2023, 12, 5),
                  clerk=user_for("office"))
        db.session.commit()
    notice = "Danh sách khen thưởng đã chốt theo Quyết định số 01/QĐ-UBND ngày 05/12/2023"
    outside = "Không xét trong Quyết định số 01/QĐ-UBND"

    page = page_factory()
    login(page, live_server, "home_affairs")
    page.goto(f"{live_server.url}/khen-thuong/xet-chon")
    expect(page.locator("#list-closed")).to_contain_text(notice)
    waiting = _review_rows(page).filter(has_text="Tổ hợp tác Chờ Duyệt")
    expect(waiting).to_contain_text(outside)
    expect(page.get_by_role("button", name="Duyệt")).to_have_count(0)
    expect(page.get_by_role("button", name="Xem xét lại")).to_have_count(0)
    page.goto(f"{live_server.url}/khen-thuong/danh-sach")
    expect(page.locator("#list-closed")).to_contain_text(notice)
    expect(page.locator("table.awardees")).to_contain_text("Tổ hợp tác Được Khen")
    expect(page.locator("table.awardees")).not_to_contain_text("Tổ hợp tác Chờ Duyệt")
    expect(page.get_by_role("button", name="Xếp lại theo thứ tự đơn vị")).to_have_count(0)

    page = page_factory()
    login(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/khen-thuong/xet-chon")
    expect(page.locator("#list-closed")).to_contain_text(notice)
    expect(_review_rows(page).filter(has_text="Tổ hợp tác Chờ Xét")).to_contain_text(outside)
    expect(page.get_by_role("button", name="Chọn trình duyệt")).to_have_count(0)
    expect(_review_rows(page).filter(has_text="Tổ hợp tác Chờ Xét")).to_contain_text("Ủy ban MTTQ")

    page = page_factory()
    login(page, live_server, "commune")
    page.goto(f"{live_server.url}/khen-thuong/don-vi")
    expect(page.locator("#list-closed")).to_contain_text(notice)
    expect(page.get_by_role("button", name="Thêm đề nghị")).to_have_count(0)
    expect(page.get_by_role("button", name="Gửi", exact=True)).to_have_count(0)
    expect(page.locator("#unit-nominations tr", has_text="Tổ hợp tác Chờ Duyệt")).to_contain_text(outside)
    expect(page.locator("#unit-nominations tr", has_text="Tổ hợp tác Được Khen")).to_contain_text(
        "Được khen thưởng")
