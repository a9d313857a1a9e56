"""Building .docx templates in the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I).

The templates in documents/templates/ are made by `flask documents build-templates` from the
builders of each feature, which call these helpers; a clerk may then open and edit them in Word.
Placeholders are docxtpl/Jinja tags ({{ number }}, {%p for ... %}, {%tr for ... %}).
"""
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_PT = 14
TEXT_WIDTH_CM = 16.5          # A4 210 mm - left 30 mm - right 15 mm
LEFT_COL_CM, RIGHT_COL_CM = 6.5, 10.0
MOTTO_WIDTH_CM = 5.61         # "Độc lập - Tự do - Hạnh phúc", Times New Roman bold 13 pt
FIRST_LINE_INDENT = Cm(1.27)


def new_document(landscape: bool = False):
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True
    _set_default_font(doc)
    _page_number_header(section)
    _blank_properties(doc)
    return doc


def landscape_section(doc):
    """A new page in A4 landscape (an annex table wider than the portrait body), with the
    body's margins and its page numbers continued on the first page of the section."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = False
    return section


def _blank_properties(doc) -> None:
    """No "python-docx" in the file: python-docx's own template names itself as the author
    and in the comments. The rendered document gets its title, author (the issuing body) and
    creation time from documents.service.render."""
    props = doc.core_properties
    props.author = ""
    props.comments = ""
    props.title = ""
    props.last_modified_by = ""
    props.revision = 1


def _set_default_font(doc) -> None:
    for style_name in ("Normal", "Table Grid") if "Table Grid" in [s.name for s in doc.styles] else ("Normal",):
        style = doc.styles[style_name]
        style.font.name = FONT
        style.font.size = Pt(BODY_PT)
        _font_names(style.element.get_or_add_rPr())
    normal = doc.styles["Normal"].paragraph_format
    normal.space_before = Pt(0)
    normal.space_after = Pt(6)
    normal.line_spacing = 1.15


def _page_number_header(section) -> None:
    """Page numbers centred in the top margin, none on page 1 (different first page)."""
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    font(run, 13)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)


def _font_names(rpr) -> None:
    """Times New Roman for every script (Latin, East Asian, complex): Word picks the font of a
    Vietnamese letter by its script, so naming only one leaves the others to the theme."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def font(run, size: float | None = None, bold: bool = False, italic: bool = False):
    """Set a run in the document's font: Times New Roman, `size` pt, bold/italic or not."""
    run.font.name = FONT
    _font_names(run._r.get_or_add_rPr())
    if size:
        run.font.size = Pt(size)
    run.font.bold = bold or None
    run.font.italic = italic or None
    return run


def paragraph(container, text: str = "", *, size: float = BODY_PT, bold=False, italic=False,
              align="justify", indent=True, space_before=0, space_after=6, keep_next=False):
    """A paragraph of one run. align: left/center/right/justify; indent: first-line 1.27 cm."""
    p = container.add_paragraph()
    p.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                   "right": WD_ALIGN_PARAGRAPH.RIGHT,
                   "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    fmt = p.paragraph_format
    fmt.first_line_indent = FIRST_LINE_INDENT if indent and align == "justify" else None
    fmt.space_before, fmt.space_after = Pt(space_before), Pt(space_after)
    fmt.keep_with_next = keep_next or None
    if text:
        font(p.add_run(text), size, bold, italic)
    return p


def tag(container, jinja: str):
    """A paragraph holding only a docxtpl paragraph tag ({%p ... %}); it disappears on render."""
    p = container.add_paragraph()
    p.paragraph_format.space_after = Pt(0)
    font(p.add_run(jinja), 2)
    return p


def repeat(container, loop: str, body, **paragraph_options):
    """The docxtpl paragraph loop in one call: `{%p for <loop> %}`, the repeated paragraph,
    `{%p endfor %}`. `body` is the paragraph's text (with `paragraph_options`), or a function
    of the container that adds several paragraphs (a nested loop). Returns what `body` made.

        nd30.repeat(doc, "b in legal_bases", "Căn cứ {{ b }}{{ '.' if loop.last else ';' }}",
                    italic=True)
    """
    tag(container, f"{{%p for {loop} %}}")
    made = body(container) if callable(body) else paragraph(container, body, **paragraph_options)
    tag(container, "{%p endfor %}")
    return made


def when(container, condition: str, body, **paragraph_options):
    """`{%p if <condition> %}`, the paragraph(s), `{%p endif %}` (as repeat)."""
    tag(container, f"{{%p if {condition} %}}")
    made = body(container) if callable(body) else paragraph(container, body, **paragraph_options)
    tag(container, "{%p endif %}")
    return made


def rule(container, width_cm: float, available_cm: float):
    """A centred horizontal rule `width_cm` long: an empty paragraph with a top border,
    indented on both sides (a paragraph border, never typed underscores)."""
    p = container.add_paragraph()
    side = max(0.0, (available_cm - width_cm) / 2)
    fmt = p.paragraph_format
    fmt.left_indent, fmt.right_indent = Cm(side), Cm(side)
    fmt.space_before, fmt.space_after = Pt(3), Pt(0)
    fmt.line_spacing = Pt(6)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    ppr.append(borders)
    run = p.add_run()
    font(run, 2)
    return p


def _fix_widths(table, widths_cm: list[float]) -> None:
    """Fixed layout with explicit grid columns: Word and LibreOffice both honour it."""
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)


