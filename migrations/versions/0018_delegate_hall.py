"""delegate: an index on (plan, seat, reply, composition)

The seating plan counts the seats of every row of the hall and reads the seats of a page of
rows in one statement; with this index SQLite counts from the index alone instead of reading
every delegate of the plan, and finds a row's seats as a range of the index.

Revision ID: 0018_delegate_hall
Revises: 0015_assignment_duty_status
Create Date: 2026-12-02

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0018_delegate_hall'
down_revision = '0015_assignment_duty_status'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('delegate', schema=None) as batch_op:
        batch_op.create_index('ix_delegate_hall', ['plan_id', 'seat', 'reply', 'composition_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('delegate', schema=None) as batch_op:
        batch_op.drop_index('ix_delegate_hall')
