"""Builders of the .docx templates of the delegates (registered in documents/registry.py)."""
import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from ..documents import nd30


def _section_end(doc):
    """A paragraph ending a section: each invitation (or card) is its own section with a
    different first page, so no page number prints on a one-page invitation."""
    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(0)
    sect = copy.deepcopy(doc.sections[0]._sectPr)
    if sect.find(qn("w:titlePg")) is None:
        sect.append(OxmlElement("w:titlePg"))
    p._p.get_or_add_pPr().append(sect)
    return p


def build_invitation():
    doc = nd30.new_document()
    nd30.tag(doc, "{%p for page in pages %}")
    nd30.header_block(doc)
    nd30.title_block(doc, "GIẤY MỜI", ["Dự Hội nghị sơ kết giữa kỳ {{ program_name }}"],
                     rule_cm=3.5)
    nd30.paragraph(doc, "Ủy ban nhân dân huyện Bình Sơn trân trọng kính mời:")
    nd30.paragraph(doc, "{{ page.addressee }}", bold=True, align="center", indent=False)
    nd30.tag(doc, "{%p for person in page.people %}")
    nd30.paragraph(doc, "- {{ person }};", indent=False, space_after=0)
    nd30.tag(doc, "{%p endfor %}")
    nd30.paragraph(doc, "Đến dự Hội nghị sơ kết giữa kỳ {{ program_name }} và phong trào thi đua "
                        "“{{ movement_name }}” giai đoạn {{ period }}.", space_before=6)
    nd30.paragraph(doc, "Thời gian: {{ time_text }}.")
    nd30.paragraph(doc, "Địa điểm: {{ venue }}.")
    nd30.paragraph(doc, "Rất mong đồng chí đến dự đúng giờ để Hội nghị đạt kết quả./.")
    nd30.signature_block(doc)
    nd30.tag(doc, "{%p if not loop.last %}")
    _section_end(doc)
    nd30.tag(doc, "{%p endif %}")
    nd30.tag(doc, "{%p endfor %}")
    return doc


def build_list():
    doc = nd30.new_document()
    nd30.header_block(doc, number="Số: {{ number_text }}")
    nd30.title_block(doc, "DANH SÁCH ĐẠI BIỂU",
                     ["Dự Hội nghị sơ kết giữa kỳ {{ program_name }}"], rule_cm=3.5)
    nd30.tag(doc, "{%p if attachment_line %}")
    nd30.paragraph(doc, "{{ attachment_line }}", italic=True, align="center", indent=False)
    nd30.tag(doc, "{%p endif %}")
    table = nd30.grid_table(doc, [1.3, 4.2, 4.0, 4.4, 2.6],
                            ["STT", "Họ và tên", "Chức vụ", "Cơ quan, đơn vị", "Trả lời"])
    nd30.row_of_texts(table, ["{%tr for g in groups %}", "", "", "", ""])
    nd30.row_of_texts(table, ["{{ g.roman }}", "{{ g.label }}", "", "", ""], bold=True,
                      aligns=["center", "left", "left", "left", "left"])
    nd30.row_of_texts(table, ["{%tr for r in g.rows %}", "", "", "", ""])
    nd30.row_of_texts(table, ["{{ r.no }}", "{{ r.name }}", "{{ r.title }}", "{{ r.organisation }}",
                              "{{ r.reply }}"], aligns=["center", "left", "left", "left", "left"])
    nd30.row_of_texts(table, ["{%tr endfor %}", "", "", "", ""])
    nd30.row_of_texts(table, ["{%tr endfor %}", "", "", "", ""])
    _merge_group_row(table.rows[2])
    nd30.paragraph(doc, "Tổng số: {{ total }} đại biểu./.", bold=True, align="left",
                   indent=False, space_before=6)
    return doc


def _merge_group_row(row):
    """The composition's label spans the name, title, organisation and reply columns."""
    cells = row.cells
    cells[1].merge(cells[4])
    merged = row.cells[1]
    # keep only the first paragraph (the label) after the merge
    for p in merged.paragraphs[1:]:
        p._p.getparent().remove(p._p)


def build_name_cards():
    doc = nd30.new_document(landscape=True)
    nd30.tag(doc, "{%p for c in cards %}")
    nd30.paragraph(doc, "", size=28, align="center", indent=False, space_before=90, space_after=0)
    nd30.paragraph(doc, "{{ c.title }}", size=28, align="center", indent=False, space_after=12)
    nd30.paragraph(doc, "{{ c.name }}", size=60, bold=True, align="center", indent=False,
                   space_after=12)
    nd30.paragraph(doc, "{{ c.organisation }}", size=24, italic=True, align="center",
                   indent=False, space_after=0)
    nd30.tag(doc, "{%p if not loop.last %}")
    _section_end(doc)
    nd30.tag(doc, "{%p endif %}")
    nd30.tag(doc, "{%p endfor %}")
    return doc
