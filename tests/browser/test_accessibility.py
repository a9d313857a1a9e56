"""WCAG 2.1 A/AA by axe-core on the main pages of every role, at desktop (1366 px) and phone
(390 px) width, and after the main htmx interactions (a filter, a reorder, an autosave, a toast,
a confirmation dialog): no serious or critical violation, one h1 per page.

One login per role and all its pages in one test, on the demo scenario (pages with content).
A failure names the page, the width, the rule and the elements, e.g.
"Sơ đồ chỗ ngồi (/dai-bieu/so-do-cho-ngoi, 390 px): color-contrast (serious) at ['.seat'] – …".
"""
import pytest
from flask import url_for
from playwright.sync_api import expect

from webapp.extensions import db

from .util import (DESKTOP, PHONE, PHONE_STYLED, axe_violations, heading_problems, login,
                   login_demo, settle)


def _assignment(unit_code: str, duty_code: str) -> int:
    from webapp.duties.models import Assignment, Duty
    from webapp.plan.models import Unit
    return (db.session.query(Assignment.id).join(Assignment.duty).join(Assignment.unit)
            .filter(Unit.code == unit_code, Duty.code == duty_code).scalar())


def _first_nomination() -> int:
    from webapp.awards.models import Nomination
    return db.session.query(Nomination.id).order_by(Nomination.id).limit(1).scalar()


def _first_paper() -> int:
    from webapp.issuing.models import Paper
    return db.session.query(Paper.id).order_by(Paper.id).limit(1).scalar()


# role -> [(page, endpoint, values or a function giving them)]
PAGES = {
    "commune": [
        ("Việc của tôi", "duties.my_duties", {}),
        ("Báo cáo kết quả (soạn)", "reports.edit",
         lambda: {"assignment_id": _assignment("binh-chanh", "bao-cao-ket-qua")}),
        ("Đề nghị khen thưởng của đơn vị", "awards.unit", {}),
        # the nomination form: on a list still open, see test_the_nomination_form_…
        ("Đại biểu của đơn vị", "delegates.mine", {}),
        ("Văn bản đến", "issuing.inbox", {}),
    ],
    "coordinator": [
        ("Tiến độ (ma trận)", "duties.matrix", {}),
        ("Tổng quan", "synthesis.overview", {}),
        ("Báo cáo các đơn vị", "reports.overview", {}),
        ("Số liệu toàn huyện", "reports.totals", {}),
        ("Xem xét báo cáo", "reports.review_page",
         lambda: {"assignment_id": _assignment("binh-an", "bao-cao-ket-qua")}),
        ("Báo cáo sơ kết (tổng hợp)", "synthesis.mid_term", {}),
        ("Xét chọn khen thưởng", "awards.review", {}),
        ("Chương trình hội nghị", "conference.agenda", {}),
        ("Tham luận", "conference.speakers", {}),
        ("Kịch bản", "conference.script", {}),
        ("Công văn đôn đốc", "notifications.letter", {}),
        ("Kinh phí", "budget.index", {}),
        ("Văn bản trình ký, phát hành", "issuing.index", {}),
    ],
    "home_affairs": [
        ("Danh sách khen thưởng", "awards.awardees", {}),
        ("Quyết định khen thưởng", "awards.decision", {}),
        ("Hồ sơ đề nghị", "awards.detail", lambda: {"nomination_id": _first_nomination()}),
        ("Báo cáo thi đua", "synthesis.emulation", {}),
    ],
    "office": [
        ("Danh sách đại biểu", "delegates.index", {}),
        ("Trả lời giấy mời", "delegates.replies", {}),
        ("Giấy mời", "delegates.invitations_page", {}),
        ("Nhập đại biểu từ Excel", "delegates.import_excel", {}),
        ("Điểm danh", "delegates.checkin", {}),
        ("Công tác chuẩn bị", "conference.readiness", {}),
        ("Sổ văn bản đi", "issuing.register_page", {}),
    ],
    "department": [
        ("Việc của tôi", "duties.my_duties", {}),
        ("Báo cáo đã nộp (lần 1)", "reports.version",
         lambda: {"assignment_id": _assignment("nnptnt", "bao-cao-ket-qua"), "number": 1}),
    ],
    "mass_org": [
        ("Bài tham luận", "reports.edit", lambda: {"assignment_id": _assignment("mttq", "tham-luan")}),
    ],
    "leadership": [
        ("Thông báo", "notifications.index", {}),
        ("Đổi mật khẩu", "auth.password", {}),
        ("Quyết định khen thưởng đã ban hành", "issuing.paper", lambda: {"paper_id": _first_paper()}),
        ("Kiểm tra chữ ký số", "issuing.verify", {}),
    ],
    "admin": [
        ("Tài khoản", "admin.accounts", {}),
        ("Nhật ký thao tác", "admin.audit_log", {}),
        ("Đơn vị", "admin.units", {}),
        ("Kế hoạch", "admin.plan", {}),
    ],
}


