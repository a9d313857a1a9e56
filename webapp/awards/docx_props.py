"""Every generated file says what it is: core properties set after rendering (title, author =
the issuing body, created = the generation time), no "python-docx" comment."""
import io

from docx import Document

from ..core import clock


def finish_docx(data: bytes, *, title: str, author: str) -> bytes:
    doc = Document(io.BytesIO(data))
    props = doc.core_properties
    now = clock.now()
    props.title, props.author, props.last_modified_by = title, author, author
    props.created = props.modified = now
    props.comments, props.keywords, props.subject = "", "", ""
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
