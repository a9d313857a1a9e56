"""The delegate's edit form: every choice there, what the browser sends back unchanged keeps
the delegate as it was, and a bounded number of statements whatever the district's size."""
import re

from tests.conftest import statements_of
from webapp.delegates.models import Delegate
from webapp.extensions import db
from webapp.plan.models import Unit

from .factories import composition, delegate, unit


def _select(page: str, name: str) -> list[tuple[str, bool, str]]:
    """(value, selected, label) of each option of the select `name`."""
    body = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return [(value, bool(selected), label) for value, selected, label in
            re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', body)]


def _sent_back(page: str, name: str) -> str:
    """What a browser submits for the select: the selected option, else the first one."""
    options = _select(page, name)
    return next((value for value, selected, _label in options if selected), options[0][0])


def test_saving_a_delegate_of_a_provincial_body_unchanged_keeps_its_unit(client, login_as):
    """A delegate kept under a unit that is not a commune (the demo's province and district
    bodies) is shown under that unit and keeps it when the form is saved as it is (the form
    listed only communes, so the browser sent "— (không theo xã)" and the unit was lost)."""
    province = unit("ubnd-tinh")
    d = delegate("Nguyễn Công Trung", "tinh-ubnd", unit_code="ubnd-tinh",
                 title="Phó Chủ tịch UBND tỉnh", organisation="UBND tỉnh Quảng Ngãi", rank=1)
    db.session.commit()
    login_as("office")
    page = client.get(f"/dai-bieu/{d.id}/sua").get_data(as_text=True)
    units = _select(page, "unit_id")
    assert (str(province.id), True, province.name) in units
    communes = db.session.query(Unit).filter_by(kind="commune", is_active=True).all()
    assert {str(c.id) for c in communes} < {value for value, _s, _l in units}
    assert units[0] == ("0", False, "— (không theo xã)")
    assert _select(page, "address")[0] == ("dong_chi", True, "Đồng chí")
    r = client.post(f"/dai-bieu/{d.id}/sua", data={
        "full_name": d.full_name, "address": _sent_back(page, "address"),
        "title": d.title, "organisation": d.organisation,
        "composition_id": _sent_back(page, "composition_id"),
        "unit_id": _sent_back(page, "unit_id"), "rank": "1", "phone": "0905 848 294",
        "version": d.version})
    assert r.status_code == 302
    db.session.rollback()
    saved = db.session.get(Delegate, d.id)
    assert (saved.unit_id, saved.phone) == (province.id, "0905 848 294")


def test_a_commune_delegate_is_shown_under_its_commune(client, login_as):
    d = delegate("Trần Văn Thôn", "xa-thon", unit_code="binh-chanh", title="Trưởng thôn")
    db.session.commit()
    login_as("office")
    page = client.get(f"/dai-bieu/{d.id}/sua").get_data(as_text=True)
    selected = [o for o in _select(page, "unit_id") if o[1]]
    assert selected == [(str(d.unit_id), True, unit("binh-chanh").name)]
    assert [o for o in _select(page, "composition_id") if o[1]] == \
        [(str(d.composition_id), True, d.composition.label)]


def test_the_edit_form_runs_six_statements_with_its_history(client, login_as):
    """The user, the plan, its compositions, the delegate with its unit, the communes (two
    columns) and the history with its people: the delegate's composition and the units its
    history names come from what is loaded already."""
    login_as("office")
    fields = {"full_name": "Trần Thị Thôn", "address": "ong", "title": "Trưởng thôn",
              "organisation": "", "composition_id": composition("xa-thon").id,
              "unit_id": unit("binh-chanh").id, "rank": "1", "phone": ""}
    assert client.post("/dai-bieu/them", data=fields).status_code == 302
    db.session.rollback()
    d = db.session.query(Delegate).filter_by(full_name="Trần Thị Thôn").one()
    assert client.post(f"/dai-bieu/{d.id}/sua", data={
        **fields, "address": "ba", "rank": "2", "version": d.version}).status_code == 302
    response, statements = statements_of(client, f"/dai-bieu/{d.id}/sua")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and page.count("Trưởng thôn") >= 2
    history = page.split("Lịch sử thay đổi", 1)[1]
    # both entries, with the commune and the composition named, not their ids
    assert "Thêm đại biểu" in history and "Sửa đại biểu" in history
    assert unit("binh-chanh").name in history and composition("xa-thon").label in history
    assert len(statements) == 6, statements


def _row(page: str, delegate_id: int) -> str:
    return re.search(rf'<tr id="delegate-{delegate_id}">(.*?)</tr>', page, re.S).group(1)


def test_a_list_row_shows_every_cell_formatted_once(client, login_as):
    """The list's cells come formatted from list_rows: the organisation as it reads after a
    title, the composition cut at a word with its full label on hover, the reply and the
    substitute sent, the walk-in badge, the phone, the actions only where the user may edit."""
    sent = delegate("Trần Văn Mời", "xa-thon", unit_code="binh-chanh", title="Trưởng thôn",
                    organisation="Xã Bình Chánh", phone="0905 111 222", reply="substitute",
                    substitute_name="Lê Văn Thay", substitute_title="Phó Trưởng thôn",
                    invitation_number="05/GM-UBND")
    walk_in = delegate("Võ Thị Đến", "huyen-phong-ban", walk_in=True)
    db.session.commit()
    label = sent.composition.label
    login_as("office")
    page = client.get("/dai-bieu/").get_data(as_text=True)
    row = _row(page, sent.id)
    assert '<td data-label="Cơ quan">xã Bình Chánh</td>' in row
    assert f'<small title="{label}">{label[:60].rsplit(" ", 1)[0]}…</small>' in row
    assert '<span class="badge reply-substitute">Cử người dự thay</span>' in row
    assert "<br><small>Lê Văn Thay, Phó Trưởng thôn</small>" in row
    assert '<small class="muted">0905 111 222</small>' in row and "05/GM-UBND" in row
    assert f'href="/dai-bieu/{sent.id}/sua"' in row and f'href="/dai-bieu/{sent.id}/xoa"' in row
    other = _row(page, walk_in.id)
    assert '<small class="badge">Đến dự tại chỗ</small>' in other
    assert '<td data-label="Chức vụ">—</td>' in other and '<td data-label="Cơ quan">—</td>' in other
    login_as("leadership")
    assert '<span class="muted">—</span>' in _row(client.get("/dai-bieu/").get_data(as_text=True),
                                                  sent.id)
