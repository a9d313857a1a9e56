"""The .docx templates of the budget (Nghị định 30): Phòng LĐTB&XH's Tờ trình with the Dự toán
attached, and the Quyết định phê duyệt dự toán of the district chair with the same annex."""
from docx.oxml import OxmlElement

from ..documents import nd30
from ..reports import docx_parts


def _article(doc, label: str, text: str):
    p = nd30.paragraph(doc, "")
    docx_parts.format_run(p.add_run(label + " "), nd30.BODY_PT, bold=True)
    docx_parts.format_run(p.add_run(text), nd30.BODY_PT, bold=False)
    return p


def _estimate_annex(doc, annex_of: str):
    """The Dự toán on its own landscape pages: lines by part, totals, sources."""
    nd30.landscape_section(doc)
    nd30.paragraph(doc, "DỰ TOÁN KINH PHÍ", bold=True, align="center", indent=False, space_after=0,
                   keep_next=True)
    nd30.paragraph(doc, "{{ estimate_title }}", bold=True, align="center", indent=False,
                   space_after=0, keep_next=True)
    nd30.paragraph(doc, annex_of, italic=True, align="center", indent=False, keep_next=True)
    widths = [1.0, 6.4, 1.6, 1.5, 2.5, 2.8, 3.4, 6.0]
    table = nd30.grid_table(doc, widths, ["TT", "Nội dung chi", "Đơn vị tính", "Số lượng",
                                          "Đơn giá (đồng)", "Thành tiền (đồng)",
                                          "Nguồn kinh phí", "Căn cứ, định mức chi"], size=11)
    aligns = ["center", "left", "center", "right", "right", "right", "left", "left"]
    cells = ["{{ r.no }}", "{{ r.content }}", "{{ r.unit }}", "{{ r.quantity }}",
             "{{ r.unit_price }}", "{{ r.amount }}", "{{ r.source }}", "{{ r.norm }}"]
    blank = [""] * 7
    nd30.row_of_texts(table, ["{%tr for part in parts %}"] + blank, size=11)
    nd30.row_of_texts(table, ["{{ part.no }}", "{{ part.title }}"] + [""] * 6, size=11,
                      bold=True, aligns=aligns)
    nd30.row_of_texts(table, ["{%tr for r in part.rows %}"] + blank, size=11)
    nd30.row_of_texts(table, cells, size=11, aligns=aligns)
    nd30.row_of_texts(table, ["{%tr endfor %}"] + blank, size=11)
    nd30.row_of_texts(table, ["", "Cộng {{ part.no }}", "", "", "", "{{ part.total }}", "", ""],
                      size=11, bold=True, aligns=aligns)
    nd30.row_of_texts(table, ["{%tr endfor %}"] + blank, size=11)
    nd30.row_of_texts(table, ["", "TỔNG CỘNG ({{ parts_sum }})", "", "", "", "{{ total }}", "", ""],
                      size=11, bold=True, aligns=aligns)
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    nd30.paragraph(doc, "(Bằng chữ: {{ total_words }}.)", italic=True, indent=False,
                   space_before=6)
    nd30.paragraph(doc, "Nguồn kinh phí:", bold=True, indent=False, keep_next=True)
    sources = nd30.grid_table(doc, [10.0, 4.4, 4.4, 4.4], ["Nguồn kinh phí", "Tổ chức hội nghị",
                                                            "Khen thưởng", "Cộng (đồng)"], size=11)
    nd30.row_of_texts(sources, ["{%tr for s in sources %}", "", "", ""], size=11)
    nd30.row_of_texts(sources, ["{{ s.label }}", "{{ s.conference }}", "{{ s.reward }}",
                                "{{ s.total }}"], size=11, aligns=["left", "right", "right", "right"])
    nd30.row_of_texts(sources, ["{%tr endfor %}", "", "", ""], size=11)
    nd30.row_of_texts(sources, ["Tổng cộng", "{{ conference_total }}", "{{ reward_total }}",
                                "{{ total }}"], size=11, bold=True,
                      aligns=["left", "right", "right", "right"])
    nd30.end_spacer(doc)


def build_proposal():
    doc = nd30.new_document()
    docx_parts.phong_header(doc)
    nd30.title_block(doc, "TỜ TRÌNH", ["{{ summary }}"], rule_cm=3.0)
    nd30.paragraph(doc, "Kính gửi: {{ addressee }}.", align="center", indent=False,
                   space_after=12)
    nd30.repeat(doc, "line in bases", "{{ line }}", italic=True)
    nd30.paragraph(doc, "{{ opening }}")
    nd30.repeat(doc, "line in body", "{{ line }}")
    docx_parts.keep_with_signature(nd30.paragraph(doc, "{{ closing }}"))
    nd30.signature_block(doc)
    _estimate_annex(doc, "(Kèm theo Tờ trình số {{ number_text }} ngày {{ date_short }} của "
                         "{{ issuer }})")
    return doc


def build_decision():
    doc = nd30.new_document()
    nd30.header_block(doc, number="Số: {{ number_text }}")
    nd30.title_block(doc, "QUYẾT ĐỊNH", ["{{ summary }}"], rule_cm=3.0)
    nd30.paragraph(doc, "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN", bold=True, align="center",
                   indent=False, space_after=12)
    nd30.repeat(doc, "line in bases", "{{ line }}", italic=True)
    nd30.paragraph(doc, "{{ proposer }}", italic=True)
    nd30.paragraph(doc, "QUYẾT ĐỊNH:", bold=True, align="center", indent=False, space_before=6)
    _article(doc, "Điều 1.", "{{ article_1 }}")
    # the sources listed under Article 1 stay together (never "Nguồn kinh phí:" alone)
    nd30.repeat(doc, "line in article_1_lines", "{{ line }}", keep_next=True)
    _article(doc, "Điều 2.", "{{ article_2 }}")
    docx_parts.keep_with_signature(_article(doc, "Điều 3.", "{{ article_3 }}"))
    nd30.signature_block(doc)
    _estimate_annex(doc, "(Kèm theo Quyết định số {{ number_text }} ngày {{ date_short }} của "
                         "Chủ tịch UBND huyện Bình Sơn)")
    return doc
