"""Builders of the .docx templates of the delegates (registered in documents/registry.py)."""
import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from ..documents import nd30

_DAY_LINE = "{% if day %}(Ngày {{ day }}, tại {{ venue }}){% endif %}"


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
    nd30.title_block(doc, "GIẤY MỜI", ["{{ summary }}"], rule_cm=3.5)
    nd30.paragraph(doc, "Ủy ban nhân dân huyện Bình Sơn trân trọng kính mời:")
    nd30.paragraph(doc, "{{ page.addressee }}", bold=True, align="center", indent=False)
    nd30.repeat(doc, "person in page.people", "- {{ person }};", indent=False, space_after=0)
    nd30.paragraph(doc, "Đến dự {{ conference }}.", space_before=6)
    nd30.paragraph(doc, "Thời gian: {{ time_text }}.")
    nd30.paragraph(doc, "Địa điểm: {{ venue }}.")
    nd30.paragraph(doc, "Rất mong {{ page.you }} đến dự đúng giờ để Hội nghị đạt kết quả./.",
                   keep_next=True)
    nd30.signature_block(doc)
    nd30.when(doc, "not loop.last", _section_end)
    nd30.tag(doc, "{%p endfor %}")
    return doc


def _grouped_table(doc, widths, header, cells, aligns):
    """Rows by composition: a group row (roman numeral and label), then its people."""
    blanks = [""] * (len(widths) - 1)
    table = nd30.grid_table(doc, widths, header)
    nd30.row_of_texts(table, ["{%tr for g in groups %}", *blanks])
    nd30.row_of_texts(table, ["{{ g.roman }}", "{{ g.label }}", *blanks[1:]], bold=True,
                      aligns=["center"] + ["left"] * len(blanks))
    nd30.row_of_texts(table, ["{%tr for r in g.rows %}", *blanks])
    nd30.row_of_texts(table, cells, aligns=aligns)
    nd30.row_of_texts(table, ["{%tr endfor %}", *blanks])
    nd30.row_of_texts(table, ["{%tr endfor %}", *blanks])
    _merge_group_row(table.rows[2])
    return table


def _annex_title(doc, title: str, line: str):
    nd30.paragraph(doc, title, bold=True, align="center", indent=False, space_after=0,
                   keep_next=True)
    nd30.paragraph(doc, "{{ summary }}", bold=True, align="center", indent=False,
                   space_after=0, keep_next=True)
    nd30.paragraph(doc, line, italic=True, align="center", indent=False, space_before=3)


def _grouped_annex(title: str, line: str, widths, header, cells, aligns):
    """An annex of people by composition: its title, the grouped table, the total."""
    doc = nd30.new_document()
    _annex_title(doc, title, line)
    _grouped_table(doc, widths, header, cells, aligns)
    nd30.paragraph(doc, "Tổng số: {{ total }} đại biểu./.", bold=True, align="left",
                   indent=False, space_before=6)
    return doc


def build_list():
    """The delegate list: an annex of the invitations (no number of its own, no replies)."""
    return _grouped_annex("DANH SÁCH ĐẠI BIỂU", "{{ attachment_line }}", [1.3, 6.0, 9.2],
                          ["STT", "Họ và tên", "Chức vụ, đơn vị"],
                          ["{{ r.no }}", "{{ r.name }}", "{{ r.title }}"],
                          ["center", "left", "left"])


def build_signin():
    """The sign-in sheet of the day, by composition, with a signature column."""
    return _grouped_annex("DANH SÁCH ĐẠI BIỂU KÝ TÊN DỰ HỘI NGHỊ", _DAY_LINE,
                          [1.2, 5.0, 6.8, 3.5], ["STT", "Họ và tên", "Chức vụ, đơn vị", "Ký tên"],
                          ["{{ r.no }}", "{{ r.name }}", "{{ r.title }}", ""],
                          ["center", "left", "left", "left"])


def build_attendance():
    """After the day: the attendance figures per composition, with the total row."""
    doc = nd30.new_document()
    _annex_title(doc, "SỐ LIỆU ĐẠI BIỂU DỰ HỘI NGHỊ", _DAY_LINE)
    table = nd30.grid_table(doc, [7.3, 2.3, 2.3, 2.3, 2.3],
                            ["Thành phần", "Dự kiến", "Được mời", "Xác nhận dự", "Có mặt"])
    nd30.row_of_texts(table, ["{%tr for r in rows %}", "", "", "", ""])
    nd30.row_of_texts(table, ["{{ r.label }}", "{{ r.planned }}", "{{ r.named }}",
                              "{{ r.coming }}", "{{ r.present }}"],
                      aligns=["left", "center", "center", "center", "center"])
    nd30.row_of_texts(table, ["{%tr endfor %}", "", "", "", ""])
    nd30.row_of_texts(table, ["Cộng", "{{ totals.planned }}", "{{ totals.named }}",
                              "{{ totals.coming }}", "{{ totals.present }}"], bold=True,
                      aligns=["left", "center", "center", "center", "center"])
    nd30.paragraph(doc, "Ngoài danh sách mời có {{ walk_ins }} đại biểu đến dự; tổng số đại "
                        "biểu có mặt: {{ present_all }}./.", space_before=6)
    return doc


def _merge_group_row(row):
    """The composition's label spans every column after the number."""
    cells = row.cells
    cells[1].merge(cells[-1])
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
    nd30.when(doc, "not loop.last", _section_end)
    nd30.tag(doc, "{%p endfor %}")
    return doc
