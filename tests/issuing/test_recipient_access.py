"""What a unit the paper was sent to may open: the issued, signed PDF, never the drafts; the
page shows only the links the user may follow (a link that answers 403 is a broken promise)."""
import pytest

from webapp.extensions import db
from webapp.plan.models import Unit


@pytest.mark.parametrize("role", ["commune", "department", "mass_org", "home_affairs"])
def test_a_recipient_opens_the_issued_pdf_and_sees_no_link_to_the_drafts(issued_plan, client,
                                                                          login_as, role):
    login_as(role)
    page = client.get(f"/van-ban/{issued_plan.id}").get_data(as_text=True)
    assert "Tải văn bản đã phát hành (PDF)" in page
    assert "Dự thảo trình ký (.docx)" not in page
    assert "Xem bản PDF" not in page
    with client.get(f"/van-ban/{issued_plan.id}/tep/phat-hanh") as issued:
        assert issued.status_code == 200 and issued.data.startswith(b"%PDF")
    assert client.get(f"/van-ban/{issued_plan.id}/tep/du-thao").status_code == 403
    assert client.get(f"/van-ban/{issued_plan.id}/ban-xem.pdf").status_code == 403


def test_the_drafting_unit_still_has_its_draft_and_the_issued_paper(issued_plan, client,
                                                                     login_as):
    login_as("coordinator")
    page = client.get(f"/van-ban/{issued_plan.id}").get_data(as_text=True)
    assert "Tải văn bản đã phát hành (PDF)" in page
    assert "Dự thảo trình ký (.docx)" in page and "Xem bản PDF" in page
    with client.get(f"/van-ban/{issued_plan.id}/tep/du-thao") as draft:
        assert draft.status_code == 200


def test_a_unit_the_paper_was_not_sent_to_gets_neither(issued_plan, client, login_as,
                                                        make_user):
    login_as(make_user("binh-an"))
    assert client.get(f"/van-ban/{issued_plan.id}").status_code == 404
    assert client.get(f"/van-ban/{issued_plan.id}/tep/phat-hanh").status_code == 404


def test_the_plan_page_links_the_issued_plan_only_for_who_may_open_it(issued_plan, client,
                                                                       login_as):
    link = f'href="/van-ban/{issued_plan.id}"'
    login_as("admin")
    page = client.get("/quan-tri/ke-hoach").get_data(as_text=True)
    assert "Phát hành: Kế hoạch" in page and "Đã phát hành" in page
    assert link not in page and "Mở văn bản" not in page
    assert client.get(f"/van-ban/{issued_plan.id}").status_code == 403
    login_as("coordinator")
    assert link in client.get("/quan-tri/ke-hoach").get_data(as_text=True)


def test_the_recipients_are_told_the_whole_trich_yeu(issued_plan):
    """A long trích yếu is not cut mid-word: the notification keeps it whole (Text column)."""
    from webapp.notifications.models import Notification
    commune = db.session.query(Unit).filter_by(code="binh-chanh").one()
    assert len(issued_plan.summary) > 120
    messages = [n.message for n in db.session.query(Notification).filter_by(
        unit_id=commune.id, kind="paper_received")]
    assert messages == [f"Văn bản đến: Kế hoạch {issued_plan.number_text} – "
                        f"{issued_plan.summary}"]
