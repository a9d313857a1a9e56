"""Every .xlsx export writes text as text: a formula-like name is never evaluated, and a control
character or a non-character in a name neither breaks the file nor answers 500."""
import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from webapp.core.spreadsheet import Formula, append, house_style, put, sum_of, to_bytes
from webapp.extensions import db

from .conftest import user_for

EVIL = '=HYPERLINK("http://x","y")'
BROKEN = "Nguyễn\x01 Văn\ufffe Hỏng"  # stored before the input filter existed
BROKEN_SHOWN = "Nguyễn Văn Hỏng"


def _cells(data: bytes, sheet=None):
    wb = load_workbook(io.BytesIO(data))
    ws = wb[sheet] if sheet else wb.active
    return [cell for row in ws.iter_rows() for cell in row if cell.value is not None]


def _assert_text_cell(data: bytes, value: str, sheet=None) -> None:
    matching = [c for c in _cells(data, sheet) if c.value == value]
    assert matching, f"{value!r} is in the file"
    for cell in matching:
        assert cell.data_type == "s" and cell.quotePrefix, f"{cell.coordinate} is text"


def _assert_no_formula_but_totals(data: bytes, sheet=None) -> None:
    formulas = [c.value for c in _cells(data, sheet) if c.data_type == "f"]
    assert all(f.startswith("=SUM(") for f in formulas), formulas


def _assert_export(response, sheet=None) -> None:
    """The export answers, EVIL is a text cell, BROKEN comes out cleaned."""
    assert response.status_code == 200
    _assert_text_cell(response.data, EVIL, sheet)
    _assert_no_formula_but_totals(response.data, sheet)
    assert BROKEN_SHOWN in [c.value for c in _cells(response.data, sheet)]


# --- the helper ------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [EVIL, "+1+1", "-2+3", "@SUM(A1)", "\t=1+1"])
def test_formula_like_text_is_written_as_text(value):
    wb = Workbook()
    put(wb.active["A1"], value)
    cell = load_workbook(io.BytesIO(to_bytes(wb))).active["A1"]
    assert cell.value == value and cell.data_type == "s" and cell.quotePrefix


def test_controls_and_noncharacters_are_stripped_numbers_and_dates_kept():
    wb = Workbook()
    ws = wb.active
    append(ws, ["a\x01b\x1f\x7f\u202ec\ufffe\uffff", "dòng 1\ndòng 2", 1_080_000, date(2023, 12, 5)])
    row = [c.value for c in next(load_workbook(io.BytesIO(to_bytes(wb))).active.iter_rows())]
    assert row[:3] == ["abc", "dòng 1\ndòng 2", 1_080_000]
    assert row[3].date() == date(2023, 12, 5)
    with pytest.raises(TypeError, match="no spreadsheet cell for object"):
        append(ws, [object()])


def test_only_sum_of_makes_a_formula():
    assert sum_of("E", 5, 9) == "=SUM(E5:E9)" and isinstance(sum_of(3, 1, 2), Formula)
    with pytest.raises(ValueError, match="is not a valid column name"):
        sum_of("E5); =HYPERLINK(", 1, 2)


def test_house_style_freezes_the_header_and_prints_it_on_every_page():
    wb = Workbook()
    ws = wb.active
    append(ws, ["TT", "Họ và tên"])
    house_style(ws, header_row=1, widths=[5, 30], landscape=True)
    ws = load_workbook(io.BytesIO(to_bytes(wb))).active
    assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
    assert ws["B1"].font.bold and ws.column_dimensions["B"].width == 30
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1


# --- every export ----------------------------------------------------------------------------

def test_delegate_list(client, login_as):
    from .delegates.factories import delegate
    delegate(EVIL, "xa-thon", unit_code="binh-chanh", title=EVIL)
    delegate(BROKEN, "xa-thon", unit_code="binh-chanh")
    db.session.commit()
    login_as("office")
    _assert_export(client.get("/dai-bieu/danh-sach.xlsx"), "Đại biểu")


def test_budget(client, login_as):
    from webapp.budget import service
    from webapp.plan.loader import current_plan
    plan = current_plan()
    source = plan.funding_sources[0]
    for label in (EVIL, BROKEN):
        service.add_line(plan, service.LineData("hall", label, 1, "gói", 1_000_000, source.id,
                                                note=EVIL), actor=user_for("office"))
    db.session.commit()
    login_as("office")
    _assert_export(client.get("/kinh-phi/xuat-excel"))


def test_awardees_list(client, login_as):
    from webapp.awards import service
    from webapp.plan.loader import current_plan

    from .awards.helpers import collective, individual, nominate
    kw = {"stage": "approved", "coordinator": user_for("coordinator"),
          "home_affairs": user_for("home_affairs")}
    nominate(user_for("commune"), collective(EVIL), **kw)
    nominate(user_for("commune"), individual(BROKEN, 1980), **kw)
    plan = current_plan()
    data = service.proposed_decision(plan, date(2023, 12, 5))
    service.save_decision(plan, data, actor=user_for("home_affairs"))
    db.session.commit()
    login_as("home_affairs")
    _assert_export(client.get("/khen-thuong/quyet-dinh/tai-ve/danh-sach"))


def test_progress_matrix(client, login_as):
    from webapp.plan.models import Unit
    unit = db.session.query(Unit).filter_by(code="binh-long").one()
    unit.name = EVIL
    other = db.session.query(Unit).filter_by(code="binh-an").one()
    other.name = BROKEN
    db.session.commit()
    login_as("coordinator")
    _assert_export(client.get("/tien-do/xuat-excel"))
