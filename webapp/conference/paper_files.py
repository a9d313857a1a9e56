"""Rendering the papers of the conference and the delegates: the shared docx service, then the
file's core properties (title, author = the issuing body, created = the generation time), and
no "python-docx" comment or keyword left by the library."""
import io

from docx import Document

from ..core import clock
from ..documents.service import render


def finish(data: bytes, *, title: str, author: str) -> bytes:
    doc = Document(io.BytesIO(data))
    props = doc.core_properties
    now = clock.now()
    props.title, props.author, props.last_modified_by = title, author, author
    props.comments = props.keywords = props.subject = props.category = ""
    props.language = "vi-VN"
    props.created = props.modified = now
    props.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_paper(template: str, context: dict) -> bytes:
    """The .docx of `template` filled with `context` (its "title" and "author" name the file)."""
    return finish(render(template, context), title=context.get("title", ""),
                  author=context.get("author", ""))
