"""Once the văn thư issued the reward decision, the reward list is the decision's: every step
that would change it is refused with one message, its buttons are gone, every role's page says
so, and the nominations still waiting read as not considered in it (their status kept). When
the decision is withdrawn, the list opens again."""
import re
from datetime import date

import pytest

from webapp.awards import decision, flow, window
from webapp.awards.models import Nomination, NominationStatus as NS
from webapp.core.errors import DomainError
from webapp.core.permissions import allowed
from webapp.extensions import db
from webapp.notifications.models import Notification
from webapp.plan.loader import current_plan

from .helpers import as_issued, collective, individual, nominate, pdf_file

CLOSED = ("Quyết định khen thưởng số 01/QĐ-UBND đã phát hành: danh sách khen thưởng đã chốt. "
          "Cần thay đổi thì văn thư thu hồi quyết định, rồi Phòng Nội vụ soạn quyết định mới.")
NOTICE = "Danh sách khen thưởng đã chốt theo Quyết định số 01/QĐ-UBND ngày 05/12/2023"


@pytest.fixture
def issued(users):
    """Two approved and one rejected; then one of each waiting step; then the decision issued."""
    kw = {"coordinator": users.coordinator, "home_affairs": users.home_affairs}
    s = type("Stages", (), {})()
    s.first = nominate(users.commune, collective("Tổ hợp tác Một"), stage="approved", **kw)
    s.second = nominate(users.commune, individual("Người Được Khen"), stage="approved", **kw)
    s.refused = nominate(users.department, collective("Tổ Không Duyệt"), stage="shortlisted", **kw)
    flow.reject(s.refused, "Chưa tiêu biểu.", actor=users.home_affairs)
    s.shortlisted = nominate(users.commune, individual("Người Chờ Duyệt", 1980), stage="shortlisted", **kw)
    s.submitted = nominate(users.mass_org, collective("Tổ Chờ Xét"), stage="submitted", **kw)
    s.returned = nominate(users.commune, individual("Người Trả Lại", 1981), stage="submitted", **kw)
    flow.return_nomination(s.returned, "Bổ sung xác nhận.", actor=users.coordinator)
    s.draft = nominate(users.commune, collective("Tổ Đang Soạn"))
    s.plan = current_plan()
    as_issued(s.plan, decision_number=1, decision_day=date(2023, 12, 5), clerk=users.office)
    db.session.flush()
    return s


def _statuses():
    return {n.name: n.status for n in db.session.query(Nomination)}


def test_every_step_that_would_change_the_list_is_refused(users, issued):
    before = _statuses()
    steps = [
        lambda: flow.create_nomination(collective("Tổ Mới"), actor=users.commune,
                                       report=pdf_file(), plan=issued.plan),
        lambda: flow.submit(issued.draft, actor=users.commune),
        lambda: flow.submit(issued.returned, actor=users.commune),
        lambda: flow.submit_all(users.commune.unit_id, actor=users.commune),
        lambda: flow.update_nomination(issued.draft, collective("Tổ Đổi Tên"), actor=users.commune,
                                       expected_version=None),
        lambda: flow.shortlist(issued.submitted, actor=users.coordinator),
        lambda: flow.return_nomination(issued.submitted, "Bổ sung.", actor=users.coordinator),
        lambda: flow.approve(issued.shortlisted, actor=users.home_affairs),
        lambda: flow.reject(issued.shortlisted, "Không đủ phiếu.", actor=users.home_affairs),
        lambda: flow.reconsider(issued.first, actor=users.home_affairs),
        lambda: flow.reconsider(issued.refused, actor=users.home_affairs),
        lambda: decision.move_in_order(issued.first, "down", actor=users.home_affairs),
        lambda: decision.reset_order(issued.plan, actor=users.home_affairs),
        lambda: window.reopen(issued.plan, date(2099, 1, 1), "", actor=users.coordinator),
    ]
    for step in steps:
        with pytest.raises(DomainError, match=re.escape(CLOSED)) as refused:
            step()
        assert type(refused.value) is DomainError and refused.value.status == 422
    assert _statuses() == before and db.session.query(Nomination).count() == len(before)


def test_the_buttons_follow_the_refusals(users, issued, app):
    with app.test_request_context():
        for user, name, obj in [
                (users.commune, "awards.create", issued.plan), (users.commune, "awards.edit", issued.draft),
                (users.commune, "awards.edit", issued.returned),
                (users.coordinator, "awards.screen", issued.submitted),
                (users.coordinator, "awards.reopen", issued.plan),
                (users.home_affairs, "awards.decide", issued.shortlisted),
                (users.home_affairs, "awards.approve", issued.shortlisted),
                (users.home_affairs, "awards.reconsider", issued.first),
                (users.home_affairs, "awards.reorder", None),
                (users.home_affairs, "awards.reorder", issued.first)]:
            assert not allowed(name, obj, user=user), name
        # withdrawing a nomination that was not considered does not change the list
        assert allowed("awards.withdraw", issued.submitted, user=users.mass_org)


