"""The register as an Excel workbook (openpyxl): numbers and texts as text cells, so that
"05/QĐ-UBND" and a summary starting with "=" stay what they are."""
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from ..core.spreadsheet import put
from . import register
from .recipients import register_lines

HEADER = ["Số, ký hiệu", "Ngày tháng", "Loại văn bản", "Trích yếu nội dung", "Người ký",
          "Nơi nhận", "Đơn vị soạn thảo", "Tệp", "Ghi chú"]


def _text(cell, value) -> None:
    put(cell, "" if value is None else str(value))  # text cell, no control character
    cell.number_format = "@"


def register_workbook(body: register.Body, f: register.RegisterFilter, entries) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = f"Sổ văn bản đi {f.year}"
    bold = Font(name="Times New Roman", bold=True, size=12)
    normal = Font(name="Times New Roman", size=12)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    _text(ws.cell(1, 1), f"SỔ ĐĂNG KÝ VĂN BẢN ĐI – {body.name.upper()} – NĂM {f.year}")
    ws.cell(1, 1).font = Font(name="Times New Roman", bold=True, size=13)
    types = register.TYPES()
    for col, title in enumerate(HEADER, start=1):
        _text(ws.cell(3, col), title)
        ws.cell(3, col).font = bold
    row = 4
    for e in entries:
        p = e.paper
        files = ", ".join(s.original_name for s in (p.issued_file, p.pdf_file, p.final_docx) if s)
        note = f"Thu hồi: {e.withdraw_reason}" if e.withdrawn else p.state_label
        values = [e.number_text, e.issued_on.strftime("%d/%m/%Y"), types.get(p.doc_type, p.doc_type),
                  p.summary, p.signer_line, "; ".join(register_lines(p)), p.drafting_unit.short_name,
                  files, note]
        for col, value in enumerate(values, start=1):
            _text(ws.cell(row, col), value)
            ws.cell(row, col).font = normal
        row += 1
    for r in ws.iter_rows(min_row=3, max_row=row - 1):
        for cell in r:
            cell.border = box
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGHI", (16, 12, 14, 50, 28, 36, 22, 30, 20)):
        ws.column_dimensions[letter].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