def _urls(server, role):
    with server.app.test_request_context():
        return [(label, url_for(endpoint, **(values() if callable(values) else values)))
                for label, endpoint, values in PAGES[role]]


def _check(page, where: str, phone: bool = False) -> list[str]:
    return (axe_violations(page, where, contrast_within=PHONE_STYLED if phone else None)
            + heading_problems(page, where) + (_too_wide(page, where) if phone else []))


def _too_wide(page, where: str) -> list[str]:
    """On a phone the page itself never scrolls sideways (WCAG 1.4.10 reflow): a wide table
    scrolls in its own box."""
    width, viewport = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]")
    return [f"{where}: trang rộng {width} px trên màn hình {viewport} px"] if width > viewport + 1 else []


# --- after the main htmx interactions (at desktop width unless said) ---
def _after_autosave(page, server):
    """The commune types a figure: the autosave answers, the page is checked as it is then."""
    with server.app.test_request_context():
        page.goto(server.url + url_for("reports.edit", assignment_id=_assignment("binh-chanh", "bao-cao-ket-qua")))
    with page.expect_response(lambda r: r.url.endswith("/luu")):
        page.fill("#f-pov-households-2021", "2.345")
    expect(page.locator("#save-status")).to_contain_text("Đã lưu lúc")
    expect(page.locator("#sr-status")).to_contain_text("Đã lưu lúc")  # said to a screen reader
    return _check(page, "Báo cáo kết quả, sau khi tự lưu")


def _after_filter_reorder_toast(page, server):
    problems = []
    page.goto(server.url + "/tien-do")
    with page.expect_response(lambda r: "/tien-do" in r.url and r.request.headers.get("hx-request")):
        page.select_option("#matrix-filters select[name=kind]", "commune")
    problems += _check(page, "Tiến độ, lọc theo loại đơn vị")

    page.goto(server.url + "/hoi-nghi/chuong-trinh")
    with page.expect_response(lambda r: r.url.endswith("/di-chuyen")):
        page.locator("table.agenda tbody tr").nth(1).locator("form.move button").last.click()
    problems += _check(page, "Chương trình, sau khi chuyển một mục xuống")
    row = page.locator("table.agenda tbody tr").first
    row.locator("input[name=lead]").fill("Đồng chí Chủ tịch UBND huyện")
    row.get_by_role("button", name="Lưu").click()
    expect(page.locator("#toasts .toast")).to_contain_text("Đã lưu mục 1")
    problems += _check(page, "Chương trình, với thông báo “Đã lưu”")
    return problems


def _phone_menu_and_bell(page, server):
    """On a phone the menu opens behind its button, a group of it and then the bell's list."""
    page.set_viewport_size(PHONE)
    page.goto(server.url + "/viec-cua-toi")
    settle(page)
    page.get_by_role("button", name="Menu").click()
    page.locator(".mainnav summary", has_text="Báo cáo").click()
    problems = _check(page, "Menu mở, nhóm “Báo cáo” (390 px)")
    with page.expect_response(lambda r: "/thong-bao/moi" in r.url):
        page.locator("#bell summary").click()
    problems += _check(page, "Thông báo mới (390 px)")
    page.set_viewport_size(DESKTOP)
    return problems


def _after_confirm_dialog(page, server):
    """Deleting a budget line asks in the app's own dialog; checked while it is open."""
    page.goto(server.url + "/kinh-phi")
    page.locator("form[hx-confirm] button").first.click()
    expect(page.locator("#confirm-dialog")).to_be_visible()
    problems = _check(page, "Kinh phí, hộp thoại xác nhận xóa")
    page.keyboard.press("Escape")
    expect(page.locator("#confirm-dialog")).to_be_hidden()
    # a refused request (the line no longer exists): its out-of-band toast is an alert
    page.evaluate("() => htmx.ajax('POST', '/kinh-phi/999999/xoa',"
                  " {source: '#budget-panel', target: '#budget-panel', swap: 'outerHTML'})")
    expect(page.locator("#toasts .toast-error[role=alert]")).to_be_visible()
    expect(page.locator("#budget-panel")).to_be_visible()  # HX-Reswap: none kept the panel
    problems += _check(page, "Kinh phí, thông báo lỗi")
    return problems


