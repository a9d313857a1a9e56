"""delegate.search_text with the names before the title: a search ranks a name match first

The check-in search matches the start of words and ranks a delegate whose name matches above
one whose title or organisation does (webapp/delegates/queries.search); for that the column
holds the names, then "|", then the title and organisation. Rows written under 0012 held all
four as one run of words: rebuilt here. No schema change.

Revision ID: 0013_delegate_names_first
Revises: 0012_perf_conf
Create Date: 2026-12-01

"""
import unicodedata

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_delegate_names_first'
down_revision = '0012_perf_conf'
branch_labels = None
depends_on = None


# Frozen copies of webapp.delegates.textkeys (a migration never imports application code).
NAMES_END = "|"


def _nfc(text):
    return unicodedata.normalize("NFC", text or "").strip()


def _fold(text):
    decomposed = unicodedata.normalize("NFD", (text or "").lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _folded(*texts):
    return _fold(" ".join(_nfc(t) for t in texts if t)).replace(NAMES_END, " ")


def _names_first(row):
    return (f"{_folded(row.full_name, row.substitute_name)} {NAMES_END} "
            f"{_folded(row.title, row.organisation)}")


def _one_run(row):   # the layout of 0012
    return _fold(" ".join(_nfc(t) for t in (row.full_name, row.substitute_name, row.title,
                                            row.organisation) if t))


def _rebuild(layout):
    bind = op.get_bind()
    delegate = sa.table('delegate', sa.column('id'), sa.column('full_name'),
                        sa.column('substitute_name'), sa.column('title'),
                        sa.column('organisation'), sa.column('search_text'))
    rows = bind.execute(sa.select(delegate.c.id, delegate.c.full_name, delegate.c.substitute_name,
                                  delegate.c.title, delegate.c.organisation)).all()
    for row in rows:
        bind.execute(delegate.update().where(delegate.c.id == row.id)
                     .values(search_text=layout(row)))


def upgrade():
    _rebuild(_names_first)


def downgrade():
    _rebuild(_one_run)
