"""Engine set-up: SQLite pragmas and write transactions, one commit per request.

SQLite's deferred BEGIN turns concurrent writers into "database is locked" errors and lost
updates, so a request that may write (any method but GET/HEAD/OPTIONS) or a CLI command takes
its transaction with BEGIN IMMEDIATE. PostgreSQL keeps its own transactions; services lock the
rows a rule depends on with SELECT ... FOR UPDATE.
"""
from contextvars import ContextVar

from flask import Flask, g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

from ..extensions import db

READ_ONLY_METHODS = {"GET", "HEAD", "OPTIONS"}
_write_intent: ContextVar[bool] = ContextVar("write_intent", default=True)


def wants_write() -> bool:
    if has_request_context():
        if g.get("transaction_ended"):
            return False  # after end_transaction(): only reads remain (rendering a document)
        return g.get("force_write", False) or request.method not in READ_ONLY_METHODS
    return _write_intent.get()


def end_transaction() -> None:
    """End the request's transaction early, exactly as the request boundary would (commit a
    write, end a read), so that slow work that follows (rendering a document, converting a PDF)
    holds no lock. What is read afterwards is read in a fresh, read-only transaction."""
    if request.method in READ_ONLY_METHODS:
        db.session.rollback()
    else:
        db.session.commit()
    g.transaction_ended = True


def checkpoint() -> None:
    """Commit what the request has written so far (a read-only request: end its read) and
    release its locks, then carry on: the next statement begins a new transaction, a write one
    for a writing request, which the request's boundary commits or rolls back as usual.

    For slow work between two short writes (render, convert, sign: never inside a write
    transaction), and for a step that what follows must not undo (a number taken from the
    register survives a failed conversion). Objects read before are expired: load them again."""
    if request.method in READ_ONLY_METHODS:
        db.session.rollback()
    else:
        db.session.commit()


def lock_for_update(obj) -> None:
    """Re-read `obj` with its row locked until the request commits (PostgreSQL FOR UPDATE), so
    a rule checked on it (a version, a quota) holds. SQLite write transactions are already
    serialised by BEGIN IMMEDIATE, and the row was read inside this one."""
    if not is_sqlite():
        # only the object's own row: eagerly joined relations cannot be locked (outer join)
        db.session.refresh(obj, with_for_update={"of": type(obj)})


def set_write_intent(value: bool):
    """Outside requests (CLI, tests): whether new SQLite transactions begin IMMEDIATE.
    Returns a token for _write_intent.reset()."""
    return _write_intent.set(value)


def is_sqlite(engine: Engine | None = None) -> bool:
    return (engine or db.engine).dialect.name == "sqlite"


def _install_sqlite_hooks(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, decide when a transaction begins.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if wants_write() else "BEGIN")


# The district figures' statements use MATERIALIZED common table expressions (SQLite 3.35)
SQLITE_AT_LEAST = (3, 35, 0)


def _require_sqlite_version(version: tuple[int, ...]) -> None:
    if version < SQLITE_AT_LEAST:
        raise RuntimeError(
            f"SQLite {'.'.join(map(str, version))} is too old: the app needs SQLite "
            f"{'.'.join(map(str, SQLITE_AT_LEAST))} or later (Python's sqlite3 module is linked "
            f"against it; a newer Python build, or PostgreSQL, brings one).")


def init_database(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            _require_sqlite_version(engine.dialect.dbapi.sqlite_version_info)
            _install_sqlite_hooks(engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])

    @app.after_request
    def _commit_or_rollback(response):
        # The single commit boundary: services flush, the request commits when it succeeded.
        if g.get("transaction_ended") or request.method in READ_ONLY_METHODS:
            db.session.rollback()
        elif response.status_code < 400 or g.get("commit_despite_error"):
            # commit_despite_error: a refusal that must still be remembered (login throttling).
            db.session.commit()
        else:
            db.session.rollback()
        return response

    @app.teardown_request
    def _rollback_on_error(exc):
        if exc is not None:
            db.session.rollback()
