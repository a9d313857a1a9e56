"""Two app servers on one PostgreSQL behave as one (DESIGN: no shared state in process memory).

Two gunicorn processes are started on loopback ports against the same database, with the same
secret key and upload folder, as behind a reverse proxy; one "browser" (one cookie jar, since
cookies do not tell ports apart) sends its requests to either. Shown: the login lock-out counts
failures made on both; the reward quota holds with approvals sent to both at once; an edit
opened on one and saved on the other first is a 409; a notification made on one is on the
other's bell at once.
"""
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from webapp.auth.models import User
from webapp.awards.models import Nomination, NominationStatus as NS
from webapp.extensions import db

from .awards.helpers import collective, nominate
from .conftest import PG_URL, ROLE_USERS, TEST_PASSWORD

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not PG_URL, reason="two app servers need one PostgreSQL server: run "
                       "the PostgreSQL half of scripts/test (TEST_DATABASE_URL)"),
]
ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app server stopped: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


@pytest.fixture
def servers(app, database_uri, tmp_path):
    """Two gunicorn processes (one worker each) on one database and one upload folder."""
    env = {**os.environ, "GNBV_DATABASE_URL": database_uri, "GNBV_SECRET_KEY": "two-servers-key", "GNBV_DEV": "1",
           "GNBV_UPLOAD_FOLDER": str(app.config["UPLOAD_FOLDER"]), "GNBV_TODAY": "2023-11-15",
           "GNBV_PRODUCTION": "0"}
    processes, urls, logs = [], [], []
    for n in range(2):
        port = _free_port()
        logs.append(tmp_path / f"server-{n}.log")
        with open(logs[-1], "wb") as log:
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind",
                 f"127.0.0.1:{port}", "--timeout", "60", "webapp:create_app()"],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log))
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url, process, log in zip(urls, processes, logs):
            _wait_until_up(url, process, log)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args, **_kwargs):
        return None


