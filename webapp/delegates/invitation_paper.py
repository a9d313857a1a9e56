"""The invitations as one .docx of a page per delegate (or organisation), fast for a long list.

docxtpl renders, then re-reads every paragraph of the result (its "listing" pass) and every
table: over 1,660 pages that took 14 s. The pages differ only in the addressee, the people
named and the form of address, so the template is rendered once through the documents service
with one page of markers, and that page is stamped for every page of the context: the same
XML, the values escaped as the service's autoescape does. A value docxtpl would turn into
several runs (a tab or a line break) sends the whole paper through the plain render."""
import io
import re
import zipfile

from markupsafe import escape

from ..conference.paper_files import render_paper
from ..documents.service import clean

TEMPLATE = "giay-moi.docx"
LISTING = re.compile(r"[\t\n\a\f]")
MARK = {"addressee": "GNBVMARKADDRESSEE", "person": "GNBVMARKPERSON", "you": "GNBVMARKYOU"}
_BODY = re.compile(r"(<w:body>)(.*)(</w:body>)", re.DOTALL)


def _plain(context: dict) -> bool:
    return not any(LISTING.search(text) for page in context["pages"]
                   for text in (page["addressee"], page["you"], *page["people"]))


def _marked(context: dict, count: int) -> bytes:
    page = {"addressee": MARK["addressee"], "people": [MARK["person"]], "you": MARK["you"]}
    return render_paper(TEMPLATE, {**context, "pages": [page] * count})


def _body(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return _BODY.search(z.read("word/document.xml").decode("utf-8")).group(2)


def _person_paragraph(page: str) -> tuple[str, str, str]:
    """(before, the paragraph naming one person, after) of the marked page."""
    at = page.index(MARK["person"])
    start = max(page.rfind("<w:p>", 0, at), page.rfind("<w:p ", 0, at))
    end = page.index("</w:p>", at) + len("</w:p>")
    return page[:start], page[start:end], page[end:]


def _stamp(parts, page: dict) -> str:
    before, person, after = parts
    text = lambda value: str(escape(clean(value)))  # noqa: E731
    people = "".join(person.replace(MARK["person"], text(p)) for p in page["people"])
    out = before + people + after
    return out.replace(MARK["addressee"], text(page["addressee"])).replace(
        MARK["you"], text(page["you"]))


def render_invitations(context: dict) -> bytes:
    pages = context["pages"]
    if len(pages) < 2 or not _plain(context):
        return render_paper(TEMPLATE, context)
    one, two = _marked(context, 1), _marked(context, 2)
    body1, body2 = _body(one), _body(two)
    tail = body1[body1.rindex("<w:sectPr"):]
    page = body1[:-len(tail)]
    between = body2[len(page):len(body2) - len(page) - len(tail)]
    if body2 != page + between + page + tail or page.count(MARK["person"]) != 1:
        return render_paper(TEMPLATE, context)  # the template changed shape: the plain way
    parts = _person_paragraph(page)
    body = between.join(_stamp(parts, p) for p in pages) + tail
    source, out = zipfile.ZipFile(io.BytesIO(one)), io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                match = _BODY.search(xml)
                data = (xml[:match.start(2)] + body + xml[match.end(2):]).encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()
