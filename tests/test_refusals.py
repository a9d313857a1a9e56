"""The refusal contract: each domain error answers with its own status, htmx always gets a
message (an out-of-band toast, no swap of its target), a plain request gets the error page;
the audited versioned write refuses a stale form before changing anything."""
import pytest

from webapp.audit.models import AuditEntry
from webapp.audit.service import parse_version, versioned_update
from webapp.core.errors import DomainError, NotAllowed, NotFound, StaleEdit
from webapp.duties.models import Assignment, Duty
from webapp.extensions import db
from webapp.plan.models import Unit

from .conftest import htmx


def _assignment(unit_code, duty_code) -> Assignment:
    return (db.session.query(Assignment).join(Assignment.duty).join(Assignment.unit)
            .filter(Unit.code == unit_code, Duty.code == duty_code).one())


def test_each_domain_error_carries_its_status():
    assert DomainError("x").status == 422
    assert NotAllowed("x").status == 403
    assert StaleEdit("x").status == 409
    assert NotFound().status == 404
    assert NotFound().message == "Trang hoặc hồ sơ bạn tìm không tồn tại."


def test_htmx_refusal_403_is_a_toast_and_no_swap(client, login_as):
    login_as("commune")
    hall = _assignment("vanphong", "hoi-truong")
    response = client.post(f"/nhiem-vu/{hall.duty_id}/han-lam-viec", data={"deadline": "01/12/2023"},
                           headers=htmx())
    assert response.status_code == 403
    assert response.headers["HX-Reswap"] == "none"
    body = response.get_data(as_text=True)
    assert 'id="toasts" hx-swap-oob="beforeend"' in body
    assert "Vai trò của bạn không được thực hiện thao tác này." in body
    assert "<html" not in body


def test_htmx_refusal_404_is_a_toast(client, login_as):
    login_as("commune")
    response = client.get("/phan-cong/999999", headers=htmx())
    assert response.status_code == 404
    assert response.headers["HX-Reswap"] == "none"
    assert "không tồn tại" in response.get_data(as_text=True)


def test_plain_refusal_is_the_full_error_page(client, login_as):
    login_as("commune")
    response = client.get("/phan-cong/999999")
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "<html" in body and "Không tìm thấy" in body and "Về trang chính" in body


def test_expired_csrf_token_on_htmx_says_so(app, client, login_as):
    app.config["WTF_CSRF_ENABLED"] = True
    login_as("office")
    hall = _assignment("vanphong", "hoi-truong")
    response = client.post(f"/phan-cong/{hall.id}/trang-thai", data={"status": "drafting"},
                           headers=htmx())
    assert response.status_code == 400
    assert response.headers["HX-Reswap"] == "none"
    assert "Biểu mẫu đã hết hạn" in response.get_data(as_text=True)


def test_versioned_update_refuses_a_stale_version_before_changing_anything(app):
    hall = _assignment("vanphong", "hoi-truong")
    hall_id, version, note = hall.id, hall.version, hall.note
    entries = db.session.query(AuditEntry).count()
    with pytest.raises(StaleEdit, match="vừa được người khác cập nhật"):
        versioned_update(hall, {"note": "mới"}, expected_version=version - 1,
                         action="assignment.note")
    db.session.rollback()
    fresh = db.session.get(Assignment, hall_id)
    assert (fresh.version, fresh.note) == (version, note)
    assert db.session.query(AuditEntry).count() == entries


def test_versioned_update_changes_bumps_and_audits_before_and_after(app):
    hall = _assignment("vanphong", "hoi-truong")
    version = hall.version
    versioned_update(hall, {"note": "Đã liên hệ hội trường"}, expected_version=str(version),
                     action="assignment.note", summary="Ghi chú")
    db.session.commit()
    assert hall.version == version + 1
    entry = (db.session.query(AuditEntry).filter_by(object_type="assignment", object_id=hall.id)
             .order_by(AuditEntry.id.desc()).first())
    assert entry.action == "assignment.note"
    assert entry.before == {"note": ""}
    assert entry.after == {"note": "Đã liên hệ hội trường"}


def test_a_tampered_version_is_a_clear_refusal_not_a_crash():
    assert parse_version("7") == 7 and parse_version("") is None and parse_version(None) is None
    with pytest.raises(DomainError, match="Biểu mẫu không hợp lệ hoặc đã cũ"):
        parse_version("abc")


def test_a_link_to_a_page_is_offered_only_to_who_may_open_it(app):
    """The issued paper's page links back to its feature's page; a commune that receives the
    reward decision must not be sent to a page that answers 403."""
    from flask_login import login_user

    from webapp.core.permissions import may_open

    from .conftest import user_for
    for role, expected in (("commune", False), ("home_affairs", True), ("leadership", True)):
        with app.test_request_context():
            login_user(user_for(role))
            assert may_open("awards.decision") is expected, role
            assert may_open("auth.password") is True  # every role changes its own
            assert may_open("no.such.page") is False
