"""The demo scenario, and the checks every generated paper of reports, synthesis and budget
passes: its core properties and the signature that never stands alone on the last page."""
import io

from docx import Document

from webapp import demo
from webapp.extensions import db


def build_demo():
    demo.create_demo_accounts()
    demo.run_scenarios()
    db.session.commit()


def assert_finished(data: bytes, *, title: str, author: str):
    doc = Document(io.BytesIO(data))
    props = doc.core_properties
    assert props.title.startswith(title) and props.author == author
    assert "python-docx" not in (props.comments or "") and props.last_modified_by == author
    assert props.created is not None and props.created.year >= 2023
    closing = [p for p in doc.paragraphs if p.text.rstrip().endswith("./.")]
    assert closing and closing[-1].paragraph_format.keep_with_next, \
        "the closing paragraph goes with the signature"
    return doc