def _after_checkin_on_a_phone(page, server):
    page.set_viewport_size(PHONE)
    page.goto(server.url + "/dai-bieu/diem-danh")
    with page.expect_response(lambda r: "/diem-danh/tim" in r.url):
        page.fill("#checkin-q", "Nguyễn")
    page.locator(".checkin-row:not(.arrived) button.arrive").first.click()
    expect(page.locator("#toasts .toast")).to_contain_text("đã có mặt")
    return _check(page, "Điểm danh, sau khi đánh dấu có mặt (390 px)")


def _after_audit_filter(page, server):
    page.goto(server.url + "/quan-tri/nhat-ky")
    with page.expect_response(lambda r: "/quan-tri/nhat-ky" in r.url and r.request.headers.get("hx-request")):
        page.locator("form.filters select[name=object_type]").select_option(index=1)
    return _check(page, "Nhật ký thao tác, sau khi lọc")


INTERACTIONS = {
    "commune": [_after_autosave],
    "coordinator": [_after_filter_reorder_toast, _after_confirm_dialog, _phone_menu_and_bell],
    "office": [_after_checkin_on_a_phone],
    "admin": [_after_audit_filter],
}


@pytest.mark.parametrize("role", list(PAGES))
def test_pages_of_each_role_have_no_serious_accessibility_violation(role, demo_page_factory, demo_server):
    page = demo_page_factory()
    login_demo(page, demo_server, role)
    problems, runs = [], 0
    for label, url in _urls(demo_server, role):
        for size in (DESKTOP, PHONE):
            page.set_viewport_size(size)
            response = page.goto(demo_server.url + url)
            assert response.ok, f"{label} ({url}): HTTP {response.status}"
            settle(page)
            problems += _check(page, f"{label} ({url}, {size['width']} px)", phone=size is PHONE)
            runs += 1
    page.set_viewport_size(DESKTOP)
    for interaction in INTERACTIONS.get(role, []):
        problems += interaction(page, demo_server)
    assert runs == 2 * len(PAGES[role])
    assert problems == [], "\n".join(problems)
    assert page.js_errors == []


def test_the_login_page_has_no_serious_accessibility_violation(demo_page_factory, demo_server):
    page = demo_page_factory()
    problems = []
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        page.goto(demo_server.url + "/dang-nhap")
        problems += _check(page, f"Đăng nhập ({size['width']} px)")
    # a refused login: the message is an alert next to the form
    page.fill("#username", "ldtbxh")
    page.fill("#password", "sai-mat-khau")
    page.click("button[type=submit]")
    expect(page.locator("[role=alert]")).to_be_visible()
    problems += _check(page, "Đăng nhập, mật khẩu sai (390 px)")
    assert problems == [], "\n".join(problems)


def test_the_nomination_form_has_no_serious_accessibility_violation(page_factory, live_server):
    """The demo's reward decision is issued, so its list is closed and the form sends the
    unit back to its list: the form is checked on a list still open (a fresh plan, no
    decision), empty and with its messages after a refused save."""
    page = page_factory()
    login(page, live_server, "commune")
    problems = []
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        response = page.goto(live_server.url + "/khen-thuong/de-nghi/moi")
        assert response.ok and page.url.endswith("/khen-thuong/de-nghi/moi"), page.url
        expect(page.locator("h1")).to_have_text("Đề nghị khen thưởng mới")
        expect(page.locator("form.nomination-form")).to_be_visible()
        settle(page)
        problems += _check(page, f"Đề nghị khen thưởng mới ({size['width']} px)",
                           phone=size is PHONE)
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="Lưu đề nghị").click()
    expect(page.locator("form.nomination-form [aria-invalid=true]").first).to_be_visible()
    problems += _check(page, "Đề nghị khen thưởng mới, sau khi lưu thiếu thông tin")
    assert problems == [], "\n".join(problems)
    assert page.js_errors == []
