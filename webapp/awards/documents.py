"""Documents of the reward decision: the Quyết định (.docx, docxtpl, Nghị định 30 layout) with
its annex list, the certificate wording per awardee (.docx, one page each), the list (.xlsx).

Templates are built by `build_decision()` / `build_certificates()` (registered in
webapp/documents/registry.py) and rendered through webapp.documents.service.render, which
escapes names like "Hợp tác xã A & B <1>".
"""

from docx.enum.text import WD_ALIGN_PARAGRAPH

from ..core.errors import DomainError
from ..core.formatting import amount_in_words, ddmmyyyy, document_date, money
from ..documents import nd30
from ..documents.service import download_name, render
from . import rules, service
from .models import Kind

DECISION_TEMPLATE = "quyet-dinh-khen-thuong.docx"
CERTIFICATE_TEMPLATE = "giay-khen.docx"


# --- templates -------------------------------------------------------------------------------

def _mixed(container, parts, *, align="justify", indent=True, space_after=6, size=nd30.BODY_PT):
    """A paragraph of several runs: parts = [(text, bold, italic), ...]."""
    p = nd30.paragraph(container, "", align=align, indent=indent, space_after=space_after,
                       size=size)
    for text, bold, italic in parts:
        nd30._font(p.add_run(text), size, bold, italic)
    return p


def build_decision():
    doc = nd30.new_document()
    nd30.header_block(doc)
    nd30.title_block(doc, "QUYẾT ĐỊNH", ["{{ summary }}"], rule_cm=4.0)
    nd30.paragraph(doc, "{{ authority_line }}", bold=True, align="center", space_after=12)
    nd30.tag(doc, "{%p for b in legal_bases %}")
    nd30.paragraph(doc, "Căn cứ {{ b }}{{ '.' if loop.last else ';' }}", italic=True)
    nd30.tag(doc, "{%p endfor %}")
    nd30.paragraph(doc, "{{ proposer_line }}")
    nd30.paragraph(doc, "QUYẾT ĐỊNH:", bold=True, align="center", space_before=6, keep_next=True)
    _mixed(doc, [("Điều 1. ", True, False), ("{{ article_1 }}", False, False)])
    _mixed(doc, [("Điều 2. ", True, False), ("{{ article_2 }}", False, False)])
    _mixed(doc, [("Điều 3. ", True, False), ("{{ article_3 }}", False, False)])
    nd30.signature_block(doc)
    # The annex starts on a new page.
    nd30.page_break(doc)
    nd30.paragraph(doc, "{{ annex_title }}", bold=True, align="center", space_after=0)
    nd30.paragraph(doc, "(Kèm theo Quyết định số {{ number_text }} ngày {{ date_short }} của "
                        "Chủ tịch UBND huyện Bình Sơn)", italic=True, align="center", space_after=0)
    nd30.rule(doc, 3.0, nd30.TEXT_WIDTH_CM)
    nd30.paragraph(doc, "", size=6, align="center", space_after=6)
    table = nd30.grid_table(doc, [1.2, 6.6, 6.0, 2.7],
                            ["TT", "Tên tập thể, họ và tên cá nhân", "Chức vụ, đơn vị công tác",
                             "Số tiền (đồng)"], size=13)
    centre_right = ["center", "left", "left", "right"]
    nd30.row_of_texts(table, ["I", "TẬP THỂ ({{ collectives|length }})", "",
                              "{{ subtotal_collectives }}"], size=13, bold=True, aligns=centre_right)
    nd30.row_of_texts(table, ["{%tr for a in collectives %}", "", "", ""], size=13)
    nd30.row_of_texts(table, ["{{ a.index }}", "{{ a.name }}", "{{ a.title }}", "{{ a.money }}"],
                      size=13, aligns=centre_right)
    nd30.row_of_texts(table, ["{%tr endfor %}", "", "", ""], size=13)
    nd30.row_of_texts(table, ["II", "CÁ NHÂN ({{ individuals|length }})", "",
                              "{{ subtotal_individuals }}"], size=13, bold=True, aligns=centre_right)
    nd30.row_of_texts(table, ["{%tr for a in individuals %}", "", "", ""], size=13)
    nd30.row_of_texts(table, ["{{ a.index }}", "{{ a.name }}", "{{ a.title }}", "{{ a.money }}"],
                      size=13, aligns=centre_right)
    nd30.row_of_texts(table, ["{%tr endfor %}", "", "", ""], size=13)
    nd30.row_of_texts(table, ["", "Tổng cộng", "", "{{ total }}"], size=13, bold=True,
                      aligns=centre_right)
    nd30.paragraph(doc, "(Bằng chữ: {{ total_words }})", italic=True, space_before=6, indent=False)
    return doc


