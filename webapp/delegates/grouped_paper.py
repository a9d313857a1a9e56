"""The delegate list and the sign-in sheet, fast for a long list: one table row per delegate
under a row per composition (see invitation_paper.py for why). The template is rendered once
through the documents service with one group of one marked row; those two rows are stamped for
every group and delegate, the values escaped as the service's autoescape does. A value with a
tab or a line break sends the paper through the plain render."""
import io
import re
import zipfile

from markupsafe import escape

from ..conference.paper_files import render_paper
from ..documents.service import clean
from .invitation_paper import LISTING

GROUP = {"roman": "GNBVMARKROMAN", "label": "GNBVMARKLABEL"}
ROW = {"no": "GNBVMARKNO", "name": "GNBVMARKNAME", "title": "GNBVMARKTITLE"}
_ROW_START = re.compile(r"<w:tr[ >]")


def _row_around(xml: str, marker: str) -> tuple[int, int]:
    at = xml.index(marker)
    start = [m.start() for m in _ROW_START.finditer(xml, 0, at)][-1]
    return start, xml.index("</w:tr>", at) + len("</w:tr>")


def _fill(row: str, marks: dict, values: dict) -> str:
    for key, marker in marks.items():
        row = row.replace(marker, str(escape(clean(str(values[key])))))
    return row


def render_grouped(template: str, context: dict) -> bytes:
    groups = context["groups"]
    texts = [str(v) for g in groups for v in (g["roman"], g["label"])] + \
        [str(r[k]) for g in groups for r in g["rows"] for k in ROW]
    if sum(len(g["rows"]) for g in groups) < 2 or any(LISTING.search(t) for t in texts):
        return render_paper(template, context)
    marked = render_paper(template, {**context, "groups": [{**GROUP, "rows": [ROW]}]})
    with zipfile.ZipFile(io.BytesIO(marked)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    g_start, g_end = _row_around(xml, GROUP["roman"])
    r_start, r_end = _row_around(xml, ROW["no"])
    if r_start != g_end or xml.count(GROUP["roman"]) != 1 or xml.count(ROW["no"]) != 1:
        return render_paper(template, context)  # the template changed shape: the plain way
    group_row, person_row = xml[g_start:g_end], xml[r_start:r_end]
    rows = "".join(_fill(group_row, GROUP, g) + "".join(_fill(person_row, ROW, r)
                                                        for r in g["rows"]) for g in groups)
    xml = xml[:g_start] + rows + xml[r_end:]
    source, out = zipfile.ZipFile(io.BytesIO(marked)), io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, xml.encode("utf-8") if item.filename == "word/document.xml"
                            else data)
    return out.getvalue()
