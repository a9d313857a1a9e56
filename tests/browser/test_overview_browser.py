"""Leadership reads the overview (charts and counts); a commune sees a reminder in its bell."""
from datetime import date

from playwright.sync_api import expect

from webapp.extensions import db

from .util import login, open_menu_entry


def test_commune_sees_a_reminder_in_its_bell(page_factory, live_server):
    from webapp.notifications import reminders
    with live_server.app.app_context():
        reminders.create_reminders(date(2023, 11, 20))  # the daily job, two days before
        db.session.commit()
    page = page_factory()
    login(page, live_server, "commune")
    count = page.locator("#bell-count")
    expect(count).to_contain_text("4")  # report, nominations, discussion paper, delegates
    page.locator("#bell summary").click()
    menu = page.locator("#bell-menu")
    expect(menu).to_contain_text("“Báo cáo kết quả theo đề cương” còn 2 ngày (hạn 22/11/2023)")
    # one click opens the duty and marks the reminder read
    menu.locator("button", has_text="Báo cáo kết quả theo đề cương").click()
    expect(page.locator("h1")).to_contain_text("Báo cáo kết quả theo đề cương")
    expect(page.locator("#bell-count")).to_contain_text("3")
    assert page.js_errors == []


def test_leadership_reads_the_overview_with_charts_and_counts(page_factory, live_server):
    """One commune's report accepted: its bars are drawn, the others say they are missing."""
    from webapp.auth.models import User
    from webapp.plan.models import Unit
    from webapp.admin.service import create_account
    from tests.synthesis.factories import commune_raw, report
    from tests.synthesis import factories
    with live_server.app.app_context():
        factories._users.clear()

        def make_user(unit_code):
            unit = db.session.query(Unit).filter_by(code=unit_code).one()
            return create_account(unit_id=unit.id, username=f"b-{unit_code}", full_name="Cán bộ thử",
                                  password="mat-khau-thu-nghiem", must_change_password=False)
        coordinator = db.session.query(User).filter_by(username="t-ldtbxh").one()
        report("binh-long", commune_raw([2000, 2000, 2000], [100, 80, 60], [90, 80, 70]),
               make_user, coordinator)
    page = page_factory()
    login(page, live_server, "leadership")
    open_menu_entry(page, "Tiến độ", "Tổng quan")
    expect(page.locator("h1")).to_have_text("Tổng quan chuẩn bị Hội nghị sơ kết giữa kỳ")
    progress = page.locator("#duty-progress")
    expect(progress).to_contain_text("Báo cáo kết quả theo đề cương")
    row = progress.locator("tr", has_text="Báo cáo kết quả theo đề cương")
    expect(row.locator("td").nth(3)).to_have_text("1")       # accepted: Bình Long
    charts = page.locator("#poverty-charts svg.chart")
    expect(charts).to_have_count(2)
    expect(charts.first.locator("rect[fill]")).to_have_count(3 * 2 + 3)  # Bình Long, district, legend
    expect(charts.first).to_contain_text("chưa có báo cáo được tiếp nhận")
    expect(page.locator("#poverty")).to_contain_text("1/22 xã, thị trấn")
    expect(page.locator("#nominations")).to_be_visible()
    expect(page.locator("#delegates")).to_contain_text("166")
    assert page.js_errors == []
