"""hardening: ids never reused on SQLite; the audit log refuses REPLACE and TRUNCATE

SQLite gives a deleted row's id to the next row unless the table was created with
AUTOINCREMENT, which only CREATE TABLE can say: every table with one integer primary key is
rebuilt (batch mode, recreate="always"), data, indexes and constraints kept. PostgreSQL's
sequences never reuse ids, so nothing changes there for ids.

The audit log: on SQLite INSERT OR REPLACE on an existing id deleted the entry without firing
the delete trigger (a BEFORE INSERT trigger now refuses it); on PostgreSQL TRUNCATE emptied it
(a statement-level BEFORE TRUNCATE trigger now refuses it).

Revision ID: 0005_hardening
Revises: 0004_duty_deadline_fixed
Create Date: 2026-11-26 09:00:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0005_hardening'
down_revision = '0004_duty_deadline_fixed'
branch_labels = None
depends_on = None

# Frozen: the tables of revision 0004 with one integer primary key (parents before children).
TABLES = [
    "program_project", "unit", "notification", "plan", "user_account", "agenda_item",
    "audit_entry", "conference_setting", "delegate_composition", "duty", "funding_source",
    "invitation_issue", "nomination_window", "readiness_tick", "reward_decision", "reward_quota",
    "script_version", "speech_slot", "stored_file", "synthesis_draft", "assignment",
    "budget_line", "delegate", "duty_cooperator", "nomination", "report", "report_version",
]

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
    for name in TABLES:
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
