"""50 people at once: locust (headless) against gunicorn with 2 workers on the 10x data set,
on SQLite or on a throwaway PostgreSQL. Loopback only, bounded in users and time; it stops
by itself. Needs the bench extra: `.venv/bin/pip install -c constraints.txt -e ".[test,bench]"`.

    .venv/bin/python bench/loadtest.py [--users 50] [--seconds 60] [--port 6348]
    .venv/bin/python bench/loadtest.py --pg-port 54358

Users start at 2 a second, each logging in (a password hash); statistics are reset when all
have started, so the figures are the `--seconds` of steady use that follow. Prints each step's requests, failures, p50 and p95 (ms) and throughput. Goals: no failure,
p95 under 150 ms for pages and htmx reads, under 500 ms for htmx writes. Locust runs on the
same machine as the server (its CPU counts against the server's).
"""
import argparse
import contextlib
import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine, throwaway_postgres  # noqa: E402
from bench.dataset import (BENCH_DIR, BENCH_PASSWORD, postgres_dataset,  # noqa: E402
                           sqlite_dataset)
from webapp.extensions import db  # noqa: E402

PAGE_P95_MS, WRITE_P95_MS = 150, 500
KEEP_ALIVE_S = 5


def _sqlite_copy(app, folder: Path) -> str:
    """The load test writes (check-ins, autosaves): it runs on a copy made with SQLite's
    online backup API, so the reused data set stays as built."""
    source = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    target = folder / "load.sqlite3"
    with contextlib.closing(sqlite3.connect(source)) as src, \
            contextlib.closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return f"sqlite:///{target}"


def commune_accounts(app) -> list[tuple[str, str, str]]:
    """(username, password, result report page) of every commune account of the data set: the
    demo's (password demo-gnbv-2023) and the invented communes' (BENCH_PASSWORD), those whose
    report is still editable first (each autosaves its own draft), then the read-only ones."""
    from webapp.auth.models import User
    from webapp.duties.models import Assignment, Duty, Status
    from webapp.plan.models import Unit
    editable = (Status.NOT_STARTED, Status.DRAFTING, Status.RETURNED)
    with app.app_context():
        rows = (db.session.query(User.username, Assignment.id, Assignment.status)
                .join(Unit, User.unit_id == Unit.id).join(Assignment, Assignment.unit_id == Unit.id)
                .join(Duty, Assignment.duty_id == Duty.id)
                .filter(Unit.kind == "commune", Duty.code == "bao-cao-ket-qua")
                .order_by(Unit.position).all())
        db.session.remove()
    rows.sort(key=lambda row: row[2] not in editable)
    return [(name, BENCH_PASSWORD if name.startswith("xathu") else "demo-gnbv-2023",
             f"/bao-cao/phan-cong/{assignment}") for name, assignment, _status in rows]


def tcp_counters() -> dict:
    """The kernel's TCP counters that tell where a reset came from (nstat, if installed):
    accept queue overflows, resets sent on closing a socket with unread data, all resets."""
    names = ("TcpExtListenOverflows", "TcpExtListenDrops", "TcpExtTCPAbortOnData",
             "TcpExtTCPAbortOnClose", "TcpEstabResets", "TcpOutRsts")
    if shutil.which("nstat") is None:
        return {}
    out = subprocess.run(["nstat", "-az", *names], capture_output=True, text=True).stdout
    return {line.split()[0]: int(line.split()[1]) for line in out.splitlines()[1:]
            if line.split() and line.split()[0] in names}


