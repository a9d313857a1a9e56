"""The rewards part of the demo: work waits on the home pages of Phòng LĐTB&XH and Phòng Nội
vụ, a unit has one to complete, and every paper the demo produces reads as a văn thư would sign
it: the plan and the Tờ trình issued through the register before the decision cites them, the
Biên bản and the Tờ trình on the same nominations, every person named from the directory."""
import io
import re
from datetime import date

import pytest
from docx import Document

from webapp import demo
from webapp.auth.models import User
from webapp.awards import demo as awards_demo, documents, papers, papers_docs, unit_forms
from webapp.core import people
from webapp.core.errors import DomainError
from webapp.core.inbox import waiting_for
from webapp.duties import demo as duties_demo
from webapp.extensions import db
from webapp.issuing import kinds, papers as issuing, signing
from webapp.plan.loader import current_plan
from webapp.plan.models import Unit

from ..docx_checks import all_text, convert_to_pdf_if_possible
from .helpers import collective, nominate
from .test_awards_papers import _pdf_pages


def _waiting(username):
    from flask import current_app
    user = db.session.query(User).filter_by(username=username).one()
    with current_app.test_request_context():  # the list links each item to its screen
        return {w.label: w.count for w in waiting_for(user)}


def _text(paper_file, plan):
    return all_text(Document(io.BytesIO(paper_file(plan)[0]())))


@pytest.fixture
def rewards_demo(app):
    demo.create_demo_accounts()
    duties_demo.build_scenario()
    demo.build_scenario()          # the plan issued through the register
    awards_demo.build_scenario()
    db.session.flush()
    return current_plan()


def test_demo_shows_waiting_items_and_produces_the_papers(rewards_demo):
    assert _waiting("ldtbxh")["Đề nghị khen thưởng chờ xét chọn"] == 4
    # Nội vụ decided all Phòng LĐTB&XH shortlisted: the issued decision covers the whole list
    assert _waiting("noivu").get("Đề nghị khen thưởng chờ Phòng Nội vụ duyệt", 0) == 0
    assert _waiting("chauo")["Đề nghị khen thưởng bị trả lại, cần bổ sung"] == 1
    plan = rewards_demo
    receipts = _text(papers_docs.receipt_file, plan)
    assert "DANH SÁCH KÝ NHẬN TIỀN THƯỞNG" in receipts
    unit = db.session.query(Unit).filter_by(code="binh-chanh").one()
    form = all_text(Document(io.BytesIO(unit_forms.achievement_form_file(plan, "collective", unit)[0]())))
    assert "UBND XÃ BÌNH CHÁNH" in form.upper()


def test_the_minutes_and_the_proposal_name_the_same_nominees(rewards_demo):
    plan = rewards_demo
    minutes = _text(papers_docs.minutes_file, plan)
    proposal = _text(papers_docs.proposal_file, plan)
    counts = re.search(r"Kết quả: (\d\d) tập thể và (\d\d) cá nhân đạt", minutes).groups()
    agreed = re.search(r"thống nhất đề nghị Chủ tịch UBND huyện tặng Giấy khen cho (\d\d) tập "
                       r"thể và (\d\d) cá nhân", minutes).groups()
    proposed = re.search(r"tặng Giấy khen cho (\d\d) tập thể và (\d\d) cá nhân", proposal).groups()
    assert counts == agreed == proposed == ("06", "04")
    doc = Document(io.BytesIO(papers_docs.minutes_file(plan)[0]()))
    voted = {r.cells[1].text for t in doc.tables for r in t.rows if r.cells[-1].text == "Đạt"}
    listed = {r["name"] for r in documents.list_context(plan, plan.conference_date)["collectives"]
              + documents.list_context(plan, plan.conference_date)["individuals"]}
    assert voted == listed
    for later in ("Chi hội Nông dân thôn Tân Hy", "Đàm Quốc Việt", "Huỳnh Thị Mỹ Duyên"):
        assert later not in minutes and later not in proposal  # shortlisted after the meeting
    assert "UBND xã Bình Chánh" in minutes and "\nBình Chánh\n" not in minutes + "\n"