def test_withdrawing_the_decision_opens_the_list_again(users, issued, app):
    decision.record_withdrawn_decision(issued.plan, "Sai tên một cá nhân", actor=users.office)
    with app.test_request_context():
        assert allowed("awards.approve", issued.shortlisted, user=users.home_affairs)
    flow.approve(issued.shortlisted, actor=users.home_affairs)
    flow.shortlist(issued.submitted, actor=users.coordinator)
    assert issued.shortlisted.status == NS.APPROVED and issued.submitted.status == NS.SHORTLISTED


def test_home_affairs_sees_the_list_closed_and_cannot_approve(client, login_as, users, issued):
    db.session.commit()
    login_as("home_affairs")
    page = client.get("/khen-thuong/xet-chon").get_data(as_text=True)
    assert NOTICE in page
    row = page[page.index(f'id="nom-{issued.shortlisted.id}"'):]
    row = row[:row.index("</tr>")]
    assert "Không xét trong Quyết định số 01/QĐ-UBND" in row and ">Duyệt<" not in row
    assert "Khi phát hành: Phòng Nội vụ chưa duyệt" in row
    assert "Xem xét lại" not in page and "Chọn trình duyệt" not in page
    response = client.post(f"/khen-thuong/de-nghi/{issued.shortlisted.id}/duyet", data={
        "decision": "approve", "note": "", "version": issued.shortlisted.version},
        headers={"HX-Request": "true"})
    assert response.status_code == 422 and CLOSED in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Nomination, issued.shortlisted.id).status == NS.SHORTLISTED

    awardees = client.get("/khen-thuong/danh-sach").get_data(as_text=True)
    assert NOTICE in awardees and "Người Được Khen" in awardees
    assert "Người Chờ Duyệt" not in awardees
    assert "Xếp lại theo thứ tự đơn vị" not in awardees and "▲" not in awardees
    moved = client.post(f"/khen-thuong/de-nghi/{issued.first.id}/thu-tu",
                        data={"decision": "down"})
    assert moved.status_code == 422
    decision_page = client.get("/khen-thuong/quyet-dinh").get_data(as_text=True)
    assert NOTICE in decision_page


def test_the_coordinator_and_the_unit_see_it_closed(client, login_as, users, issued):
    db.session.commit()
    login_as("coordinator")
    page = client.get("/khen-thuong/xet-chon").get_data(as_text=True)
    assert NOTICE in page and "Chọn trình duyệt" not in page and "Lưu thời hạn" not in page
    response = client.post(f"/khen-thuong/de-nghi/{issued.submitted.id}/xet", data={
        "decision": "shortlist", "note": "", "version": issued.submitted.version},
        headers={"HX-Request": "true"})
    assert response.status_code == 422 and CLOSED in response.get_data(as_text=True)

    login_as("commune")
    page = client.get("/khen-thuong/don-vi").get_data(as_text=True)
    assert NOTICE in page and "Thêm đề nghị" not in page and "Gửi tất cả" not in page
    assert ">Gửi<" not in page and ">Sửa<" not in page
    for n in (issued.shortlisted, issued.returned, issued.draft):
        row = page[page.index(f'id="nom-{n.id}"'):]
        assert "Không xét trong Quyết định số 01/QĐ-UBND" in row[:row.index("</tr>")]
    row = page[page.index(f'id="nom-{issued.second.id}"'):]
    assert "Được khen thưởng" in row[:row.index("</tr>")]
    opened = client.get("/khen-thuong/de-nghi/moi", follow_redirects=True)
    assert opened.request.path == "/khen-thuong/don-vi" and CLOSED in opened.get_data(as_text=True)
    refused = client.post("/khen-thuong/de-nghi/moi", data={
        "kind": "collective", "collective_name": "Tổ Mới", "summary": "Thành tích tốt."})
    assert refused.status_code == 422 and CLOSED in refused.get_data(as_text=True)
    assert client.get(f"/khen-thuong/de-nghi/{issued.draft.id}/sua").status_code == 302
    sent = client.post(f"/khen-thuong/de-nghi/{issued.returned.id}/gui",
                       data={"version": issued.returned.version})
    assert sent.status_code == 422
    db.session.expire_all()
    assert db.session.get(Nomination, issued.returned.id).status == NS.RETURNED


