"""Pieces of the .docx papers of reports, synthesis and budget that documents.nd30 does not give:
the header of a phòng (its superior body in regular capitals, the phòng in bold), a heading
that keeps the closing text with the signature, and the finished file's core properties.
(Candidates for webapp.documents once the other features need them too.)
"""
import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from ..core import clock
from ..core.formatting import ddmmyyyy
from ..documents import nd30
from ..documents import service as documents


def format_run(run, size: float, bold: bool) -> None:
    run.font.name = nd30.FONT
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), nd30.FONT)
    run.font.size = Pt(size)
    run.font.bold = bold or None


def header(doc, body_lines: tuple[str, ...], *, superior: str | None = "UBND HUYỆN BÌNH SƠN",
           superior_if: str | None = None):
    """The national header for a paper of `body_lines` (bold capitals). `superior` (regular
    capitals) goes above it, as a phòng's papers need; `superior_if` names a context variable:
    the superior line is then printed only when it is set (one template for a commune, which
    has none, and a phòng)."""
    table = nd30.header_block(doc, issuer_lines=body_lines)
    if superior:
        cell = table.rows[0].cells[0]
        first = cell.paragraphs[0]
        line = first.insert_paragraph_before()
        line.alignment = first.alignment
        line.paragraph_format.space_after = Pt(0)
        format_run(line.add_run(superior), 13, bold=False)
        if superior_if:
            opening = line.insert_paragraph_before()
            format_run(opening.add_run("{%p if " + superior_if + " %}"), 2, bold=False)
            closing = first.insert_paragraph_before()
            format_run(closing.add_run("{%p endif %}"), 2, bold=False)
    return table


def body_lines(name: str) -> tuple[str, str]:
    """A phòng's name in the header, in capitals on two lines, from the units data: "PHÒNG LAO
    ĐỘNG -" / "THƯƠNG BINH VÀ XÃ HỘI" (cut after the dash); a short name on one line ("")."""
    upper = " ".join(name.split()).upper()
    head, dash, tail = upper.partition(" - ")
    if dash:
        return head + " -", tail
    return upper, ""


def plan_reference(plan) -> str:
    """"Kế hoạch số 125/KH-UBND ngày 05/9/2023 của UBND huyện Bình Sơn" (blanks left for what the
    plan data does not have yet)."""
    text = f"Kế hoạch số {plan.number or '…'}/KH-UBND"
    if plan.issued_on:
        text += f" ngày {ddmmyyyy(plan.issued_on)}"
    return text + f" của {plan.issuer}"


def keep_with_signature(paragraph) -> None:
    """The closing paragraph travels with the signature block: never a signature alone on the
    last page."""
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.keep_together = True


def finish(data: bytes, *, title: str, author: str) -> bytes:
    """Core properties of a generated paper: its title, the issuing body as author, the time it
    was made; nothing of the library that wrote it."""
    doc = Document(io.BytesIO(data))
    props = doc.core_properties
    now = clock.now()
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.comments = ""
    props.subject = ""
    props.keywords = ""
    props.category = ""
    props.language = "vi-VN"
    props.created = now
    props.modified = now
    props.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render(template: str, context: dict, *, title: str, author: str) -> bytes:
    return finish(documents.render(template, context), title=title, author=author)
