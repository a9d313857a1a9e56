"""report: its versions' count and dates, and its accepted version's figures, kept on the row

The reports list, the district figures (overview, mid-term report page, the district totals)
and the emulation report page read these instead of grouping every version of every report
and parsing each accepted version's JSON on every request. webapp/reports/service.summarise
writes them at each submission and review; here they are filled for the existing reports.

Revision ID: 0014_report_summary
Revises: 0013_delegate_names_first
Create Date: 2026-12-02

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014_report_summary'
down_revision = '0013_delegate_names_first'
branch_labels = None
depends_on = None

COLUMNS = ('versions_count', 'first_submitted_at', 'latest_submitted_at', 'accepted_number',
           'accepted_at', 'accepted_poverty', 'accepted_projects', 'accepted_movement')


def _fill():
    """A frozen copy of webapp.reports.service.summarise (a migration never imports
    application code), over every report's versions."""
    bind = op.get_bind()
    report = sa.table('report', sa.column('id'), *(sa.column(c) for c in COLUMNS[:5]),
                      *(sa.column(c, sa.JSON) for c in COLUMNS[5:]))
    version = sa.table('report_version', sa.column('report_id'), sa.column('number'),
                       sa.column('submitted_at'), sa.column('review_status'),
                       sa.column('reviewed_at'), sa.column('data', sa.JSON))
    by_report = {}
    for row in bind.execute(sa.select(version.c.report_id, version.c.number,
                                      version.c.submitted_at, version.c.review_status,
                                      version.c.reviewed_at)
                            .order_by(version.c.report_id, version.c.number)):
        by_report.setdefault(row.report_id, []).append(row)
    for report_id, versions in by_report.items():
        accepted = next((v for v in reversed(versions) if v.review_status == 'accepted'), None)
        values = {'versions_count': len(versions), 'first_submitted_at': versions[0].submitted_at,
                  'latest_submitted_at': versions[-1].submitted_at}
        if accepted is not None:
            data = bind.execute(sa.select(version.c.data).where(
                version.c.report_id == report_id, version.c.number == accepted.number)).scalar()
            figures = (data or {}).get('figures') or {}
            values.update(accepted_number=accepted.number, accepted_at=accepted.reviewed_at,
                          accepted_poverty=figures.get('poverty', {}),
                          accepted_projects=figures.get('projects', {}),
                          accepted_movement=figures.get('movement', {}))
        bind.execute(report.update().where(report.c.id == report_id).values(**values))


def upgrade():
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.add_column(sa.Column('versions_count', sa.Integer(), server_default='0',
                                      nullable=False))
        batch_op.add_column(sa.Column('first_submitted_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('latest_submitted_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('accepted_number', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('accepted_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('accepted_poverty', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('accepted_projects', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('accepted_movement', sa.JSON(), nullable=True))
    _fill()


def downgrade():
    with op.batch_alter_table('report', schema=None) as batch_op:
        for column in reversed(COLUMNS):
            batch_op.drop_column(column)
