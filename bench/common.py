"""What the bench scripts share: a throwaway PostgreSQL server, the data set by kind and scale,
a logged-in test client, and a counter of SQL statements."""
import contextlib
import os
import platform
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import event

from webapp.extensions import db

PGBIN = Path(os.environ.get("GNBV_PGBIN", "/usr/lib/postgresql/15/bin"))
TRANSACTION_STATEMENTS = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


def machine() -> str:
    cores = os.cpu_count()
    with open("/proc/meminfo") as fh:
        mem_kb = int(fh.readline().split()[1])
    model = ""
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as fh:
        model = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), "")
    load = os.getloadavg()[0]
    return (f"{platform.node()}: {cores} cores ({model or platform.machine()}), "
            f"{mem_kb / 1024 / 1024:.0f} GiB, Python {platform.python_version()}, "
            f"load {load:.1f} at start (the machine is shared with other engineers' work)")


def _free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


@contextlib.contextmanager
def throwaway_postgres(port: int):
    """A PostgreSQL 15 server on 127.0.0.1:`port` in a temporary folder, removed afterwards.
    Yields its SQLAlchemy URL (database "postgres")."""
    if not (PGBIN / "initdb").exists():
        raise SystemExit(f"PostgreSQL 15 not found in {PGBIN} (apt-get install postgresql-15)")
    if not _free(port):
        raise SystemExit(f"port {port} is taken: pass another --pg-port")
    folder = Path(tempfile.mkdtemp(prefix="gnbv-bench-pg."))
    as_pg = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
    data = folder / "data"
    subprocess.run([*as_pg, str(PGBIN / "initdb"), "-D", str(data), "-A", "trust", "-U",
                    "postgres", "-E", "UTF8"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*as_pg, str(PGBIN / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"),
                    "-w", "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 "
                    "-c max_connections=200", "start"], check=True, stdout=subprocess.DEVNULL)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_pg, str(PGBIN / "pg_ctl"), "-D", str(data), "-m", "immediate",
                        "stop"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(folder, ignore_errors=True)


def logged_in_client(app, username: str):
    """A test client whose session is `username`'s (as after a login, without the hashing)."""
    from webapp.auth.models import User
    client = app.test_client()
    with app.app_context():
        user = db.session.query(User).filter_by(username=username).one()
        user_id = user.get_id()
        db.session.remove()
    with client.session_transaction() as session:
        session["_user_id"] = user_id
        session["_fresh"] = True
    return client


class QueryCounter:
    """Counts the SQL statements an engine runs (transaction control not counted)."""

    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def _on_execute(self, _conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith(TRANSACTION_STATEMENTS):
            self.count += 1

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._on_execute)
        return self

    def __exit__(self, *_exc):
        event.remove(self.engine, "before_cursor_execute", self._on_execute)
