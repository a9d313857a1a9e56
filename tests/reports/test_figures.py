"""Reading Vietnamese numbers and checking the figures of a report (no database)."""
from decimal import Decimal

import pytest

from webapp.reports import figures as fig
from webapp.reports.outline import load_outline

PROJECTS = [fig.ProjectRef("DA2", "Dự án 2", "Đa dạng hóa sinh kế")]


@pytest.mark.parametrize("text, whole, expected", [
    ("1.234", True, 1234), ("1.234.567", True, 1234567), ("  12 ", True, 12), ("1 234", True, 1234),
    ("12,5", False, Decimal("12.5")), ("1.234,5", False, Decimal("1234.5")),
    ("12.5", False, Decimal("12.5")), ("", True, None), ("0", True, 0),
])
def test_numbers_typed_the_vietnamese_way(text, whole, expected):
    assert fig.parse_number(text, whole=whole) == expected


@pytest.mark.parametrize("text, whole, message", [
    ("12,5", True, "số nguyên"), ("-3", True, "không được âm"), ("abc", True, "Không đọc được"),
    ("1.23", True, "Không đọc được"), ("1,2,3", False, "Không đọc được"),
])
def test_bad_numbers_get_a_vietnamese_message(text, whole, message):
    with pytest.raises(fig.NumberError, match=message):
        fig.parse_number(text, whole=whole)


def _check(raw, **kw):
    return fig.parse_result(load_outline(), raw, is_commune=True, projects=PROJECTS, **kw)


def test_rates_are_computed_from_counts_and_a_typed_rate_that_disagrees_is_flagged():
    checked = _check({"pov.households.2021": "1.234", "pov.poor.2021": "50",
                      "pov.poor_rate.2021": "4,5", "pov.near_poor.2021": "37",
                      "pov.near_poor_rate.2021": "3"})
    assert checked.figures["poverty"]["2021"]["poor_rate"] == 4.05
    assert checked.computed["pov.poor_rate.2021"] == "4,05%"
    assert "4,05%" in checked.warnings["pov.poor_rate.2021"]
    assert "pov.near_poor_rate.2021" not in checked.warnings, "3 is 2,998% rounded"
    assert checked.ok


def test_poor_households_cannot_exceed_all_households_and_rates_stay_within_100():
    checked = _check({"pov.households.2022": "100", "pov.poor.2022": "120",
                      "pov.poor_rate.2022": "120"})
    assert "không được lớn hơn tổng số hộ dân cư (100)" in checked.errors["pov.poor.2022"]
    assert checked.errors["pov.poor_rate.2022"] == "Tỷ lệ phải từ 0 đến 100%."


def test_disbursed_above_allocated_needs_an_explanation():
    raw = {"prj.DA2.selected": "1", "prj.DA2.fund.2023.local.allocated": "100.000",
           "prj.DA2.fund.2023.local.disbursed": "120.000"}
    assert "ghi giải trình" in _check(raw).errors["prj.DA2.fund.2023.local.disbursed"]
    explained = _check({**raw, "prj.DA2.funds_note": "Bổ sung từ nguồn kết dư năm 2022"})
    assert explained.ok
    assert explained.figures["projects"]["DA2"]["funds"]["2023"]["local"] == {
        "allocated": 100000, "disbursed": 120000}


def test_required_fields_only_count_at_submission():
    assert _check({}).ok, "a draft may be incomplete"
    checked = _check({}, for_submit=True)
    assert checked.errors["pov.households.2021"] == "Mục này bắt buộc trước khi nộp."
    assert "nar.results" in checked.errors
    assert "pov.escaped.2021" not in fig.field_names(load_outline(), kind="result", is_commune=True,
                                                     projects=PROJECTS), "no 2021 row for it"


def test_a_project_not_selected_is_ignored():
    checked = _check({"prj.DA2.beneficiaries": "abc"})
    assert checked.ok and checked.figures["projects"] == {}
