"""The mid-term report page's tables (their cells formatted once in Python, synthesis/cells.py)
show, cell for cell, the figures the district report document computes by another road
(reports.accepted_figures through figures.district_tables): every commune's households, poor
and near-poor households and rates per period, the district totals, and each reported project's
beneficiaries and funds by source, departments apart from communes."""
import re

import pytest

from webapp.core.formatting import money, number
from webapp.plan.loader import current_plan
from webapp.synthesis.figures import district_tables, fund, rate_text

from ..conftest import user_for
from . import factories
from .factories import commune_raw, project_raw, report


@pytest.fixture
def plan(app, make_user):
    factories._users.clear()
    coordinator = user_for("coordinator")
    report("binh-chanh", commune_raw(
        [1000, 1010, 1020], [100, 80, 61], [50, 50, 40],
        **project_raw("DA4.TDA3", 40, 60_000_000, 30_000_000),
        **project_raw("DA2", 12, 5_000_000, 4_000_000, year="2022", source="local")),
        make_user, coordinator)
    report("binh-long", commune_raw(
        [3000, 3000, 3001], [60, 50, 41], [150, 120, 90],
        **project_raw("DA4.TDA3", 25, 40_000_000, 35_000_000, year="2022")),
        make_user, coordinator)
    report("binh-an", commune_raw([9000] * 3, [900] * 3, [1] * 3), make_user, coordinator,
           accept=None)   # submitted, not accepted: listed, never counted
    report("nnptnt", {"nar.results": "Kết quả.",
                      **project_raw("DA4.TDA3", 7, 900_000_000, 800_000_000)},
           make_user, coordinator)
    return current_plan()


def _rows(page: str, table_id: str, part: str = "tbody") -> list[list[str]]:
    body = re.search(rf'<table class="district-table" id="{table_id}">.*?<{part}>(.*?)</{part}>',
                     page, re.S).group(1)
    return [[re.sub(r"\s+", " ", cell).strip()
             for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def _period_cells(get, periods, count, rate) -> list[str]:
    return [cell for p, _label in periods
            for cell in (number(get(p, "households")), number(get(p, count)),
                         rate_text(get(p, rate)))]


@pytest.mark.parametrize("role", ["coordinator", "leadership"])
def test_the_tables_by_commune_show_the_documents_figures(plan, client, login_as, role):
    login_as(role)
    page = client.get("/tong-hop/so-ket").get_data(as_text=True)
    tables = district_tables(plan)
    for count, rate in (("poor", "poor_rate"), ("near_poor", "near_poor_rate")):
        expected = [[c.unit.short_name, *(_period_cells(c.value, tables.periods, count, rate)
                                          if c.accepted else
                                          [f"{c.state_label} – không tính vào tổng"])]
                    for c in tables.communes]
        assert _rows(page, f"table-{count}") == expected
        assert _rows(page, f"table-{count}", "tfoot") == [
            ["Toàn huyện (2/22)", *_period_cells(tables.total, tables.periods, count, rate)]]
    rows = {row[0]: row for row in _rows(page, "table-poor")}
    # Bình Chánh 2023: 61 of 1,020 households; the district 102 of 4,021 (not the average)
    assert rows["Bình Chánh"][7:10] == ["1.020", "61", "5,98%"]
    assert _rows(page, "table-poor", "tfoot")[0][7:10] == ["4.021", "102", "2,54%"]
    assert rows["Bình An"] == ["Bình An", "Đã nộp đúng hạn – không tính vào tổng"]


def test_the_projects_table_shows_the_documents_totals_by_source(plan, client, login_as):
    login_as("coordinator")
    page = client.get("/tong-hop/so-ket").get_data(as_text=True)
    tables = district_tables(plan)
    expected = []
    for project in tables.projects:
        for group, label in (("department", "Phòng, ban"), ("commune", "Xã, thị trấn")):
            if not project.units.get(group):
                continue
            line = [project.short_label, f"{label} ({project.units[group]})",
                    number(project.beneficiaries.get(group))]
            for source, _label in tables.fund_sources:
                for kind in ("allocated", "disbursed"):
                    given = [v for y in tables.fund_years
                             if (v := fund(project, group, y, source, kind)) is not None]
                    line.append(money(sum(given)) if given else "–")
            expected.append(line)
    assert _rows(page, "table-projects") == expected
    lines = {(line[0], line[1]): line for line in expected}
    # the communes' sub-project 3 of project 4: 2023 and 2022 central funds summed
    assert lines[("Tiểu dự án 3 - Dự án 4", "Xã, thị trấn (2)")][2:5] == [
        "65", "100.000.000", "65.000.000"]
    assert lines[("Tiểu dự án 3 - Dự án 4", "Phòng, ban (1)")][3] == "900.000.000"
    assert lines[("Dự án 2", "Xã, thị trấn (1)")][5:7] == ["5.000.000", "4.000.000"]
