"""The giấy mời drafted through the register: the opening time and the mode are chosen on the
invitations page, checked there (a Vietnamese message beside the field), kept on the paper
and printed; the count of those still to invite comes from the grouped counter."""
import html
import re
from datetime import date
from types import SimpleNamespace

from tests.conftest import user_for
from webapp.delegates import invitations, queries
from webapp.extensions import db
from webapp.issuing import kinds, render
from webapp.issuing.models import Paper
from webapp.plan.loader import current_plan

from .factories import delegate


def _setup(app):
    app.config["TODAY"] = date(2023, 11, 20)
    plan = current_plan()
    plan.conference_date = date(2023, 12, 5)          # a Tuesday
    delegate("Lý Văn Mời", "huyen-phong-ban", organisation="Phòng Nội vụ")
    delegate("Đỗ Thị Hai", "huyen-phong-ban", organisation="Phòng Nội vụ")
    delegate("Võ Thị Xã", "xa-thon", unit_code="binh-chanh", organisation="Xã Bình Chánh")
    db.session.commit()
    return plan


def _hidden(page: str) -> dict:
    return dict(re.findall(r'<input type="hidden" name="(p_\w+)" value="([^"]*)">', page))


def test_the_clerk_chooses_time_and_mode_and_the_paper_keeps_and_prints_them(app, client,
                                                                             login_as):
    plan = _setup(app)
    login_as("office")
    page = client.get("/dai-bieu/giay-moi").get_data(as_text=True)
    # proposed: the programme's start (07 giờ 30 here), one page per body
    assert 'value="07 giờ 30 phút"' in page and 'checked id="mode-1"' in page
    assert "Thời gian: 07 giờ 30 phút, thứ Ba, ngày 05 tháng 12 năm 2023" in page
    page = client.get("/dai-bieu/giay-moi?meeting_time=8h&mode=person").get_data(as_text=True)
    assert "Thời gian: 08 giờ, thứ Ba, ngày 05 tháng 12 năm 2023" in page
    carried = _hidden(page)
    assert carried == {"p_meeting_time": "8h", "p_mode": "person"}
    assert client.post("/van-ban/lap", data={"kind": "invitation", **carried}).status_code == 303
    db.session.rollback()
    plan = current_plan()
    paper = db.session.query(Paper).filter_by(kind="invitation").one()
    assert paper.params == {"meeting_time": "8h", "mode": "person"}
    context = render.live_context(kinds.get("invitation"), plan, paper.params)
    assert context["time_text"] == "08 giờ, thứ Ba, ngày 05 tháng 12 năm 2023"
    assert len(context["pages"]) == 3                # one page per delegate, not per body
    # the page now says what the draft keeps instead of offering the choice again
    page = client.get("/dai-bieu/giay-moi").get_data(as_text=True)
    assert 'id="invitation-options"' not in page
    assert "Giấy mời đang lập: giờ khai mạc 08 giờ · Mỗi đại biểu một trang" in page
    # issued: the delegates' own record of the issue carries the chosen time
    kind = kinds.get("invitation")
    kind.on_issued(SimpleNamespace(plan=plan, params=paper.params,
                                   entry=SimpleNamespace(number=7, issued_on=date(2023, 11, 21))),
                   user_for("office"))
    assert invitations.issues(plan)[0].meeting_time == "08 giờ"
    paper.state = "issued"
    db.session.commit()
    page = client.get("/dai-bieu/giay-moi").get_data(as_text=True)
    assert "Giấy mời đã phát hành: giờ khai mạc 08 giờ · Mỗi đại biểu một trang" in page
    assert "đang lập" not in page, "an issued paper is no longer being drafted"


def test_a_wrong_time_or_mode_is_refused_beside_its_field_and_nothing_is_drafted(app, client,
                                                                                login_as):
    _setup(app)
    login_as("office")
    r = client.get("/dai-bieu/giay-moi?meeting_time=25h&mode=person")
    page = html.unescape(r.get_data(as_text=True))
    assert r.status_code == 422
    assert re.search(r'id="meeting_time"[^>]*value="25h"', page)
    assert ('<small class="field-error" id="meeting_time-error">Giờ khai mạc không hợp lệ '
            "(giờ 0–23, phút 0–59).</small>") in page
    assert "Lập văn bản trình ký" not in page and 'name="p_meeting_time"' not in page
    r = client.get("/dai-bieu/giay-moi?meeting_time=&mode=person")
    assert r.status_code == 422 and "Ghi giờ khai mạc, ví dụ" in r.get_data(as_text=True)
    r = client.get("/dai-bieu/giay-moi?meeting_time=7h30&mode=ca-hai")
    assert r.status_code == 422
    assert ('id="mode-error">Chọn cách in: mỗi đại biểu một trang hoặc mỗi cơ quan, đơn vị '
            "một trang.</small>") in r.get_data(as_text=True)
    # a hand-made request with a bad time drafts nothing and says why in Vietnamese
    r = client.post("/van-ban/lap", data={"kind": "invitation", "p_meeting_time": "sáng sớm"})
    assert r.status_code == 422 and "Ghi giờ khai mạc" in r.get_data(as_text=True)
    assert db.session.query(Paper).filter_by(kind="invitation").count() == 0


def test_the_grouped_counter_counts_those_still_to_invite_as_the_issue_does(app):
    plan = _setup(app)
    delegate("Nguyễn Chủ Trì", "huyen-thuong-truc", unit_code=invitations.presiding_unit_code()
             or None)
    db.session.commit()
    assert queries.attendance(plan)["not_invited"] == invitations.not_invited_count(plan) == \
        len(invitations.to_invite(plan, only_new=True))
    invitations.issue(plan, number=3, issued_on=date(2023, 11, 21), meeting_time="7h30",
                      only_new=True, actor=None)
    delegate("Trần Mời Sau", "huyen-phong-ban")
    db.session.flush()
    assert queries.attendance(plan)["not_invited"] == invitations.not_invited_count(plan) == 1
