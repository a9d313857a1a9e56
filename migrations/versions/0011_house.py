"""plan.issue_year and plan.wording: the plan's own words, for the KẾ HOẠCH regenerated from data

Revision ID: 0011_house
Revises: 0010_reports
Create Date: 2026-12-01

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_house'
down_revision = '0010_reports'
branch_labels = None
depends_on = None


def upgrade():
    # Both nullable: `flask plan load` fills them from the plan's data file.
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('issue_year', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('wording', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_column('wording')
        batch_op.drop_column('issue_year')
