"""hardening: ids never reused on SQLite; the audit log refuses REPLACE and TRUNCATE

SQLite gives a deleted row's id to the next row unless the table was created with
AUTOINCREMENT, which only CREATE TABLE can say: every table with one integer primary key is
rebuilt (batch mode, recreate="always"), data, indexes and constraints kept. A migration
after this one that creates a table gives it sqlite_autoincrement=True (create_table(...,
sqlite_autoincrement=True)); the models already have it (webapp/extensions.py). PostgreSQL's
sequences never reuse ids, so nothing changes there for ids.

The audit log: on SQLite INSERT OR REPLACE on an existing id deleted the entry without firing
the delete trigger (a BEFORE INSERT trigger now refuses it); on PostgreSQL TRUNCATE emptied it
(a statement-level BEFORE TRUNCATE trigger now refuses it).

Revision ID: 0007_hardening
Revises: 0006_issuing
Create Date: 2026-11-26 09:00:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0007_hardening'
down_revision = '0006_issuing'
branch_labels = None
depends_on = None

# Which tables: every table of the database with one integer primary key, read from the
# database itself, so that this migration also covers tables that a migration ordered before
# it created (whatever the order in which parallel branches are chained).
SKIP = {"alembic_version", "sqlite_sequence"}


def _tables_with_integer_ids() -> list[str]:
    inspector = sa.inspect(op.get_bind())
    names = []
    for name in sorted(inspector.get_table_names()):
        if name in SKIP:
            continue
        key = inspector.get_pk_constraint(name)["constrained_columns"]
        columns = {c["name"]: c["type"] for c in inspector.get_columns(name)}
        if len(key) == 1 and isinstance(columns[key[0]], sa.Integer):
            names.append(name)
    return names


# Frozen copies of webapp.audit.models' statements (a migration must not change with the code).
SQLITE_AUDIT_TRIGGERS = [
    """CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
       BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END""",
    """CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
       BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END""",
]
SQLITE_NO_REPLACE = """CREATE TRIGGER audit_entry_no_replace BEFORE INSERT ON audit_entry
       WHEN EXISTS (SELECT 1 FROM audit_entry WHERE id = NEW.id)
       BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END"""
POSTGRES_NO_TRUNCATE = """CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
       FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse()"""


def _rebuild_sqlite_tables(autoincrement: bool) -> None:
    # migrations/env.py turns foreign key enforcement off around SQLite migrations (dropping a
    # parent table would otherwise delete or refuse its children) and checks them at the end.
    for name in _tables_with_integer_ids():
        with op.batch_alter_table(name, recreate="always",
                                  table_kwargs={"sqlite_autoincrement": autoincrement}):
            pass
    # Rebuilding audit_entry dropped its triggers: put them back.
    for statement in SQLITE_AUDIT_TRIGGERS:
        op.execute(statement)


def upgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _rebuild_sqlite_tables(autoincrement=True)
        op.execute(SQLITE_NO_REPLACE)
    elif dialect == "postgresql":
        op.execute(POSTGRES_NO_TRUNCATE)


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_replace")
        _rebuild_sqlite_tables(autoincrement=False)
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_entry")
