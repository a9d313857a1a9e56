"""Consistent backups of the database and the uploaded files, and their restore.

SQLite: the online backup API (safe while the app runs), checked with PRAGMA integrity_check.
PostgreSQL: pg_dump in custom format, restored with pg_restore. Uploads are archived beside.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

from ..core import clock

FORMAT_VERSION = 1


class BackupError(RuntimeError):
    pass


def _sqlite_path(uri: str) -> Path:
    return Path(make_url(uri).database)


def _libpq_url(uri: str) -> str:
    return make_url(uri).set(drivername="postgresql").render_as_string(hide_password=False)


def _integrity_ok(path: Path) -> bool:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def create_backup(uri: str, upload_folder: str, destination: Path, *,
                  pg_dump: str = "pg_dump") -> Path:
    destination = Path(destination)
    if destination.is_dir():
        destination = destination / f"gnbv-backup-{clock.now():%Y%m%d-%H%M%S}.tar.gz"
    dialect = make_url(uri).get_backend_name()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        if dialect == "sqlite":
            db_file = tmpdir / "database.sqlite3"
            source = sqlite3.connect(_sqlite_path(uri))
            target = sqlite3.connect(db_file)
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
            if not _integrity_ok(db_file):
                raise BackupError("Bản sao lưu không qua được PRAGMA integrity_check.")
        elif dialect == "postgresql":
            db_file = tmpdir / "database.pgdump"
            subprocess.run([pg_dump, "--format=custom", "--no-owner", f"--file={db_file}",
                            _libpq_url(uri)], check=True, timeout=600)
        else:
            raise BackupError(f"Không hỗ trợ sao lưu cơ sở dữ liệu {dialect}.")
        manifest = {"format": FORMAT_VERSION, "dialect": dialect, "database": db_file.name,
                    "created_at": clock.now().isoformat()}
        (tmpdir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        destination.parent.mkdir(parents=True, exist_ok=True)
        # The archive holds every account's password hash and every unit's files: only the
        # operator's account reads it (0600 from its creation, whatever the umask).
        descriptor = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.chmod(destination, 0o600)  # an existing file keeps its old mode through O_CREAT
        with os.fdopen(descriptor, "wb") as raw, \
                tarfile.open(fileobj=raw, mode="w:gz") as archive:
            archive.add(tmpdir / "manifest.json", arcname="manifest.json")
            archive.add(db_file, arcname=db_file.name)
            uploads = Path(upload_folder)
            if uploads.exists():
                archive.add(uploads, arcname="uploads")
    return destination


def restore_backup(uri: str, upload_folder: str, archive_path: Path, *,
                   pg_restore: str = "pg_restore") -> dict:
    dialect = make_url(uri).get_backend_name()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(tmpdir, filter="data")
        manifest = json.loads((tmpdir / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("dialect") != dialect:
            raise BackupError(f"Bản sao lưu của {manifest.get('dialect')}, "
                              f"cơ sở dữ liệu hiện tại là {dialect}.")
        db_file = tmpdir / manifest["database"]
        if dialect == "sqlite":
            if not _integrity_ok(db_file):
                raise BackupError("Tệp cơ sở dữ liệu trong bản sao lưu bị hỏng.")
            source = sqlite3.connect(db_file)
            target = sqlite3.connect(_sqlite_path(uri))
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        else:
            subprocess.run([pg_restore, "--clean", "--if-exists", "--no-owner",
                            f"--dbname={_libpq_url(uri)}", str(db_file)],
                           check=True, timeout=600)
        uploads = Path(upload_folder)
        restored_uploads = tmpdir / "uploads"
        if uploads.exists():
            shutil.rmtree(uploads)
        if restored_uploads.exists():
            shutil.copytree(restored_uploads, uploads)
        else:
            uploads.mkdir(parents=True, exist_ok=True)
    return manifest
