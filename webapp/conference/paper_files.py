"""Rendering the papers of the conference and the delegates: the shared docx service, which
sets the file's core properties (title, author = the issuing body, created = now)."""
from ..documents.service import render


def render_paper(template: str, context: dict) -> bytes:
    """The .docx of `template` filled with `context` (its "title" and "author" name the file)."""
    return render(template, context, title=context.get("title") or None,
                  author=context.get("author") or None)
