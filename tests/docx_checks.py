"""Format checks of a generated .docx against DESIGN.md (Nghị định 30/2020/NĐ-CP, Phụ lục I).

Use: doc = assert_nd30(docx_bytes) — returns the python-docx Document for content checks.
"""
import io
import os
import shutil

import pytest
from docx import Document
from docx.shared import Mm

FONT = "Times New Roman"


def _mm(length) -> float:
    return length / Mm(1)


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


def _runs(doc):
    for p in doc.paragraphs:
        yield from p.runs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    yield from p.runs


def assert_nd30(data: bytes, *, landscape: bool = False, header_table: bool = True):
    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    width, height = (297, 210) if landscape else (210, 297)
    assert abs(_mm(section.page_width) - width) < 1 and abs(_mm(section.page_height) - height) < 1, "A4"
    assert 20 <= round(_mm(section.top_margin)) <= 25, "top margin 20-25 mm"
    assert 20 <= round(_mm(section.bottom_margin)) <= 25, "bottom margin 20-25 mm"
    assert 30 <= round(_mm(section.left_margin)) <= 35, "left margin 30-35 mm"
    assert 15 <= round(_mm(section.right_margin)) <= 20, "right margin 15-20 mm"
    assert section.different_first_page_header_footer, "no page number on page 1"
    assert "PAGE" in section.header._element.xml, "page number field in the header"
    normal = doc.styles["Normal"].font
    assert normal.name == FONT
    for run in _runs(doc):
        if run.font.name is not None:
            assert run.font.name == FONT, f"font {run.font.name!r} in {run.text!r}"
        if run.font.color is not None and run.font.color.rgb is not None:
            assert str(run.font.color.rgb) in ("000000",), f"colour in {run.text!r}"
    if header_table:
        first = doc.tables[0]
        assert len(first.columns) == 2, "header is a two-column table"
        assert 'w:val="nil"' in first._tbl.tblPr.xml, "header table has no borders"
        cells = [c.text for c in first.rows[0].cells]
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells[1]
        assert "Độc lập - Tự do - Hạnh phúc" in cells[1]
        for p in first.rows[0].cells[1].paragraphs:
            if p.text.startswith("Độc lập"):
                assert all(r.font.bold for r in p.runs) and 13 <= p.runs[0].font.size.pt <= 14
        assert "w:pBdr" in first._tbl.xml, "rules drawn as paragraph borders"
    text = all_text(doc)
    assert "____" not in text, "rules must not be typed underscores"
    return doc


def convert_to_pdf_if_possible(data: bytes) -> bytes:
    """Where LibreOffice is installed, the document must convert to PDF. The conversion does
    not depend on the database, so the PostgreSQL run of the suite skips it (CI time). A test
    that cannot convert says so (skipped, with the reason), it does not pass silently: call
    it last, after the document's other checks."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed: PDF conversion not checked")
    if os.environ.get("TEST_DATABASE_URL"):
        pytest.skip("PDF conversion is checked in the SQLite run only")
    from webapp.documents.service import to_pdf
    pdf = to_pdf(data, timeout=120)
    assert pdf.startswith(b"%PDF"), "LibreOffice produced a PDF"
    return pdf


def body_text(doc) -> list[str]:
    """Every paragraph's text in document order, a table's cells where the table stands (the
    order a reader meets them in; all_text puts tables last)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    lines = []
    for element in doc.element.body.iterchildren():
        if element.tag.endswith("}p"):
            lines.append(Paragraph(element, doc).text)
        elif element.tag.endswith("}tbl"):
            for row in Table(element, doc).rows:
                seen = []
                for cell in row.cells:
                    if cell._tc in seen:
                        continue  # a merged cell is one cell
                    seen.append(cell._tc)
                    lines.extend(p.text for p in cell.paragraphs)
    return [line for line in lines if line.strip()]


def core_properties(data: bytes):
    return Document(io.BytesIO(data)).core_properties


def assert_properties(data: bytes, *, title: str, author: str) -> None:
    """Core properties of a generated file: its title, the issuing body as author, the
    generation time, and nothing of python-docx anywhere in the package."""
    import zipfile
    props = core_properties(data)
    assert title in props.title, f"title {props.title!r}"
    assert props.author == author, f"author {props.author!r}"
    assert props.created is not None and props.created.year >= 2023
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            assert b"python-docx" not in z.read(name), f"python-docx in {name}"
