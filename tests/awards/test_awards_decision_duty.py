"""Phòng Nội vụ's duty "Xét chọn, quyết định khen thưởng" (plan §VI.5) ends when the văn thư
issues the decision through the outgoing register: its home page no longer says "Đang soạn"
or "Đã nộp" once the decision is out, and the change is audited like any other."""
import io
from datetime import date

import pytest

from webapp.audit.models import AuditEntry
from webapp.awards import decision, flow, papers
from webapp.awards.models import Nomination
from webapp.core.errors import DomainError
from webapp.duties.models import Assignment, Duty, Status
from webapp.extensions import db
from webapp.issuing import kinds, papers as issuing
from webapp.plan.loader import current_plan
from webapp.plan.models import Unit

from ..issuing.conftest import submit
from .helpers import collective, nominate

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _duty():
    return (db.session.query(Assignment).join(Assignment.duty).join(Unit, Assignment.unit_id == Unit.id)
            .filter(Duty.code == "phe-duyet-khen-thuong", Unit.code == "noivu").one())


def _numbered(kind_code, users):
    """Drafted by Phòng Nội vụ, approved by the leadership, numbered by the văn thư of the
    issuing body, to be issued on paper (the signed, stamped scan)."""
    clerk = users.home_affairs if kind_code == "award_proposal" else users.office
    paper = issuing.create(current_plan(), kinds.get(kind_code), actor=users.home_affairs)
    submit(paper, users.home_affairs)
    issuing.approve(paper, actor=users.leadership, expected_version=None)
    issuing.allocate_number(paper, actor=clerk, expected_version=None)
    issuing.choose_route(paper, "paper", actor=clerk, expected_version=None)
    db.session.flush()
    return paper


@pytest.fixture
def approved(app, users):
    """One approved collective, one still shortlisted, and the Tờ trình issued; the decision
    not saved on its page."""
    kw = {"coordinator": users.coordinator, "home_affairs": users.home_affairs}
    nominate(users.commune, collective("Tổ hợp tác Một"), stage="approved", **kw)
    nominate(users.commune, collective("Tổ hợp tác Hai"), stage="shortlisted", **kw)
    app.config["TODAY"] = date(2023, 11, 28)
    plan = current_plan()
    papers.save_proposal(plan, proposal_date=date(2023, 11, 27), signer_title="Trưởng phòng",
                         signer_name="Lê Minh Tâm", actor=users.home_affairs)
    issuing.issue(_numbered("award_proposal", users), PDF, actor=users.home_affairs,
                  expected_version=None, scan=True)
    app.config["TODAY"] = date(2023, 12, 5)
    db.session.flush()
    return plan


def test_issuing_a_drafted_decision_ends_the_duty_audited(approved, users):
    decision.save_decision(approved, decision.proposed_decision(approved, date(2023, 12, 4)),
                           actor=users.home_affairs)
    assert _duty().status == Status.SUBMITTED
    issuing.issue(_numbered("award_decision", users), PDF, actor=users.office,
                  expected_version=None, scan=True)
    assert _duty().status == Status.ACCEPTED
    entry = (db.session.query(AuditEntry).filter_by(action="assignment.status",
                                                    object_id=_duty().id)
             .order_by(AuditEntry.id.desc()).first())
    assert entry.summary == ("Phòng Nội vụ – Xét chọn, quyết định khen thưởng: Đã nộp → "
                             "Đã tiếp nhận")
    assert entry.user_id == users.office.id
    assert (entry.before["status"], entry.after["status"]) == ("submitted", "accepted")


def test_a_decision_issued_without_a_saved_draft_ends_the_duty_too(approved, users):
    assert _duty().status == Status.DRAFTING
    issuing.issue(_numbered("award_decision", users), PDF, actor=users.office,
                  expected_version=None, scan=True)
    assert _duty().status == Status.ACCEPTED
    assert decision.number_text(decision.get_decision(approved)) == "01/QĐ-UBND"
    # a later step of the reward flow is refused (the list is closed): the duty stays done
    second = db.session.query(Nomination).filter_by(collective_name="Tổ hợp tác Hai").one()
    with pytest.raises(DomainError, match="01/QĐ-UBND đã phát hành: danh sách khen thưởng"):
        flow.reject(second, "Không đủ phiếu.", actor=users.home_affairs)
    assert _duty().status == Status.ACCEPTED


def test_home_affairs_sees_its_duty_done_once_the_clerk_issued_it(client, login_as, approved,
                                                                  users):
    paper = _numbered("award_decision", users)
    db.session.commit()
    login_as("home_affairs")
    row = _duty_row(client.get("/viec-cua-toi").get_data(as_text=True))
    assert "Đang soạn" in row
    login_as("office")    # the văn thư of UBND huyện files the signed, stamped paper
    response = client.post(f"/van-ban/{paper.id}/ban-giay", data={
        "file": (io.BytesIO(PDF), "quyet-dinh-da-ky.pdf"), "version": paper.version},
        content_type="multipart/form-data")
    assert response.status_code == 303     # back to the paper's page, issued
    login_as("home_affairs")
    row = _duty_row(client.get("/viec-cua-toi").get_data(as_text=True))
    assert "Đã tiếp nhận" in row and "Đang soạn" not in row and "Đã nộp" not in row


def _duty_row(page: str) -> str:
    start = page.index(f'id="assignment-{_duty().id}"')
    return page[start:page.index("</tr>", start)]


def test_a_withdrawn_decision_is_a_draft_again_and_its_duty_reopens(approved, users):
    """The văn thư withdraws the issued decision's paper: through the kind's withdrawal hook the
    decision is a draft again, Nội vụ drafts the correction, which the register numbers anew."""
    paper = _numbered("award_decision", users)
    issuing.issue(paper, PDF, actor=users.office, expected_version=None, scan=True)
    issuing.withdraw(paper, "Sai tên một tập thể.", actor=users.office, expected_version=None)
    d = decision.get_decision(approved)
    assert (d.number, d.decision_date) == ("", None)
    assert _duty().status == Status.DRAFTING
    entry = db.session.query(AuditEntry).filter_by(action="reward_decision.withdrawn").one()
    assert entry.summary == ("Quyết định khen thưởng số 01/QĐ-UBND bị thu hồi: Sai tên một tập "
                             "thể. Phòng Nội vụ soạn lại quyết định.")
    assert (entry.before["number"], entry.after["number"]) == ("1", "")
    # nothing more to withdraw: a second call changes nothing
    assert decision.record_withdrawn_decision(approved, "Lần nữa.", actor=users.office) is None
    # Phòng Nội vụ corrects the draft, the văn thư issues the correction with a new number
    decision.save_decision(approved, decision.proposed_decision(approved, date(2023, 12, 6)),
                           actor=users.home_affairs, expected_version=d.version)
    assert _duty().status == Status.SUBMITTED
    issuing.issue(_numbered("award_decision", users), PDF, actor=users.office,
                  expected_version=None, scan=True)
    assert decision.number_text(decision.get_decision(approved)) == "02/QĐ-UBND"
    assert _duty().status == Status.ACCEPTED
