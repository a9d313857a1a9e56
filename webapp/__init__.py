"""Sơ kết GNBV: the application factory."""
from pathlib import Path

from flask import Flask

from .config import ROOT, Config, development_allowed, from_environment, secret_key_problem
from .extensions import csrf, db, login_manager, migrate

# Each feature package: its blueprint module, registered in this order.
FEATURES = (
    "webapp.auth.views",
    "webapp.duties.views",
    "webapp.admin.views",
    "webapp.conference.views",
    "webapp.awards.views",
    "webapp.reports.views",
    "webapp.notifications.views",
    "webapp.budget.views",
    "webapp.synthesis.views",
    "webapp.delegates.views",
    "webapp.issuing.views",
)


class InsecureSecretKey(RuntimeError):
    """The app refuses to start: whoever knows the key can forge any session cookie."""


def _check_secret_key(app: Flask) -> None:
    problem = secret_key_problem(app.config["SECRET_KEY"])
    if problem is None or development_allowed(app.config):
        return
    raise InsecureSecretKey(
        f"{problem}. Máy chủ không khởi động: với khóa này ai cũng giả được phiên đăng nhập "
        "(SECRET_KEY). Đặt biến môi trường GNBV_SECRET_KEY bằng một khóa ngẫu nhiên dài ít "
        "nhất 32 byte, chẳng hạn kết quả của: python -c \"import secrets; "
        "print(secrets.token_hex(32))\" (giữ nguyên khóa này cho mọi tiến trình và mọi máy "
        "chủ). Khóa phát triển chỉ dùng được với `flask run`, khi chạy kiểm thử hoặc khi đặt "
        "GNBV_DEV=1 trên máy cá nhân.")


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, template_folder=str(ROOT / "templates"),
                static_folder=str(ROOT / "static"), instance_relative_config=False)
    app.config.from_object(Config)
    environment = from_environment()
    app.config.update(environment)
    if config:
        app.config.update(config)
    today_was_set = "TODAY" in environment or "TODAY" in (config or {})
    _check_secret_key(app)
    if app.config["PRODUCTION"]:
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
        if not today_was_set:
            app.config["TODAY"] = None  # production runs on the real date

    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite:///") and ":memory:" not in uri:
        Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    Path(app.config["UPLOAD_FOLDER"]).mkdir(parents=True, exist_ok=True)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True,
                     compare_type=True)
    login_manager.init_app(app)
    csrf.init_app(app)

    from . import models  # noqa: F401  (every table known to metadata and Alembic)
    from .core.database import init_database
    from .core.web import init_web
    init_database(app)
    init_web(app)

    import importlib
    for module_name in FEATURES:
        module = importlib.import_module(module_name)
        app.register_blueprint(module.bp)

    if app.config["PROXY_HOPS"]:
        # The client's address and scheme as the proxy saw them (throttling, audit, cookies).
        from werkzeug.middleware.proxy_fix import ProxyFix
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    from .cli import register_cli
    register_cli(app)
    return app
