"""Small factories for delegate tests."""
import io

from openpyxl import Workbook

from webapp.delegates import excel
from webapp.delegates.models import Delegate
from webapp.extensions import db
from webapp.plan.loader import current_plan
from webapp.plan.models import DelegateComposition, Unit


def composition(code: str) -> DelegateComposition:
    plan = current_plan()
    return db.session.query(DelegateComposition).filter_by(plan_id=plan.id, code=code).one()


def unit(code: str) -> Unit:
    return db.session.query(Unit).filter_by(code=code).one()


def delegate(full_name: str, composition_code: str, *, unit_code: str | None = None,
             rank: int = 100, title: str = "", organisation: str = "", **extra) -> Delegate:
    d = Delegate(plan_id=current_plan().id, composition_id=composition(composition_code).id,
                 unit_id=unit(unit_code).id if unit_code else None, full_name=full_name,
                 title=title, organisation=organisation, rank=rank, **extra)
    db.session.add(d)
    db.session.flush()
    return d


def xlsx(rows) -> bytes:
    """A workbook in the columns of the delegates' template, with these rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Đại biểu"
    ws.append([h for _l, h, _w in excel.COLUMNS])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
