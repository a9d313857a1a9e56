"""The progress matrix at district scale: filtered in SQL, 25 units a page, page links that keep
the filters, the export with every matching unit."""
import re
from datetime import date, datetime
from io import BytesIO

from openpyxl import load_workbook

from webapp.duties import service
from webapp.duties.models import Assignment, Duty, Status
from webapp.extensions import db
from webapp.plan.models import Unit

from .conftest import htmx, user_for


def _assignment(unit_code, duty_code) -> Assignment:
    return (db.session.query(Assignment).join(Assignment.duty).join(Assignment.unit)
            .filter(Unit.code == unit_code, Duty.code == duty_code).one())


def _units_in(body: str) -> list[str]:
    return re.findall(r'<th scope="row">([^<]+)</th>', body)


def test_the_database_flags_overdue_and_late_as_the_rules_do(app):
    """The SQL of the matrix says "quá hạn" and "nộp muộn" exactly where is_overdue and
    submitted_late do (the deadline is 22/11/2023; today 30/11/2023)."""
    late = _assignment("binh-chau", "bao-cao-ket-qua")
    service.set_status(late, Status.SUBMITTED, actor=user_for("commune"))
    late.submitted_at = datetime(2023, 11, 23, 8, 0)
    on_time = _assignment("yte", "bao-cao-ket-qua")
    service.set_status(on_time, Status.SUBMITTED, actor=user_for("department"))
    on_time.submitted_at = datetime(2023, 11, 22, 23, 59)
    db.session.flush()
    today = date(2023, 11, 30)
    data = service.matrix(service.MatrixFilters(), today, page=None)
    cells = {cell.id: cell for _unit, row in data.rows for cell in row.values()}
    assert len(cells) == db.session.query(Assignment).count()
    for a in db.session.query(Assignment):
        assert cells[a.id].overdue == service.is_overdue(a, today), a.id
        assert cells[a.id].late == service.submitted_late(a), a.id
    assert cells[late.id].late and not cells[on_time.id].late
    assert data.counters["late_submitted"] == 1
    assert data.counters["overdue"] == sum(c.overdue for c in cells.values()) > 0
    only_late = service.matrix(service.MatrixFilters(status="late"), today, page=None)
    shown = {c.id for _u, row in only_late.rows for c in row.values()}
    assert shown == {c.id for c in cells.values() if c.overdue or c.late}


def test_page_links_keep_the_filters_and_the_pages_show_every_unit_once(client, login_as):
    login_as("coordinator")
    first = client.get("/tien-do?status=not_started").get_data(as_text=True)
    assert 'aria-label="Trang tiến độ các đơn vị"' in first
    link = re.search(r'href="(/tien-do\?[^"]*trang=2[^"]*)"', first).group(1).replace("&amp;", "&")
    assert "status=not_started" in link
    assert "Đơn vị 1–25 trong" in first
    second = client.get(link, headers=htmx()).get_data(as_text=True)
    assert second.lstrip().startswith('<div id="matrix-panel">')
    assert '<option value="not_started" selected>' in second, "the filter is kept on page 2"
    assert '<strong aria-current="page">2</strong>' in second
    on_pages = _units_in(first) + _units_in(second)
    assert len(on_pages) == len(set(on_pages)) > 25
    # a change of filter starts again from page 1: the filter form carries no page
    assert 'name="trang"' not in second


def test_the_export_has_every_matching_unit_not_one_page(client, login_as):
    login_as("coordinator")
    page = client.get("/tien-do?status=not_started").get_data(as_text=True)
    total = int(re.search(r"Đơn vị 1–25 trong (\d+) đơn vị", page).group(1))
    assert total > 25
    sheet = load_workbook(BytesIO(client.get("/tien-do/xuat-excel?status=not_started").data)).active
    units = [row[1] for row in sheet.iter_rows(min_row=5, values_only=True) if row[1]]
    assert len(units) == total
    assert "Xuất Excel gồm mọi đơn vị khớp bộ lọc" in page


def test_a_filter_that_finds_nothing_says_so(client, login_as):
    login_as("leadership")
    body = client.get("/tien-do?kind=mass_org&status=accepted",
                      headers=htmx()).get_data(as_text=True)
    assert "Không có đơn vị nào khớp bộ lọc." in body
    assert 'aria-label="Trang tiến độ các đơn vị"' not in body
    counters = re.search(r'id="matrix-counters".*?</section>', body, re.S).group(0)
    assert '<span class="n">0</span>' in counters


def test_a_page_past_the_last_shows_the_last(client, login_as):
    login_as("coordinator")
    body = client.get("/tien-do?kind=department&trang=99").get_data(as_text=True)
    assert "Phòng Y tế" in body


def test_a_duty_that_completes_itself_reads_done_in_the_export_as_on_the_page(client, login_as):
    """Sent to no unit, its end state reads "Đã hoàn thành" in the table and in the workbook;
    accepted work sent to a unit still reads "Đã tiếp nhận"."""
    done = _assignment("vanphong", "dieu-kien-phuc-vu")
    assert done.completes_itself
    service.set_status(done, Status.ACCEPTED, actor=user_for("office"))
    received = _assignment("yte", "bao-cao-ket-qua")
    assert not received.completes_itself
    service.set_status(received, Status.ACCEPTED, actor=user_for("coordinator"))
    db.session.commit()
    login_as("coordinator")
    page = client.get("/tien-do").get_data(as_text=True)
    assert f'{done.id}">Đã hoàn thành</a>' in page
    sheet = load_workbook(BytesIO(client.get("/tien-do/xuat-excel").data)).active
    header = [cell.value for cell in sheet[4]]
    rows = {row[1]: row for row in sheet.iter_rows(min_row=5, values_only=True)}
    column = header.index(f"{done.duty.section} {done.duty.short_title}")
    assert rows[done.unit.name][column] == "Đã hoàn thành"
    column = header.index(f"{received.duty.section} {received.duty.short_title}")
    assert rows[received.unit.name][column].startswith("Đã tiếp nhận")
