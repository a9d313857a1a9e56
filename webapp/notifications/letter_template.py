"""Templates of the follow-up letters (công văn), Nghị định 30 layout for a công văn: the
summary "V/v ..." under the number in the left column, "Kính gửi:", body, signature, and the
list of what each unit still owes as an annex on its own page.

Two issuers, two templates: UBND huyện (signed KT. CHỦ TỊCH) reminds of a deadline the plan
fixes; Phòng LĐTB&XH reminds of a working deadline it set in the app."""
from docx.oxml import OxmlElement
from docx.shared import Cm

from ..documents import nd30
from ..reports.docx_parts import only_if

OWED_WIDTHS = [1.2, 5.6, 9.7]


def build():
    """Công văn of UBND huyện."""
    return _build(dict(issuer_lines=("ỦY BAN NHÂN DÂN", "HUYỆN BÌNH SƠN")))


def build_working():
    """Công văn of Phòng LĐTB&XH: its superior body in regular capitals, its own name bold,
    as the units data writes it (two lines: `issuer_lines`, the second one when there is one)."""
    doc = _build(dict(superior="UBND HUYỆN BÌNH SƠN",
                      issuer_lines=("{{ issuer_lines[0] }}", "{{ issuer_lines[1] }}")))
    only_if(doc.tables[0].rows[0].cells[0], "{{ issuer_lines[1] }}", "issuer_lines[1]")
    return doc


def _build(header_options: dict):
    doc = nd30.new_document()
    header = nd30.header_block(doc, **header_options)
    nd30.paragraph(header.rows[1].cells[0], "{{ summary }}", size=12, align="center",
                   indent=False, space_before=3, space_after=0)
    nd30.paragraph(doc, "", size=8, space_after=6)
    p = nd30.paragraph(doc, "Kính gửi:", align="left", indent=False, space_before=6,
                       space_after=0)
    p.paragraph_format.left_indent = Cm(3.0)
    p = nd30.repeat(doc, "r in addressees", "- {{ r }}{{ '.' if loop.last else ';' }}",
                    align="left", indent=False, space_after=0)
    p.paragraph_format.left_indent = Cm(5.0)
    nd30.paragraph(doc, "", size=8, space_after=0)
    nd30.repeat(doc, "para in body", "{{ para }}")
    nd30.paragraph(doc, "{{ closing }}")
    nd30.signature_block(doc)
    _owed_annex(doc)
    return doc


def _owed_annex(doc):
    nd30.page_break(doc)
    nd30.paragraph(doc, "{{ annex_title }}", bold=True, align="center", space_after=0,
                   keep_next=True)
    nd30.paragraph(doc, "{{ annex_attached_to }}", italic=True, align="center", space_after=0,
                   keep_next=True)
    nd30.rule(doc, 3.0, nd30.TEXT_WIDTH_CM)
    nd30.paragraph(doc, "", size=6, space_after=6)
    table = nd30.grid_table(doc, OWED_WIDTHS, ["STT", "Cơ quan, đơn vị",
                                               "Nội dung chưa hoàn thành, thời hạn"])
    nd30.row_of_texts(table, ["{%tr for row in owed %}", "", ""])
    row = nd30.row_of_texts(table, ["{{ row.number }}", "{{ row.unit }}", ""],
                            aligns=["center", "left", "left"])
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a unit's row on one page
    items = row.cells[2]
    items._tc.remove(items.paragraphs[0]._p)
    nd30.repeat(items, "i in row['items']", "- {{ i }}", size=12, align="left", indent=False,
                space_after=0)
    nd30.row_of_texts(table, ["{%tr endfor %}", "", ""])
    nd30.end_spacer(doc)
    return table