def _wait(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped: see its log above")
        with contextlib.suppress(OSError), urllib.request.urlopen(url + "/healthz", timeout=2):
            return
        time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {timeout} s")


def run(uri: str, upload_folder: str, accounts: list, args, out_prefix: Path) -> tuple[list[dict], dict]:
    """Each step's locust statistics, and the GETs the users resent (path -> count)."""
    resent = out_prefix.with_suffix(".resent.json")
    env = {**os.environ, "GNBV_DATABASE_URL": uri, "GNBV_LOAD_COMMUNES": json.dumps(accounts), "GNBV_SECRET_KEY": "bench-load-secret", "GNBV_DEV": "1",
           "GNBV_LOAD_RESENT": str(resent),
           "GNBV_UPLOAD_FOLDER": upload_folder, "GNBV_TODAY": "2023-11-15",
           "GNBV_PRODUCTION": "0"}
    url = f"http://127.0.0.1:{args.port}"
    # Users log in while they are spawned (a password hash each); the figures are those of
    # the `seconds` after every user has started (--reset-stats).
    ramp = int(args.users / args.spawn_rate) + 1
    run_time = ramp + args.seconds
    # The production settings (gunicorn.conf.py: gthread workers, GNBV_THREADS threads each,
    # keep-alive), with the worker and thread counts of the run. Keep-alive outlasts the
    # users' think time (at most 3 s), so the server never closes a connection a user is
    # about to reuse (gunicorn's default of 2 s races with it: a reset or "remote end closed").
    log = out_prefix.with_suffix(".gunicorn.log")
    with open(log, "w") as log_fh:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
             "--workers", str(args.workers), "--threads", str(args.threads),
             "--keep-alive", str(KEEP_ALIVE_S), "--bind", f"127.0.0.1:{args.port}",
             "--access-logfile", os.devnull, "--timeout", "60", "--graceful-timeout", "10", "webapp:create_app()"],
            cwd=ROOT, env=env, stdout=log_fh, stderr=subprocess.STDOUT)
        try:
            _wait(url, server)
            subprocess.run([sys.executable, "-m", "locust", "-f",
                            str(ROOT / "bench" / "locustfile.py"),
                            "--headless", "--users", str(args.users),
                            "--spawn-rate", str(args.spawn_rate), "--run-time", f"{run_time}s",
                            "--reset-stats",
                            "--host", url, "--csv", str(out_prefix), "--only-summary",
                            "--stop-timeout", "10", "--loglevel", "WARNING"],
                           cwd=ROOT, env=env, timeout=run_time + 120, check=False)
        finally:
            server.terminate()   # graceful: the requests in flight end first (--graceful-timeout)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)
    problems = [line for line in log.read_text().splitlines()
                if any(word in line for word in ("ERROR", "CRITICAL", "Traceback", "WARNING"))]
    if problems:
        print("gunicorn reported:\n  " + "\n  ".join(problems[:40]))
    with open(f"{out_prefix}_stats.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return rows, (json.loads(resent.read_text()) if resent.exists() else {})


def table(rows: list[dict], seconds: int) -> tuple[str, bool]:
    head = f"{'step':42} {'requests':>8} {'fail':>5} {'p50 ms':>7} {'p95 ms':>7} {'req/s':>6}  goal"
    lines, all_ok = [head, "-" * len(head)], True
    for row in sorted(rows, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        name, failures = row["Name"], int(row["Failure Count"])
        p50, p95 = float(row["50%"] or 0), float(row["95%"] or 0)
        if name == "Aggregated":
            goal = "0 failures" if failures == 0 else f"{failures} FAILURES"
        elif name.startswith("login") or name == "page: home":
            goal = "(once per user, at start)"
        else:
            limit = WRITE_P95_MS if name.startswith("htmx write") else PAGE_P95_MS
            goal = "ok" if failures == 0 and p95 < limit else f"MISSED (p95 < {limit})"
        all_ok &= failures == 0 and not goal.startswith("MISSED")
        lines.append(f"{name[:42]:42} {int(row['Request Count']):8d} {failures:5d} {p50:7.0f} "
                     f"{p95:7.0f} {float(row['Requests/s']):6.1f}  {goal}")
    return "\n".join(lines), all_ok


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=2)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=6348)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--pg-port", type=int, help="on a throwaway PostgreSQL on this port")
    args = parser.parse_args()
    if not 1 <= args.users <= 200 or not 1 <= args.seconds <= 600:
        raise SystemExit("bounded: 1-200 users, 1-600 seconds")
    kind = "postgresql" if args.pg_port else "sqlite"
    print(machine())
    with tempfile.TemporaryDirectory() as tmp, \
            (throwaway_postgres(args.pg_port) if args.pg_port else contextlib.nullcontext()) as pg:
        if pg:
            app = postgres_dataset(pg, args.scale)
            uri = app.config["SQLALCHEMY_DATABASE_URI"]
        else:
            app = sqlite_dataset(args.scale)
            uri = _sqlite_copy(app, Path(tmp))
        accounts = commune_accounts(app)
        print(f"{len(accounts)} commune accounts, "
              f"{sum(name.startswith('xathu') for name, *_ in accounts)} of them invented")
        load_before, tcp_before = os.getloadavg()[0], tcp_counters()
        rows, resent = run(uri, app.config["UPLOAD_FOLDER"], accounts, args, Path(tmp) / "locust")
        load_after, tcp_after = os.getloadavg()[0], tcp_counters()
    text, ok = table(rows, args.seconds)
    print(f"\n{kind} x{args.scale}, gunicorn {args.workers} workers x {args.threads} threads "
          f"(gunicorn.conf.py, keep-alive {KEEP_ALIVE_S} s), {args.users} users for "
          f"{args.seconds} s (think time 1-3 s), locust on the same machine; load average "
          f"{load_before:.1f} before, {load_after:.1f} after (2 cores, shared)\n{text}")
    # a browser resends such a GET unseen; printed so that a server closing connections early
    # (keep-alive shorter than the think time, a worker restarting) is not hidden
    print(f"GETs resent on a new connection after the server closed a kept-alive one as it was "
          f"reused (as a browser does, unseen): {sum(resent.values())}"
          + (" (" + ", ".join(f"{path} {n}" for path, n in sorted(resent.items())) + ")" if resent else ""))
    if tcp_after:
        print("TCP counters during the run (the whole machine's): " + ", ".join(
            f"{name} +{tcp_after[name] - tcp_before.get(name, 0)}" for name in tcp_after))
    (BENCH_DIR / f"load-{kind}.json").write_text(json.dumps(
        {"machine": machine(), "users": args.users, "seconds": args.seconds,
         "workers": args.workers, "threads": args.threads, "load_before": load_before, "load_after": load_after,
         "resent": resent, "rows": rows}, ensure_ascii=False, indent=1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
