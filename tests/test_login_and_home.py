"""Logging in lands where the user was going; a first login changes the password first;
every home page shows what waits for the unit ("Chờ tôi xử lý"); leadership has a home."""
from datetime import date

import pytest

from webapp.core.inbox import Waiting, _PROVIDERS
from webapp.duties.models import Assignment, Duty, Status
from webapp.duties.service import set_status
from webapp.extensions import db
from webapp.plan.models import Unit

from .conftest import TEST_PASSWORD, htmx, manual_duty_for, statements_of, user_for


def _login(client, username, password=TEST_PASSWORD, next_url=None):
    url = "/dang-nhap" + (f"?next={next_url}" if next_url else "")
    return client.post(url, data={"username": username, "password": password})


# --- the return address ------------------------------------------------------------------------

def test_after_login_the_user_lands_where_they_were_going(client):
    to_login = client.get("/tien-do?kind=commune&status=returned")
    assert to_login.status_code == 302
    login_url = to_login.headers["Location"]
    assert login_url == "/dang-nhap?next=/tien-do?kind%3Dcommune%26status%3Dreturned"
    page = client.get(login_url).get_data(as_text=True)
    assert 'action="/dang-nhap?next=/tien-do?kind%3Dcommune%26status%3Dreturned"' in page
    landed = client.post(login_url, data={"username": "t-ldtbxh", "password": TEST_PASSWORD})
    assert landed.headers["Location"] == "/tien-do?kind=commune&status=returned"


def test_an_expired_session_on_htmx_returns_to_the_page_not_the_fragment(client):
    """The bell's counter or an autosave found the session over: after login, back to the
    page the user had open, never to /thong-bao/dem or to a POST address."""
    answer = client.get("/thong-bao/dem",
                        headers=htmx(**{"HX-Current-URL": "http://localhost/bao-cao/phan-cong/7"}))
    assert answer.status_code == 204
    assert answer.headers["HX-Redirect"] == "/dang-nhap?next=/bao-cao/phan-cong/7"
    saved = client.post("/bao-cao/phan-cong/7/luu",
                        headers=htmx(**{"HX-Current-URL": "http://localhost/tong-hop/so-ket"}))
    assert saved.headers["HX-Redirect"] == "/dang-nhap?next=/tong-hop/so-ket"
    foreign = client.get("/thong-bao/dem",
                         headers=htmx(**{"HX-Current-URL": "https://evil.example/x"}))
    assert foreign.headers["HX-Redirect"] == "/dang-nhap"


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/",
                                    "/\\evil.example", "javascript:alert(1)"])
def test_the_return_address_is_only_ever_a_local_path(client, target):
    landed = _login(client, "t-ldtbxh", next_url=target)
    assert landed.headers["Location"] == "/viec-cua-toi"


def test_a_logged_in_user_opening_the_login_page_goes_on_to_the_address(client, login_as):
    login_as("coordinator")
    assert client.get("/dang-nhap?next=/tien-do").headers["Location"] == "/tien-do"


# --- first login -------------------------------------------------------------------------------

def test_an_account_made_by_the_admin_must_change_its_password_first(app, client, login_as):
    """The form promised it; nothing did it: every page now leads to the password form
    (htmx: 204 + HX-Redirect) until the password is the user's own."""
    login_as("admin")
    unit = db.session.query(Unit).filter_by(code="binh-long").one()
    assert client.post("/quan-tri/tai-khoan", data={
        "unit_id": unit.id, "username": "binhlong2", "full_name": "Nguyễn Văn Thử",
        "password": "mat-khau-ban-dau"}).status_code == 302
    user_client = app.test_client()
    first = _login(user_client, "binhlong2", "mat-khau-ban-dau", next_url="/thong-bao")
    assert first.headers["Location"] == "/tai-khoan/mat-khau?next=/thong-bao"
    home = user_client.get("/viec-cua-toi")
    assert home.status_code == 302
    assert home.headers["Location"] == "/tai-khoan/mat-khau?next=/viec-cua-toi"
    fragment = user_client.get("/thong-bao/dem", headers=htmx())
    assert fragment.status_code == 204
    assert fragment.headers["HX-Redirect"] == "/tai-khoan/mat-khau"
    page = user_client.get("/tai-khoan/mat-khau?next=/thong-bao").get_data(as_text=True)
    assert "trước khi làm việc" in page
    changed = user_client.post("/tai-khoan/mat-khau?next=/thong-bao", data={
        "current_password": "mat-khau-ban-dau", "new_password": "mat-khau-cua-toi",
        "confirm": "mat-khau-cua-toi"})
    assert changed.headers["Location"] == "/thong-bao"
    assert user_client.get("/viec-cua-toi").status_code == 200


# --- "Chờ tôi xử lý" -------------------------------------------------------------------------

@pytest.fixture
def test_provider(monkeypatch):
    """A provider as another feature registers one: two items for the coordinator."""
    def provider(user):
        if user.unit.code != "ldtbxh":
            return []
        return [Waiting("Đề nghị chờ xét chọn", 3, "/khen-thuong/xet-chon", date(2023, 11, 12)),
                Waiting("Báo cáo chờ tiếp nhận", 5, "/bao-cao/cac-don-vi", date(2023, 11, 10)),
                Waiting("Không có gì", 0, "/x")]
    monkeypatch.setitem(_PROVIDERS, "tests.provider", provider)


