"""Browser tests: Playwright for Python driving the system's Chromium (no browser download).

The app is served by werkzeug's make_server on port 0 in a thread, on a file SQLite database
(a copy of the session template), with CSRF enabled as in production. `demo_server` serves a
copy of the demo scenario (`flask demo`: every page has something on it), built once per run
and shared by the xdist workers.
"""
import fcntl
import os
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from werkzeug.serving import make_server

from webapp import create_app
from webapp.extensions import db

from ..conftest import PG_URL

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@contextmanager
def _serve(database, uploads):
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}", "SECRET_KEY": "browser-test", "DEV": True,
        "UPLOAD_FOLDER": str(uploads), "TODAY": "2023-11-15",
        "WTF_CSRF_ENABLED": True, "TESTING": False, "PRODUCTION": False,
    })
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.app = app
    server.url = f"http://127.0.0.1:{server.server_port}"
    try:
        yield server
    finally:
        server.shutdown()
        thread.join(timeout=5)
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def live_server(template_database, tmp_path):
    if PG_URL:
        pytest.skip("browser tests run on SQLite")
    kind, source = template_database
    target = tmp_path / "live.sqlite3"
    shutil.copyfile(source, target)
    with _serve(target, tmp_path / "uploads") as server:
        yield server


def _build_demo(folder):
    """What `flask demo` builds (plan, demo accounts, the invented scenario), on a new file."""
    from webapp.auth import models as auth_models
    from werkzeug.security import generate_password_hash
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'demo.sqlite3'}",
                      "UPLOAD_FOLDER": str(folder / "uploads"), "SECRET_KEY": "browser-test",
                      "TODAY": "2023-11-15", "TESTING": True, "PRODUCTION": False})
    with app.app_context():
        db.create_all()
    with pytest.MonkeyPatch.context() as patch:
        # a cheap hash for the twelve demo accounts: the pages are under test, not the hashing
        patch.setattr(auth_models, "generate_password_hash",
                      lambda password: generate_password_hash(password, method="pbkdf2:sha256:1000"))
        result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory):
    """(database file, uploads folder) of the demo; built by the first xdist worker that asks."""
    if PG_URL:
        pytest.skip("browser tests run on SQLite")
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    folder = (tmp_path_factory.getbasetemp().parent / f"demo-{run}" if run
              else tmp_path_factory.getbasetemp() / "demo")
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "built").exists():
            # in a thread of its own: signing (pyHanko) runs asyncio, and Playwright's sync API
            # may already run an event loop in this one
            with ThreadPoolExecutor(1) as pool:
                pool.submit(_build_demo, folder).result()
            (folder / "built").touch()
    return folder / "demo.sqlite3", folder / "uploads"


@pytest.fixture(scope="module")
def demo_server(demo_database, tmp_path_factory):
    """The demo served for one test module (its tests share what they change)."""
    source, uploads = demo_database
    folder = tmp_path_factory.mktemp("demo-live")
    shutil.copyfile(source, folder / "demo.sqlite3")
    for files in (uploads, uploads.parent / "signing"):  # stored files; keys next to them
        if files.exists():
            shutil.copytree(files, folder / files.name)
    with _serve(folder / "demo.sqlite3", folder / "uploads") as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import expect, sync_playwright
    # A loaded CI machine answers an htmx save in seconds, not milliseconds: an assertion that
    # waits (expect) waits as long as an action does, instead of failing after 5 s.
    expect.set_options(timeout=10_000)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _contexts(browser, **options):
    contexts = []

    def _new(accept_downloads: bool = True, width: int = 1366, height: int = 900):
        context = browser.new_context(accept_downloads=accept_downloads, locale="vi-VN",
                                      viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.js_errors = errors
        return page

    return _new, contexts


@pytest.fixture
def page_factory(browser, live_server):
    """page_factory() -> a new page in its own context (own cookies)."""
    new, contexts = _contexts(browser)
    yield new
    for context in contexts:
        context.close()


@pytest.fixture
def demo_page_factory(browser, demo_server):
    """The same, for pages of `demo_server`; with reduced motion (as the system setting asks),
    so that what axe measures is the page at rest, not a menu half-way through fading in."""
    new, contexts = _contexts(browser, reduced_motion="reduce")
    yield new
    for context in contexts:
        context.close()
