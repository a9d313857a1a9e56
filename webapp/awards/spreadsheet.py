"""The awardee list as a spreadsheet through the shared writer (webapp.core.spreadsheet):
totals as SUM formulas, a frozen header printed on every page, set column widths, every text
cell written as text (a name like =HYPERLINK(...) stays a name)."""
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from ..core.spreadsheet import Formula, append, house_style, put, sum_of, to_bytes
from ..documents.service import download_name
from .documents import ISSUER, file_base, require_awardees

HEADER = ["TT", "Loại", "Tên tập thể, họ và tên cá nhân", "Giới tính", "Năm sinh",
          "Chức vụ, đơn vị công tác", "Đơn vị đề nghị", "Số tiền (đồng)"]
WIDTHS = (6, 10, 36, 10, 10, 42, 24, 16)
HEADER_ROW = 4


def _sheet(title: str, caption: str, reference: str, sections, total_words: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách khen thưởng"
    wb.properties.title, wb.properties.creator = title, ISSUER
    bold = Font(name="Times New Roman", bold=True, size=12)
    normal = Font(name="Times New Roman", size=12)
    append(ws, [caption])
    append(ws, [reference])
    ws.append([])
    append(ws, HEADER)
    subtotals, bold_rows = [], {HEADER_ROW}
    for label, items in sections:
        append(ws, ["", label])
        section_row = ws.max_row
        bold_rows.add(section_row)
        for a in items:
            append(ws, [a["index"], "Tập thể" if a["kind"] == "collective" else "Cá nhân",
                        a["plain_name"], {"male": "Nam", "female": "Nữ"}.get(a["gender"], ""),
                        a["birth_year"] or "", a["title"], a["unit"], a["amount"]])
        put(ws.cell(row=section_row, column=8),
            sum_of("H", section_row + 1, ws.max_row) if ws.max_row > section_row else 0)
        subtotals.append(f"H{section_row}")
    append(ws, ["", "Tổng cộng", "", "", "", "", "", Formula(f"=SUM({','.join(subtotals)})")])
    total_row = ws.max_row
    bold_rows.add(total_row)
    append(ws, ["", f"Bằng chữ: {total_words}"])
    box = Border(*(Side(style="thin"),) * 4)
    for line in ws.iter_rows(min_row=HEADER_ROW, max_row=total_row):
        for cell in line:
            cell.border = box
            cell.font = bold if cell.row in bold_rows else normal
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.column == 8:
                cell.number_format = "#,##0"
    ws["A1"].font = bold
    ws["A2"].font = ws.cell(row=total_row + 1, column=2).font = Font(
        name="Times New Roman", italic=True, size=12)
    house_style(ws, header_row=HEADER_ROW, widths=WIDTHS, landscape=True)
    return to_bytes(wb)


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