def build_certificates():
    doc = nd30.new_document()
    header = doc.sections[0].header.paragraphs[0]
    header.clear()  # a certificate has no page number
    nd30.tag(doc, "{%p for a in awardees %}")
    nd30.paragraph(doc, "{{ authority_line }}", bold=True, align="center", space_before=36,
                   space_after=18)
    nd30.paragraph(doc, "TẶNG", bold=True, align="center", space_after=6)
    nd30.paragraph(doc, "GIẤY KHEN", size=24, bold=True, align="center", space_after=24)
    nd30.paragraph(doc, "{{ a.display_name }}", size=18, bold=True, align="center", space_after=6)
    nd30.paragraph(doc, "{{ a.title }}", align="center", space_after=18)
    nd30.paragraph(doc, "{{ achievement }}", align="center", space_after=24)
    nd30.paragraph(doc, "{{ place_date }}", italic=True, align="right", space_after=0)
    nd30.paragraph(doc, "{{ signer_authority }}", bold=True, align="right", space_after=0)
    nd30.paragraph(doc, "{{ signer_title }}", bold=True, align="right", space_after=60)
    nd30.paragraph(doc, "{{ signer_name }}", bold=True, align="right", space_after=24)
    nd30.paragraph(doc, "Quyết định số {{ number_text }} ngày {{ date_short }}", size=12,
                   align="left", indent=False, space_after=0)
    nd30.tag(doc, "{%p if not loop.last %}")
    nd30.page_break(doc)
    nd30.tag(doc, "{%p endif %}")
    nd30.tag(doc, "{%p endfor %}")
    for p in doc.paragraphs:
        if p.alignment == WD_ALIGN_PARAGRAPH.RIGHT:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.left_indent = nd30.Cm(8)
    return doc


# --- context ---------------------------------------------------------------------------------

def _source_label(label: str) -> str:
    return label.split(":")[0].strip()


def decision_context(plan) -> dict:
    """Everything the decision shows, computed from the data (used by the .docx and the
    HTML preview alike)."""
    d = service.get_decision(plan)
    data = (service.DecisionData(d.number, d.decision_date, d.legal_bases, d.proposer_line,
                                 d.signer_authority, d.signer_title, d.signer_name,
                                 d.funding_split, d.recipients)
            if d else service.proposed_decision(plan))
    on = data.decision_date or service.decision_date_of(plan)
    try:
        summary_money = service.money_summary(plan, on)
    except rules.RulesError as exc:
        raise DomainError(str(exc), field="decision_date") from None
    awardees = service.approved_awardees(plan, on)
    collectives = [a for a in awardees if a.kind == Kind.COLLECTIVE]
    individuals = [a for a in awardees if a.kind == Kind.INDIVIDUAL]
    award_line = (f"đã có thành tích xuất sắc trong công tác giảm nghèo và phong trào thi đua "
                  f"“{plan.movement_name}” giai đoạn {plan.period}")
    sources = [s for s in summary_money.by_source if s["amount"]]
    funding = " và ".join(f"{_source_label(s['label'])} ({money(s['amount'])} đồng)" for s in sources)
    per = summary_money.per_kind
    number_text = service.number_text(d)
    recipients = [r for r in data.recipients if not r.startswith("Lưu")]
    archive = next((r.removeprefix("Lưu:").strip() for r in data.recipients
                    if r.startswith("Lưu")), "VT, NV")

    def rows(items):
        return [{"index": i, "name": f"{a.salutation} {a.name}".strip(), "plain_name": a.name,
                 "display_name": f"{a.salutation} {a.name}".strip(), "title": a.title,
                 "unit": a.unit, "money": money(a.money), "amount": a.money, "kind": a.kind,
                 "gender": a.gender, "birth_year": a.birth_year}
                for i, a in enumerate(items, start=1)]

    return {
        "number_text": number_text,
        "number": d.number if d else "",
        "decision_date": on,
        "place_date": document_date(plan.place_of_issue, on),
        "date_short": ddmmyyyy(on),
        "summary": (f"Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc trong công tác "
                    f"giảm nghèo và phong trào thi đua “{plan.movement_name}” giai đoạn {plan.period}"),
        "authority_line": "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN",
        "legal_bases": list(data.legal_bases),
        "proposer_line": data.proposer_line or "Theo đề nghị của Trưởng phòng Nội vụ huyện.",
        "article_1": (f"Tặng Giấy khen của Chủ tịch UBND huyện cho {len(collectives):02d} tập thể "
                      f"và {len(individuals):02d} cá nhân {award_line} (có danh sách kèm theo)."),
        "article_2": (f"Kèm theo Giấy khen, mỗi tập thể được thưởng {money(per['collective'])} đồng, "
                      f"mỗi cá nhân được thưởng {money(per['individual'])} đồng theo quy định tại "
                      f"{summary_money.rules.period.money_basis} (mức lương cơ sở "
                      f"{money(summary_money.rules.base_salary)} đồng). Tổng số tiền thưởng là "
                      f"{money(summary_money.total)} đồng (Bằng chữ: "
                      f"{amount_in_words(summary_money.total)}), chi từ nguồn kinh phí "
                      f"{funding or '…'} thuộc {plan.program_name} trên địa bàn huyện năm {on.year}."),
        "article_3": ("Chánh Văn phòng HĐND và UBND huyện, Trưởng phòng Nội vụ, Trưởng phòng Lao "
                      "động - Thương binh và Xã hội, Trưởng phòng Tài chính - Kế hoạch, Thủ trưởng "
                      "các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 "
                      "chịu trách nhiệm thi hành Quyết định này kể từ ngày ký./."),
        "recipients": recipients, "archive": archive,
        "signer_authority": data.signer_authority, "signer_title": data.signer_title,
        "signer_name": data.signer_name,
        "annex_title": "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN CỦA CHỦ TỊCH UBND HUYỆN",
        "collectives": rows(collectives), "individuals": rows(individuals),
        "subtotal_collectives": money(summary_money.subtotals["collective"]),
        "subtotal_individuals": money(summary_money.subtotals["individual"]),
        "total": money(summary_money.total), "total_amount": summary_money.total,
        "total_words": amount_in_words(summary_money.total),
        "by_source": summary_money.by_source,
        "achievement": f"Đã có thành tích xuất sắc trong công tác giảm nghèo và phong trào thi đua "
                       f"“{plan.movement_name}” giai đoạn {plan.period}.",
        "rules_label": summary_money.rules.period.label,
    }


