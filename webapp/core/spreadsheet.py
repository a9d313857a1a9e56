"""Writing .xlsx exports (openpyxl): every text cell as text, and the house style in one place.

A name typed as `=HYPERLINK("http://x","y")` must reach the spreadsheet as that text, never as
a formula Excel evaluates: openpyxl turns any string starting with "=" into a formula, so text
goes through put()/append(), which write a string cell (and mark formula-like text with
Excel's quote prefix, so editing the cell keeps it text). Control characters and
non-characters (U+FFFE) are stripped: XML refuses them and openpyxl raises on them.
Real formulas are only ever made here (sum_of()), from our own cell references.

    ws = wb.active
    append(ws, ["TT", "Họ và tên", "Số tiền (đồng)"])
    first = ws.max_row + 1
    for i, person in enumerate(people, start=1):
        append(ws, [i, person.name, person.amount])
    append(ws, ["", "Tổng cộng", sum_of("C", first, ws.max_row)])
    house_style(ws, header_row=1, widths=[5, 40, 16])
    return to_bytes(wb)
"""
from copy import copy
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .text import clean_input

FORMULA_LIKE = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = 32_767  # Excel's limit for one cell
PLAIN = (int, float, Decimal, date, datetime, bool, type(None))


class Formula(str):
    """A formula this module built; any other str is written as text."""


def text(value: str) -> str:
    """What a text cell keeps: NFC, no control or non-character (tab and newline kept),
    at most Excel's 32 767 characters."""
    return clean_input(value)[:MAX_CELL_TEXT]


def _fill(cell: Cell, value) -> Cell:
    if isinstance(value, Formula):
        cell.value = str(value)
        return cell
    if isinstance(value, str):
        value = text(value)
        cell.value = value
        cell.data_type = "s"  # openpyxl made "=..." a formula: it is text
        if value.startswith(FORMULA_LIKE):
            cell.quotePrefix = True
        return cell
    if not isinstance(value, PLAIN):
        raise TypeError(f"no spreadsheet cell for {type(value).__name__}")
    cell.value = value
    return cell


def put(cell: Cell, value) -> Cell:
    """Write one value: text as text, numbers and dates as themselves, a Formula as formula."""
    return _fill(cell, value)


def append(ws: Worksheet, values: Iterable) -> list[Cell]:
    """ws.append(values), with every text value written as text."""
    cells = [_fill(Cell(ws), value) for value in values]
    ws.append(cells)
    return cells


def sum_of(column: str | int, first_row: int, last_row: int) -> Formula:
    """=SUM over one column's rows (a total that follows the numbers if a clerk edits one)."""
    letter = column if isinstance(column, str) else get_column_letter(column)
    column_index_from_string(letter)  # refuses anything but a column letter
    return Formula(f"=SUM({letter}{int(first_row)}:{letter}{int(last_row)})")


def house_style(ws: Worksheet, header_row: int, widths: Iterable[float] | None = None, *,
                freeze_column: str = "A", landscape: bool = False) -> None:
    """What every export has: the header row bold, wrapped and centred; frozen below it (and
    left of freeze_column); printed on every page; column widths; A4, fitted to the width."""
    for cell in ws[header_row]:
        if cell.value is None:
            continue
        font = copy(cell.font)
        font.bold = True
        cell.font = font
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    ws.freeze_panes = f"{freeze_column}{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    for index, width in enumerate(widths or (), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def to_bytes(wb: Workbook) -> bytes:
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
