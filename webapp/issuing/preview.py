"""A rendered .docx read on the page: paragraphs and tables as plain HTML, enough for the
leadership to read the text they approve (the .docx and the PDF stay the originals)."""
import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table
from docx.text.paragraph import Paragraph
from markupsafe import Markup, escape

_ALIGN = {WD_ALIGN_PARAGRAPH.CENTER: "center", WD_ALIGN_PARAGRAPH.RIGHT: "right",
          WD_ALIGN_PARAGRAPH.JUSTIFY: "justify"}


def _paragraph(p: Paragraph) -> str:
    parts = []
    for run in p.runs:
        text = escape(run.text)
        if not run.text:
            continue
        if run.font.size is not None and run.font.size.pt <= 3:
            continue  # a template tag paragraph left empty, or a spacer
        if run.bold:
            text = Markup(f"<strong>{text}</strong>")
        if run.italic:
            text = Markup(f"<em>{text}</em>")
        parts.append(str(text))
    if "w:br" in p._p.xml and 'w:type="page"' in p._p.xml:
        return '<hr class="page-break">'
    if not parts:
        return ""
    align = _ALIGN.get(p.alignment, "left")
    return f'<p class="doc-{align}">{"".join(parts)}</p>'


def _table(t: Table) -> str:
    bordered = t.style is not None and t.style.name == "Table Grid"
    rows = []
    for row in t.rows:
        cells = []
        seen = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue  # a merged cell appears once
            seen.add(id(cell._tc))
            cells.append(f"<td>{''.join(_blocks(cell))}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    css = "doc-grid" if bordered else "doc-layout"
    return f'<table class="{css}">{"".join(rows)}</table>'


def _blocks(container) -> list[str]:
    out = []
    for child in container._element.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(_paragraph(Paragraph(child, container)))
        elif tag == "tbl":
            out.append(_table(Table(child, container)))
    return out


def docx_to_html(data: bytes) -> Markup:
    document = Document(io.BytesIO(data))
    return Markup("".join(_blocks(document._body)))