def test_every_person_in_the_papers_comes_from_the_directory(rewards_demo):
    plan = rewards_demo
    minutes = _text(papers_docs.minutes_file, plan)
    proposal = _text(papers_docs.proposal_file, plan)
    receipts = _text(papers_docs.receipt_file, plan)
    head = people.official("truong-phong-noi-vu").name
    for code in ("truong-phong-noi-vu", "truong-phong-ldtbxh", "pho-chu-tich-mttq",
                 "truong-phong-tckh", "pho-chu-tich-ubnd", "chuyen-vien-noi-vu"):
        assert people.official(code).name in minutes, code
    assert "Đồng chí Nguyễn Thị Mẫu Thử, Trưởng phòng Lao động - Thương binh và Xã hội" in minutes
    assert head in proposal and head in receipts
    assert people.official("chuyen-vien-noi-vu").name in receipts  # NGƯỜI LẬP DANH SÁCH
    for typed_twice in ("Lê Minh Tâm", "Võ Văn Hùng", "Huỳnh Văn Lộc", "Nguyễn Văn Thành",
                        "Phan Văn Quang"):
        assert typed_twice not in minutes + proposal + receipts
    leader = db.session.query(User).filter_by(username="lanhdao").one()
    assert leader.full_name == people.official("pho-chu-tich-ubnd").name
    assert "Phó trưởng phòng" not in minutes


def test_the_proposal_is_issued_before_the_decision_cites_it(rewards_demo):
    plan = rewards_demo
    proposal = _text(papers_docs.proposal_file, plan)
    assert "Tờ trình số 01/TTr-NV ngày 15/11/2023" in proposal
    assert re.search(r"Căn cứ Kế hoạch số \d\d/KH-UBND ngày \d\d/\d\d/2023", proposal)
    context = documents.decision_context(plan)
    assert "Tờ trình số 01/TTr-NV ngày 15/11/2023." in context["proposer_line"]
    assert context["unissued_proposal"] == ""


def test_a_decision_citing_an_unnumbered_proposal_is_refused(app):
    """Drafted but not issued, the Tờ trình has no number: the decision cannot be put up for
    sign-off (so never approved, numbered or issued); its working draft still downloads."""
    demo.create_demo_accounts()
    plan = current_plan()
    users = {u.username: u for u in db.session.query(User)}
    nominate(users["binhchanh"], collective("Tổ hợp tác Một"), stage="approved",
             coordinator=users["ldtbxh"], home_affairs=users["noivu"])
    papers.save_proposal(plan, proposal_date=date(2023, 11, 15), signer_title="TRƯỞNG PHÒNG",
                         signer_name=people.official("truong-phong-noi-vu").name,
                         actor=users["noivu"])
    db.session.flush()
    with pytest.raises(DomainError, match="Tờ trình đề nghị khen thưởng của Phòng Nội vụ mà "
                                          "quyết định dẫn chưa có số và ngày"):
        issuing.create(plan, kinds.get("award_decision"), actor=users["noivu"])
    draft = all_text(Document(io.BytesIO(documents.decision_file(plan)[0]())))
    assert re.search(r"Tờ trình số\s+/TTr-NV", draft)


def test_the_receipt_list_cites_the_decision_and_keeps_its_last_rows(rewards_demo):
    plan = rewards_demo
    doc = Document(io.BytesIO(papers_docs.receipt_file(plan)[0]()))
    header = [c.text for c in doc.tables[0].rows[1].cells]
    assert not any(t.startswith("Số:") for t in header)   # no number of its own
    units = {r.cells[2].text for r in doc.tables[1].rows[1:]}
    assert "UBND xã Bình Chánh" in units and "UBND thị trấn Châu Ổ" in units
    assert "Bình Chánh" not in units and "TT Châu Ổ" not in units
    pages = _pdf_pages(convert_to_pdf_if_possible(papers_docs.receipt_file(plan)[0]()))
    last = next(p for p in reversed(pages) if p.strip())
    assert "Tổng cộng" in last and "Ông Mạc Văn Toàn" in last   # rows go with the total


def test_signing_time_is_on_the_business_date(app):
    app.config["TODAY"] = "2023-11-15"
    assert signing.now_iso().startswith("2023-11-15T") and signing.now_iso().endswith("+07:00")
