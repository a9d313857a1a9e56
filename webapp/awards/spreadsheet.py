"""The awardee list as a spreadsheet: totals as SUM formulas, a frozen header, print titles,
set column widths, every text cell written as text.

TRANSITIONAL: `_sheet` writes with openpyxl directly until webapp.core.spreadsheet (the shared
writer: append, sum_of, house_style) lands on main; then `_sheet` becomes calls to it."""
import io
import re
import unicodedata

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from ..documents.service import download_name
from .documents import ISSUER, file_base, require_awardees

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
HEADER = ["TT", "Loại", "Tên tập thể, họ và tên cá nhân", "Giới tính", "Năm sinh",
          "Chức vụ, đơn vị công tác", "Đơn vị đề nghị", "Số tiền (đồng)"]
WIDTHS = (6, 10, 36, 10, 10, 42, 24, 16)


def _text(value: str) -> str:
    return _CONTROL.sub("", unicodedata.normalize("NFC", value))


def _put(ws, row: int, column: int, value, *, font=None):
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = _text(value)
        cell.data_type = "s"          # never a formula: "=HYPERLINK(...)" stays text
        if cell.value.startswith(("=", "+", "-", "@")):
            cell.quotePrefix = True
    else:
        cell.value = value
    if font is not None:
        cell.font = font
    return cell


def _sheet(title: str, caption: str, reference: str, sections, total_words: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách khen thưởng"
    wb.properties.title, wb.properties.creator = title, ISSUER
    bold = Font(name="Times New Roman", bold=True, size=12)
    normal = Font(name="Times New Roman", size=12)
    box = Border(*(Side(style="thin"),) * 4)
    _put(ws, 1, 1, caption, font=bold)
    _put(ws, 2, 1, reference, font=Font(name="Times New Roman", italic=True, size=12))
    header_row = 4
    for column, text in enumerate(HEADER, start=1):
        _put(ws, header_row, column, text, font=bold)
    row, subtotal_cells, bold_rows = header_row, [], {header_row}
    for label, items in sections:
        row += 1
        section_row = row
        bold_rows.add(row)
        _put(ws, row, 2, label)
        for a in items:
            row += 1
            values = [a["index"], "Tập thể" if a["kind"] == "collective" else "Cá nhân",
                      a["plain_name"], {"male": "Nam", "female": "Nữ"}.get(a["gender"], ""),
                      a["birth_year"] or "", a["title"], a["unit"], a["amount"]]
            for column, value in enumerate(values, start=1):
                _put(ws, row, column, value)
        first, last = section_row + 1, row
        ws.cell(row=section_row, column=8).value = (f"=SUM(H{first}:H{last})" if last >= first else 0)
        subtotal_cells.append(f"H{section_row}")
    row += 1
    total_row = row
    bold_rows.add(row)
    _put(ws, row, 2, "Tổng cộng")
    ws.cell(row=row, column=8).value = "=" + "+".join(subtotal_cells)
    _put(ws, row + 1, 2, f"Bằng chữ: {total_words}", font=Font(name="Times New Roman", italic=True, size=12))
    for line in ws.iter_rows(min_row=header_row, max_row=total_row):
        for cell in line:
            cell.border = box
            cell.font = bold if cell.row in bold_rows else normal
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.column == 8:
                cell.number_format = "#,##0"
    for index, width in enumerate(WIDTHS):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def awardees_file(context: dict):
    require_awardees(context)
    reference = (f"(Kèm theo Quyết định số {context['number_text']} ngày {context['date_short']} "
                 "của Chủ tịch UBND huyện Bình Sơn)")
    sections = [(f"I. TẬP THỂ ({len(context['collectives'])})", context["collectives"]),
                (f"II. CÁ NHÂN ({len(context['individuals'])})", context["individuals"])]
    title = "Danh sách khen thưởng kèm theo Quyết định số " + context["number_text"]

    def make():
        return _sheet(title, context["annex_title"], reference, sections, context["total_words"])

    return make, download_name(file_base(context["number"], "Danh sách khen thưởng"), "xlsx")
