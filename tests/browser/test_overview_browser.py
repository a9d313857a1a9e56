"""Leadership reads the overview (charts and counts); a commune sees a reminder in its bell."""
from datetime import date

from playwright.sync_api import expect

from webapp.extensions import db

from .util import login


def test_commune_sees_a_reminder_in_its_bell(page_factory, live_server):
    from webapp.notifications import reminders
    with live_server.app.app_context():
        reminders.create_reminders(date(2023, 11, 20))  # the daily job, two days before
        db.session.commit()
    page = page_factory()
    login(page, live_server, "commune")
    count = page.locator("#bell-count")
    expect(count).to_contain_text("3")  # report, nominations, discussion paper
    page.locator("#bell summary").click()
    menu = page.locator("#bell-menu")
    expect(menu).to_contain_text("“Báo cáo kết quả theo đề cương” còn 2 ngày (hạn 22/11/2023)")
    # one click opens the duty and marks the reminder read
    menu.locator("button", has_text="Báo cáo kết quả theo đề cương").click()
    expect(page.locator("h1")).to_contain_text("Báo cáo kết quả theo đề cương")
    expect(page.locator("#bell-count")).to_contain_text("2")
    assert page.js_errors == []
