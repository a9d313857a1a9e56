"""The budget as .xlsx: the Dự toán by part (SUM for each part's total and the grand total),
the funding sources (SUM of their column), the house style (frozen header, print titles,
widths, A4 landscape). Every cell goes through webapp.core.spreadsheet: text is text."""
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from ..core.formatting import amount_in_words, ddmmyyyy
from ..core.spreadsheet import Formula, house_style, put, sum_of, to_bytes
from .estimate import BudgetSummary, norm_of

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER = ["TT", "Nội dung chi", "Đơn vị tính", "Số lượng", "Đơn giá (đồng)", "Thành tiền (đồng)",
          "Nguồn kinh phí", "Căn cứ, định mức chi"]
WIDTHS = (6, 46, 11, 10, 16, 18, 30, 48)
MONEY = "#,##0"


def _put(ws, row: int, col: int, value, *, bold=False, money=False):
    """One boxed cell, written by core.spreadsheet.put (text as text, a Formula as formula)."""
    cell = put(ws.cell(row=row, column=col), value)
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
    put(ws["A1"], "DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI NGHỊ SƠ KẾT GIỮA KỲ VÀ KHEN THƯỞNG")
    ws["A1"].font = Font(bold=True, size=13)
    put(ws["A2"], f"{plan.coordinator_unit.name} · số liệu đến ngày {ddmmyyyy(today)}"
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
            _put(ws, row, 6, quantity * price, money=True)
            _put(ws, row, 7, source)
            _put(ws, row, 8, norm)
            row += 1
        _put(ws, row, 1, None)
        _put(ws, row, 2, f"Cộng {number}", bold=True)
        for col in (3, 4, 5, 7, 8):
            _put(ws, row, col, None)
        _put(ws, row, 6, sum_of("F", first, row - 1) if lines else 0, bold=True, money=True)
        part_totals.append(f"F{row}")
        row += 1
    _put(ws, row, 1, None)
    _put(ws, row, 2, "TỔNG CỘNG (I + II)", bold=True)
    for col in (3, 4, 5, 7, 8):
        _put(ws, row, col, None)
    _put(ws, row, 6, Formula("=SUM(" + ",".join(part_totals) + ")"), bold=True, money=True)
    row += 1
    put(ws.cell(row=row, column=2), f"Bằng chữ: {amount_in_words(data.total)}.").font = \
        Font(italic=True)
    row += 2
    for col, text in enumerate(["", "Nguồn kinh phí", "", "", "Tổ chức hội nghị", "Khen thưởng",
                                "Cộng (đồng)"], start=1):
        if text:
            _put(ws, row, col, text, bold=True)
    row += 1
    first = row
    for s in data.sources:
        _put(ws, row, 2, s.source.label)
        _put(ws, row, 5, s.conference, money=True)
        _put(ws, row, 6, s.reward, money=True)
        _put(ws, row, 7, s.total, money=True)
        row += 1
    _put(ws, row, 2, "Tổng cộng", bold=True)
    for col, letter in ((5, "E"), (6, "F"), (7, "G")):
        _put(ws, row, col, sum_of(letter, first, row - 1), bold=True, money=True)
    house_style(ws, header_row, WIDTHS, freeze_column="C", landscape=True)
    wb.properties.title = "Dự toán kinh phí tổ chức Hội nghị sơ kết giữa kỳ và khen thưởng"
    wb.properties.creator = plan.coordinator_unit.name
    return to_bytes(wb)
