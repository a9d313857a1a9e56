"""Logging in and out, sessions that end, throttling, CSRF, the htmx login contract, headers."""
import secrets

import pytest

from webapp import InsecureSecretKey, create_app
from webapp.config import DEFAULT_SECRET_KEY
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


def test_a_successful_login_does_not_reset_the_address_count(app, client):
    """The attack run: guesses at other accounts interleaved with logins to one's own were
    never limited (48 of 48), because a success reset the per-address counter."""
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 3
    own = app.test_client()
    for victim in ("t-noivu", "t-vanphong"):
        assert _login(client, victim, "doan-mo").status_code == 422
        assert _login(own, "t-mttq").status_code == 302  # the attacker's own account
        own.post("/dang-xuat")
    page = _login(client, "t-lanhdao", "doan-mo").get_data(as_text=True)
    assert "tạm khóa" in page
    db.session.rollback()
    assert db.session.get(LoginThrottle, "addr:127.0.0.1").failures == 3


def test_a_success_clears_only_the_accounts_count(client):
    _login(client, "t-binhchanh", "sai")
    assert _login(client, "t-binhchanh").status_code == 302
    db.session.rollback()
    assert db.session.get(LoginThrottle, "user:t-binhchanh") is None
    assert db.session.get(LoginThrottle, "addr:127.0.0.1").failures == 1


def test_an_unknown_name_costs_the_same_password_hash_check(client, monkeypatch):
    """A wrong password took ~158 ms, an unknown name ~5 ms: the name's existence showed."""
    import webapp.auth.models as models
    calls = []
    real = models.check_password_hash

    def counting(stored_hash, password):
        calls.append(stored_hash.split("$", 1)[0])
        return real(stored_hash, password)

    monkeypatch.setattr(models, "check_password_hash", counting)
    assert _login(client, "khong-co-ai", "doan-mo").status_code == 422
    unknown = list(calls)
    calls.clear()
    assert _login(client, "t-binhchanh", "doan-mo").status_code == 422
    assert len(unknown) == len(calls) == 1
    assert unknown == calls, "the same hash method (and so the same cost) on both paths"


def test_failed_logins_and_lockouts_are_in_the_audit_log(app, client):
    from webapp.audit.models import AuditEntry
    from .conftest import user_for
    app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 2
    _login(client, "khong-co-ai", "doan-mo")
    _login(client, "t-binhchanh", "doan-mo")
    _login(client, "t-binhchanh", "doan-mo-nua")
    db.session.rollback()
    entries = db.session.query(AuditEntry).filter(
        AuditEntry.action.in_(["auth.login_failed", "auth.locked_out"])).order_by(AuditEntry.id).all()
    assert [e.action for e in entries] == ["auth.login_failed"] * 3 + ["auth.locked_out"]
    assert entries[0].summary == "Đăng nhập không thành công: không có tài khoản “khong-co-ai”"
    assert entries[1].summary == "Đăng nhập không thành công: sai mật khẩu tài khoản t-binhchanh"
    assert entries[1].object_id == user_for("commune").id and entries[1].address == "127.0.0.1"
    assert entries[1].username == "chưa đăng nhập · 127.0.0.1" and entries[1].user_id is None
    assert entries[3].summary.startswith("Tạm khóa đăng nhập đến ")
    assert entries[3].object_type == "user_account"


