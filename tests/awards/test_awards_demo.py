"""The rewards part of the demo: work waits on the home pages of Phòng LĐTB&XH and Phòng Nội
vụ, a unit has one to complete, and every new paper can be produced from it."""
from docx import Document
import io

from webapp import demo
from webapp.auth.models import User
from webapp.awards import demo as awards_demo, papers_docs, unit_forms
from webapp.core.inbox import waiting_for
from webapp.duties import demo as duties_demo
from webapp.extensions import db
from webapp.plan.loader import current_plan
from webapp.plan.models import Unit

from ..docx_checks import all_text


def _waiting(username):
    from flask import current_app
    user = db.session.query(User).filter_by(username=username).one()
    with current_app.test_request_context():  # the list links each item to its screen
        return {w.label: w.count for w in waiting_for(user)}


def test_demo_shows_waiting_items_and_produces_the_papers(app):
    demo.create_demo_accounts()
    duties_demo.build_scenario()
    awards_demo.build_scenario()
    db.session.flush()
    assert _waiting("ldtbxh")["Đề nghị khen thưởng chờ xét chọn"] == 4
    assert _waiting("noivu")["Đề nghị khen thưởng chờ Phòng Nội vụ duyệt"] == 5
    assert _waiting("chauo")["Đề nghị khen thưởng bị trả lại, cần bổ sung"] == 1
    plan = current_plan()
    minutes = all_text(Document(io.BytesIO(papers_docs.minutes_file(plan)[0]())))
    assert "Phòng họp số 2, UBND huyện Bình Sơn" in minutes and "Đồng chí Lê Minh Tâm" in minutes
    proposal = all_text(Document(io.BytesIO(papers_docs.proposal_file(plan)[0]())))
    assert "tặng Giấy khen cho 06 tập thể và 04 cá nhân" in proposal
    receipts = all_text(Document(io.BytesIO(papers_docs.receipt_file(plan)[0]())))
    assert "DANH SÁCH KÝ NHẬN TIỀN THƯỞNG" in receipts
    unit = db.session.query(Unit).filter_by(code="binh-chanh").one()
    form = all_text(Document(io.BytesIO(unit_forms.achievement_form_file(plan, "collective", unit)[0]())))
    assert "UBND XÃ BÌNH CHÁNH" in form.upper()
