"""The unit's notification list pages on the server: unread first, 25 a page, a "chưa đọc"
tab kept in the URL by the page links, and marking read still works on any page."""
import re

from webapp.extensions import db
from webapp.notifications.models import Notification
from webapp.notifications.service import PER_PAGE, notify
from webapp.plan.models import Unit

from ..conftest import htmx


def _commune_notes(read: int, unread: int) -> None:
    """`read` older notifications already read, then `unread` newer ones not yet read, all of
    Bình Chánh (and one of Bình Long that must never show)."""
    unit = db.session.query(Unit).filter_by(code="binh-chanh").one()
    other = db.session.query(Unit).filter_by(code="binh-long").one()
    db.session.query(Notification).filter_by(unit_id=unit.id).delete()
    for n in range(read + unread):
        note = notify(unit.id, "due_soon", f"Nhắc việc số {n:02d}", link="/viec-cua-toi")
        if n < read:
            note.read_at = note.created_at
    notify(other.id, "due_soon", "Nhắc việc của Bình Long")
    db.session.commit()


def _messages(page: str) -> list[str]:
    return re.findall(r"Nhắc việc số (\d\d)", page)


def test_the_list_pages_unread_first_and_page_two_shows_the_rest(client, login_as):
    _commune_notes(read=20, unread=10)
    login_as("commune")
    first = client.get("/thong-bao").get_data(as_text=True)
    shown = _messages(first)
    assert len(shown) == PER_PAGE == 25
    assert shown[:10] == [f"{n:02d}" for n in range(29, 19, -1)], "unread first, newest first"
    assert "Thông báo 1–25 trong 30, chưa đọc xếp trước." in first
    assert "Tất cả (30)" in first and "Chưa đọc (10)" in first
    assert "Bình Long" not in first
    assert 'href="/thong-bao?trang=2"' in first
    second = client.get("/thong-bao?trang=2", headers=htmx()).get_data(as_text=True)
    assert "<html" not in second and second.lstrip().startswith('<div id="notifications-panel">')
    assert sorted(_messages(second)) == ["00", "01", "02", "03", "04"]
    assert not set(_messages(second)) & set(shown), "page 2 shows what page 1 does not"
    assert "Thông báo 26–30 trong 30" in second


def test_the_unread_tab_is_kept_by_the_page_links(client, login_as):
    _commune_notes(read=5, unread=30)
    login_as("commune")
    first = client.get("/thong-bao?xem=chua-doc", headers=htmx()).get_data(as_text=True)
    assert 'aria-current="page">Chưa đọc (30)' in first
    assert "Thông báo chưa đọc 1–25 trong 30." in first
    assert 'href="/thong-bao?trang=2&amp;xem=chua-doc"' in first
    second = client.get("/thong-bao?trang=2&xem=chua-doc").get_data(as_text=True)
    assert sorted(_messages(second)) == ["05", "06", "07", "08", "09"], \
        "page 2 of the unread ones: none of the read ones"
    assert not set(_messages(second)) & set(_messages(first))
    # a page past the last one shows the last one
    assert _messages(client.get("/thong-bao?trang=9&xem=chua-doc").get_data(as_text=True)) \
        == _messages(second)


def test_marking_read_on_page_two_then_all_read_keeps_the_tab(client, login_as):
    _commune_notes(read=0, unread=30)
    login_as("commune")
    second = client.get("/thong-bao?trang=2", headers=htmx()).get_data(as_text=True)
    note_id = re.search(r'hx-post="/thong-bao/(\d+)/da-doc"', second).group(1)
    row = client.post(f"/thong-bao/{note_id}/da-doc", headers=htmx()).get_data(as_text=True)
    assert row.lstrip().startswith(f'<tr id="note-{note_id}" class="">') and "Đã đọc" in row
    assert "Xã Bình Chánh · 29 thông báo chưa đọc." in row
    tab = client.get("/thong-bao?xem=chua-doc").get_data(as_text=True)
    assert 'action="/thong-bao/da-doc-tat-ca?xem=chua-doc"' in tab
    done = client.post("/thong-bao/da-doc-tat-ca?xem=chua-doc")
    assert done.status_code == 302 and done.headers["Location"] == "/thong-bao?xem=chua-doc"
    after = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Đã đánh dấu đã đọc 29 thông báo." in after
    assert "Đơn vị không còn thông báo chưa đọc." in after and "Đánh dấu tất cả đã đọc" not in after
    assert "Tất cả (30)" in after and "Chưa đọc (0)" in after
