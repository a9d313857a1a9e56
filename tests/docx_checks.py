"""Format checks of a generated .docx against DESIGN.md (Nghị định 30/2020/NĐ-CP, Phụ lục I).

Use: doc = assert_nd30(docx_bytes) — returns the python-docx Document for content checks.
"""
import io
import os
import shutil

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


def convert_to_pdf_if_possible(data: bytes) -> bytes | None:
    """Where LibreOffice is installed, the document must convert to PDF. The conversion does
    not depend on the database, so the PostgreSQL run of the suite skips it (CI time)."""
    if shutil.which("soffice") is None or os.environ.get("TEST_DATABASE_URL"):
        return None
    from webapp.documents.service import to_pdf
    pdf = to_pdf(data, timeout=120)
    assert pdf.startswith(b"%PDF"), "LibreOffice produced a PDF"
    return pdf
