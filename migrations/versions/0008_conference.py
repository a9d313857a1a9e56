"""Conference: officials of the units, form of address of delegates and speakers, walk-ins

Revision ID: 0008_conference
Revises: 0007_hardening
Create Date: 2026-12-01 16:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0008_conference'
down_revision = '0007_hardening'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'official',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=64), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), server_default='0', nullable=False),
        sa.Column('full_name', sa.String(length=120), nullable=False),
        sa.Column('title', sa.String(length=255), nullable=False),
        sa.Column('address', sa.String(length=16), server_default='dong_chi', nullable=False),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_official_unit_id_unit')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_official')),
        sa.UniqueConstraint('code', name=op.f('uq_official_code')),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table('official', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_official_unit_id'), ['unit_id'], unique=False)

    with op.batch_alter_table('delegate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('address', sa.String(length=16), server_default='dong_chi',
                                      nullable=False))
        batch_op.add_column(sa.Column('walk_in', sa.Boolean(), server_default='0', nullable=False))

    with op.batch_alter_table('speech_slot', schema=None) as batch_op:
        batch_op.add_column(sa.Column('speaker_address', sa.String(length=16),
                                      server_default='dong_chi', nullable=False))


def downgrade():
    with op.batch_alter_table('speech_slot', schema=None) as batch_op:
        batch_op.drop_column('speaker_address')

    with op.batch_alter_table('delegate', schema=None) as batch_op:
        batch_op.drop_column('walk_in')
        batch_op.drop_column('address')

    with op.batch_alter_table('official', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_official_unit_id'))

    op.drop_table('official')