def test_a_closed_list_counts_what_the_decision_rewarded(client, login_as, users, issued):
    """No quota left to fill once the decision is issued: the counters say what it rewarded
    and what it did not consider."""
    db.session.commit()
    for role in ("coordinator", "home_affairs", "leadership"):
        login_as(role)
        page = client.get("/khen-thuong/xet-chon").get_data(as_text=True)
        counters = page[page.index('id="award-counters"'):]
        counters = counters[:counters.index("</section>")]
        assert ("Quyết định số 01/QĐ-UBND ngày 05/12/2023 khen thưởng 1 tập thể, 1 cá nhân."
                in counters), role
        assert "còn" not in counters and "chỉ tiêu" not in counters
        collectives = counters[counters.index('data-kind="collective"'):]
        assert "không xét trong quyết định 1 · không duyệt 1" in collectives   # Tổ Chờ Xét
        individuals = counters[counters.index('data-kind="individual"'):]
        assert "không xét trong quyết định 2 · không duyệt 0" in individuals


def test_a_returned_nomination_no_longer_asks_the_unit_for_more(client, login_as, users, issued):
    db.session.commit()
    login_as("commune")
    page = client.get("/khen-thuong/don-vi").get_data(as_text=True)
    row = page[page.index(f'id="nom-{issued.returned.id}"'):]
    row = row[:row.index("</tr>")]
    assert "Không xét trong Quyết định số 01/QĐ-UBND" in row
    assert "Khi phát hành: đơn vị chưa bổ sung theo yêu cầu của Phòng LĐTB&amp;XH" in row
    assert "Phòng LĐTB&amp;XH đã trả lại để bổ sung: Bổ sung xác nhận." in row
    assert "Yêu cầu bổ sung" not in row and "cần bổ sung" not in row
    login_as("coordinator")
    review = client.get("/khen-thuong/xet-chon?status=returned").get_data(as_text=True)
    row = review[review.index(f'id="nom-{issued.returned.id}"'):]
    row = row[:row.index("</tr>")]
    assert "LĐTB&amp;XH đã trả lại: Bổ sung xác nhận." in row and "Yêu cầu:" not in row


def _leadership_notes(users):
    return [n.message for n in db.session.query(Notification)
            .filter_by(unit_id=users.leadership.unit_id, kind="reward_list")]


def test_the_draft_message_is_sent_once_when_home_affairs_completes_its_draft(users):
    kw = {"coordinator": users.coordinator, "home_affairs": users.home_affairs}
    plan = current_plan()
    # the draft is saved (dated) before the list: it is not complete, nobody is told
    decision.save_decision(plan, decision.proposed_decision(plan, date(2023, 12, 4)),
                           actor=users.home_affairs)
    nominate(users.commune, collective("Tổ Một"), stage="approved", **kw)
    nominate(users.commune, collective("Tổ Hai"), stage="shortlisted", **kw)  # a re-count
    assert _leadership_notes(users) == []
    d = decision.get_decision(plan)
    decision.save_decision(plan, decision.DecisionData.of(d), actor=users.home_affairs,
                           expected_version=d.version)
    expected = ["Phòng Nội vụ đã soạn xong dự thảo Quyết định khen thưởng kèm danh sách 1 tập "
                "thể, cá nhân được đề nghị khen thưởng."]
    assert _leadership_notes(users) == expected
    nominate(users.commune, collective("Tổ Ba"), stage="approved", **kw)
    nominate(users.commune, collective("Tổ Bốn"), stage="shortlisted", **kw)
    decision.save_decision(plan, decision.DecisionData.of(d), actor=users.home_affairs,
                           expected_version=d.version)
    assert _leadership_notes(users) == expected     # once
    as_issued(plan, decision_number=1, decision_day=date(2023, 12, 5), clerk=users.office)
    assert _leadership_notes(users) == expected     # issuing tells nobody it is a draft


def test_the_review_list_names_communes_as_the_app_does(client, login_as, users):
    kw = {"coordinator": users.coordinator}
    nominate(users.commune, individual("Người Trùng Tên", 1970), stage="submitted", **kw)
    nominate(users.mass_org, individual("Người Trùng Tên", 1970), stage="submitted", **kw)
    db.session.commit()
    login_as("coordinator")
    page = client.get("/khen-thuong/xet-chon").get_data(as_text=True)
    cell = '<td data-label="Đơn vị đề nghị">'
    assert f"{cell}xã Bình Chánh</td>" in page and f"{cell}Bình Chánh</td>" not in page
    assert ">xã Bình Chánh</option>" in page
    assert "Trùng: xã Bình Chánh cũng đề nghị" in page
