"""How dates and money look on pages and in documents (Vietnamese conventions)."""
from datetime import date, datetime

from babel.numbers import format_decimal


def ddmmyyyy(value) -> str:
    """Pages show dates dd/mm/yyyy."""
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y")


def ddmmyyyy_hhmm(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.strftime("%H:%M %d/%m/%Y")


def document_date(place: str, value: date | None) -> str:
    """Nghị định 30 form: "Bình Sơn, ngày 05 tháng 9 năm 2023" (leading 0 for days < 10 and
    months 1-2 only). Babel's Vietnamese format is not this, hence by hand."""
    if value is None:
        return f"{place}, ngày      tháng      năm"
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"{place}, ngày {value.day:02d} tháng {month} năm {value.year}"


def money(amount: int | None) -> str:
    """19440000 -> "19.440.000" (dot thousands, Vietnamese locale through Babel)."""
    if amount is None:
        return ""
    return format_decimal(int(amount), locale="vi_VN")


def number(value, decimals: int = 0) -> str:
    if value is None:
        return ""
    pattern = "#,##0" if decimals == 0 else "#,##0." + "0" * decimals
    return format_decimal(value, format=pattern, locale="vi_VN")


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
