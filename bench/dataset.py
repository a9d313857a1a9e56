"""The bench data set: the demo scenario of Bình Sơn, scaled k times (INVENTED data).

At scale k the district has 22·k communes (the 22 real ones, then "Xã Thử 001"...), the plan's
duties plus seven invented commune duties (about 200·k assignments), 166·k delegate seats,
about 24·k nominations with their files, 22·k result reports with versions, 50·k notifications
or more, and the audit entries all of that writes. Everything is built through the services
(the demo's own scenarios first, then the same walks for the invented communes), so statuses,
versions, files and the audit log are what the app itself would have made.

    .venv/bin/python bench/dataset.py --scale 10 [--database-url URL] [--fresh]

The SQLite data set is kept under var/bench/ and reused while the schema and this generator
are unchanged (a stamp beside it); --fresh rebuilds it.
"""
import argparse
import hashlib
import json
import random
import shutil
import sys
import tempfile
import time
import tomllib
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.schema import CreateIndex, CreateTable  # noqa: E402

from webapp import create_app  # noqa: E402
from webapp.extensions import db  # noqa: E402

BENCH_DIR = ROOT / "var" / "bench"
BENCH_PASSWORD = "bench-gnbv-2023"
EXTRA_DUTIES = 7             # invented commune duties, so that assignments grow like the rest
LOAD_TEST_COMMUNES = 30      # invented communes with an account each (the load test logs in)
TABLES = ("unit", "assignment", "delegate", "nomination", "stored_file", "report",
          "report_version", "audit_entry", "notification", "user_account")


def app_config(uri: str, upload_folder: Path) -> dict:
    return {"SQLALCHEMY_DATABASE_URI": uri, "UPLOAD_FOLDER": str(upload_folder),
            "SECRET_KEY": "bench-secret", "DEV": True, "TODAY": "2023-11-15", "SMTP_HOST": None,
            "PRODUCTION": False}


# --- the scaled plan file ------------------------------------------------------------------

def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, date)):
        return str(value) if isinstance(value, int) else value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):   # an inline table (composition_level, the lists of [wording])
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def _toml(data: dict) -> str:
    """Enough TOML for the plan file: one table of scalars and arrays of tables."""
    out = []
    for key, value in data.items():
        if isinstance(value, dict):
            out.append(f"[{key}]")
            out += [f"{k} = {_toml_value(v)}" for k, v in value.items()]
        else:
            for row in value:
                out.append(f"\n[[{key}]]")
                out += [f"{k} = {_toml_value(v)}" for k, v in row.items()]
    return "\n".join(out) + "\n"


def scaled_plan_file(scale: int, communes: int, folder: Path) -> Path:
    from webapp.plan.loader import DEFAULT_PLAN_FILE
    data = tomllib.loads(DEFAULT_PLAN_FILE.read_text(encoding="utf-8"))
    total = 0
    for row in data["composition"]:
        if row.get("per_unit"):
            total += row["per_unit"] * communes
        else:
            row["planned"] *= scale
            total += row["planned"]
    data["plan"]["delegates_total"] = total
    for k in range(1, EXTRA_DUTIES + 1):
        data["duty"].append({
            "code": f"nhiem-vu-thu-{k}", "section": "VI.7", "short_title": f"Nhiệm vụ thử {k}",
            "title": f"Nhiệm vụ thử {k} của các xã, thị trấn (dữ liệu đo hiệu năng)",
            "owners": ["@commune"], "receiver": "ldtbxh", "deadline": "2023-11-22"})
    path = folder / f"plan-x{scale}.toml"
    path.write_text(_toml(data), encoding="utf-8")
    return path


# --- building -------------------------------------------------------------------------------

