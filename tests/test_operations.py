"""Operator tasks: migrations match the models, backup round trip, the demo command."""
import os
import secrets
import shutil
import stat

import pytest
from sqlalchemy import create_engine, inspect, text

from webapp import create_app
from webapp.extensions import db

from .conftest import PG_URL


def test_money_and_dates_in_vietnamese_conventions():
    from datetime import date
    from webapp.core.formatting import amount_in_words, document_date, money
    assert money(19_440_000) == "19.440.000"
    assert amount_in_words(19_440_000) == "Mười chín triệu bốn trăm bốn mươi nghìn đồng"
    assert amount_in_words(1_080_000) == "Một triệu không trăm tám mươi nghìn đồng"
    assert amount_in_words(1_005_000) == "Một triệu không trăm linh năm nghìn đồng"
    assert amount_in_words(540_000) == "Năm trăm bốn mươi nghìn đồng"
    assert amount_in_words(21_000) == "Hai mươi mốt nghìn đồng"
    assert amount_in_words(15_000) == "Mười lăm nghìn đồng"
    assert document_date("Bình Sơn", date(2023, 9, 5)) == "Bình Sơn, ngày 05 tháng 9 năm 2023"
    assert document_date("Bình Sơn", date(2023, 2, 1)) == "Bình Sơn, ngày 01 tháng 02 năm 2023"
    assert document_date("Bình Sơn", date(2023, 12, 15)) == "Bình Sơn, ngày 15 tháng 12 năm 2023"


def test_vietnamese_name_order():
    from webapp.core.text import person_sort_key
    names = ["Nguyễn Văn Đức", "Trần Thị Yến", "Lê Văn Dũng", "Phạm Thị Ánh", "Võ An"]
    assert sorted(names, key=person_sort_key) == [
        "Võ An", "Phạm Thị Ánh", "Lê Văn Dũng", "Nguyễn Văn Đức", "Trần Thị Yến"]


@pytest.fixture
def empty_database_uri(tmp_path):
    """An empty database (no create_all), for migrations."""
    if not PG_URL:
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    import uuid
    from sqlalchemy.engine import make_url
    name = f"gnbv_mig_{uuid.uuid4().hex[:8]}"
    admin = create_engine(make_url(PG_URL).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _append_only_error():
    """What the database raises when a trigger refuses to change the audit log: SQLite's
    RAISE(ABORT) is a constraint failure; PostgreSQL's RAISE EXCEPTION (psycopg's
    RaiseException) reaches SQLAlchemy as a ProgrammingError."""
    from sqlalchemy import exc
    return exc.IntegrityError if db.engine.dialect.name == "sqlite" else exc.ProgrammingError


def test_migrations_upgrade_check_downgrade_upgrade(empty_database_uri, tmp_path):
    """Upgrading an empty database to head gives exactly the models' schema (flask db check),
    and the downgrades work."""
    from flask_migrate import check, downgrade, upgrade
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_uri, "TESTING": True,
                      "UPLOAD_FOLDER": str(tmp_path / "up"), "SECRET_KEY": "t"})
    with app.app_context():
        upgrade()
        check()  # raises if the models and the migrated schema differ
        tables = set(inspect(db.engine).get_table_names())
        assert {"unit", "plan", "duty", "assignment", "audit_entry", "user_account"} <= tables
        # the audit log triggers come with the migration
        from webapp.audit.service import record
        record("test", summary="x", object_type="unit", object_id=1)
        db.session.commit()
        with pytest.raises(_append_only_error(), match="audit_entry is append-only"):
            db.session.execute(text("DELETE FROM audit_entry"))
            db.session.flush()
        db.session.rollback()
        _assert_hardened_schema()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        check()
        db.session.remove()
        db.engine.dispose()


