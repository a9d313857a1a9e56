"""The documents of a paper: the draft .docx (number and date left for the văn thư), the
final .docx with the register's number and date, and its PDF. Pure functions of the paper's
kept context: callers run them outside any write transaction."""
from dataclasses import dataclass

from flask import current_app

from ..documents.service import render, to_pdf
from . import kinds, register
from .models import Paper


def live_context(kind: kinds.PaperKind, plan, params: dict) -> dict:
    """The feature's data now, as its page shows it."""
    return kind.context(plan, params)


def _blank_number(paper_or_kind) -> str:
    if not paper_or_kind.doc_type:
        return ""
    drafter = (paper_or_kind.drafting_unit.code if isinstance(paper_or_kind, Paper)
               else paper_or_kind.drafter)
    return register.blank_number(register.symbol(paper_or_kind.issuer, paper_or_kind.doc_type,
                                                 drafter))


def draft_job(kind: kinds.PaperKind, plan, context: dict, paper: Paper | None = None) -> "Job":
    """What rendering the draft needs, as plain data (read before the transaction ends)."""
    filled = kind.fill(context, _blank_number(paper or kind), None, plan)
    if paper is not None:
        filled.update(_signer(paper))
    return Job(kind.template, filled)


def _signer(paper: Paper) -> dict:
    return {"signer_authority": paper.signer_authority, "signer_title": paper.signer_title,
            "signer_name": paper.signer_name}


def final_job(paper: Paper) -> "Job":
    kind = kinds.get(paper.kind)
    filled = kind.fill(paper.context, paper.entry.number_text, paper.entry.issued_on, paper.plan)
    filled.update(_signer(paper))
    return Job(kind.template, filled)


@dataclass(frozen=True)
class Job:
    template: str
    context: dict

    def docx(self) -> bytes:
        return render(self.template, self.context)


def pdf_of(docx: bytes) -> bytes:
    """LibreOffice, with the configured binary and timeout (DocumentError when it fails)."""
    return to_pdf(docx, binary=current_app.config.get("SOFFICE_BINARY", "soffice"),
                  timeout=current_app.config.get("SOFFICE_TIMEOUT_S", 60))
