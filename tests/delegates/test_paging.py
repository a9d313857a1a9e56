"""Long delegate lists: paged and searched on the server, page links that keep the filters,
search without diacritics, "nothing found" in Vietnamese, exports still listing everyone."""
import io
import re

from docx import Document
from openpyxl import load_workbook

from tests.conftest import htmx
from webapp import demo
from webapp.conference.paper_files import render_paper
from webapp.delegates import demo as delegates_demo
from webapp.delegates import invitations, lists, queries, seating
from webapp.delegates.grouped_paper import render_grouped
from webapp.delegates.invitation_paper import render_invitations
from webapp.delegates.models import Delegate
from webapp.extensions import db
from webapp.plan.loader import current_plan

from .factories import composition, delegate


def _demo():
    demo.create_demo_accounts()
    delegates_demo.build_scenario()
    db.session.commit()


def _names(html: str) -> list[str]:
    return re.findall(r'<tr id="delegate-\d+">\s*<td[^>]*>\d+</td>\s*<td[^>]*><strong>([^<]+)</strong>', html)


def test_list_pages_by_50_in_protocol_order_and_links_keep_the_filters(app, client, login_as):
    _demo()
    login_as("office")
    everyone = [d.full_name for d in queries.delegates_of(current_plan())]
    assert len(everyone) == 124
    first = client.get("/dai-bieu/").get_data(as_text=True)
    assert _names(first) == everyone[:50]
    assert "Đại biểu 1–50 trong 124 đại biểu" in first
    third = client.get("/dai-bieu/?trang=3").get_data(as_text=True)
    assert _names(third) == everyone[100:]
    comp = composition("xa-thon")
    page = client.get(f"/dai-bieu/?thanh-phan={comp.id}&q=xa", headers=htmx()).get_data(as_text=True)
    links = re.findall(r'href="(/dai-bieu/\?[^"]*trang=2[^"]*)"', page)
    assert links and all(f"thanh-phan={comp.id}" in link and "q=xa" in link for link in links)
    second = client.get(links[0].replace("&amp;", "&")).get_data(as_text=True)
    assert 'aria-current="page">2<' in second
    assert set(_names(second)) <= {d.full_name for d in db.session.query(Delegate)
                                   .filter_by(composition_id=comp.id)}


def test_search_without_diacritics_and_nothing_found_in_vietnamese(app, client, login_as):
    login_as("office")
    delegate("Nguyễn Thị Đào", "huyen-phong-ban", title="Trưởng phòng Y tế")
    delegate("Trần Văn Bình", "huyen-phong-ban", title="Phó Trưởng phòng")
    db.session.commit()
    found = client.get("/dai-bieu/?q=nguyen+dao", headers=htmx()).get_data(as_text=True)
    assert _names(found) == ["Nguyễn Thị Đào"]
    assert [d.full_name for d in queries.search(current_plan(), "TRUONG PHONG Y")] == \
        ["Nguyễn Thị Đào"]
    replies = client.get("/dai-bieu/tra-loi?q=binh", headers=htmx()).get_data(as_text=True)
    assert "Trần Văn Bình" in replies and "Nguyễn Thị Đào" not in replies
    none = client.get("/dai-bieu/?q=zzz", headers=htmx()).get_data(as_text=True)
    assert "Không tìm thấy đại biểu nào khớp “zzz”." in none
    # "%" and "_" are letters to look for, not wildcards
    assert "Không tìm thấy đại biểu nào" in client.get(
        "/dai-bieu/?q=%25", headers=htmx()).get_data(as_text=True)


def test_search_columns_follow_every_change(app):
    d = delegate("Lê Văn Tám", "huyen-phong-ban")
    d.reply, d.substitute_name = "substitute", "Phạm Thị Ánh"
    db.session.flush()
    assert [x.full_name for x in queries.search(current_plan(), "anh")] == ["Lê Văn Tám"]


def test_sql_order_is_the_vietnamese_protocol_order(app):
    _demo()
    for name in ("Đỗ Văn Yến", "Đặng Thị An", "Dương Văn Ấn", "Nguyễn Ăn", "Lê An"):
        delegate(name, "huyen-phong-ban", rank=7)
    db.session.commit()
    rows = queries.delegates_of(current_plan())
    assert [d.id for d in rows] == [d.id for d in sorted(rows, key=queries.protocol_key)]


def test_replies_page_and_filters_in_the_url(app, client, login_as):
    _demo()
    login_as("office")
    page = client.get("/dai-bieu/tra-loi?loc=pending").get_data(as_text=True)
    pending = db.session.query(Delegate).filter_by(reply="pending").count()
    assert f"trong {pending} đại biểu" in page
    assert 'option value="pending" selected' in page
    links = re.findall(r'href="(/dai-bieu/tra-loi\?[^"]*trang=\d[^"]*)"', page)
    assert bool(links) == (pending > 50)
    assert all("loc=pending" in link for link in links)


