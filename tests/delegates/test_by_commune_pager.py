"""The per-commune table pages inside the delegate list without pushing its own URL into the
address bar (Back and a reload stay the list page's); on its own page its links push, and
without JavaScript they are plain links to its pages."""
import re

from tests.conftest import htmx
from webapp.delegates import views
from webapp.extensions import db
from webapp.plan.models import Unit


def _links(html: str) -> list[dict]:
    nav = re.search(r'<nav class="pager" aria-label="Trang bảng theo xã, thị trấn">(.*?)</nav>',
                    html, re.S).group(1)
    return [dict(re.findall(r'([\w-]+)="([^"]*)"', a)) for a in re.findall(r"<a ([^>]*)>", nav)]


def _communes(html: str) -> list[str]:
    return re.findall(r"<tr><td>([^<]+)</td>", html)


def test_paging_inside_the_list_does_not_push_and_its_own_page_does(app, client, login_as,
                                                                   monkeypatch):
    monkeypatch.setattr(views, "PER_PAGE", 10)   # the 22 communes of the plan on three pages
    login_as("office")
    communes = [u.name for u in db.session.query(Unit).filter_by(kind="commune", is_active=True)
                .order_by(Unit.position, Unit.id)]
    assert len(communes) > 20
    inside = client.get("/dai-bieu/theo-xa", headers=htmx(**{
        "HX-Current-URL": "http://localhost/dai-bieu/?q=nguyen"})).get_data(as_text=True)
    assert _communes(inside) == communes[:10]
    links = _links(inside)
    assert links and all(a["hx-push-url"] == "false" for a in links)
    assert all(a["href"] == a["hx-get"] and a["hx-target"] == "#by-commune" for a in links)
    # the next page, asked from inside the list page, says the same
    second = client.get(links[-1]["hx-get"].replace("&amp;", "&"), headers=htmx(**{
        "HX-Current-URL": "http://localhost/dai-bieu/"})).get_data(as_text=True)
    assert _communes(second) == communes[10:20]
    assert {a["hx-push-url"] for a in _links(second)} == {"false"}
    # on its own page (opened without JavaScript, then paged with it) the URL is the page's
    own = client.get("/dai-bieu/theo-xa?trang=2").get_data(as_text=True)
    assert "<h1>Đại biểu theo từng xã, thị trấn</h1>" in own and _communes(own) == communes[10:20]
    assert {a["hx-push-url"] for a in _links(own)} == {"true"}
    paged = client.get("/dai-bieu/theo-xa?trang=3", headers=htmx(**{
        "HX-Current-URL": "http://localhost/dai-bieu/theo-xa?trang=2"})).get_data(as_text=True)
    assert "<h1>" not in paged and _communes(paged) == communes[20:]
    assert {a["hx-push-url"] for a in _links(paged)} == {"true"}
