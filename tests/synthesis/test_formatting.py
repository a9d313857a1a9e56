"""The number formatter every table uses (webapp.core.formatting) prints exactly what Babel's
Vietnamese format prints, without its cost; a paper dated later keeps its year."""
import random
from datetime import date
from decimal import Decimal

import pytest
from babel.numbers import format_decimal

from webapp.core.formatting import document_date, money, number


def _babel(value, decimals: int) -> str:
    pattern = "#,##0" if decimals == 0 else "#,##0." + "0" * decimals
    return format_decimal(value, format=pattern, locale="vi_VN")


FIXED = [0, 1, -1, 7, 999, 1000, -1000, 12345, 999_999, 1_000_000, 19_440_000, -1_234_567,
         10**12, 123456789012345678, 0.0, -0.0, -0.4, 0.5, 1.5, 2.5, -2.5, 0.005, 0.015, 0.025,
         1e-7, 12.345, 5.575, 5.585, 99.995, 1234.5678, -1234567.891, 1e16, 3.0, 2 / 3,
         Decimal("5.555"), Decimal("-0.001"), Decimal("1234567.005")]


@pytest.mark.parametrize("decimals", [0, 1, 2, 3])
def test_number_is_what_babel_prints_for_fixed_values(decimals):
    for value in FIXED:
        assert number(value, decimals=decimals) == _babel(value, decimals), value


def test_number_is_what_babel_prints_for_many_random_values():
    rng = random.Random(2023)
    values = ([rng.randint(-10**9, 10**9) for _ in range(400)]
              + [rng.uniform(-10**6, 10**6) for _ in range(400)]
              + [round(rng.uniform(0, 100), rng.randint(0, 4)) for _ in range(400)]
              + [rng.randint(0, 10**5) / 1000 for _ in range(400)])
    for value in values:
        for decimals in (0, 2):
            assert number(value, decimals=decimals) == _babel(value, decimals), value


def test_money_and_the_examples_of_the_design():
    assert money(19440000) == "19.440.000"
    assert money(540000.0) == "540.000"
    assert money(0) == "0"
    assert money(None) == "" and number(None) == ""
    assert number(5.58, decimals=2) == "5,58"
    assert number(-1234567.891, decimals=2) == "-1.234.567,89"
    # Babel cannot round a figure of 31 digits to 2 decimals; this one can
    assert number(1e30, decimals=2) == "1" + ".000" * 10 + ",00"


def test_a_paper_without_a_date_keeps_the_year():
    assert document_date("Bình Sơn", None, year=2023) == "Bình Sơn, ngày      tháng      năm 2023"
    dated = document_date("Bình Sơn", date(2023, 2, 1))
    assert dated == "Bình Sơn, ngày 01 tháng 02 năm 2023"


def test_a_paper_without_a_date_or_year_takes_this_year(app):
    app.config["TODAY"] = "2024-03-09"
    assert document_date("Bình Sơn", None) == "Bình Sơn, ngày      tháng      năm 2024"
