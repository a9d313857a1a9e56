"""A paper's life through the services: sign-off, return with a comment, numbering, paper
path, withdrawal; each step audited and the next person told."""
import pytest

from webapp.audit.models import AuditEntry
from webapp.core.errors import DomainError, NotAllowed
from webapp.extensions import db
from webapp.issuing import papers
from webapp.issuing.models import RegisterEntry, State
from webapp.notifications.models import Notification

from ..conftest import user_for
from .conftest import submit


def notes_of(unit_id):
    return [n.message for n in db.session.query(Notification).filter_by(unit_id=unit_id)]


def test_leadership_is_told_of_a_submission_and_returns_it_only_with_a_reason(budget_paper, users):
    submit(budget_paper, users["coordinator"])
    assert budget_paper.state == State.SUBMITTED
    assert any("trình ký Dự toán kinh phí" in m for m in notes_of(users["leadership"].unit_id))
    with pytest.raises(DomainError, match="Ghi rõ lý do trả lại"):
        papers.return_paper(budget_paper, "  ", actor=users["leadership"], expected_version=None)
    papers.return_paper(budget_paper, "Bổ sung nguồn kinh phí.", actor=users["leadership"],
                        expected_version=None)
    assert budget_paper.state == State.RETURNED
    assert "Lãnh đạo trả lại Dự toán kinh phí: Bổ sung nguồn kinh phí." in \
        notes_of(users["coordinator"].unit_id)
    entry = db.session.query(AuditEntry).filter_by(action="paper.return").one()
    assert (entry.before["state"], entry.after["state"]) == ("Trình ký, chờ lãnh đạo duyệt",
                                                             "Lãnh đạo trả lại")


def test_only_the_leadership_approves_and_a_stale_form_is_refused(budget_paper, users):
    from webapp.core.errors import StaleEdit
    submit(budget_paper, users["coordinator"])
    with pytest.raises(NotAllowed, match="Chỉ lãnh đạo duyệt"):
        papers.approve(budget_paper, actor=users["coordinator"], expected_version=None)
    with pytest.raises(StaleEdit, match="vừa được người khác xử lý"):
        papers.approve(budget_paper, actor=users["leadership"], expected_version=1)
    papers.approve(budget_paper, actor=users["leadership"], expected_version=budget_paper.version)
    assert budget_paper.state == State.APPROVED


def test_paper_path_issues_the_scan_with_the_register_number_and_delivers_it(budget_paper, users):
    from webapp.plan.models import Unit
    commune = db.session.query(Unit).filter_by(code="binh-chanh").one()
    papers.update_draft(budget_paper, papers.DraftData(
        budget_paper.summary, "", "TRƯỞNG PHÒNG", "Nguyễn Văn Trưởng", [commune.id], []),
        actor=users["coordinator"], expected_version=None)
    submit(budget_paper, users["coordinator"])
    papers.approve(budget_paper, actor=users["leadership"], expected_version=None)
    papers.choose_route(budget_paper, "paper", actor=users["coordinator"], expected_version=None)
    papers.allocate_number(budget_paper, actor=users["coordinator"], expected_version=None)
    papers.issue(budget_paper, b"%PDF-1.4 scan", actor=users["coordinator"],
                 expected_version=None, scan=True)
    assert budget_paper.state == State.ISSUED
    assert budget_paper.issued_file.original_name == "Dự toán kinh phí số 01-TTr-LĐTBXH (bản quét).pdf"
    assert any(m.startswith("Văn bản đến: Dự toán kinh phí 01/TTr-LĐTBXH") for m in notes_of(commune.id))
    with pytest.raises(NotAllowed, match="khi còn là dự thảo"):
        papers.update_draft(budget_paper, papers.DraftData("x", "", "", "y", [], []),
                            actor=users["coordinator"], expected_version=None)


def test_a_withdrawn_number_keeps_its_line_and_is_never_given_again(budget_paper, users, app):
    from webapp.issuing import kinds
    from webapp.plan.loader import current_plan
    submit(budget_paper, users["coordinator"])
    papers.approve(budget_paper, actor=users["leadership"], expected_version=None)
    papers.allocate_number(budget_paper, actor=users["coordinator"], expected_version=None)
    with pytest.raises(DomainError, match="Ghi lý do thu hồi"):
        papers.withdraw(budget_paper, "", actor=users["coordinator"], expected_version=None)
    papers.withdraw(budget_paper, "Sai số liệu nguồn kinh phí.", actor=users["coordinator"],
                    expected_version=None)
    second = papers.create(current_plan(), kinds.get("budget"), actor=users["coordinator"])
    papers.update_draft(second, papers.DraftData(second.summary, "", "TRƯỞNG PHÒNG", "A", [], []),
                        actor=users["coordinator"], expected_version=None)
    submit(second, users["coordinator"])
    papers.approve(second, actor=users["leadership"], expected_version=None)
    entry = papers.allocate_number(second, actor=users["coordinator"], expected_version=None)
    lines = db.session.query(RegisterEntry).order_by(RegisterEntry.number).all()
    assert [(e.number_text, e.withdrawn, e.withdraw_reason) for e in lines] == [
        ("01/TTr-LĐTBXH", True, "Sai số liệu nguồn kinh phí."), ("02/TTr-LĐTBXH", False, "")]
    assert entry.number == 2


