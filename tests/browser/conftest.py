"""Browser tests: Playwright for Python driving the system's Chromium (no browser download).

The app is served by werkzeug's make_server on port 0 in a thread, on a file SQLite database
(a copy of the session template), with CSRF enabled as in production.
"""
import shutil
import threading

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


@pytest.fixture
def live_server(template_database, tmp_path):
    if PG_URL:
        pytest.skip("browser tests run on SQLite")
    kind, source = template_database
    target = tmp_path / "live.sqlite3"
    shutil.copyfile(source, target)
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{target}", "SECRET_KEY": "browser-test",
        "UPLOAD_FOLDER": str(tmp_path / "uploads"), "TODAY": "2023-11-15",
        "WTF_CSRF_ENABLED": True, "TESTING": False, "PRODUCTION": False,
    })
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.app = app
    server.url = f"http://127.0.0.1:{server.server_port}"
    yield server
    server.shutdown()
    thread.join(timeout=5)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def browser():
    """One Chromium per module: Playwright's sync API keeps an event loop running in the
    thread while it is started, so the other tests a worker runs next (pyHanko signing calls
    asyncio.run) must not find it still there."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page_factory(browser, live_server):
    """page_factory() -> a new page in its own context (own cookies)."""
    contexts = []

    def _new(accept_downloads: bool = True):
        context = browser.new_context(accept_downloads=accept_downloads, locale="vi-VN",
                                      viewport={"width": 1366, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.js_errors = errors
        return page

    yield _new
    for context in contexts:
        context.close()
