"""The numbers of the reward papers come from the outgoing register when the văn thư issues
them (webapp/issuing): the decision and the Tờ trình carry the register's number and date, the
pages show them read-only, every document of rewards prints them, and a number typed by hand
is ignored by the forms and refused by the services."""
from datetime import date, datetime

import pytest

from webapp.audit.models import AuditEntry
from webapp.awards import decision, documents, papers
from webapp.awards.models import RewardDecision, RewardProposal
from webapp.core.errors import DomainError, NotAllowed
from webapp.extensions import db
from webapp.issuing import kinds, papers as issuing
from webapp.plan.loader import current_plan

from ..issuing.conftest import submit
from .helpers import collective, nominate

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _issue_on_paper(kind_code, *, drafter, leader, clerk):
    """Drafted, approved, numbered, then issued as the signed and sealed paper (a scan)."""
    plan = current_plan()
    paper = issuing.create(plan, kinds.get(kind_code), actor=drafter)
    submit(paper, drafter)
    issuing.approve(paper, actor=leader, expected_version=None)
    issuing.allocate_number(paper, actor=clerk, expected_version=None)
    issuing.choose_route(paper, "paper", actor=clerk, expected_version=None)
    issuing.issue(paper, PDF, actor=clerk, expected_version=None, scan=True)
    db.session.flush()
    return paper


@pytest.fixture
def drafted(users):
    nominate(users.commune, collective("Tổ hợp tác Một"), stage="approved",
             coordinator=users.coordinator, home_affairs=users.home_affairs)
    plan = current_plan()
    papers.save_proposal(plan, proposal_date=date(2023, 11, 27), signer_title="Trưởng phòng",
                         signer_name="Lê Minh Tâm", actor=users.home_affairs)
    decision.save_decision(plan, decision.proposed_decision(plan, date(2023, 12, 4)),
                           actor=users.home_affairs)
    db.session.flush()
    return plan


def test_issued_papers_carry_the_register_numbers_everywhere(app, drafted, users):
    app.config["TODAY"] = date(2023, 11, 28)
    proposal_paper = _issue_on_paper("award_proposal", drafter=users.home_affairs,
                                     leader=users.leadership, clerk=users.home_affairs)
    p = db.session.query(RewardProposal).one()
    assert proposal_paper.number_text == "01/TTr-NV"
    assert (p.number, p.proposal_date) == ("1", date(2023, 11, 28))
    app.config["TODAY"] = date(2023, 12, 5)
    decision_paper = _issue_on_paper("award_decision", drafter=users.home_affairs,
                                     leader=users.leadership, clerk=users.office)
    d = db.session.query(RewardDecision).one()
    assert decision_paper.number_text == "01/QĐ-UBND"
    assert (d.number, d.decision_date) == ("1", date(2023, 12, 5))
    # each number was recorded on the rewards' own record, audited with its before/after
    entries = {e.action: e for e in db.session.query(AuditEntry).filter(
        AuditEntry.action.in_(("reward_decision.issued", "reward_proposal.issued")))}
    assert entries["reward_proposal.issued"].summary == (
        "Tờ trình đề nghị khen thưởng được phát hành, số 01/TTr-NV ngày 28/11/2023")
    assert entries["reward_decision.issued"].summary == (
        "Quyết định khen thưởng được phát hành, số 01/QĐ-UBND ngày 05/12/2023")
    # the documents of rewards print the register's numbers
    context = documents.decision_context(drafted)
    assert context["number_text"] == "01/QĐ-UBND"
    assert context["proposer_line"] == ("Theo đề nghị của Trưởng phòng Nội vụ tại Tờ trình số "
                                        "01/TTr-NV ngày 28/11/2023.")
    assert documents.decision_file(drafted)[1].startswith("Quy")
    # an issued paper is not edited: a correction is a new paper
    with pytest.raises(NotAllowed, match="Quyết định số 01/QĐ-UBND đã phát hành: không sửa được"):
        decision.save_decision(drafted, decision.current_decision_data(drafted),
                               actor=users.home_affairs, expected_version=d.version)
    with pytest.raises(NotAllowed, match="Tờ trình số 01/TTr-NV đã phát hành: không sửa được"):
        papers.save_proposal(drafted, proposal_date=date(2023, 11, 29), signer_title="Trưởng phòng",
                             signer_name="Người Khác", actor=users.home_affairs)


def test_a_typed_number_is_refused_by_the_services(drafted, users):
    data = decision.current_decision_data(drafted)
    data.number = "99"
    with pytest.raises(DomainError, match="Số quyết định do văn thư cấp từ sổ văn bản đi khi "
                                          "phát hành, không nhập tay.") as err:
        decision.save_decision(drafted, data, actor=users.home_affairs)
    assert err.value.field == "number"
    with pytest.raises(DomainError, match="Số tờ trình do văn thư cấp từ sổ văn bản đi"):
        papers.save_proposal(drafted, number="7", proposal_date=date(2023, 11, 27),
                             signer_title="Trưởng phòng", signer_name="Lê Minh Tâm",
                             actor=users.home_affairs)
    meeting = papers.MeetingData(number="3", held_at=datetime(2023, 11, 24, 8), place="Hội trường",
                                 chair="Người A; Phó Chủ tịch UBND huyện",
                                 secretary="Người B; Chuyên viên", attendees=["Người C; Trưởng phòng"],
                                 members_total=5, members_present=4)
    with pytest.raises(DomainError, match="Số biên bản không nhập tay"):
        papers.save_meeting(drafted, meeting, actor=users.home_affairs)
    assert db.session.query(RewardDecision).one().number == ""


def test_the_forms_ignore_a_typed_number_and_show_the_register_one(client, login_as, drafted,
                                                                   users):
    d = db.session.query(RewardDecision).one()
    form = {"number": "99", "decision_date": "05/12/2023", "legal_bases": "Luật Thi đua",
            "split_0": "50", "split_1": "50", "signer_authority": "KT. CHỦ TỊCH",
            "signer_title": "PHÓ CHỦ TỊCH", "signer_name": "Người Ký Thử",
            "recipients": "Lưu: VT, NV", "version": str(d.version)}
    db.session.commit()
    login_as("home_affairs")
    page = client.get("/khen-thuong/quyet-dinh").get_data(as_text=True)
    assert 'name="number"' not in page and "Số quyết định:" in page and "số không nhập tay" in page
    assert client.post("/khen-thuong/quyet-dinh", data=form).status_code == 302
    db.session.rollback()
    d = db.session.get(RewardDecision, d.id)
    assert (d.number, d.signer_name) == ("", "Người Ký Thử")      # saved, the "99" ignored
    page = client.get("/khen-thuong/van-ban").get_data(as_text=True)
    assert 'name="number"' not in page and "Số tờ trình:" in page and "Số biên bản:" in page
    assert 'id="paper-panel-award_proposal"' in page
    # once the register gave the number: shown read-only, the form gone, a save refused
    decision.record_issued_decision(current_plan(), 5, date(2023, 12, 5), actor=users.office)
    db.session.commit()
    page = client.get("/khen-thuong/quyet-dinh").get_data(as_text=True)
    assert "05/QĐ-UBND ngày 05/12/2023 (theo sổ văn bản đi của UBND huyện)" in page
    assert 'class="decision-form"' not in page
    assert client.post("/khen-thuong/quyet-dinh",
                       data={**form, "version": str(d.version + 1)}).status_code == 403
