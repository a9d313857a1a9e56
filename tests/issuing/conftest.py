"""Helpers of the issuing tests: a paper of the budget kind (Phòng LĐTB&XH drafts and numbers
it, the leadership approves it), the demo's test keys."""
import io
import shutil

import pytest
from PIL import Image

from webapp.extensions import db

from ..conftest import user_for

SOFFICE = shutil.which("soffice")


@pytest.fixture
def users(app):
    return {role: user_for(role) for role in ("coordinator", "home_affairs", "office",
                                               "leadership", "commune")}


@pytest.fixture
def budget_paper(app, users):
    from webapp.issuing import kinds, papers
    from webapp.plan.loader import current_plan
    paper = papers.create(current_plan(), kinds.get("budget"), actor=users["coordinator"])
    papers.update_draft(paper, papers.DraftData(paper.summary, "", "TRƯỞNG PHÒNG",
                                                "Nguyễn Văn Trưởng", [], ["UBND huyện (b/c)"]),
                        actor=users["coordinator"], expected_version=None)
    db.session.commit()
    return paper


def submit(paper, actor):
    from webapp.issuing import kinds, papers, render
    kind = kinds.get(paper.kind)
    context = papers.frozen(render.live_context(kind, paper.plan, paper.params))
    papers.submit(paper, context, render.draft_job(kind, paper.plan, context, paper).docx(),
                  actor=actor, expected_version=None)


@pytest.fixture
def demo_keys(app, users):
    from webapp.issuing import keys
    created = keys.demo_ca(person_user=users["leadership"])
    db.session.commit()
    return created


RECIPIENTS = ("binh-chanh", "nnptnt", "mttq", "noivu")


def _scan() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(out, "PDF", resolution=72)
    return out.getvalue()


@pytest.fixture
def issued_plan(app):
    """The Kế hoạch drafted by Phòng LĐTB&XH, approved, numbered by Văn phòng and issued on
    paper (the signed scan), sent to a commune, two phòng (Phòng Nội vụ signs papers of its own) and the MTTQ."""
    from webapp.issuing import kinds, papers
    from webapp.plan.loader import current_plan
    from webapp.plan.models import Unit
    drafter, leader, clerk = user_for("coordinator"), user_for("leadership"), user_for("office")
    paper = papers.create(current_plan(), kinds.get("plan"), actor=drafter)
    units = db.session.query(Unit).filter(Unit.code.in_(RECIPIENTS)).all()
    papers.update_draft(paper, papers.DraftData(
        paper.summary, paper.signer_authority, paper.signer_title, "Phạm Quang Sự",
        [u.id for u in units], paper.external_recipients), actor=drafter, expected_version=None)
    submit(paper, drafter)
    papers.approve(paper, actor=leader, expected_version=None)
    papers.allocate_number(paper, actor=clerk, expected_version=None)
    papers.choose_route(paper, "paper", actor=clerk, expected_version=None)
    papers.issue(paper, _scan(), actor=clerk, expected_version=None, scan=True)
    db.session.commit()
    return paper