class Browser:
    """One browser: one cookie jar for both servers (a cookie is per host, not per port)."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                  _NoRedirect())
        self.csrf = ""
        self.lock = threading.Lock()

    def open(self, url: str, data: dict | None = None, htmx: bool = False):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body)
        if self.csrf:
            request.add_header("X-CSRFToken", self.csrf)
        if htmx:
            request.add_header("HX-Request", "true")
        try:
            with self.opener.open(request, timeout=30) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode()
        token = re.search(r'"X-CSRFToken": "([^"]+)"|name="csrf_token"[^>]*value="([^"]+)"', text)
        if token:
            with self.lock:
                self.csrf = token.group(1) or token.group(2)
        return status, text

    def login(self, url: str, username: str, password: str):
        self.open(url + "/dang-nhap")
        answer = self.open(url + "/dang-nhap", {"username": username, "password": password,
                                                "csrf_token": self.csrf})
        if answer[0] == 302:
            self.open(url + "/tai-khoan/mat-khau")  # the CSRF token is renewed at login
        return answer


def _bell(browser: Browser, url: str) -> int:
    status, text = browser.open(url + "/thong-bao/dem", htmx=True)
    assert status == 200
    return int(re.search(r'data-unread="(\d+)"', text).group(1))


def _user(role: str) -> User:
    return db.session.query(User).filter_by(username=ROLE_USERS[role][1]).one()


def test_a_login_lock_out_counts_failures_made_on_both_servers(servers, app):
    a, b = servers
    username = ROLE_USERS["mass_org"][1]
    limit = app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]
    browser = Browser()
    for attempt in range(limit):            # a, b, a, b, a: neither server alone saw `limit`
        status, text = browser.login(servers[attempt % 2], username, "sai-mat-khau")
        assert status == 422
    status, text = browser.login(b, username, TEST_PASSWORD)
    assert status == 422 and "tạm khóa" in text, "the right password is refused while locked"
    status, text = browser.login(a, username, TEST_PASSWORD)
    assert status == 422 and "tạm khóa" in text
    # another account is not locked: the lock is the account's, on both servers
    status, _ = Browser().login(a, ROLE_USERS["commune"][1], TEST_PASSWORD)
    assert status == 302


def test_the_quota_holds_with_approvals_sent_to_both_servers_at_once(servers):
    commune, coordinator, home_affairs = _user("commune"), _user("coordinator"), _user("home_affairs")
    ids = [nominate(commune, collective(f"Tổ hợp tác thử {i:02d}"), stage="shortlisted",
                    coordinator=coordinator).id for i in range(14)]
    db.session.commit()
    plan = db.session.get(Nomination, ids[0]).plan
    quota = plan.quota("collective")
    assert quota == 12 and len(ids) > quota
    browser = Browser()
    assert browser.login(servers[0], home_affairs.username, TEST_PASSWORD)[0] == 302
    barrier, answers = threading.Barrier(len(ids)), []

    def approve(index, nomination_id):
        url = servers[index % 2]
        barrier.wait(timeout=30)
        answers.append(browser.open(f"{url}/khen-thuong/de-nghi/{nomination_id}/duyet",
                                    {"decision": "approve", "note": ""}, htmx=True)[0])

    threads = [threading.Thread(target=approve, args=(i, n)) for i, n in enumerate(ids)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(answers) == [200] * quota + [422] * (len(ids) - quota)
    db.session.rollback()
    assert db.session.query(Nomination).filter(Nomination.id.in_(ids),
                                               Nomination.status == NS.APPROVED).count() == quota


def test_an_edit_opened_on_one_server_and_saved_on_the_other_first_is_a_409(servers):
    a, b = servers
    commune, coordinator = _user("commune"), _user("coordinator")
    n = nominate(commune, collective("Chi hội Nông dân thôn Thử"), stage="submitted")
    db.session.commit()
    opened_version = n.version              # the review page opened on server a
    browser = Browser()
    assert browser.login(a, coordinator.username, TEST_PASSWORD)[0] == 302
    status, _ = browser.open(f"{b}/khen-thuong/de-nghi/{n.id}/xet",
                             {"decision": "return", "note": "Bổ sung hồ sơ",
                              "version": opened_version}, htmx=True)
    assert status == 200                   # saved first, on server b
    status, text = browser.open(f"{a}/khen-thuong/de-nghi/{n.id}/xet",
                                {"decision": "shortlist", "note": "",
                                 "version": opened_version}, htmx=True)
    assert status == 409 and "Chi hội Nông dân thôn Thử" in text
    db.session.rollback()
    assert db.session.get(Nomination, n.id).status == NS.RETURNED


def test_a_notification_made_on_one_server_is_on_the_others_bell(servers):
    a, b = servers
    commune, coordinator = _user("commune"), _user("coordinator")
    n = nominate(commune, collective("Tổ tiết kiệm thôn Thử"), stage="submitted")
    db.session.commit()
    unit_browser, coordinator_browser = Browser(), Browser()
    assert unit_browser.login(b, commune.username, TEST_PASSWORD)[0] == 302
    assert coordinator_browser.login(a, coordinator.username, TEST_PASSWORD)[0] == 302
    before = _bell(unit_browser, b)
    status, _ = coordinator_browser.open(f"{a}/khen-thuong/de-nghi/{n.id}/xet",
                                         {"decision": "shortlist", "note": "",
                                          "version": n.version}, htmx=True)
    assert status == 200
    assert _bell(unit_browser, b) == before + 1 == _bell(unit_browser, a)
    status, text = unit_browser.open(f"{b}/thong-bao")
    assert status == 200 and "Tổ tiết kiệm thôn Thử" in text
    note_id = re.search(r'/thong-bao/(\d+)/da-doc', text).group(1)
    assert unit_browser.open(f"{a}/thong-bao/{note_id}/da-doc", {}, htmx=True)[0] == 200
    assert _bell(unit_browser, b) == before
