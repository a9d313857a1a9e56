"""Helpers of the issuing tests: a paper of the budget kind (Phòng LĐTB&XH drafts and numbers
it, the leadership approves it), the demo's test keys."""
import shutil

import pytest

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
