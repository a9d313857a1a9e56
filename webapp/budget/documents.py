"""The budget as .xlsx (openpyxl) and .docx (Nghị định 30 layout, template built here)."""

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from ..core.formatting import amount_in_words, ddmmyyyy, document_date, money
from ..core.spreadsheet import append, house_style, put, sum_of, to_bytes
from ..documents import nd30
from .service import BudgetSummary

TEMPLATE = "du-toan-kinh-phi.docx"
TITLE = "DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI NGHỊ SƠ KẾT GIỮA KỲ VÀ KHEN THƯỞNG"
NO_REWARD_DATA = "Chưa có dữ liệu khen thưởng"


def _short(source_label: str) -> str:
    return source_label.split(":")[0].strip()


def rows(plan, data: BudgetSummary) -> list[dict]:
    """The table of the documents: cost lines, then the reward money per source."""
    out = []
    for index, line in enumerate(data.lines, start=1):
        out.append({"no": str(index), "content": line.label, "category": line.category_label,
                    "source": _short(line.funding_source.label), "amount": money(line.amount),
                    "note": line.note})
    start = len(out) + 1
    if data.reward.available:
        for offset, s in enumerate([s for s in data.sources if s.reward], start=0):
            out.append({"no": str(start + offset), "content": "Tiền thưởng kèm Giấy khen của Chủ tịch UBND huyện",
                        "category": "Khen thưởng", "source": _short(s.source.label),
                        "amount": money(s.reward), "note": ""})
    else:
        out.append({"no": str(start), "content": "Tiền thưởng kèm Giấy khen của Chủ tịch UBND huyện",
                    "category": "Khen thưởng", "source": "", "amount": "",
                    "note": data.reward.note or NO_REWARD_DATA})
    return out


def budget_context(plan, data: BudgetSummary, today) -> dict:
    plan_ref = f"Kế hoạch số {plan.number or '     '}/KH-UBND"
    if plan.issued_on:
        plan_ref += f" ngày {ddmmyyyy(plan.issued_on)}"
    return {
        "number_text": "      /DT-LĐTBXH",
        "place_date": document_date(plan.place_of_issue, today),
        "intro": (f"Căn cứ {plan_ref} của UBND huyện về tổ chức Hội nghị sơ kết giữa kỳ "
                  f"{plan.program_name} và phong trào thi đua “{plan.movement_name}” giai đoạn "
                  f"{plan.period}; {plan.funding_note[:1].lower()}{plan.funding_note[1:].rstrip('.')}, "
                  "Phòng Lao động, Thương binh và Xã hội lập dự toán kinh phí như sau:"),
        "rows": rows(plan, data),
        "sources": [{"label": s.source.label, "conference": money(s.conference),
                     "reward": (f"{money(s.reward)} đồng" if data.reward.available
                                else "chưa có dữ liệu"),
                     "total": money(s.total), "words": s.words} for s in data.sources],
        "total": money(data.total), "total_words": data.total_words,
        "reward_missing": "" if data.reward.available else (
            f"{data.reward.note} Tổng cộng trên chưa gồm tiền thưởng."),
        "signer_authority": "", "signer_title": "TRƯỞNG PHÒNG", "signer_name": "",
        "recipients": ["UBND huyện (b/c)", "Phòng Tài chính - Kế hoạch huyện"],
        "archive": "VT, LĐTBXH",
    }


