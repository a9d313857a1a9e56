"""Pieces of the .docx papers of reports, synthesis and budget that documents.nd30 does not give:
the header of a phòng (its superior body in regular capitals, the phòng in bold) and a
closing paragraph that keeps with the signature. (Core properties: documents.service.render.)
(Candidates for webapp.documents once the other features need them too.)
"""
from docx.shared import Pt

from ..core.formatting import ddmmyyyy
from ..documents import nd30


def format_run(run, size: float, bold: bool) -> None:
    nd30.font(run, size, bold=bold)


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


def only_if(cell, text: str, condition: str) -> None:
    """The paragraph of `cell` that reads `text`, printed only when `condition` holds
    (`{%p if condition %}` … `{%p endif %}` around it): a header line a unit may not have."""
    line = next(p for p in cell.paragraphs if p.text == text)
    line.insert_paragraph_before().add_run("{%p if " + condition + " %}")
    line._p.addnext(nd30.tag(cell, "{%p endif %}")._p)


def phong_header(doc):
    """The header of a phòng's paper, its name from the units data: the context gives
    `issuer_lines` (`body_lines(unit.name)`), the second line printed only when there is one."""
    table = header(doc, ("{{ issuer_lines[0] }}", "{{ issuer_lines[1] }}"))
    only_if(table.rows[0].cells[0], "{{ issuer_lines[1] }}", "issuer_lines[1]")
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
