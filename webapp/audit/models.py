from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, event, DDL
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


class AuditEntry(db.Model):
    """Append-only: database triggers refuse UPDATE, DELETE, an INSERT that would replace an
    entry (SQLite's INSERT OR REPLACE deletes without firing delete triggers) and TRUNCATE
    (PostgreSQL), see append_only_statements()."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    username: Mapped[str] = mapped_column(String(64), default="", server_default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    action: Mapped[str] = mapped_column(String(64), index=True)
    object_type: Mapped[str] = mapped_column(String(64))
    object_id: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text, default="", server_default="")
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    address: Mapped[str] = mapped_column(String(64), default="", server_default="")

    user = relationship("User")
    unit = relationship("Unit")


db.Index("ix_audit_entry_object", AuditEntry.object_type, AuditEntry.object_id)

# Used by the migration and by metadata.create_all (tests) alike.
SQLITE_APPEND_ONLY = [
    """CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
       BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END""",
    """CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
       BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END""",
    # INSERT OR REPLACE (and REPLACE INTO) on an existing id: refused before the row goes.
    """CREATE TRIGGER audit_entry_no_replace BEFORE INSERT ON audit_entry
       WHEN EXISTS (SELECT 1 FROM audit_entry WHERE id = NEW.id)
       BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END""",
]
POSTGRES_APPEND_ONLY = [
    """CREATE OR REPLACE FUNCTION audit_entry_refuse() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit_entry is append-only'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE ON audit_entry
       FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse()""",
    """CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
       FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse()""",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS audit_entry_no_update",
               "DROP TRIGGER IF EXISTS audit_entry_no_delete",
               "DROP TRIGGER IF EXISTS audit_entry_no_replace"]
POSTGRES_DROP = ["DROP TRIGGER IF EXISTS audit_entry_no_change ON audit_entry",
                 "DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_entry",
                 "DROP FUNCTION IF EXISTS audit_entry_refuse()"]


def append_only_statements(dialect_name: str) -> list[str]:
    return {"sqlite": SQLITE_APPEND_ONLY, "postgresql": POSTGRES_APPEND_ONLY}.get(dialect_name, [])


def drop_append_only_statements(dialect_name: str) -> list[str]:
    return {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(dialect_name, [])


@event.listens_for(AuditEntry.__table__, "after_create")
def _make_append_only(target, connection, **kw):
    for statement in append_only_statements(connection.dialect.name):
        connection.execute(DDL(statement))