def test_the_home_page_lists_what_waits_oldest_first_with_counts(client, login_as,
                                                                 test_provider):
    login_as("coordinator")
    page = client.get("/viec-cua-toi").get_data(as_text=True)
    waiting = page[page.index('id="waiting"'):page.index('id="my-duties"')]
    assert waiting.index("Báo cáo chờ tiếp nhận") < waiting.index("Đề nghị chờ xét chọn")
    assert 'href="/bao-cao/cac-don-vi"' in waiting and "từ ngày 10/11/2023" in waiting
    # the total counts every item: the test provider's 5 + 3 and the conference's script
    assert "Chuẩn bị, chốt kịch bản điều hành hội nghị" in waiting
    assert '<span class="badge waiting-total">9</span>' in waiting
    assert "Không có gì" not in waiting
    login_as("commune")
    page = client.get("/viec-cua-toi").get_data(as_text=True)
    waiting = page[page.index('id="waiting"'):page.index('id="my-duties"')]
    assert "Soạn và nộp “Báo cáo kết quả theo đề cương” (hạn 22/11/2023)" in waiting
    assert "từ ngày 22/11/2023" not in waiting, "a deadline ahead is not a date it waits since"


def test_a_submitted_manual_duty_waits_on_the_receivers_home(client, login_as):
    a = manual_duty_for("binh-chanh")
    commune = user_for("commune")
    set_status(a, Status.DRAFTING, actor=commune)
    db.session.commit()
    login_as("commune")
    assert client.post(f"/phan-cong/{a.id}/trang-thai",
                       data={"status": "submitted", "version": a.version}).status_code == 302
    login_as("coordinator")
    page = client.get("/viec-cua-toi").get_data(as_text=True)
    waiting = page[page.index('id="waiting"'):page.index('id="my-duties"')]
    assert "Tiếp nhận “Báo cáo nhanh”" in waiting
    assert f'href="/phan-cong/{a.id}"' in waiting, "one click from the work"
    from webapp.notifications.models import Notification
    db.session.rollback()
    note = db.session.query(Notification).filter_by(kind="submitted").one()
    assert "Xã Bình Chánh đã nộp “Báo cáo nhanh”" in note.message


def test_leadership_has_a_home_with_what_waits_and_the_overview(client, login_as,
                                                                monkeypatch):
    monkeypatch.setitem(_PROVIDERS, "tests.leadership", lambda user: [
        Waiting("Báo cáo sơ kết chờ cho ý kiến", 1, "/tong-hop/so-ket", date(2023, 11, 14))]
        if user.unit.code == "ubnd" else [])
    login_as("leadership")
    assert client.get("/").headers["Location"] == "/viec-cua-toi"
    page = client.get("/viec-cua-toi").get_data(as_text=True)
    assert "Báo cáo sơ kết chờ cho ý kiến" in page
    overview = page[page.index('id="overview-links"'):]
    assert 'href="/tien-do"' in overview and "Tiến độ các đơn vị" in overview
    assert 'href="/viec-cua-toi"' not in overview


# --- status-aware actions ----------------------------------------------------------------------

def test_the_home_page_action_reads_xem_once_the_report_is_handed_in(client, login_as):
    report = (db.session.query(Assignment).join(Assignment.duty).join(Assignment.unit)
              .filter(Unit.code == "binh-chanh", Duty.code == "bao-cao-ket-qua").one())
    login_as("commune")
    row = _row(client.get("/viec-cua-toi").get_data(as_text=True), report.id)
    assert ">Soạn báo cáo</a>" in row
    set_status(report, Status.SUBMITTED, actor=user_for("commune"))
    db.session.commit()
    row = _row(client.get("/viec-cua-toi").get_data(as_text=True), report.id)
    assert ">Xem</a>" in row and "Soạn báo cáo" not in row
    set_status(report, Status.RETURNED, actor=user_for("coordinator"), reason="Bổ sung")
    db.session.commit()
    assert ">Soạn báo cáo</a>" in _row(client.get("/viec-cua-toi").get_data(as_text=True),
                                       report.id)


def _row(page: str, assignment_id: int) -> str:
    start = page.index(f'<tr id="assignment-{assignment_id}"')
    return page[start:page.index("</tr>", start)]


# --- what the home page costs ------------------------------------------------------------------

def _home_statements(client) -> tuple[str, list[str]]:
    response, seen = statements_of(client, "/viec-cua-toi")
    return response.get_data(as_text=True), seen


@pytest.mark.parametrize("role", ["commune", "coordinator", "department", "mass_org",
                                  "home_affairs", "office", "leadership"])
def test_every_home_page_reads_what_waits_in_a_few_statements(client, login_as, role):
    """The providers share what the page loaded (the unit's duties) and what they all ask
    (the submitted work per duty, the unit's delegates): seven statements at most, the user's
    and the plan's included."""
    login_as(role)
    page, statements = _home_statements(client)
    assert "Việc của tôi" in page
    assert len(statements) <= 7, "\n".join(statements)


def test_more_work_waiting_costs_the_coordinator_no_statement(client, login_as):
    """Reports and manual duties handed in by more units add to the counts, not to the
    statements."""
    login_as("coordinator")
    _page, before = _home_statements(client)
    for code in ("binh-long", "binh-hiep", "chau-o"):
        set_status(_assignment_of(code, "bao-cao-ket-qua"), Status.SUBMITTED,
                   actor=user_for("commune"))
    db.session.commit()
    page, after = _home_statements(client)
    assert "Báo cáo kết quả chờ xem xét" in page
    assert len(after) == len(before)


def _assignment_of(unit_code: str, duty_code: str) -> Assignment:
    return (db.session.query(Assignment).join(Assignment.duty).join(Assignment.unit)
            .filter(Unit.code == unit_code, Duty.code == duty_code).one())

