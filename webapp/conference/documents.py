"""Templates of the meeting script (kịch bản điều hành) and the programme (chương trình),
built with the Nghị định 30 helpers (registered in webapp/documents/registry.py)."""
from ..documents import nd30

SCRIPT_TEMPLATE = "kich-ban-dieu-hanh.docx"
PROGRAMME_TEMPLATE = "chuong-trinh-hoi-nghi.docx"


def _when_where(doc):
    nd30.paragraph(doc, "Thời gian: {{ when }}.")
    nd30.paragraph(doc, "Địa điểm: {{ venue }}.")
    nd30.when(doc, "presiding", "Chủ trì hội nghị: {{ presiding }}.")


def _script_item(doc):
    """One agenda item of the script: its heading, time and performer, the MC's lines, then
    its blocks (headings, bullets, paragraphs; notes are for the page only)."""
    nd30.paragraph(doc, "{{ item.number }}. {{ item.title }}", bold=True, keep_next=True,
                   space_before=6)
    nd30.paragraph(doc, "{% if item.clock %}Thời gian: {{ item.clock }} ({{ item.duration }} phút)"
                        "{% else %}Thời lượng: {{ item.duration }} phút{% endif %}. "
                        "Người thực hiện: {{ item.performer or item.lead }}.", italic=True,
                   keep_next=True)
    nd30.paragraph(doc, "Người dẫn chương trình:", bold=True, italic=True, keep_next=True)
    nd30.repeat(doc, "line in item.mc_lines", "{{ line }}")
    nd30.repeat(doc, "b in item.blocks", _script_block)


def _script_block(doc):
    nd30.tag(doc, "{%p if b.style == 'heading' %}")
    nd30.paragraph(doc, "{{ b.text }}", bold=True, keep_next=True)
    nd30.tag(doc, "{%p elif b.style == 'bullet' %}")
    nd30.paragraph(doc, "- {{ b.text }}", space_after=3)
    nd30.tag(doc, "{%p elif b.style != 'note' %}")
    nd30.paragraph(doc, "{{ b.text }}")
    nd30.tag(doc, "{%p endif %}")


def build_script():
    doc = nd30.new_document()
    nd30.header_block(doc, number="{{ number_text }}")
    nd30.title_block(doc, "KỊCH BẢN ĐIỀU HÀNH", ["{{ summary }}"], rule_cm=4.0)
    _when_where(doc)
    nd30.paragraph(doc, "ỔN ĐỊNH TỔ CHỨC, CHÀO CỜ", bold=True, keep_next=True, space_before=6)
    nd30.repeat(doc, "line in opening_lines", "{{ line }}")
    nd30.repeat(doc, "item in items", _script_item)
    nd30.paragraph(doc, "BẾ MẠC", bold=True, keep_next=True, space_before=6)
    nd30.repeat(doc, "line in closing_lines", "{{ line }}")
    return doc


def build_programme():
    doc = nd30.new_document()
    nd30.header_block(doc, number="{{ number_text }}")
    nd30.title_block(doc, "CHƯƠNG TRÌNH", ["{{ summary }}"], rule_cm=4.0)
    _when_where(doc)
    table = nd30.grid_table(doc, [2.6, 9.5, 4.4], ["Thời gian", "Nội dung", "Người thực hiện"],
                            size=13)
    nd30.row_of_texts(table, ["{%tr for r in rows %}", "", ""], size=13)
    row = nd30.row_of_texts(table, ["{{ r.clock }}", "{{ r.title }}", "{{ r.lead }}"], size=13,
                            aligns=["center", "left", "left"])
    cell = row.cells[1]
    nd30.repeat(cell, "s in r.subs", "- {{ s }}", size=13, align="left", indent=False,
                space_after=0)
    nd30.row_of_texts(table, ["{%tr endfor %}", "", ""], size=13)
    nd30.paragraph(doc, "", space_after=0)
    nd30.paragraph(doc, "Ghi chú: Thời gian các mục là dự kiến; người dẫn chương trình điều chỉnh "
                        "theo diễn biến hội nghị./.", italic=True, size=13)
    return doc


def _numbered_tasks(doc):
    """The tasks of a speech or a notice, numbered "1. …"."""
    nd30.repeat(doc, "t in tasks", "{{ loop.index }}. {{ t }}")


def build_speech():
    """Draft of the opening speech or of the conclusion: a leader's speaking text."""
    doc = nd30.new_document()
    nd30.paragraph(doc, "{{ heading }}", bold=True, align="center", indent=False, space_after=0,
                   keep_next=True)
    nd30.paragraph(doc, "{{ summary }}", bold=True, align="center", indent=False,
                   keep_next=True)
    nd30.rule(doc, 3.0, nd30.TEXT_WIDTH_CM)
    nd30.when(doc, "speaker", "({{ speaker }})", italic=True, align="center", indent=False,
              space_before=6)
    nd30.paragraph(doc, "Kính thưa:", bold=True, space_before=6, keep_next=True)
    nd30.repeat(doc, "g in greetings", "- {{ g }}", space_after=0)
    nd30.repeat(doc, "p in paragraphs", "{{ p }}")
    _numbered_tasks(doc)
    nd30.when(doc, "closing", "{{ closing }}")
    nd30.paragraph(doc, "Xin trân trọng cảm ơn!", bold=True, space_before=6)
    return doc


def build_notice():
    """Thông báo kết luận (…/TB-UBND), drafted by Văn phòng HĐND và UBND huyện."""
    doc = nd30.new_document()
    nd30.header_block(doc)
    nd30.title_block(doc, "THÔNG BÁO", ["{{ summary }}"], rule_cm=3.5)
    nd30.repeat(doc, "p in body", "{{ p }}")
    _numbered_tasks(doc)
    nd30.paragraph(doc, "{{ closing }}", keep_next=True)
    nd30.signature_block(doc)
    return doc


def _heading_to_fill(doc):
    nd30.paragraph(doc, "{{ h }}", bold=True, space_before=6, keep_next=True)
    nd30.paragraph(doc, "")


def build_paper_form():
    """The discussion paper form: the unit's header, the topic, the outline to fill in."""
    doc = nd30.new_document()
    nd30.header_block(doc, issuer_lines=("{{ unit_name }}",), number="",
                      place_date="{{ place_date }}")
    nd30.title_block(doc, "BÁO CÁO THAM LUẬN", ["{{ topic }}"], rule_cm=3.5)
    nd30.paragraph(doc, "(Tại {{ summary }})", italic=True, align="center", indent=False)
    nd30.tag(doc, "{%p if speaker %}")
    nd30.paragraph(doc, "Người trình bày: {{ speaker }}.", space_before=6)
    nd30.tag(doc, "{%p else %}")
    nd30.paragraph(doc, "Người trình bày: (họ tên, chức vụ{% if note %}; {{ note|lower }}"
                        "{% endif %}).", space_before=6)
    nd30.tag(doc, "{%p endif %}")
    nd30.repeat(doc, "h in headings", _heading_to_fill)
    return doc
