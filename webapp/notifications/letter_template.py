"""Template of the follow-up letter (công văn đôn đốc), Nghị định 30 layout for a công văn:
the summary "V/v ..." under the number in the left column, "Kính gửi:", body, signature."""
from docx.shared import Cm

from ..documents import nd30


def build():
    doc = nd30.new_document()
    header = nd30.header_block(doc)
    nd30.paragraph(header.rows[1].cells[0], "{{ summary }}", size=12, align="center",
                   indent=False, space_before=3, space_after=0)
    nd30.paragraph(doc, "", size=8, space_after=6)
    p = nd30.paragraph(doc, "Kính gửi:", align="left", indent=False, space_before=6,
                       space_after=0)
    p.paragraph_format.left_indent = Cm(3.0)
    nd30.tag(doc, "{%p for r in addressees %}")
    p = nd30.paragraph(doc, "- {{ r }}{{ '.' if loop.last else ';' }}", align="left",
                       indent=False, space_after=0)
    p.paragraph_format.left_indent = Cm(5.0)
    nd30.tag(doc, "{%p endfor %}")
    nd30.paragraph(doc, "", size=8, space_after=0)
    nd30.paragraph(doc, "{{ intro }}")
    nd30.tag(doc, "{%p for u in units %}")
    nd30.paragraph(doc, "{{ loop.index }}. {{ u.name }}:", bold=True, keep_next=True)
    nd30.tag(doc, "{%p for item in u['items'] %}")
    nd30.paragraph(doc, "- {{ item }}{{ '.' if loop.last else ';' }}")
    nd30.tag(doc, "{%p endfor %}")
    nd30.tag(doc, "{%p endfor %}")
    nd30.paragraph(doc, "{{ closing }}")
    nd30.signature_block(doc)
    return doc
