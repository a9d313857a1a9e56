"""Logging in and out, sessions that end, throttling, CSRF, the htmx login contract, headers."""
import pytest

from webapp import create_app
from webapp.auth.models import LoginThrottle
from webapp.extensions import db

from .conftest import ROLE_USERS, TEST_PASSWORD, htmx


def _login(client, username, password=TEST_PASSWORD, **kw):
    return client.post("/dang-nhap", data={"username": username, "password": password}, **kw)


def test_login_lands_each_role_on_its_home(client):
    response = _login(client, "t-binhchanh")
    assert response.status_code == 302 and response.headers["Location"] == "/viec-cua-toi"
    page = client.get("/viec-cua-toi").get_data(as_text=True)
    assert "Xã Bình Chánh" in page and "Báo cáo kết quả theo đề cương" in page


@pytest.mark.parametrize("role,home", [("leadership", "/viec-cua-toi"), ("admin", "/quan-tri/tai-khoan"),
                                       ("coordinator", "/viec-cua-toi")])
def test_homes(client, role, home):
    assert _login(client, ROLE_USERS[role][1]).headers["Location"] == home


def test_wrong_password_message_and_input_kept(client):
    response = _login(client, "t-binhchanh", "sai-mat-khau")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in page
    assert 'value="t-binhchanh"' in page


def test_a_cookie_from_before_logout_no_longer_works(app, client):
    _login(client, "t-binhchanh")
    stolen = client.get_cookie("session").value
    assert client.post("/dang-xuat").status_code == 302
    other = app.test_client()
    other.set_cookie("session", stolen)
    response = other.get("/viec-cua-toi")
    assert response.status_code == 302 and "/dang-nhap" in response.headers["Location"]


def test_changing_the_password_ends_other_sessions(app, client):
    _login(client, "t-binhchanh")
    laptop = app.test_client()
    _login(laptop, "t-binhchanh")
    response = client.post("/tai-khoan/mat-khau", data={
        "current_password": TEST_PASSWORD, "new_password": "mot-mat-khau-moi",
        "confirm": "mot-mat-khau-moi"})
    assert response.status_code == 302
    assert client.get("/viec-cua-toi").status_code == 200, "this browser stays logged in"
    assert "/dang-nhap" in laptop.get("/viec-cua-toi").headers["Location"]
    assert _login(app.test_client(), "t-binhchanh", "mot-mat-khau-moi").status_code == 302


def test_password_change_errors_are_beside_the_fields(client, login_as):
    login_as("commune")
    response = client.post("/tai-khoan/mat-khau", data={
        "current_password": "khong-dung", "new_password": "ngan", "confirm": "khac"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Mật khẩu mới cần ít nhất 10 ký tự." in page
    assert "Hai lần nhập mật khẩu mới không khớp." in page


def test_failed_logins_are_throttled_per_account(app, client):
    limit = app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]
    for _ in range(limit - 1):
        assert "không đúng" in _login(client, "t-binhchanh", "sai").get_data(as_text=True)
    page = _login(client, "t-binhchanh", "sai").get_data(as_text=True)
    assert "tạm khóa" in page
    # even the right password is refused while locked, from another address too
    other = app.test_client()
    response = _login(other, "t-binhchanh", environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert response.status_code == 422 and "tạm khóa" in response.get_data(as_text=True)
    # another account is not affected
    assert _login(app.test_client(), "t-mttq", environ_base={"REMOTE_ADDR": "10.0.0.8"}).status_code == 302


def test_failed_logins_are_throttled_per_address(app, client):
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 3
    for name in ("a1", "a2"):
        _login(client, name, "sai")
    assert "tạm khóa" in _login(client, "a3", "sai").get_data(as_text=True)
    assert _login(client, "t-mttq").status_code == 422
    db.session.rollback()
    assert db.session.get(LoginThrottle, "addr:127.0.0.1").failures == 3


def test_deactivated_account_cannot_log_in(client, login_as, app):
    from .conftest import user_for
    user = user_for("mass_org")
    user.active = False
    db.session.commit()
    assert _login(client, "t-mttq").status_code == 422


def test_htmx_call_with_an_expired_session_sends_the_browser_to_login(client):
    response = client.get("/tien-do", headers=htmx())
    assert response.status_code == 204
    assert response.headers["HX-Redirect"].startswith("/dang-nhap")
    assert response.get_data() == b""


def test_security_headers_on_every_answer(client):
    response = client.get("/dang-nhap")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "HX-Request" in response.headers["Vary"]
    cookie_response = _login(client, "t-binhchanh")
    set_cookie = cookie_response.headers["Set-Cookie"]
    assert "HttpOnly" in set_cookie and "SameSite=Lax" in set_cookie


def test_production_refuses_the_default_secret_key(app_config):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({**app_config, "PRODUCTION": True, "SECRET_KEY": "dev-only-change-me"})
    prod = create_app({**app_config, "PRODUCTION": True, "SECRET_KEY": "x" * 40})
    assert prod.config["SESSION_COOKIE_SECURE"] is True


def test_production_uses_the_real_date(app_config):
    from datetime import date
    from webapp.core import clock
    prod = create_app({k: v for k, v in app_config.items() if k != "TODAY"}
                      | {"PRODUCTION": True, "SECRET_KEY": "x" * 40})
    with prod.app_context():
        assert clock.today() == date.today()


class TestCsrf:
    @pytest.fixture
    def app_config(self, app_config):
        return {**app_config, "WTF_CSRF_ENABLED": True}

    def test_a_form_post_without_token_is_refused(self, client):
        response = _login(client, "t-binhchanh")
        assert response.status_code == 400
        assert "hết hạn" in response.get_data(as_text=True)

    def test_an_htmx_post_needs_the_header_token(self, client, app):
        import re
        page = client.get("/dang-nhap").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        assert _login(client, "t-vanphong").status_code == 400
        client.post("/dang-nhap", data={"username": "t-vanphong", "password": TEST_PASSWORD,
                                        "csrf_token": token})
        dashboard = client.get("/viec-cua-toi").get_data(as_text=True)
        header_token = re.search(r'"X-CSRFToken": "([^"]+)"', dashboard).group(1)
        row = re.search(r'hx-post="(/phan-cong/\d+/trang-thai)"', dashboard).group(1)
        refused = client.post(row, data={"status": "drafting", "version": 1}, headers=htmx())
        assert refused.status_code == 400
        accepted = client.post(row, data={"status": "drafting", "version": 1},
                               headers=htmx(**{"X-CSRFToken": header_token}))
        assert accepted.status_code == 200 and "Đang soạn" in accepted.get_data(as_text=True)
