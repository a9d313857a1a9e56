"""The district tables come from ACCEPTED reports only: missing or not-accepted units are listed
as such (never zero), district rates are recomputed from the summed counts (never averaged),
project funds are summed by source with departments and communes kept apart."""
import pytest

from webapp.plan.loader import current_plan
from webapp.synthesis.figures import district_tables, fund, poverty_summary

from ..conftest import user_for
from .factories import commune_raw, project_raw, report


@pytest.fixture
def reports_in(app, make_user):
    coordinator = user_for("coordinator")
    _users_clear()
    # Bình Chánh: 10 % poor in 2021; Bình Long: 2 %; their average would be 6 %.
    report("binh-chanh", commune_raw([1000, 1000, 1000], [100, 80, 60], [50, 50, 40],
                                     **project_raw("DA4.TDA3", 40, 60_000_000, 30_000_000)),
           make_user, coordinator)
    report("binh-long", commune_raw([3000, 3000, 3000], [60, 50, 40], [150, 120, 90],
                                    **project_raw("DA4.TDA3", 25, 40_000_000, 35_000_000)),
           make_user, coordinator)
    # Bình An submitted but not yet accepted; Bình Châu returned: neither is counted.
    report("binh-an", commune_raw([9000, 9000, 9000], [900, 900, 900], [1, 1, 1]), make_user,
           coordinator, accept=None)
    report("binh-chau", commune_raw([5000, 5000, 5000], [500, 500, 500], [1, 1, 1]), make_user,
           coordinator, accept=False)
    # A department's project funds are kept apart from the communes'.
    report("nnptnt", {"nar.results": "Kết quả.", **project_raw("DA4.TDA3", 7, 900_000_000,
                                                                 800_000_000)},
           make_user, coordinator)
    return current_plan()


def _users_clear():
    from . import factories
    factories._users.clear()


def test_district_rates_are_recomputed_from_summed_counts(reports_in):
    tables = district_tables(reports_in)
    assert tables.available and tables.communes_accepted == 2
    assert tables.total("2021", "poor") == 160
    assert tables.total("2021", "households") == 4000
    assert tables.total("2021", "poor_rate") == 4.0, "160/4000, not the average 6 %"
    assert tables.total("2023", "near_poor") == 130
    assert tables.total("2023", "near_poor_rate") == 3.25


def test_units_not_accepted_are_listed_never_counted_as_zero(reports_in):
    tables = district_tables(reports_in)
    rows = {c.unit.code: c for c in tables.communes}
    assert len(rows) == 22
    assert rows["binh-an"].accepted is False and rows["binh-an"].value("2021", "poor") is None
    assert rows["binh-an"].state_label == "Đã nộp đúng hạn"
    assert rows["binh-chau"].state_label == "Yêu cầu bổ sung"
    assert rows["binh-hai"].state_label == "Chưa thực hiện"
    missing = {u.code: state for u, state in tables.missing}
    assert {"binh-an", "binh-chau", "binh-hai", "vhtt"} <= set(missing)
    assert "binh-chanh" not in missing and "nnptnt" not in missing
    text = " ".join(poverty_summary(tables))
    assert "2/22 xã, thị trấn" in text and "Bình An" in text
    assert "cuối năm 2021: 160 hộ nghèo (tỷ lệ 4,00%)" in text


def test_project_funds_by_source_departments_apart(reports_in):
    tables = district_tables(reports_in)
    row = next(p for p in tables.projects if p.code == "DA4.TDA3")
    assert fund(row, "commune", "2023", "central", "allocated") == 100_000_000
    assert fund(row, "commune", "2023", "central", "disbursed") == 65_000_000
    assert row.beneficiaries == {"commune": 65, "department": 7}
    assert fund(row, "department", "2023", "central", "allocated") == 900_000_000
    assert row.units == {"commune": 2, "department": 1}
    assert ("Xã Bình Chánh", "Mục tiêu DA4.TDA3") in row.targets


def test_without_accepted_reports_nothing_is_invented(app):
    tables = district_tables(current_plan())
    assert tables.communes_accepted == 0 and tables.total("2021", "poor") is None
    assert all(not c.accepted for c in tables.communes)
    assert "Chưa có báo cáo kết quả nào" in poverty_summary(tables)[0]