def build():
    doc = nd30.new_document()
    nd30.header_block(doc, issuer_lines=("UBND HUYỆN BÌNH SƠN", "PHÒNG LAO ĐỘNG -", "THƯƠNG BINH VÀ XÃ HỘI"))
    nd30.title_block(doc, "DỰ TOÁN", ["Kinh phí tổ chức Hội nghị sơ kết giữa kỳ Chương trình "
                                      "mục tiêu quốc gia Giảm nghèo bền vững và khen thưởng"],
                     rule_cm=3.0)
    nd30.paragraph(doc, "{{ intro }}")
    nd30.paragraph(doc, "1. Chi tiết các khoản chi", bold=True, keep_next=True)
    widths = [1.0, 6.0, 3.6, 2.9, 3.0]
    table = nd30.grid_table(doc, widths, ["TT", "Nội dung chi", "Nguồn kinh phí",
                                          "Số tiền (đồng)", "Ghi chú"], size=12)
    nd30.row_of_texts(table, ["{%tr for r in rows %}", "", "", "", ""])
    nd30.row_of_texts(table, ["{{ r.no }}", "{{ r.content }}", "{{ r.source }}", "{{ r.amount }}",
                              "{{ r.note }}"], aligns=["center", "left", "left", "right", "left"])
    nd30.row_of_texts(table, ["{%tr endfor %}", "", "", "", ""])
    nd30.row_of_texts(table, ["", "Tổng cộng", "", "{{ total }}", ""], bold=True,
                      aligns=["center", "left", "left", "right", "left"])
    nd30.paragraph(doc, "", size=6, space_after=0)
    nd30.paragraph(doc, "2. Tổng hợp theo nguồn kinh phí", bold=True, keep_next=True)
    nd30.tag(doc, "{%p for s in sources %}")
    nd30.paragraph(doc, "- {{ s.label }}: {{ s.total }} đồng (kinh phí hội nghị {{ s.conference }} "
                        "đồng; tiền thưởng {{ s.reward }}). "
                        "Bằng chữ: {{ s.words }}.")
    nd30.tag(doc, "{%p endfor %}")
    nd30.paragraph(doc, "Tổng cộng: {{ total }} đồng (Bằng chữ: {{ total_words }}).", bold=True)
    nd30.tag(doc, "{%p if reward_missing %}")
    nd30.paragraph(doc, "{{ reward_missing }}", italic=True)
    nd30.tag(doc, "{%p endif %}")
    nd30.paragraph(doc, "Kính trình UBND huyện xem xét, phê duyệt./.")
    nd30.signature_block(doc)
    return doc


def render_budget(context: dict) -> bytes:
    from ..documents.service import render
    return render(TEMPLATE, context)


def budget_workbook(plan, data: BudgetSummary, today) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Kinh phí"
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    put(ws["A1"], TITLE)
    ws["A1"].font = Font(bold=True, size=13)
    put(ws["A2"], f"Số liệu đến ngày {ddmmyyyy(today)} · đơn vị tính: đồng")
    ws["A2"].font = Font(italic=True)
    header = ["TT", "Nội dung chi", "Khoản chi", "Nguồn kinh phí", "Số tiền (đồng)", "Ghi chú"]
    ws.append([])
    append(ws, header)
    for cell in ws[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = box
    for index, line in enumerate(data.lines, start=1):
        append(ws, [index, line.label, line.category_label, _short(line.funding_source.label),
                    line.amount, line.note])
    number = len(data.lines)
    if data.reward.available:
        for s in data.sources:
            if s.reward:
                number += 1
                append(ws, [number, "Tiền thưởng kèm Giấy khen của Chủ tịch UBND huyện",
                            "Khen thưởng", _short(s.source.label), s.reward, ""])
    else:
        append(ws, [number + 1, "Tiền thưởng kèm Giấy khen của Chủ tịch UBND huyện", "Khen thưởng",
                    "", None, data.reward.note or NO_REWARD_DATA])
    append(ws, ["", "Tổng cộng", "", "", sum_of("E", 5, ws.max_row), ""])
    for row in ws.iter_rows(min_row=5, max_row=ws.max_row):
        for cell in row:
            cell.border = box
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        row[4].number_format = "#,##0"
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.append([])
    append(ws, ["", "Tổng hợp theo nguồn kinh phí"])
    ws.cell(ws.max_row, 2).font = Font(bold=True)
    append(ws, ["", "Nguồn", "Kinh phí hội nghị", "Tiền thưởng", "Cộng", "Bằng chữ"])
    first_source_row = ws.max_row + 1
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for s in data.sources:
        append(ws, ["", s.source.label, s.conference,
                    s.reward if data.reward.available else NO_REWARD_DATA, s.total, s.words])
        for col in (3, 4, 5):
            ws.cell(ws.max_row, col).number_format = "#,##0"
    last_source_row = ws.max_row
    append(ws, ["", "Tổng cộng", sum_of("C", first_source_row, last_source_row),
                sum_of("D", first_source_row, last_source_row) if data.reward.available
                else NO_REWARD_DATA, sum_of("E", first_source_row, last_source_row),
                amount_in_words(data.total)])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for col in (3, 4, 5):
        ws.cell(ws.max_row, col).number_format = "#,##0"
    house_style(ws, header_row=4, widths=(5, 44, 22, 26, 16, 44))
    return to_bytes(wb)
