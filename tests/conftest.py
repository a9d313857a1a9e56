"""Fixtures: app, client, runner, login_as(role), data factories.

The suite runs on SQLite by default and on PostgreSQL when TEST_DATABASE_URL points at a
server (scripts/test starts a throwaway one). A template database with the schema and the
Bình Sơn plan is built once per session; each test gets its own copy of it.
"""
import itertools
import os
import shutil
import uuid
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from webapp import create_app
from webapp.extensions import db

# The suite never reads the shell's settings: a GNBV_TODAY or GNBV_SMTP_HOST exported for the
# demo must not change what a test sees (tests pass their own overrides).
for _name in [n for n in os.environ if n.startswith("GNBV_")]:
    del os.environ[_name]

PG_URL = os.environ.get("TEST_DATABASE_URL", "")
ROLE_USERS = {
    # role -> (unit code, username) of the account each role test logs in with
    "coordinator": ("ldtbxh", "t-ldtbxh"),
    "home_affairs": ("noivu", "t-noivu"),
    "office": ("vanphong", "t-vanphong"),
    "department": ("nnptnt", "t-nnptnt"),
    "commune": ("binh-chanh", "t-binhchanh"),
    "mass_org": ("mttq", "t-mttq"),
    "leadership": ("ubnd", "t-lanhdao"),
    "admin": ("quantri", "t-admin"),
}
ROLES = list(ROLE_USERS)
TEST_PASSWORD = "mat-khau-thu-nghiem"
_counter = itertools.count()


def _base_config(uri: str, upload_folder: Path) -> dict:
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": uri,
        "SECRET_KEY": "test-secret",
        "UPLOAD_FOLDER": str(upload_folder),
        "WTF_CSRF_ENABLED": False,
        "TODAY": "2023-11-15",
        "SMTP_HOST": None,
        "PRODUCTION": False,
    }


def _populate(app) -> None:
    from webapp.admin.service import create_account
    from webapp.plan import loader
    from webapp.plan.models import Unit
    with app.app_context():
        db.create_all()
        loader.load_all()
        units = {u.code: u for u in db.session.query(Unit)}
        for role, (unit_code, username) in ROLE_USERS.items():
            create_account(unit_id=units[unit_code].id, username=username,
                           full_name=f"Người dùng {role}", password=TEST_PASSWORD,
                           must_change_password=False)
        db.session.commit()
        db.engine.dispose()


def _pg_admin_engine():
    return create_engine(make_url(PG_URL).set(database="postgres"), isolation_level="AUTOCOMMIT")


def _close_pools_on(database: str) -> None:
    """Close the pooled connections of every app a test created on `database` (an extra
    `create_app()` in a test keeps its engine until garbage collection). Dropping the database
    WITH (FORCE) would otherwise leave them open and dead, and psycopg's ResourceWarning for
    them would surface, as an error, in whichever test the collector happens to run in."""
    for engines in list(db._app_engines.values()):  # Flask-SQLAlchemy's engines per app
        for engine in engines.values():
            if engine.url.database == database:
                engine.dispose()


@pytest.fixture(scope="session")
def template_database(tmp_path_factory):
    """Build the template database once: schema (create_all), plan, one account per role."""
    if PG_URL:
        name = f"gnbv_tpl_{os.getpid()}"
        admin = _pg_admin_engine()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        uri = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        _populate(create_app(_base_config(uri, tmp_path_factory.mktemp("tpl-up"))))
        yield ("postgresql", name)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    else:
        path = tmp_path_factory.mktemp("template") / "template.sqlite3"
        _populate(create_app(_base_config(f"sqlite:///{path}", tmp_path_factory.mktemp("tpl-up"))))
        yield ("sqlite", path)


@pytest.fixture
def database_uri(template_database, tmp_path):
    kind, source = template_database
    if kind == "sqlite":
        target = tmp_path / "test.sqlite3"
        shutil.copyfile(source, target)  # a fixture copy of a closed file, not a backup
        yield f"sqlite:///{target}"
    else:
        name = f"gnbv_t_{os.getpid()}_{next(_counter)}_{uuid.uuid4().hex[:6]}"
        admin = _pg_admin_engine()
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{source}"'))
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        _close_pools_on(name)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def app_config(database_uri, tmp_path) -> dict:
    """Override in a test module to change settings (e.g. enable CSRF)."""
    return _base_config(database_uri, tmp_path / "uploads")


@pytest.fixture
def app(app_config):
    from webapp.core.database import _write_intent, set_write_intent
    app = create_app(app_config)
    # The test's own session reads with deferred transactions, so that requests made by the
    # test client (each in its own context) can take their write lock.
    token = set_write_intent(False)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()
    _write_intent.reset(token)


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production: its own `g` (Flask-Login's
    cached user) and its own database session. The test's session must rollback() or
    expire_all() to see what a request wrote."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def client(app):
    app.test_client_class = IsolatedClient
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def user_for(role: str):
    from webapp.auth.models import User
    return db.session.query(User).filter_by(username=ROLE_USERS[role][1]).one()


@pytest.fixture
def login_as(client):
    """login_as("commune") logs the test client in as that role's account; returns the user."""

    def _login(role_or_user, test_client=None):
        c = test_client or client
        user = user_for(role_or_user) if isinstance(role_or_user, str) else role_or_user
        with c.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        return user

    return _login


@pytest.fixture
def make_user():
    """A fresh account in a unit: make_user("binh-long")."""
    from webapp.admin.service import create_account
    from webapp.plan.models import Unit

    def _make(unit_code: str, username: str | None = None, password: str = TEST_PASSWORD):
        unit = db.session.query(Unit).filter_by(code=unit_code).one()
        user = create_account(unit_id=unit.id, username=username or f"u{next(_counter)}",
                              full_name="Người dùng thử", password=password,
                              must_change_password=False)
        db.session.commit()
        return user

    return _make


TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


def statements_of(client, path: str, **kw):
    """GET `path`: (the response, the SQL statements it ran, transaction control not counted)."""
    seen = []

    def _on(_conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith(TRANSACTION_CONTROL):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", _on)
    try:
        response = client.get(path, **kw)
    finally:
        event.remove(db.engine, "before_cursor_execute", _on)
    return response, seen


def htmx(**extra) -> dict:
    """Headers of a request sent by htmx."""
    return {"HX-Request": "true", **extra}


def manual_duty_for(unit_code: str, *, receiver: str = "ldtbxh", code: str = "bao-cao-nhanh"):
    """A duty sent to `receiver` that no capability of the product reviews, owned by
    `unit_code`: moved by hand on the unit's home page, accepted or returned by the receiver.
    Returns its assignment (flushed, not committed)."""
    from datetime import date

    from webapp.duties.models import Assignment, Duty
    from webapp.plan.loader import current_plan
    from webapp.plan.models import Unit
    units = {u.code: u.id for u in db.session.query(Unit).filter(Unit.code.in_(
        [unit_code, receiver]))}
    duty = Duty(plan_id=current_plan().id, code=code, section="VI.9", position=99,
                title="Báo cáo nhanh tình hình chuẩn bị", short_title="Báo cáo nhanh",
                receiver_unit_id=units[receiver], deadline=date(2023, 11, 22))
    db.session.add(duty)
    db.session.flush()
    assignment = Assignment(duty_id=duty.id, unit_id=units[unit_code])
    db.session.add(assignment)
    db.session.flush()
    return assignment
