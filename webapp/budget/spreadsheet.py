"""The budget as .xlsx: the Dự toán with formulas (amount = quantity x unit price, SUM for the
parts and the total, SUMIF by funding source), a frozen header, print titles and widths.

Text cells are always text: a value that looks like a formula ("=HYPERLINK(...)") stays text,
control characters are dropped. (Until webapp/core/spreadsheet.py lands, this is the one
function of the budget that writes a sheet.)"""
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from ..core.formatting import amount_in_words, ddmmyyyy
from ..documents.service import clean
from .estimate import BudgetSummary, norm_of

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER = ["TT", "Nội dung chi", "Đơn vị tính", "Số lượng", "Đơn giá (đồng)", "Thành tiền (đồng)",
          "Nguồn kinh phí", "Căn cứ, định mức chi"]
WIDTHS = (6, 46, 11, 10, 16, 18, 30, 48)
MONEY = "#,##0"


def _put(ws, row: int, col: int, value, *, bold=False, money=False, formula=False):
    """One cell: text as text (never a formula, whatever it starts with), numbers as numbers,
    and our own `formula`s as formulas."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str) and not formula:
        cell.value = clean(value)
        cell.data_type = "s"
    else:
        cell.value = value
    cell.border = BOX
    cell.alignment = Alignment(vertical="top", wrap_text=True)
    if bold:
        cell.font = Font(bold=True)
    if money:
        cell.number_format = MONEY
    return cell


def _short(label: str) -> str:
    return label.split(":")[0].strip()


def budget_workbook(plan, data: BudgetSummary, today) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Dự toán"
    ws["A1"] = "DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI NGHỊ SƠ KẾT GIỮA KỲ VÀ KHEN THƯỞNG"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = clean(f"Phòng Lao động - Thương binh và Xã hội · số liệu đến ngày {ddmmyyyy(today)}"
                     " · đơn vị tính: đồng")
    ws["A2"].font = Font(italic=True)
    header_row = 4
    for col, text in enumerate(HEADER, start=1):
        cell = _put(ws, header_row, col, text, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    row = header_row + 1
    part_totals = []
    parts = (
        ("I", "Kinh phí tổ chức hội nghị",
         [(line.label, line.unit, line.quantity, line.unit_price, _short(line.funding_source.label),
           "; ".join(t for t in (norm_of(line.category), line.note) if t)) for line in data.lines]),
        ("II", "Kinh phí khen thưởng (theo số lượng Kế hoạch)",
         [(line.label, "cá nhân" if line.kind == "individual" else "tập thể", line.quantity,
           line.unit_price, ", ".join(_short(s.source.label) for s in data.sources if s.reward),
           data.reward.basis) for line in data.reward.lines]),
    )
    for number, title, lines in parts:
        _put(ws, row, 1, number, bold=True)
        _put(ws, row, 2, title, bold=True)
        for col in range(3, 9):
            _put(ws, row, col, None)
        row += 1
        first = row
        for index, (label, unit, quantity, price, source, norm) in enumerate(lines, start=1):
            _put(ws, row, 1, index)
            _put(ws, row, 2, label)
            _put(ws, row, 3, unit or "")
            _put(ws, row, 4, quantity)
            _put(ws, row, 5, price, money=True)
            _put(ws, row, 6, f"=D{row}*E{row}", money=True, formula=True)
            _put(ws, row, 7, source)
            _put(ws, row, 8, norm)
            row += 1
        _put(ws, row, 1, None)
        _put(ws, row, 2, f"Cộng {number}", bold=True)
        for col in (3, 4, 5, 7, 8):
            _put(ws, row, col, None)
        _put(ws, row, 6, f"=SUM(F{first}:F{row - 1})" if lines else 0, bold=True, money=True,
             formula=True)
        part_totals.append(f"F{row}")
        row += 1
    _put(ws, row, 1, None)
    _put(ws, row, 2, "TỔNG CỘNG (I + II)", bold=True)
    for col in (3, 4, 5, 7, 8):
        _put(ws, row, col, None)
    _put(ws, row, 6, "=SUM(" + ",".join(part_totals) + ")", bold=True, money=True, formula=True)
    total_row = row
    row += 1
    ws.cell(row=row, column=2, value=clean(f"Bằng chữ: {amount_in_words(data.total)}.")).font = \
        Font(italic=True)
    conference_rows = f"$F${header_row + 2}:$F${header_row + 1 + len(data.lines)}"
    source_rows = f"$G${header_row + 2}:$G${header_row + 1 + len(data.lines)}"
    row += 2
    for col, text in enumerate(["", "Nguồn kinh phí", "", "", "Tổ chức hội nghị", "Khen thưởng",
                                "Cộng (đồng)"], start=1):
        if text:
            _put(ws, row, col, text, bold=True)
    row += 1
    first = row
    for s in data.sources:
        _put(ws, row, 2, s.source.label)
        _put(ws, row, 5, f"=SUMIF({source_rows},\"{_short(s.source.label)}\",{conference_rows})"
             if data.lines else 0, money=True, formula=True)
        _put(ws, row, 6, s.reward, money=True)
        _put(ws, row, 7, f"=E{row}+F{row}", money=True, formula=True)
        row += 1
    _put(ws, row, 2, "Tổng cộng", bold=True)
    for col in (5, 6, 7):
        letter = get_column_letter(col)
        _put(ws, row, col, f"=SUM({letter}{first}:{letter}{row - 1})", bold=True, money=True,
             formula=True)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    wb.properties.title = "Dự toán kinh phí tổ chức Hội nghị sơ kết giữa kỳ và khen thưởng"
    wb.properties.creator = "Phòng Lao động - Thương binh và Xã hội"
    ws.cell(row=total_row, column=6).number_format = MONEY
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