def test_exports_still_list_everyone(app, client, login_as):
    _demo()
    login_as("office")
    wb = load_workbook(io.BytesIO(client.get("/dai-bieu/danh-sach.xlsx").data))
    text = " ".join(str(c.value) for row in wb.active.iter_rows() for c in row if c.value)
    for d in db.session.query(Delegate).filter_by(walk_in=False):
        assert d.full_name in text


def _seats(html: str) -> list[str]:
    return re.findall(r'<div class="seat[^"]*"><b>([^<]+)</b>', html)


def test_seating_pages_by_whole_rows_front_first_and_keeps_the_composition(app, client, login_as,
                                                                         monkeypatch):
    """On screen the hall pages by whole rows (page 1: row A, the front); page 2 shows rows
    page 1 does not, with the composition kept in its links; the print page lists everyone."""
    _demo()
    monkeypatch.setattr(seating, "SEATS_PER_PAGE", 30)   # the demo's 119 seats: four pages
    login_as("office")
    assert client.post("/dai-bieu/so-do-cho-ngoi/xep-cho",
                       data={"per_row": 4}).status_code == 303
    db.session.rollback()
    expected = {d.seat: d for d in db.session.query(Delegate).filter(Delegate.reply != "declined")}
    assert "" not in expected
    first = client.get("/dai-bieu/so-do-cho-ngoi").get_data(as_text=True)
    seats = _seats(first)
    assert seats[0] == "A1" and "Hàng A–" in first and len(seats) < len(expected)
    rows_on_first = {s.rstrip("0123456789") for s in seats}
    # whole rows: every seat of a row shown is on this page
    assert {s for s in expected if s.rstrip("0123456789") in rows_on_first} == set(seats)
    second = client.get("/dai-bieu/so-do-cho-ngoi?trang=2").get_data(as_text=True)
    assert _seats(second) and not set(_seats(second)) & set(seats)
    comp = composition("xa-thon")
    page = client.get(f"/dai-bieu/so-do-cho-ngoi?thanh-phan={comp.id}",
                      headers=htmx()).get_data(as_text=True)
    assert comp.label in page and "Hàng" in page
    assert {expected[s].composition_id for s in _seats(page)} == {comp.id}
    links = re.findall(r'href="(/dai-bieu/so-do-cho-ngoi\?[^"]*trang=2[^"]*)"', page)
    assert links and all(f"thanh-phan={comp.id}" in link for link in links)
    later = client.get(links[0].replace("&amp;", "&"), headers=htmx()).get_data(as_text=True)
    assert {expected[s].composition_id for s in _seats(later)} == {comp.id}
    assert not set(_seats(later)) & set(_seats(page))
    # the whole plan to print: every one expected, by composition, with the seat
    printed = client.get("/dai-bieu/so-do-cho-ngoi/ban-in").get_data(as_text=True)
    cells = re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td>", printed)
    assert {seat for seat, _name in cells} == set(expected)
    assert all(expected[seat].attendee_name == name for seat, name in cells)
    assert comp.label in printed


def test_fast_invitations_are_the_plain_render(app):
    _demo()
    plan = current_plan()
    delegate("Công ty A & B <Đông>", "huyen-phong-ban", organisation="Công ty A & B")
    batch = invitations.issue(plan, number=12, issued_on=plan.conference_date.replace(day=1),
                              meeting_time="7h30", only_new=False, actor=None)
    for mode in ("person", "organisation"):
        context = invitations.invitation_context(plan, batch, mode)
        fast = Document(io.BytesIO(render_invitations(context)))
        plain = Document(io.BytesIO(render_paper("giay-moi.docx", context)))
        assert fast.element.body.xml == plain.element.body.xml
        assert len(fast.sections) == len(context["pages"]) > 2
    assert any("Công ty A & B <Đông>" in p.text for p in fast.paragraphs)


def test_fast_lists_are_the_plain_render(app):
    _demo()
    plan = current_plan()
    delegate("Hồ Thị <Tám> & Co", "huyen-phong-ban", title="Chuyên viên & cộng sự")
    for template, context in (("danh-sach-dai-bieu.docx", lists.list_context(plan)),
                              ("danh-sach-ky-ten.docx", lists.signin_context(plan))):
        fast = Document(io.BytesIO(render_grouped(template, context)))
        plain = Document(io.BytesIO(render_paper(template, context)))
        assert fast.element.body.xml == plain.element.body.xml
        names = [c.text for row in fast.tables[0].rows for c in row.cells]
        assert "Hồ Thị <Tám> & Co" in names and len(fast.tables[0].rows) > 100