def _require_awardees(context: dict) -> None:
    if not context["collectives"] and not context["individuals"]:
        raise DomainError("Chưa có tập thể, cá nhân nào được duyệt: chưa lập được quyết định.")


def _file_base(context: dict, what: str) -> str:
    number = context["number"]
    if number:
        number = f"{int(number):02d}" if number.isdigit() and int(number) < 10 else number
        return f"{what} số {number}-QĐ-UBND"
    return f"{what} (dự thảo, chưa có số)"


def decision_docx(plan) -> tuple[bytes, str]:
    context = decision_context(plan)
    _require_awardees(context)
    return render(DECISION_TEMPLATE, context), download_name(_file_base(context, "Quyết định khen thưởng"))


def certificates_docx(plan) -> tuple[bytes, str]:
    context = decision_context(plan)
    _require_awardees(context)
    context["awardees"] = context["collectives"] + context["individuals"]
    return render(CERTIFICATE_TEMPLATE, context), download_name(_file_base(context, "Giấy khen"))


def awardees_xlsx(plan) -> tuple[bytes, str]:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    from ..core.spreadsheet import append, house_style, sum_of, to_bytes
    context = decision_context(plan)
    _require_awardees(context)
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách khen thưởng"
    bold = Font(name="Times New Roman", bold=True, size=12)
    normal = Font(name="Times New Roman", size=12)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    append(ws, [context["annex_title"]])
    append(ws, [f"(Kèm theo Quyết định số {context['number_text']} ngày {context['date_short']} "
                "của Chủ tịch UBND huyện Bình Sơn)"])
    ws.append([])
    header = ["TT", "Loại", "Tên tập thể, họ và tên cá nhân", "Giới tính", "Năm sinh",
              "Chức vụ, đơn vị công tác", "Đơn vị đề nghị", "Số tiền (đồng)"]
    append(ws, header)
    for section, items in (("I. TẬP THỂ", context["collectives"]),
                           ("II. CÁ NHÂN", context["individuals"])):
        append(ws, ["", section])
        for a in items:
            append(ws, [a["index"], "Tập thể" if a["kind"] == "collective" else "Cá nhân",
                        a["plain_name"], {"male": "Nam", "female": "Nữ"}.get(a["gender"], ""),
                        a["birth_year"] or "", a["title"], a["unit"], a["amount"]])
    append(ws, ["", "Tổng cộng", "", "", "", "", "", sum_of("H", 5, ws.max_row)])
    total_row = ws.max_row
    append(ws, ["", f"Bằng chữ: {context['total_words']}"])
    section_rows = set()
    for row in ws.iter_rows(min_row=5, max_row=total_row - 1):
        if row[1].value in ("I. TẬP THỂ", "II. CÁ NHÂN"):
            section_rows.add(row[0].row)
    for row in ws.iter_rows(min_row=4, max_row=total_row):
        for cell in row:
            cell.border = box
            cell.font = bold if cell.row in {4, total_row} | section_rows else normal
            if cell.column == 8:
                cell.number_format = "#,##0"
    ws["A1"].font = bold
    ws["A2"].font = Font(name="Times New Roman", italic=True, size=12)
    for letter, width in zip("ABCDEFGH", (5, 9, 34, 9, 9, 40, 22, 15)):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    house_style(ws, header_row=4, landscape=True)
    return to_bytes(wb), download_name(_file_base(context, "Danh sách khen thưởng"), "xlsx")