def build(app, scale: int, log=print) -> dict:
    """Fill an empty database with the data set at `scale`; returns the row counts."""
    from webapp import demo
    from webapp.plan import loader
    from webapp.plan.models import Unit
    started = time.perf_counter()
    with app.app_context(), tempfile.TemporaryDirectory() as tmp:
        db.create_all()
        loader.load_units()
        for i in range(1, (scale - 1) * 22 + 1):
            db.session.add(Unit(code=f"xa-thu-{i:03d}", name=f"Xã Thử {i:03d}",
                                short_name=f"Thử {i:03d}", kind="commune", level="xã",
                                position=1000 + i))
        db.session.flush()
        loader.load_program()
        plan = loader.load_plan(scaled_plan_file(scale, 22 * scale, Path(tmp)))
        plan.conference_date = date(2023, 12, 5)
        demo.create_demo_accounts()
        _accounts(scale)
        # The demo as it is, on every commune it iterates; its last scenario issues the
        # reward decision, which closes the reward list: the invented work comes before it.
        last = demo.SCENARIOS[-1]
        demo.run_scenarios(skip=last)
        log(f"  demo scenario: {time.perf_counter() - started:.0f} s")
        from bench import dataset_walks
        dataset_walks.invented_work(plan, scale, log)
        demo.run_scenarios(only=last)
        db.session.commit()
        counts = row_counts()
    log(f"  built x{scale} in {time.perf_counter() - started:.0f} s: "
        + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return counts


def _accounts(scale: int) -> None:
    """Accounts for the load test: the demo ones (password demo-gnbv-2023) and one for each of
    LOAD_TEST_COMMUNES invented communes (password BENCH_PASSWORD): two thirds of them where
    the result report will be a draft or returned (the load test autosaves real drafts), the
    others where it will be submitted or accepted (read-only views)."""
    from bench.dataset_walks import writable_report
    from webapp.admin.service import create_account
    from webapp.plan.models import Unit
    units = (db.session.query(Unit).filter(Unit.code.like("xa-thu-%")).order_by(Unit.position)
             .all())
    writers = [u for i, u in enumerate(units) if writable_report(i)]
    readers = [u for i, u in enumerate(units) if not writable_report(i)]
    wanted = LOAD_TEST_COMMUNES * 2 // 3
    chosen = writers[:wanted] + readers[:LOAD_TEST_COMMUNES - min(wanted, len(writers))]
    for unit in sorted(chosen, key=lambda u: u.position):
        create_account(unit_id=unit.id, username=unit.code.replace("-", ""),
                       full_name=f"Cán bộ {unit.short_name}", password=BENCH_PASSWORD,
                       must_change_password=False)


def row_counts() -> dict:
    return {t: db.session.execute(text(f'SELECT count(*) FROM "{t}"')).scalar() for t in TABLES}


# --- reuse -------------------------------------------------------------------------------------

def stamp(app) -> str:
    """What the data set depends on: the schema (tables and their indexes: a migration that
    only adds an index must rebuild the data set too) and the generator's own code."""
    digest = hashlib.sha256()
    with app.app_context():
        for table in db.metadata.sorted_tables:
            digest.update(str(CreateTable(table).compile(db.engine)).encode())
            for index in sorted(table.indexes, key=lambda i: i.name or ""):
                digest.update(str(CreateIndex(index).compile(db.engine)).encode())
    for name in ("dataset.py", "dataset_walks.py"):
        digest.update((Path(__file__).parent / name).read_bytes())
    for path in sorted((ROOT / "webapp").rglob("demo.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def sqlite_dataset(scale: int, fresh: bool = False, log=print):
    """The app on the SQLite data set at `scale` (built once, then reused)."""
    folder = BENCH_DIR / f"sqlite-x{scale}"
    config = app_config(f"sqlite:///{folder / 'bench.sqlite3'}", folder / "uploads")
    stamp_file = folder / "stamp"
    if not fresh and stamp_file.exists():
        app = create_app(config)
        if stamp_file.read_text() == stamp(app):
            log(f"  reusing {folder} (delete it or pass --fresh to rebuild)")
            return app
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    app = create_app(config)
    build(app, scale, log)
    stamp_file.write_text(stamp(app))
    with app.app_context():
        db.engine.dispose()
    return app


def postgres_dataset(server_url: str, scale: int, log=print):
    """The app on a fresh database gnbv_bench_x<scale> of the PostgreSQL server at server_url
    (its uploads under var/bench/pg-x<scale>/)."""
    name = f"gnbv_bench_x{scale}"
    admin = create_engine(make_url(server_url).set(database="postgres"),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    folder = BENCH_DIR / f"pg-x{scale}"
    shutil.rmtree(folder, ignore_errors=True)
    uri = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    app = create_app(app_config(uri, folder / "uploads"))
    build(app, scale, log)
    with app.app_context():
        db.engine.dispose()
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--database-url", help="a PostgreSQL server (builds gnbv_bench_x<scale>)")
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    if args.database_url:
        postgres_dataset(args.database_url, args.scale)
    else:
        app = sqlite_dataset(args.scale, args.fresh)
        with app.app_context():
            print(json.dumps(row_counts(), indent=1))


if __name__ == "__main__":
    main()