def _assert_hardened_schema():
    """Migration 0007: ids never reused on SQLite; REPLACE (SQLite) and TRUNCATE (PostgreSQL)
    of the audit log refused."""
    from sqlalchemy import exc
    if db.engine.dialect.name == "sqlite":
        from sqlalchemy import Integer
        ddl = dict(db.session.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table'")).all())
        keys = {t.name: list(t.primary_key.columns) for t in db.metadata.sorted_tables}
        with_ids = [name for name, key in keys.items() if len(key) == 1
                    and isinstance(key[0].type, Integer) and not key[0].foreign_keys]
        assert "delegate" in with_ids and "audit_entry" in with_ids
        assert [name for name in with_ids if "AUTOINCREMENT" not in ddl[name]] == []
        statement, error = ("REPLACE INTO audit_entry (id, at, username, action, object_type, "
                            "summary, address) SELECT id, at, 'x', 'x', 'x', 'x', '' "
                            "FROM audit_entry"), exc.IntegrityError
    else:
        statement, error = "TRUNCATE audit_entry", exc.ProgrammingError
    with pytest.raises(error, match="append-only"):
        db.session.execute(text(statement))
    db.session.rollback()


def test_backup_round_trip_with_uploads(app, runner, tmp_path):
    if PG_URL and shutil.which(app.config["PG_DUMP_BINARY"]) is None:
        pytest.skip("pg_dump is not installed")
    from pathlib import Path
    from webapp.plan.models import Unit
    upload = Path(app.config["UPLOAD_FOLDER"]) / "2023" / "11" / "abc"
    upload.parent.mkdir(parents=True, exist_ok=True)
    upload.write_bytes(b"%PDF-1.4 signed report")
    unit = db.session.query(Unit).filter_by(code="binh-an").one()
    unit.short_name = "Bình An (trước sao lưu)"
    db.session.commit()
    db.session.remove()

    result = runner.invoke(args=["backup", "create", str(tmp_path / "backups")])
    assert result.exit_code == 0, result.output
    archive = next((tmp_path / "backups").glob("gnbv-backup-*.tar.gz"))

    unit = db.session.query(Unit).filter_by(code="binh-an").one()
    unit.short_name = "Bình An (sau sao lưu)"
    db.session.commit()
    upload.write_bytes(b"changed")
    (upload.parent / "new-file").write_bytes(b"created after the backup")
    db.session.remove()

    result = runner.invoke(args=["backup", "restore", str(archive), "--yes"])
    assert result.exit_code == 0, result.output
    db.session.remove()
    assert db.session.query(Unit).filter_by(code="binh-an").one().short_name == "Bình An (trước sao lưu)"
    assert upload.read_bytes() == b"%PDF-1.4 signed report"
    assert not (upload.parent / "new-file").exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_backup_archives_are_readable_by_their_owner_only(tmp_path):
    """A backup holds every password hash and every unit's files: 0600 whatever the umask,
    also when it overwrites an older file."""
    import sqlite3
    from webapp.ops.backup import create_backup
    database = tmp_path / "db.sqlite3"
    with sqlite3.connect(database) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    (tmp_path / "up").mkdir()
    old_umask = os.umask(0o022)
    try:
        fresh = create_backup(f"sqlite:///{database}", str(tmp_path / "up"), tmp_path)
        again = tmp_path / "again.tar.gz"
        again.write_bytes(b"")
        again.chmod(0o644)
        create_backup(f"sqlite:///{database}", str(tmp_path / "up"), again)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert stat.S_IMODE(again.stat().st_mode) == 0o600


def test_demo_command_builds_the_scenario_and_refuses_production(app, runner, app_config):
    from webapp.auth.models import User
    from webapp.duties.models import Assignment, Status
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    db.session.remove()
    names = {u.username for u in db.session.query(User)}
    assert {"ldtbxh", "noivu", "vanphong", "nnptnt", "binhchanh", "mttq", "lanhdao", "admin"} <= names
    statuses = {a.status for a in db.session.query(Assignment)}
    assert {Status.DRAFTING, Status.SUBMITTED, Status.ACCEPTED, Status.RETURNED} <= statuses
    assert "bỏ qua" in runner.invoke(args=["demo"]).output, "a second run changes nothing"
    prod = create_app({**app_config, "PRODUCTION": True, "SECRET_KEY": secrets.token_hex(32)})
    with prod.app_context():  # the CLI uses the current app when one is pushed
        refused = prod.test_cli_runner().invoke(args=["demo"])
    assert refused.exit_code != 0 and "production" in refused.output


def test_create_admin_command(app, runner):
    from webapp.auth.models import User
    result = runner.invoke(args=["create-admin", "quantri2", "--password", "mot-mat-khau-dai"])
    assert result.exit_code == 0, result.output
    db.session.remove()
    user = db.session.query(User).filter_by(username="quantri2").one()
    assert user.role == "admin" and user.check_password("mot-mat-khau-dai")
    short = runner.invoke(args=["create-admin", "quantri3", "--password", "ngan"])
    assert short.exit_code != 0 and "10 ký tự" in short.output


def test_the_plan_downloads_as_a_nghi_dinh_30_document(client, login_as):
    from .docx_checks import all_text, assert_nd30, convert_to_pdf_if_possible
    login_as("commune")
    response = client.get("/quan-tri/ke-hoach/tai-ve")
    assert response.status_code == 200
    doc = assert_nd30(response.data)
    text = all_text(doc)
    assert "KẾ HOẠCH" in text and "ỦY BAN NHÂN DÂN" in text and "HUYỆN BÌNH SƠN" in text
    assert "Căn cứ Quyết định số 1566/QĐ-UBND ngày 15/8/2022" in text
    assert "Phát biểu chỉ đạo của Thường trực Huyện ủy" in text
    assert "166 đại biểu" in text and "Khen thưởng 12 tập thể và 12 cá nhân" in text
    assert "Phạm Quang Sự" in text and "KT. CHỦ TỊCH" in text and "- Lưu: VT, VX." in text
    assert "{{" not in text and "{%" not in text
    convert_to_pdf_if_possible(response.data)