def borderless_table(doc, widths_cm: list[float], rows: int = 1):
    table = doc.add_table(rows=rows, cols=len(widths_cm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fix_widths(table, widths_cm)
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)
    # an empty first paragraph is created in each cell: remove it so content starts at the top
    for row in table.rows:
        for cell in row.cells:
            cell._tc.remove(cell.paragraphs[0]._p)
    return table


def grid_table(doc, widths_cm: list[float], header: list[str], *, size: float = 12):
    """A bordered table with a bold header row; returns the table (add rows after)."""
    table = doc.add_table(rows=1, cols=len(widths_cm))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fix_widths(table, widths_cm)
    for cell, width, text in zip(table.rows[0].cells, widths_cm, header):
        cell.width = Cm(width)
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        font(p.add_run(text), size, bold=True)
    _repeat_header(table.rows[0])
    return table


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def row_of_texts(table, texts: list[str], *, size: float = 12, aligns: list[str] | None = None,
                 bold: bool = False):
    """Append a row; each cell one paragraph (docxtpl tags like {%tr for %} go in texts)."""
    row = table.add_row()
    for index, (cell, text) in enumerate(zip(row.cells, texts)):
        cell.width = table.rows[0].cells[index].width
        p = cell.paragraphs[0]
        align = (aligns or ["left"] * len(texts))[index]
        p.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                       "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
        p.paragraph_format.space_after = Pt(0)
        if text:
            font(p.add_run(text), size, bold=bold)
    return row


def header_block(doc, *, issuer_lines=("ỦY BAN NHÂN DÂN", "HUYỆN BÌNH SƠN"),
                 number="Số: {{ number_text }}", place_date="{{ place_date }}",
                 superior: str | None = None):
    """The national header: issuing body / motto on one row, number / place and date on the next.

    `superior`: the body a phòng belongs to ("UBND HUYỆN BÌNH SƠN"), in regular capitals above
    the issuing body's bold lines (Nghị định 30, Phụ lục I)."""
    table = borderless_table(doc, [LEFT_COL_CM, RIGHT_COL_CM], rows=2)
    left, right = table.rows[0].cells
    if superior:
        paragraph(left, superior, size=13, align="center", space_after=0)
    for line in issuer_lines:
        paragraph(left, line, size=13, bold=True, align="center", space_after=0)
    rule(left, 1.8, LEFT_COL_CM - 0.38)
    paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, align="center",
              space_after=0)
    paragraph(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, align="center",
              space_after=0)
    rule(right, MOTTO_WIDTH_CM, RIGHT_COL_CM - 0.38)
    number_cell, date_cell = table.rows[1].cells
    paragraph(number_cell, number, size=13, align="center", space_before=6, space_after=0)
    paragraph(date_cell, place_date, size=14, italic=True, align="center", space_before=6,
              space_after=0)
    return table


def title_block(doc, doc_type: str, summary_lines: list[str], *, rule_cm: float = 3.0):
    """Document type, the summary ("Về việc ..."), and the short rule under it."""
    paragraph(doc, doc_type, size=14, bold=True, align="center", space_before=18, space_after=0,
              keep_next=True)
    for line in summary_lines:
        paragraph(doc, line, size=14, bold=True, align="center", space_after=0, keep_next=True)
    rule(doc, rule_cm, TEXT_WIDTH_CM)
    paragraph(doc, "", size=6, align="center", space_after=6)


def signature_block(doc, *, recipients_loop="{%p for r in recipients %}",
                    recipient_line="- {{ r }};", archive_line="- Lưu: {{ archive }}.",
                    authority="{{ signer_authority }}", title="{{ signer_title }}",
                    name="{{ signer_name }}"):
    table = borderless_table(doc, [7.5, 9.0], rows=1)
    left, right = table.rows[0].cells
    paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left", indent=False,
              space_before=12, space_after=0)
    repeat(left, recipients_loop.removeprefix("{%p for ").removesuffix(" %}"), recipient_line,
           size=11, align="left", indent=False, space_after=0)
    paragraph(left, archive_line, size=11, align="left", indent=False, space_after=0)
    paragraph(right, authority, size=14, bold=True, align="center", space_before=12, space_after=0)
    paragraph(right, title, size=14, bold=True, align="center", space_after=0)
    for _ in range(4):
        paragraph(right, "", size=14, align="center", space_after=0)
    paragraph(right, name, size=14, bold=True, align="center", space_after=0)
    # The signature never splits from its title across pages, and never stands alone on the
    # last page: the text's last paragraph stays with it.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    _keep_with_next_before(table)
    end_spacer(doc)
    return table


def _keep_with_next_before(table) -> None:
    """Mark the last paragraph of text before `table` "keep with next", so the signature never
    stands alone on a page. Not a paragraph a loop repeats (a {%p endfor %} comes first): every
    copy would keep with the next and the whole loop would move; a table before it ends the
    search."""
    element = table._tbl.getprevious()
    while element is not None:
        if element.tag == qn("w:tbl"):
            return
        if element.tag == qn("w:p"):
            text = "".join(t.text or "" for t in element.iter(qn("w:t"))).strip()
            if text.startswith("{%p end"):
                return
            if text and not text.startswith("{%"):
                Paragraph(element, table._parent).paragraph_format.keep_with_next = True
                return
        element = element.getprevious()


def end_spacer(doc):
    """A 1-point paragraph after a closing table: Word and LibreOffice need a paragraph after
    a table, and a full-size empty one spills onto a blank last page."""
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), Pt(1)
    font(p.add_run(""), 1)
    return p


def page_break(doc):
    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(0)
    p.add_run().add_break(WD_BREAK.PAGE)
    return p
