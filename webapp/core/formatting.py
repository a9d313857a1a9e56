"""How dates and money look on pages and in documents (Vietnamese conventions)."""
from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, Context, Decimal

from . import clock


def ddmmyyyy(value) -> str:
    """Pages show dates dd/mm/yyyy."""
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y")


def ddmmyyyy_hhmm(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.strftime("%H:%M %d/%m/%Y")


def document_date(place: str, value: date | None, *, year: int | None = None) -> str:
    """Nghị định 30 form: "Bình Sơn, ngày 05 tháng 9 năm 2023" (leading 0 for days < 10 and
    months 1-2 only). Babel's Vietnamese format is not this, hence by hand.

    Without a date (a paper the văn thư dates when it is signed) the day and month are left
    blank and the year is printed: `year`, or this year ("ngày      tháng      năm 2023")."""
    if value is None:
        return f"{place}, ngày      tháng      năm {year or clock.today().year}"
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"{place}, ngày {value.day:02d} tháng {month} năm {value.year}"


_VI_SEPARATORS = str.maketrans(",.", ".,")
_EXPONENTS = {n: Decimal(1).scaleb(-n) for n in range(7)}
_WIDE = Context(prec=80)   # room for every digit of a large figure and its decimals


def number(value, decimals: int = 0) -> str:
    """1234567.891 -> "1.234.567,89" with decimals=2: dot thousands, comma decimals, exactly
    what Babel's vi_VN format_decimal("#,##0.00") prints (the value's text rounded half to
    even, "-0" kept), without Babel's ~1 ms a call: pages format thousands of figures."""
    if value is None:
        return ""
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    exponent = _EXPONENTS.get(decimals) or Decimal(1).scaleb(-decimals)
    rounded = exact.quantize(exponent, rounding=ROUND_HALF_EVEN, context=_WIDE)
    return f"{rounded:,.{decimals}f}".translate(_VI_SEPARATORS)


def money(amount: int | None) -> str:
    """19440000 -> "19.440.000" (dot thousands), of the amount's whole đồng."""
    if amount is None:
        return ""
    return number(int(amount))


_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _three_digits(n: int, full: bool) -> list[str]:
    """Words for 0..999; `full` keeps "không trăm" / "linh" for an inner group."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and (hundreds or full):
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        elif units == 4 and tens >= 2:
            words.append("tư")
        else:
            words.append(_DIGITS[units])
    return words


def amount_in_words(amount: int, unit: str = "đồng") -> str:
    """1080000 -> "Một triệu không trăm tám mươi nghìn đồng" (capital first letter; inner
    groups keep "không trăm", which num2words' Vietnamese drops)."""
    amount = int(amount)
    if not 0 <= amount < 10**12:
        raise ValueError("amount_in_words handles 0 to under one thousand billion")
    if amount == 0:
        return f"Không {unit}"
    scales = ["", "nghìn", "triệu", "tỷ"]
    groups: list[int] = []
    while amount:
        amount, group = divmod(amount, 1000)
        groups.append(group)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        words += _three_digits(group, full=index != len(groups) - 1)
        if scales[index]:
            words.append(scales[index])
    text = " ".join(words + [unit])
    return text[0].upper() + text[1:]
