"""Templates of the meeting script (kịch bản điều hành) and the programme (chương trình),
built with the Nghị định 30 helpers (registered in webapp/documents/registry.py)."""
from ..documents import nd30

SCRIPT_TEMPLATE = "kich-ban-dieu-hanh.docx"
PROGRAMME_TEMPLATE = "chuong-trinh-hoi-nghi.docx"


def _when_where(doc):
    nd30.paragraph(doc, "Thời gian: {{ when }}.")
    nd30.paragraph(doc, "Địa điểm: {{ venue }}.")


def build_script():
    doc = nd30.new_document()
    nd30.header_block(doc, number="{{ number_text }}")
    nd30.title_block(doc, "KỊCH BẢN ĐIỀU HÀNH", ["{{ summary }}"], rule_cm=4.0)
    _when_where(doc)
    nd30.paragraph(doc, "ỔN ĐỊNH TỔ CHỨC, CHÀO CỜ", bold=True, keep_next=True, space_before=6)
    nd30.tag(doc, "{%p for line in opening_lines %}")
    nd30.paragraph(doc, "{{ line }}")
    nd30.tag(doc, "{%p endfor %}")
    nd30.tag(doc, "{%p for item in items %}")
    nd30.paragraph(doc, "{{ item.number }}. {{ item.title }}", bold=True, keep_next=True,
                   space_before=6)
    nd30.paragraph(doc, "{% if item.clock %}Thời gian: {{ item.clock }} ({{ item.duration }} phút)"
                        "{% else %}Thời lượng: {{ item.duration }} phút{% endif %}. "
                        "Người thực hiện: {{ item.lead }}.", italic=True, keep_next=True)
    nd30.paragraph(doc, "Người dẫn chương trình:", bold=True, italic=True, keep_next=True)
    nd30.tag(doc, "{%p for line in item.mc_lines %}")
    nd30.paragraph(doc, "{{ line }}")
    nd30.tag(doc, "{%p endfor %}")
    nd30.tag(doc, "{%p for b in item.blocks %}")
    nd30.tag(doc, "{%p if b.style == 'heading' %}")
    nd30.paragraph(doc, "{{ b.text }}", bold=True, keep_next=True)
    nd30.tag(doc, "{%p elif b.style == 'bullet' %}")
    nd30.paragraph(doc, "- {{ b.text }}", space_after=3)
    nd30.tag(doc, "{%p elif b.style == 'note' %}")
    nd30.paragraph(doc, "{{ b.text }}", italic=True)
    nd30.tag(doc, "{%p else %}")
    nd30.paragraph(doc, "{{ b.text }}")
    nd30.tag(doc, "{%p endif %}")
    nd30.tag(doc, "{%p endfor %}")
    nd30.tag(doc, "{%p endfor %}")
    nd30.paragraph(doc, "BẾ MẠC", bold=True, keep_next=True, space_before=6)
    nd30.tag(doc, "{%p for line in closing_lines %}")
    nd30.paragraph(doc, "{{ line }}")
    nd30.tag(doc, "{%p endfor %}")
    return doc


def build_programme():
    doc = nd30.new_document()
    nd30.header_block(doc, number="{{ number_text }}")
    nd30.title_block(doc, "CHƯƠNG TRÌNH", ["{{ summary }}"], rule_cm=4.0)
    _when_where(doc)
    table = nd30.grid_table(doc, [3.2, 9.3, 4.0], ["Thời gian", "Nội dung", "Người thực hiện"],
                            size=13)
    nd30.row_of_texts(table, ["{%tr for r in rows %}", "", ""], size=13)
    row = nd30.row_of_texts(table, ["{{ r.clock }}", "{{ r.title }}", "{{ r.lead }}"], size=13,
                            aligns=["center", "left", "left"])
    cell = row.cells[1]
    nd30.tag(cell, "{%p for s in r.subs %}")
    nd30.paragraph(cell, "- {{ s }}", size=13, align="left", indent=False, space_after=0)
    nd30.tag(cell, "{%p endfor %}")
    nd30.row_of_texts(table, ["{%tr endfor %}", "", ""], size=13)
    nd30.paragraph(doc, "", space_after=0)
    nd30.paragraph(doc, "Ghi chú: Thời gian các mục là dự kiến; người dẫn chương trình điều chỉnh "
                        "theo diễn biến hội nghị./.", italic=True, size=13)
    return doc
