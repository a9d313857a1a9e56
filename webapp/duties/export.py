"""The matrix of units x duties as an Excel workbook (openpyxl)."""
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..core.formatting import ddmmyyyy
from ..core.spreadsheet import append, house_style, put
from .models import Status
from .service import Matrix

FILLS = {
    Status.NOT_STARTED: "FFFFFF", Status.DRAFTING: "FFF4CE", Status.SUBMITTED: "DCEBFF",
    Status.ACCEPTED: "D9F2D9", Status.RETURNED: "FDE2CC",
}


def matrix_workbook(data: Matrix, today, title: str, filters: str = "",
                    author: str = "") -> bytes:
    """The matrix as the filters show it, every unit (no pages); `filters` says which (empty:
    every unit)."""
    from ..core import clock
    wb = Workbook()
    wb.properties.title = "Tiến độ thực hiện nhiệm vụ của các đơn vị"
    wb.properties.creator = author
    wb.properties.lastModifiedBy = author
    wb.properties.created = wb.properties.modified = clock.now().replace(microsecond=0)
    ws = wb.active
    ws.title = "Tiến độ"
    put(ws["A1"], title)
    ws["A1"].font = Font(bold=True, size=13)
    put(ws["A2"], f"Số liệu đến ngày {ddmmyyyy(today)}" + (f" · Lọc: {filters}" if filters else ""))
    ws["A2"].font = Font(italic=True)
    header = ["STT", "Đơn vị"] + [f"{d.section} {d.short_title}" for d in data.duties]
    ws.append([])
    append(ws, header)
    for cell in ws[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for index, (unit, cells) in enumerate(data.rows, start=1):
        row = [index, unit.name]
        for duty in data.duties:
            cell = cells.get(duty.id)
            row.append(cell.text if cell else "")
        append(ws, row)
        for col, duty in enumerate(data.duties, start=3):
            a = cells.get(duty.id)
            if a is not None:
                ws.cell(ws.max_row, col).fill = PatternFill("solid", fgColor=FILLS[Status(a.status)])
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 42
    for col in range(3, len(header) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 20
    ws.row_dimensions[4].height = 48
    house_style(ws, header_row=4, freeze_column="C", landscape=True)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
