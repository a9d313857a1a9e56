"""assignment: an index on (duty, status)

The overview counts every duty's assignments by status; with this index SQLite reads the
counts from the index alone instead of sorting every assignment of the plan.

Revision ID: 0015_assignment_duty_status
Revises: 0014_report_summary
Create Date: 2026-12-02

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0015_assignment_duty_status'
down_revision = '0014_report_summary'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.create_index('ix_assignment_duty_status', ['duty_id', 'status'], unique=False)


def downgrade():
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.drop_index('ix_assignment_duty_status')
