"""Configuration: a class of safe defaults, overridden by environment variables, then by tests."""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SECRET_KEY = "dev-only-change-me"
SECRET_KEY_MIN_BYTES = 32
SECRET_KEY_MIN_DISTINCT = 10  # "x" * 40 or "1234" * 8 is long but not random


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """Defaults for a laptop: SQLite file under var/, demo clock on 15/11/2023."""

    SECRET_KEY = DEFAULT_SECRET_KEY
    SQLALCHEMY_DATABASE_URI = f"sqlite:///{ROOT / 'var' / 'gnbv.sqlite3'}"
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    UPLOAD_FOLDER = str(ROOT / "var" / "uploads")
    PRODUCTION = False
    DEV = False  # GNBV_DEV=1: the development secret key is allowed outside `flask run`
    # The business "today": a fixed date for the demo, None means the real date.
    TODAY = "2023-11-15"
    SQLITE_BUSY_TIMEOUT_MS = 10_000
    MAX_CONTENT_LENGTH = 25 * 1024 * 1024
    MAX_UPLOAD_BYTES = 10 * 1024 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    LOGIN_MAX_FAILURES_PER_ACCOUNT = 5
    LOGIN_MAX_FAILURES_PER_ADDRESS = 20
    LOGIN_LOCK_MINUTES = 15
    # Behind a reverse proxy (nginx): how many proxies set X-Forwarded-For/-Proto. 0 = none.
    # Without it, login throttling and the audit log would see only the proxy's address.
    PROXY_HOPS = 0
    SOFFICE_BINARY = "soffice"
    SOFFICE_TIMEOUT_S = 60
    SMTP_HOST = None
    SMTP_PORT = 25
    SMTP_SENDER = "so-ket-gnbv@binhson.local"
    PG_DUMP_BINARY = "pg_dump"
    PG_RESTORE_BINARY = "pg_restore"
    # Issuing: signing folder (keys, trust/ roots; default: "signing" next to UPLOAD_FOLDER),
    # time-stamp authority (PAdES B-T when set), the font of signature texts, pdftotext.
    SIGNING_DIR = None
    SIGNING_TSA_URL = None
    SIGNING_FONT = None
    PDFTOTEXT_BINARY = "pdftotext"


def secret_key_problem(key) -> str | None:
    """Why this key cannot sign a server's cookies, or None. A key of at least 32 bytes with at
    least 10 different characters (`secrets.token_hex(32)` gives 64 hex digits)."""
    if not key or key == DEFAULT_SECRET_KEY:
        return "GNBV_SECRET_KEY chưa được đặt (đang dùng khóa phát triển)"
    raw = key.encode("utf-8") if isinstance(key, str) else bytes(key)
    if len(raw) < SECRET_KEY_MIN_BYTES:
        return f"GNBV_SECRET_KEY quá ngắn ({len(raw)} byte, cần ít nhất {SECRET_KEY_MIN_BYTES})"
    if len(set(raw)) < SECRET_KEY_MIN_DISTINCT:
        return "GNBV_SECRET_KEY không ngẫu nhiên (quá ít ký tự khác nhau)"
    return None


def development_allowed(config) -> bool:
    """The development key is for a laptop only: tests (TESTING), the Flask CLI (`flask run`
    and the operator commands, which serve nothing else), or GNBV_DEV=1 set explicitly (as
    scripts/run-demo does). Never in production mode."""
    if config.get("PRODUCTION"):
        return False
    return bool(config.get("TESTING") or config.get("DEV")
                or os.environ.get("FLASK_RUN_FROM_CLI") == "true")


def from_environment() -> dict:
    """Settings read from GNBV_* environment variables (only those that are set)."""
    env = os.environ
    settings: dict = {}
    if "GNBV_DATABASE_URL" in env or "DATABASE_URL" in env:
        settings["SQLALCHEMY_DATABASE_URI"] = env.get("GNBV_DATABASE_URL") or env["DATABASE_URL"]
    if "GNBV_SECRET_KEY" in env:
        settings["SECRET_KEY"] = env["GNBV_SECRET_KEY"]
    if "GNBV_UPLOAD_FOLDER" in env:
        settings["UPLOAD_FOLDER"] = env["GNBV_UPLOAD_FOLDER"]
    if "GNBV_PRODUCTION" in env:
        settings["PRODUCTION"] = _bool("GNBV_PRODUCTION")
    if "GNBV_DEV" in env:
        settings["DEV"] = _bool("GNBV_DEV")
    if "GNBV_TODAY" in env:
        settings["TODAY"] = env["GNBV_TODAY"] or None
    if "GNBV_SMTP_HOST" in env:
        settings["SMTP_HOST"] = env["GNBV_SMTP_HOST"] or None
    if "GNBV_SMTP_PORT" in env:
        settings["SMTP_PORT"] = int(env["GNBV_SMTP_PORT"])
    if "GNBV_PROXY_HOPS" in env:
        settings["PROXY_HOPS"] = int(env["GNBV_PROXY_HOPS"] or 0)
    for name in ("SIGNING_DIR", "SIGNING_TSA_URL", "SIGNING_FONT"):
        if f"GNBV_{name}" in env:
            settings[name] = env[f"GNBV_{name}"] or None
    return settings
