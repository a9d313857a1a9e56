"""Every refusal an htmx action meets says why, in a toast, and leaves the page as it was:
403 (a step the role may not take), 404 (a record gone meanwhile), 409 (somebody else saved
first). The page a commune has open may be stale in each of these ways."""
from playwright.sync_api import expect

from webapp.duties import service
from webapp.duties.models import Assignment, Duty, Status
from webapp.extensions import db
from webapp.plan.models import Unit

from ..conftest import user_for
from .util import login


def _inject_htmx_button(page, url: str, label: str) -> None:
    """A button on the open page that posts to `url` through htmx, as a stale page would."""
    page.evaluate(
        """([url, label]) => {
            const b = document.createElement('button');
            b.textContent = label; b.id = 'stale-action';
            b.setAttribute('hx-post', url); b.setAttribute('hx-target', 'main');
            document.querySelector('main').prepend(b); htmx.process(b);
        }""", [url, label])


def _assignment(app, unit_code, duty_code) -> tuple[int, int]:
    with app.app_context():
        a = (db.session.query(Assignment).join(Assignment.duty).join(Assignment.unit)
             .filter(Unit.code == unit_code, Duty.code == duty_code).one())
        return a.id, a.duty_id


def test_commune_is_told_when_the_server_refuses_403_and_404(page_factory, live_server):
    _, hall_duty = _assignment(live_server.app, "vanphong", "hoi-truong")
    page = page_factory()
    login(page, live_server, "commune")
    main_before = page.locator("main").inner_text()

    _inject_htmx_button(page, f"/nhiem-vu/{hall_duty}/han-lam-viec", "Đặt hạn")
    page.click("#stale-action")
    expect(page.locator("#toasts")).to_contain_text("không được thực hiện thao tác này")
    expect(page.locator("main")).to_contain_text(main_before.splitlines()[0])

    page.evaluate("document.getElementById('stale-action').remove()")
    _inject_htmx_button(page, "/phan-cong/999999/trang-thai", "Cập nhật")
    page.click("#stale-action")
    expect(page.locator("#toasts")).to_contain_text("không tồn tại")
    expect(page.locator("h1")).to_have_text("Việc của tôi")
    assert page.js_errors == []


def test_a_stale_move_is_told_not_overwritten(page_factory, live_server):
    hall_id, _ = _assignment(live_server.app, "vanphong", "hoi-truong")
    page = page_factory()
    login(page, live_server, "office")
    row = page.locator(f"#assignment-{hall_id}")
    row.locator("select[name=status]").select_option("drafting")
    # Meanwhile a colleague moves the same duty.
    with live_server.app.app_context():
        service.set_status(db.session.get(Assignment, hall_id), Status.DRAFTING,
                           actor=user_for("office"))
        db.session.commit()
    row.get_by_role("button", name="Cập nhật").click()
    expect(page.locator(f"#assignment-{hall_id}")).to_contain_text("vừa được người khác cập nhật")
    assert page.js_errors == []
