"""Sơ kết GNBV: the application factory."""
from pathlib import Path

from flask import Flask

from .config import DEFAULT_SECRET_KEY, ROOT, Config, from_environment
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


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, template_folder=str(ROOT / "templates"),
                static_folder=str(ROOT / "static"), instance_relative_config=False)
    app.config.from_object(Config)
    environment = from_environment()
    app.config.update(environment)
    if config:
        app.config.update(config)
    today_was_set = "TODAY" in environment or "TODAY" in (config or {})
    if app.config["PRODUCTION"]:
        if app.config["SECRET_KEY"] in (None, "", DEFAULT_SECRET_KEY):
            raise RuntimeError("GNBV_PRODUCTION is set but GNBV_SECRET_KEY is the default: "
                               "set a long random secret key before starting.")
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

    from .cli import register_cli
    register_cli(app)
    return app
