"""The seating plan reads the hall in one statement whatever it holds: an empty hall, people
named but not seated yet, a seated hall, one composition, a page past the last."""
import re

from tests.conftest import statements_of
from webapp import demo
from webapp.delegates import demo as delegates_demo
from webapp.delegates import seating
from webapp.delegates.models import Delegate
from webapp.extensions import db

from .factories import composition


def _seats(html: str) -> list[str]:
    return re.findall(r'<div class="seat[^"]*"><b>([^<]+)</b>', html)


def _count(html: str) -> str:
    return re.search(r'<p class="muted list-count" role="status">(.*?)</p>', html, re.S).group(1)


def test_the_hall_is_one_statement_empty_named_or_seated(client, login_as, monkeypatch):
    login_as("office")
    empty, empty_sql = statements_of(client, "/dai-bieu/so-do-cho-ngoi")
    assert empty.status_code == 200 and "Chưa xếp chỗ." in empty.get_data(as_text=True)
    demo.create_demo_accounts()
    delegates_demo.build_scenario()
    db.session.query(Delegate).update({Delegate.seat: ""})
    db.session.commit()
    named, named_sql = statements_of(client, "/dai-bieu/so-do-cho-ngoi")
    expected = db.session.query(Delegate).filter(Delegate.reply != "declined").count()
    page = named.get_data(as_text=True)
    assert f"{expected} đại biểu sẽ dự chưa có chỗ" in _count(page)
    assert "Những đại biểu này chưa được xếp chỗ." in page and not _seats(page)
    monkeypatch.setattr(seating, "SEATS_PER_PAGE", 30)   # the demo's seats on several pages
    assert client.post("/dai-bieu/so-do-cho-ngoi/xep-cho",
                       data={"per_row": 4}).status_code == 303
    seated, seated_sql = statements_of(client, "/dai-bieu/so-do-cho-ngoi")
    first = seated.get_data(as_text=True)
    assert _seats(first)[0] == "A1" and f"{expected} đại biểu đã xếp chỗ" in _count(first)
    assert len(_seats(first)) <= 30
    comp = composition("xa-thon")
    one, one_sql = statements_of(client, f"/dai-bieu/so-do-cho-ngoi?thanh-phan={comp.id}")
    assert _seats(one.get_data(as_text=True)) and comp.label in one.get_data(as_text=True)
    past, past_sql = statements_of(client, "/dai-bieu/so-do-cho-ngoi?trang=99")
    last = past.get_data(as_text=True)
    assert _seats(last) and 'aria-current="page">' in last and "Trang sau" not in last
    counts = {len(s) for s in (empty_sql, named_sql, seated_sql, one_sql, past_sql)}
    assert counts == {4}, (empty_sql, seated_sql)
    # the hall itself: one statement of the four (user, plan, hall, the composition filter)
    assert sum("hall_rows" in s for s in seated_sql) == 1


def test_pages_hold_whole_rows_that_end_in_their_seats(client, login_as, monkeypatch):
    """Each page holds the rows that end within its SEATS_PER_PAGE seats, front first: every
    seat on exactly one page, no page empty, each at most one row over."""
    demo.create_demo_accounts()
    delegates_demo.build_scenario()
    db.session.commit()
    monkeypatch.setattr(seating, "SEATS_PER_PAGE", 30)
    login_as("office")
    assert client.post("/dai-bieu/so-do-cho-ngoi/xep-cho",
                       data={"per_row": 8}).status_code == 303
    db.session.rollback()
    expected = {d.seat for d in db.session.query(Delegate).filter(Delegate.reply != "declined")}
    seen, number = [], 1
    while True:
        page = client.get(f"/dai-bieu/so-do-cho-ngoi?trang={number}").get_data(as_text=True)
        seats = _seats(page)
        assert seats and len(seats) < 30 + 8   # whole rows of 8: at most one row over
        seen += seats
        if "Trang sau" not in page:
            break
        number += 1
    assert number > 2 and sorted(seen) == sorted(expected) and len(seen) == len(set(seen))
