"""The audit log cannot be rewritten in SQL, and a history belongs to its object, not to an id."""
import pytest
from sqlalchemy import exc, text

from webapp.audit.models import AuditEntry
from webapp.audit.service import record
from webapp.extensions import db

from .delegates.factories import composition


def _dialect() -> str:
    return db.engine.dialect.name


def _an_entry() -> AuditEntry:
    entry = record("test.entry", summary="Mục nhật ký gốc", object_type="unit", object_id=1)
    db.session.commit()
    return entry


@pytest.mark.parametrize("verb", ["INSERT OR REPLACE", "REPLACE"])
def test_sqlite_refuses_replacing_an_entry(app, verb):
    if _dialect() != "sqlite":
        pytest.skip("SQLite's REPLACE")
    entry = _an_entry()
    with pytest.raises(exc.IntegrityError, match="audit_entry is append-only"):
        db.session.execute(text(
            f"{verb} INTO audit_entry (id, at, username, action, object_type, summary, address) "
            "VALUES (:id, '2023-11-15 08:00:00', 'ke-gian', 'forged', 'unit', 'sửa lén', '')"),
            {"id": entry.id})
    db.session.rollback()
    assert db.session.get(AuditEntry, entry.id).summary == "Mục nhật ký gốc"
    # a new entry still goes in
    assert record("test.after", summary="Mục mới", object_type="unit").id > entry.id


def test_postgresql_refuses_truncate(app):
    if _dialect() != "postgresql":
        pytest.skip("PostgreSQL's TRUNCATE")
    _an_entry()
    with pytest.raises(exc.ProgrammingError, match="audit_entry is append-only"):
        db.session.execute(text("TRUNCATE audit_entry"))
    db.session.rollback()
    assert db.session.query(AuditEntry).filter_by(action="test.entry").count() == 1


def test_update_and_delete_stay_refused(app):
    entry = _an_entry()
    error = exc.IntegrityError if _dialect() == "sqlite" else exc.ProgrammingError
    for statement in ("UPDATE audit_entry SET summary = 'sửa' WHERE id = :id",
                      "DELETE FROM audit_entry WHERE id = :id"):
        with pytest.raises(error, match="audit_entry is append-only"):
            db.session.execute(text(statement), {"id": entry.id})
        db.session.rollback()


def test_a_new_delegate_never_shows_a_deleted_delegates_history(app, client, login_as, make_user):
    """The attack run: Bình Long's delegate deleted, Bình Chánh's next delegate took its id on
    SQLite and its page showed the deleted delegate's name, title and history."""
    comp = composition("xa-thon").id
    login_as(make_user("binh-long"))
    client.post("/dai-bieu/them", data={"full_name": "Phan Văn Đã Xóa", "title": "Trưởng thôn Cũ",
                                        "composition_id": comp, "rank": 1})
    from webapp.delegates.models import Delegate
    db.session.rollback()
    old = db.session.query(Delegate).filter_by(full_name="Phan Văn Đã Xóa").one()
    old_id = old.id
    assert client.post(f"/dai-bieu/{old_id}/xoa", data={"version": old.version}).status_code == 303

    other_commune = app.test_client()
    login_as("commune", other_commune)
    other_commune.post("/dai-bieu/them", data={"full_name": "Lê Thị Mới", "composition_id": comp,
                                               "rank": 1})
    db.session.rollback()
    new = db.session.query(Delegate).filter_by(full_name="Lê Thị Mới").one()
    assert new.id != old_id, "a deleted delegate's id is never given to a new one"
    other_commune.get("/dai-bieu/cua-don-vi")  # shows (and so clears) the toasts
    page = other_commune.get(f"/dai-bieu/{new.id}/sua").get_data(as_text=True)
    assert "Lê Thị Mới" in page
    assert "Phan Văn Đã Xóa" not in page and "Trưởng thôn Cũ" not in page
