"""Reading papers for pages: what waits for a user ("Chờ tôi xử lý"), a unit's papers, the
preview of the text and the signatures of an issued paper."""
from dataclasses import dataclass
from datetime import datetime

from ..core.errors import DomainError
from ..core.permissions import Cap, has_cap
from ..documents.service import DocumentError
from ..extensions import db
from ..uploads.service import path_of
from . import kinds, policy, register, render
from .models import Paper, PaperRecipient, State

WORKING_CAPS = (Cap.PAPER_DRAFT, Cap.PAPER_APPROVE, Cap.PAPER_REGISTER, Cap.PAPER_SIGN)

# (policy action, what the user does next) in the order a paper meets them.
NEXT_STEPS = (
    ("approve", "Duyệt hoặc trả lại"),
    ("edit", "Sửa theo ý kiến lãnh đạo và trình ký lại"),
    ("number", "Cấp số, ngày ban hành"),
    ("render", "Tạo bản phát hành"),
    ("sign", "Ký số"),
    ("issue", "Đóng dấu số và phát hành"),
    ("scan", "Tải lên bản giấy đã ký, đóng dấu"),
)
OPEN_STATES = [s.value for s in (State.DRAFT, State.SUBMITTED, State.RETURNED, State.APPROVED,
                                 State.NUMBERED, State.SIGNED)]


@dataclass
class Waiting:
    paper: Paper
    action: str
    label: str
    since: datetime


def waiting_for(user) -> list[Waiting]:
    """The papers on which this user's next step is due, oldest first."""
    out = []
    for paper in db.session.query(Paper).filter(Paper.state.in_(OPEN_STATES)).all():
        if paper.state == State.DRAFT:
            continue  # a draft waits for its own author, it is on "Văn bản của đơn vị"
        for action, label in NEXT_STEPS:
            if action == "render" and paper.pdf_file_id is not None:
                continue
            if policy.allowed(user, action, paper):
                out.append(Waiting(paper, action, label,
                                   paper.submitted_at or paper.created_at))
                break
    return sorted(out, key=lambda w: w.since)


def waiting_items(user) -> list[dict]:
    """For the home page's "Chờ tôi xử lý" (webapp.core.inbox.register_waiting): one item per
    kind of step, with its count, the oldest date and the link."""
    from flask import url_for
    groups: dict[str, dict] = {}
    for w in waiting_for(user):
        item = groups.setdefault(w.label, {"label": f"Văn bản: {w.label.lower()}", "count": 0,
                                           "oldest": w.since, "url": url_for("issuing.index")})
        item["count"] += 1
        item["oldest"] = min(item["oldest"], w.since)
    return list(groups.values())


def papers_of_unit(unit_id: int) -> list[Paper]:
    return (db.session.query(Paper).filter_by(drafting_unit_id=unit_id)
            .order_by(Paper.id.desc()).all())


def recently_decided(user, limit: int = 20) -> list[Paper]:
    if not has_cap(user, Cap.PAPER_APPROVE):
        return []
    return (db.session.query(Paper).filter(Paper.decided_by_id.is_not(None))
            .order_by(Paper.decided_at.desc()).limit(limit).all())


def inbox(unit_id: int) -> list[PaperRecipient]:
    return (db.session.query(PaperRecipient).join(PaperRecipient.paper)
            .filter(PaperRecipient.unit_id == unit_id, PaperRecipient.delivered_at.is_not(None))
            .order_by(PaperRecipient.delivered_at.desc()).all())


def body_of(paper: Paper) -> register.Body:
    return register.body(paper.issuer)


def preview_html(paper: Paper):
    """The text as the leadership reads it: the kept draft once submitted, the final text
    once numbered, the feature's data now while it is a draft. (None, message) on failure."""
    from .preview import docx_to_html
    try:
        if paper.final_docx_id:
            data = path_of(paper.final_docx).read_bytes()
        elif paper.draft_file_id and paper.state != State.RETURNED:
            data = path_of(paper.draft_file).read_bytes()
        else:
            kind = kinds.get(paper.kind)
            context = render.live_context(kind, paper.plan, paper.params)
            data = render.draft_job(kind, paper.plan, context, paper).docx()
    except (DomainError, DocumentError) as exc:
        return {"html": None, "error": getattr(exc, "message", str(exc))}
    return {"html": docx_to_html(data), "error": ""}


def signature_reports(paper: Paper):
    from .verify import check
    stored = paper.issued_file or paper.signed_file
    if stored is None or stored.kind != "pdf":
        return []
    return check(path_of(stored).read_bytes())
