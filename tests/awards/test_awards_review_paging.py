"""The review list pages on the server with the shared pager: the filters stay in the page
links, page 2 shows what page 1 does not, and the page reads the same few statements
whatever the number of nominations."""
import re

from webapp.extensions import db

from ..conftest import htmx, statements_of
from .helpers import collective, individual, nominate

ROW = re.compile(r'<tr id="nom-(\d+)"')


def _nominate_many(users, individuals: int, collectives: int = 0):
    kw = {"coordinator": users.coordinator}
    for i in range(individuals):
        nominate(users.commune, individual(f"Người Thứ {i + 1:02d}", 1960 + i % 30),
                 stage="submitted", **kw)
    for i in range(collectives):
        nominate(users.mass_org, collective(f"Chi hội Thứ {i + 1:02d}"), stage="submitted", **kw)
    db.session.commit()


def test_page_two_shows_what_page_one_does_not_with_the_filters_kept(client, login_as, users):
    _nominate_many(users, individuals=23, collectives=3)
    login_as("coordinator")
    first = client.get("/khen-thuong/xet-chon?status=submitted&kind=individual").get_data(as_text=True)
    on_first = ROW.findall(first)
    assert len(on_first) == 20
    assert "Đề nghị 1–20 trong 23" in first
    assert "Chi hội Thứ" not in first                       # the kind filter holds
    # the page link keeps the filters, and htmx swaps the panel and pushes its URL
    link = re.search(r'<a href="([^"]+)" hx-get="\1" hx-target="#review-panel"[^>]*rel="next"',
                     first)
    assert link, "no link to the next page"
    url = link.group(1).replace("&amp;", "&")
    assert "trang=2" in url and "status=submitted" in url and "kind=individual" in url

    second = client.get(url, headers=htmx())
    page = second.get_data(as_text=True)
    assert second.status_code == 200 and "<html" not in page and 'id="review-panel"' in page
    on_second = ROW.findall(page)
    assert len(on_second) == 3 and not set(on_second) & set(on_first)
    assert "Đề nghị 21–23 trong 23" in page
    assert "Chi hội Thứ" not in page
    assert '<option value="individual" selected>' in page   # the filter shown as chosen
    assert re.search(r'href="[^"]*status=submitted[^"]*" [^>]*rel="prev"', page)


def test_a_unit_filter_counts_its_own_rows(client, login_as, users):
    _nominate_many(users, individuals=2, collectives=3)
    login_as("coordinator")
    unit_id = users.mass_org.unit_id
    page = client.get(f"/khen-thuong/xet-chon?unit={unit_id}").get_data(as_text=True)
    assert len(ROW.findall(page)) == 3 and "Đề nghị 1–3 trong 3" in page
    assert "Người Thứ" not in page


def test_the_review_page_reads_as_many_statements_for_many_nominations(client, login_as,
                                                                        users):
    _nominate_many(users, individuals=2, collectives=1)
    few = {}
    for role in ("coordinator", "home_affairs"):
        login_as(role)
        few[role] = len(statements_of(client, "/khen-thuong/xet-chon")[1])
    _nominate_many(users, individuals=30, collectives=5)
    for role in ("coordinator", "home_affairs"):
        login_as(role)
        response, many = statements_of(client, "/khen-thuong/xet-chon")
        assert len(ROW.findall(response.get_data(as_text=True))) == 20
        assert len(many) == few[role] and len(many) <= 10, "\n".join(s[:160] for s in many)