def test_the_issued_text_is_the_text_submitted_even_if_the_data_changes(budget_paper, users):
    """What the leadership approved is what is issued: the context is kept at submission."""
    from webapp.issuing import render
    submit(budget_paper, users["coordinator"])
    kept = dict(budget_paper.context)
    budget_paper.plan.funding_note = "Một ghi chú khác."
    papers.approve(budget_paper, actor=users["leadership"], expected_version=None)
    papers.allocate_number(budget_paper, actor=users["coordinator"], expected_version=None)
    job = render.final_job(budget_paper)
    assert job.context["body"] == kept["body"]
    assert job.context["number_text"] == "01/TTr-LĐTBXH"
    assert job.context["place_date"] == "Bình Sơn, ngày 15 tháng 11 năm 2023"
    assert job.context["signer_name"] == "Nguyễn Văn Trưởng"


def test_only_the_drafting_unit_opens_a_paper_of_its_kind(app, users):
    from webapp.issuing import kinds
    from webapp.plan.loader import current_plan
    with pytest.raises(NotAllowed, match="do Phòng Nội vụ lập"):
        papers.create(current_plan(), kinds.get("award_decision"), actor=users["coordinator"])
    with pytest.raises(DomainError, match="Chưa có tập thể, cá nhân nào được duyệt"):
        papers.create(current_plan(), kinds.get("award_decision"), actor=users["home_affairs"])


def test_generated_files_are_stored_like_uploads(budget_paper, users):
    submit(budget_paper, users["coordinator"])
    assert budget_paper.draft_file.kind == "docx"
    assert budget_paper.draft_file.original_name == "Dự toán kinh phí (dự thảo trình ký).docx"


def test_a_reminder_letter_without_a_deadline_gives_one_after_the_deadlines_it_chases(app):
    """A công văn nhắc hạn lập from the register's panel without a date on the page: the new
    deadline is the letter's own default (after every deadline it reminds of), never a date
    before them; a date the page carried is kept."""
    from datetime import timedelta

    from webapp.core import clock
    from webapp.core.formatting import ddmmyyyy
    from webapp.duties.models import Duty
    from webapp.duties.service import set_working_deadline
    from webapp.issuing import kinds
    from webapp.notifications import letter
    from webapp.plan.loader import current_plan
    today = clock.today()
    hall = db.session.query(Duty).filter_by(code="hoi-truong").one()
    set_working_deadline(hall, today + timedelta(days=13), actor=user_for("coordinator"))
    db.session.flush()
    units = letter.late_units("working", "open", today)
    chased = letter.chased_deadlines("working", units)
    assert chased and max(chased) > today + timedelta(days=3)
    text = str(kinds.get("working_reminder").context(current_plan(), {"scope": "open"}))
    expected = letter.default_deadline("working", units, today)
    assert expected > max(chased)
    assert f"trước ngày {ddmmyyyy(expected)}" in text
    assert f"trước ngày {ddmmyyyy(today + timedelta(days=3))}" not in text
    given = kinds.get("working_reminder").context(current_plan(),
                                                  {"scope": "open", "deadline": "30/11/2023"})
    assert "trước ngày 30/11/2023" in str(given)


def test_a_pasted_summary_is_saved_without_its_control_and_bidi_characters(budget_paper, client,
                                                                            login_as):
    """The draft form is the house's Form: what is pasted into the trích yếu reaches the paper
    (and its register line) as plain NFC text."""
    login_as("coordinator")
    response = client.post(f"/van-ban/{budget_paper.id}/sua", data={
        "summary": "Kinh phi\u0301\u202e tổ chức\x07 hội nghị", "signer_authority": "",
        "signer_title": "TRƯỞNG PHÒNG", "signer_name": "Nguyễn Văn Trưởng", "external": "",
        "version": budget_paper.version})
    assert response.status_code == 303
    db.session.rollback()
    assert db.session.get(type(budget_paper), budget_paper.id).summary == \
        "Kinh phí tổ chức hội nghị"
