"""delegate.search_text and delegate.name_key: the delegates searched and ordered in SQL

Revision ID: 0012_perf_conf
Revises: 0011_house
Create Date: 2026-12-01

"""
import unicodedata

from alembic import op
import icu
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_perf_conf'
down_revision = '0011_house'
branch_labels = None
depends_on = None


# Frozen copies of webapp.delegates.textkeys (a migration never imports application code).
def _nfc(text):
    return unicodedata.normalize("NFC", text or "").strip()


def _fold(text):
    decomposed = unicodedata.normalize("NFD", (text or "").lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _name_key(collator, full_name):
    words = _nfc(full_name).split()
    if not words:
        return ""
    parts = (words[-1], words[0] if len(words) > 1 else "", " ".join(words[1:-1]))
    return "".join(collator.getSortKey(_nfc(p)).hex() for p in parts)[:1024]


def upgrade():
    with op.batch_alter_table('delegate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('name_key', sa.String(length=1024), server_default='',
                                      nullable=False))
    collator = icu.Collator.createInstance(icu.Locale("vi_VN"))
    bind = op.get_bind()
    delegate = sa.table('delegate', sa.column('id'), sa.column('full_name'),
                        sa.column('substitute_name'), sa.column('title'),
                        sa.column('organisation'), sa.column('search_text'),
                        sa.column('name_key'))
    rows = bind.execute(sa.select(delegate.c.id, delegate.c.full_name, delegate.c.substitute_name,
                                  delegate.c.title, delegate.c.organisation)).all()
    for row in rows:
        words = " ".join(_nfc(t) for t in (row.full_name, row.substitute_name, row.title,
                                           row.organisation) if t)
        bind.execute(delegate.update().where(delegate.c.id == row.id).values(
            search_text=_fold(words), name_key=_name_key(collator, row.full_name)))


def downgrade():
    with op.batch_alter_table('delegate', schema=None) as batch_op:
        batch_op.drop_column('name_key')
        batch_op.drop_column('search_text')
