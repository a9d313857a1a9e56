"""The delegate list as Excel: the export (with a totals sheet of SUM formulas) and the blank
import template. Both show names — compositions, communes, forms of address, replies — never
codes; the import (excel_import.py) reads the same columns back.

Every cell goes through put(): text is always a text cell (a name like "=HYPERLINK(…)" is
never a formula) without control characters. It is the one function to swap for the shared
spreadsheet helper when that lands.
"""
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.datavalidation import DataValidation

from ..core import people, spreadsheet
from ..extensions import db
from ..plan.models import Plan, Unit
from .models import REPLY_LABELS, Delegate
from .queries import delegates_of

COLUMNS = [  # (letter, header, width)
    ("A", "STT", 6), ("B", "Họ và tên (*)", 26), ("C", "Xưng hô", 10), ("D", "Chức vụ", 30),
    ("E", "Cơ quan, đơn vị", 30), ("F", "Thành phần (*)", 40), ("G", "Xã, thị trấn", 18),
    ("H", "Thứ tự", 8), ("I", "Điện thoại", 14), ("J", "Trả lời", 16),
]
LETTERS = "".join(letter for letter, _h, _w in COLUMNS)
HEADERS = {letter: header for letter, header, _w in COLUMNS}
MAX_ROWS = 1000
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def put(ws, row: int, column: int, value, *, bold: bool = False, formula: bool = False):
    """Write one cell: numbers as numbers, formulas only when asked, every text as text."""
    cell = ws.cell(row=row, column=column)
    spreadsheet.put(cell, spreadsheet.Formula(value) if formula else value)
    if bold:
        cell.font = Font(bold=True)
    return cell


def _header(ws, headers: list[tuple[str, str, int]]) -> None:
    for index, (letter, header, width) in enumerate(headers, start=1):
        cell = put(ws, 1, index, header, bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = _BOX
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _row_values(index: int, d: Delegate) -> list:
    return [index, d.full_name, people.ADDRESS_LABELS.get(d.address, ""), d.title,
            d.organisation, d.composition.label, d.unit.name if d.unit and d.composition.per_unit
            else "", d.rank, d.phone, d.reply_label]


def _lists(wb, plan: Plan) -> tuple[int, int]:
    """Sheets the template's drop-down lists read from: the compositions and the communes."""
    comps = wb.create_sheet("Thành phần")
    _header(comps, [("A", "Thành phần", 90), ("B", "Số dự kiến", 12),
                    ("C", "Mỗi xã, thị trấn", 16)])
    for row, c in enumerate(plan.compositions, start=2):
        put(comps, row, 1, c.label)
        put(comps, row, 2, c.planned)
        put(comps, row, 3, c.per_unit or "")
    units = wb.create_sheet("Xã, thị trấn")
    _header(units, [("A", "Xã, thị trấn", 30)])
    communes = (db.session.query(Unit).filter_by(kind="commune", is_active=True)
                .order_by(Unit.position).all())
    for row, u in enumerate(communes, start=2):
        put(units, row, 1, u.name)
    return len(plan.compositions), len(communes)


def _validations(ws, n_comps: int, n_units: int) -> None:
    rules = [("F", f"='Thành phần'!$A$2:$A${n_comps + 1}"),
             ("G", f"='Xã, thị trấn'!$A$2:$A${n_units + 1}"),
             ("C", '"' + ",".join(people.ADDRESS_LABELS.values()) + '"'),
             ("J", '"' + ",".join(REPLY_LABELS.values()) + '"')]
    for letter, formula in rules:
        rule = DataValidation(type="list", formula1=formula, allow_blank=True)
        ws.add_data_validation(rule)
        rule.add(f"{letter}2:{letter}{MAX_ROWS + 1}")


def _totals(wb, plan: Plan, last_row: int) -> None:
    """Per composition: planned, named (COUNTIF of the list) and those coming, with SUM totals."""
    ws = wb.create_sheet("Tổng hợp")
    _header(ws, [("A", "Thành phần", 70), ("B", "Dự kiến", 12), ("C", "Đã nêu tên", 12),
                 ("D", "Sẽ dự", 12)])
    coming = [label for key, label in REPLY_LABELS.items() if key in ("attending", "substitute")]
    rows = len(plan.compositions)
    for row, c in enumerate(plan.compositions, start=2):
        put(ws, row, 1, c.label)
        put(ws, row, 2, c.planned)
        names = f"'Đại biểu'!$F$2:$F${max(2, last_row)}"
        replies = f"'Đại biểu'!$J$2:$J${max(2, last_row)}"
        put(ws, row, 3, f'=COUNTIF({names},A{row})', formula=True)
        put(ws, row, 4, "=" + "+".join(f'COUNTIFS({names},A{row},{replies},"{label}")'
                                       for label in coming), formula=True)
    total = rows + 2
    put(ws, total, 1, "Cộng", bold=True)
    for column, letter in ((2, "B"), (3, "C"), (4, "D")):
        put(ws, total, column, f"=SUM({letter}2:{letter}{total - 1})", bold=True, formula=True)


def _workbook(plan: Plan, delegates: list[Delegate], *, totals: bool) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Đại biểu"
    _header(ws, COLUMNS)
    for index, d in enumerate(delegates, start=1):
        for column, value in enumerate(_row_values(index, d), start=1):
            put(ws, index + 1, column, value)
    n_comps, n_units = _lists(wb, plan)
    _validations(ws, n_comps, n_units)
    if totals:
        _totals(wb, plan, len(delegates) + 1)
    wb.properties.title = "Danh sách đại biểu dự hội nghị"
    wb.properties.creator = plan.issuer
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def export(plan: Plan) -> bytes:
    return _workbook(plan, [d for d in delegates_of(plan) if not d.walk_in], totals=True)


def blank_template(plan: Plan) -> bytes:
    return _workbook(plan, [], totals=False)