def test_parallel_failures_are_all_counted_and_never_a_500(app, client):
    """On PostgreSQL parallel first failures collided on the throttle key (UniqueViolation,
    500) and lost counts."""
    import threading
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 100
    app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 100
    n = 8
    barrier = threading.Barrier(n)
    statuses = []

    def attempt():
        c = app.test_client()
        barrier.wait()
        statuses.append(_login(c, "khong-co-ai", "doan-mo").status_code)

    threads = [threading.Thread(target=attempt) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert statuses == [422] * n
    db.session.rollback()
    assert db.session.get(LoginThrottle, "addr:127.0.0.1").failures == n
    assert db.session.get(LoginThrottle, "user:khong-co-ai").failures == n


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


STRONG_KEY = secrets.token_hex(32)


def test_production_refuses_the_default_secret_key(app_config):
    with pytest.raises(InsecureSecretKey, match="SECRET_KEY chưa được đặt"):
        create_app({**app_config, "PRODUCTION": True, "SECRET_KEY": "dev-only-change-me"})
    prod = create_app({**app_config, "PRODUCTION": True, "SECRET_KEY": STRONG_KEY})
    assert prod.config["SESSION_COOKIE_SECURE"] is True


@pytest.mark.parametrize("key,why", [("k", "quá ngắn"), ("x" * 40, "không ngẫu nhiên"),
                                     ("1234" * 10, "không ngẫu nhiên"), ("", "chưa được đặt")])
def test_production_refuses_a_short_or_trivial_key(app_config, key, why):
    with pytest.raises(InsecureSecretKey, match=why):
        create_app({**app_config, "PRODUCTION": True, "SECRET_KEY": key})


@pytest.fixture
def served(app_config, monkeypatch):
    """create_app() as gunicorn or waitress calls it: not testing, not under the Flask CLI."""
    monkeypatch.delenv("FLASK_RUN_FROM_CLI", raising=False)
    monkeypatch.delenv("GNBV_DEV", raising=False)
    return {**app_config, "TESTING": False}


def test_a_server_without_a_key_refuses_to_start_outside_production_too(served):
    """The attack run: GNBV_PRODUCTION unset, `gunicorn "webapp:create_app()"` signed cookies
    with the development key, so a forged cookie opened the admin pages."""
    with pytest.raises(InsecureSecretKey, match="GNBV_SECRET_KEY chưa được đặt.*token_hex"):
        create_app({**served, "SECRET_KEY": DEFAULT_SECRET_KEY})
    with pytest.raises(InsecureSecretKey, match="quá ngắn"):
        create_app({**served, "SECRET_KEY": "abc"})
    assert create_app({**served, "SECRET_KEY": STRONG_KEY}).secret_key == STRONG_KEY


def test_the_development_key_only_for_flask_run_tests_or_gnbv_dev(served, monkeypatch):
    monkeypatch.setenv("FLASK_RUN_FROM_CLI", "true")  # what `flask run` and `flask ...` set
    assert create_app({**served, "SECRET_KEY": DEFAULT_SECRET_KEY}).secret_key == DEFAULT_SECRET_KEY
    monkeypatch.delenv("FLASK_RUN_FROM_CLI")
    monkeypatch.setenv("GNBV_DEV", "1")  # scripts/run-demo
    assert create_app({**served, "SECRET_KEY": DEFAULT_SECRET_KEY}).config["DEV"] is True
    monkeypatch.setenv("GNBV_PRODUCTION", "1")
    with pytest.raises(InsecureSecretKey, match="chưa được đặt"):
        create_app({**served, "SECRET_KEY": DEFAULT_SECRET_KEY, "PRODUCTION": True})


def test_production_uses_the_real_date(app_config):
    from datetime import date
    from webapp.core import clock
    prod = create_app({k: v for k, v in app_config.items() if k != "TODAY"}
                      | {"PRODUCTION": True, "SECRET_KEY": STRONG_KEY})
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

    def test_an_expired_session_on_an_htmx_post_goes_to_the_login_page(self, client):
        """Cookies gone (session expired) then "Đánh dấu đã đọc": the token check must not
        answer first with the 400 toast; the browser goes to the login page, as for a GET."""
        response = client.post("/thong-bao/da-doc-tat-ca", headers=htmx(
            **{"HX-Current-URL": "http://localhost/thong-bao"}))
        assert response.status_code == 204
        assert response.headers["HX-Redirect"].startswith("/dang-nhap?next=")
        assert "thong-bao" in response.headers["HX-Redirect"]
        plain = client.post("/thong-bao/da-doc-tat-ca")
        assert plain.status_code == 302 and plain.headers["Location"].startswith("/dang-nhap")
        login_page = client.post("/dang-nhap", data={"username": "t-vanphong",
                                                     "password": TEST_PASSWORD})
        assert login_page.status_code == 400, "the login form itself keeps its message"

    def test_the_token_changes_at_login_and_at_logout(self, client):
        """A token read before login (on a shared computer, or fixed by an attacker) must not
        be good for the logged-in session, nor the session's token after logout."""
        import re

        def token_of(page):
            return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)

        before = token_of(client.get("/dang-nhap").get_data(as_text=True))
        assert client.post("/dang-nhap", data={"username": "t-vanphong", "csrf_token": before,
                                               "password": TEST_PASSWORD}).status_code == 302
        assert client.post("/dang-xuat", data={"csrf_token": before}).status_code == 400
        page = client.get("/tai-khoan/mat-khau").get_data(as_text=True)
        during = token_of(page)
        assert client.get("/viec-cua-toi").status_code == 200, "still logged in"
        assert client.post("/dang-xuat", data={"csrf_token": during}).status_code == 302
        assert client.post("/dang-nhap", data={"username": "t-vanphong", "csrf_token": during,
                                               "password": TEST_PASSWORD}).status_code == 400


def test_behind_a_proxy_the_client_address_is_the_one_the_proxy_saw(app_config):
    """GNBV_PROXY_HOPS=1: throttling and the audit log see the client, not nginx."""
    from webapp import create_app
    from webapp.audit.models import AuditEntry
    for hops, expected in ((0, "127.0.0.1"), (1, "203.0.113.7")):
        proxied = create_app({**app_config, "PROXY_HOPS": hops})
        client = proxied.test_client()
        client.post("/dang-nhap", data={"username": "t-binhchanh", "password": "sai"},
                    headers={"X-Forwarded-For": "203.0.113.7"},
                    environ_base={"REMOTE_ADDR": "127.0.0.1"})
        with proxied.app_context():
            entry = (db.session.query(AuditEntry).order_by(AuditEntry.id.desc()).first())
            assert entry.address == expected
