"""Reading and checking what a unit typed in its report, field by field.

Numbers are typed the Vietnamese way: "1.234" (dot thousands), "12,5" (decimal comma);
"1 234" and a lone decimal point in a rate ("12.5") are understood too. Nothing here touches
the database: parse() turns the raw draft into figures, errors and warnings per field.
"""
import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..core.formatting import number as format_number
from .outline import FUND_KINDS, Outline

TEXT_MAX = 20_000
LINE_MAX = 255
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")
_PLAIN = re.compile(r"^\d+$")
_DECIMAL = re.compile(r"^\d+[.,]\d+$")


class NumberError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def parse_number(text: str | None, *, whole: bool) -> int | Decimal | None:
    """"1.234" -> 1234, "12,5" -> Decimal("12.5"), "" -> None; NumberError with a Vietnamese
    message otherwise."""
    value = (text or "").strip().replace("\u00a0", " ").replace(" ", "")
    if not value:
        return None
    negative = value.startswith("-")
    if negative or value.startswith("+"):
        value = value[1:]
    if "," in value:
        whole_part, _, fraction = value.partition(",")
        if "," in fraction or not re.fullmatch(r"\d+", fraction or "x"):
            raise NumberError("Không đọc được số này. Viết như 1.234 hoặc 12,5.")
        if not (_PLAIN.match(whole_part) or _GROUPED.match(whole_part)):
            raise NumberError("Không đọc được số này. Viết như 1.234 hoặc 12,5.")
        result = Decimal(whole_part.replace(".", "") + "." + fraction)
    elif _PLAIN.match(value) or _GROUPED.match(value):
        result = Decimal(value.replace(".", ""))
    elif not whole and _DECIMAL.match(value):
        result = Decimal(value)
    else:
        raise NumberError("Không đọc được số này. Viết như 1.234 hoặc 12,5.")
    if negative and result != 0:
        raise NumberError("Số liệu không được âm.")
    if whole:
        if result != result.to_integral_value():
            raise NumberError("Nhập số nguyên (không có phần thập phân).")
        return int(result)
    return result


def show_number(value) -> str:
    """Vietnamese display: 1234 -> "1.234", 12.5 -> "12,5"."""
    if value is None or value == "":
        return ""
    if isinstance(value, int):
        return format_number(value)
    d = Decimal(str(value)).normalize()
    decimals = max(0, -d.as_tuple().exponent)
    return format_number(d, decimals=min(decimals, 2))


def show_rate(value) -> str:
    return "" if value is None else f"{show_number(value)}%"


@dataclass
class Checked:
    figures: dict
    errors: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)
    computed: dict[str, str] = field(default_factory=dict)   # rate field -> "4,05%"

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class ProjectRef:
    code: str
    short_label: str
    title: str
    parent_label: str = ""
    led: bool = False


def _text(raw: dict, name: str, errors: dict, limit: int = TEXT_MAX) -> str:
    value = (raw.get(name) or "").strip()
    if len(value) > limit:
        errors[name] = f"Tối đa {show_number(limit)} ký tự (đang có {show_number(len(value))})."
    return value


def _count(raw: dict, name: str, errors: dict) -> int | None:
    try:
        return parse_number(raw.get(name), whole=True)
    except NumberError as exc:
        errors[name] = exc.message
        return None


def rate_of(numerator, denominator) -> float | None:
    """Rates are always computed from counts (never typed, never averaged)."""
    if numerator is None or not denominator:
        return None
    return round(numerator * 100 / denominator, 2)


def _required(name: str, raw: dict, errors: dict) -> None:
    if not (raw.get(name) or "").strip() and name not in errors:
        errors[name] = "Mục này bắt buộc trước khi nộp."


def parse_result(outline: Outline, raw: dict, *, is_commune: bool, projects: list[ProjectRef],
                 for_submit: bool = False) -> Checked:
    errors: dict[str, str] = {}
    warnings: dict[str, str] = {}
    computed: dict[str, str] = {}
    figures: dict = {"poverty": {}, "projects": {}, "movement": {}, "narrative": {}}

    if is_commune:
        for period in outline.periods:
            values: dict = {}
            counts = [i for i in outline.poverty if i.kind == "count"
                      and period in outline.poverty_periods(i)]
            for item in counts:
                name = f"pov.{item.code}.{period.code}"
                values[item.code] = _count(raw, name, errors)
                if for_submit and item.required:
                    _required(name, raw, errors)
            for item in counts:
                name = f"pov.{item.code}.{period.code}"
                limit = values.get(item.at_most) if item.at_most else None
                if values[item.code] is not None and limit is not None and values[item.code] > limit:
                    other = outline.poverty_row(item.at_most)
                    errors[name] = (f"{item.label} ({show_number(values[item.code])}) không được lớn "
                                    f"hơn {other.label.lower()} ({show_number(limit)}).")
            for item in outline.poverty:
                if item.kind != "rate" or period not in outline.poverty_periods(item):
                    continue
                name = f"pov.{item.code}.{period.code}"
                rate = rate_of(values.get(item.numerator), values.get(item.denominator))
                values[item.code] = rate
                computed[name] = show_rate(rate)
                _check_typed_rate(raw, name, rate, errors, warnings)
            figures["poverty"][period.code] = values

    for project in projects:
        prefix = f"prj.{project.code}"
        if raw.get(f"{prefix}.selected") != "1":
            continue
        entry: dict = {"funds": {}}
        for item in outline.project_fields:
            name = f"{prefix}.{item.code}"
            entry[item.code] = (_count(raw, name, errors) if item.kind == "count"
                                else _text(raw, name, errors))
        note_name = f"{prefix}.funds_note"
        entry["funds_note"] = _text(raw, note_name, errors)
        for year in outline.fund_years:
            entry["funds"][year] = {}
            for source in outline.fund_sources:
                cell = {kind: _count(raw, f"{prefix}.fund.{year}.{source.code}.{kind}", errors)
                        for kind, _label in FUND_KINDS}
                entry["funds"][year][source.code] = cell
                disbursed_name = f"{prefix}.fund.{year}.{source.code}.disbursed"
                if (cell["allocated"] is not None and cell["disbursed"] is not None
                        and cell["disbursed"] > cell["allocated"] and not entry["funds_note"]
                        and disbursed_name not in errors):
                    errors[disbursed_name] = (
                        f"Giải ngân ({show_number(cell['disbursed'])}) lớn hơn kinh phí phân bổ "
                        f"({show_number(cell['allocated'])}): ghi giải trình ở ô “Giải trình về "
                        f"kinh phí” của dự án này.")
        if for_submit and not any(entry.get(i.code) not in (None, "")
                                  for i in outline.project_fields):
            errors[f"{prefix}.result"] = ("Dự án đã chọn nhưng chưa có số liệu hay nội dung; "
                                          "điền kết quả hoặc bỏ chọn dự án.")
        figures["projects"][project.code] = entry

    for item in outline.movement:
        name = f"emu.{item.code}"
        figures["movement"][item.code] = (_count(raw, name, errors) if item.kind == "count"
                                          else _text(raw, name, errors))

    for item in outline.narrative:
        name = f"nar.{item.code}"
        figures["narrative"][item.code] = _text(raw, name, errors)
        if for_submit and item.required:
            _required(name, raw, errors)
    return Checked(figures, errors, warnings, computed)


def _check_typed_rate(raw: dict, name: str, rate: float | None, errors: dict,
                      warnings: dict) -> None:
    typed_text = (raw.get(name) or "").strip()
    if not typed_text:
        return
    try:
        typed = parse_number(typed_text, whole=False)
    except NumberError as exc:
        errors[name] = exc.message
        return
    if typed > 100:
        errors[name] = "Tỷ lệ phải từ 0 đến 100%."
        return
    if rate is None:
        return
    decimals = max(0, -typed.normalize().as_tuple().exponent)
    if Decimal(str(round(rate, decimals))) != typed.quantize(Decimal(1).scaleb(-decimals)):
        warnings[name] = (f"Tỷ lệ tính từ số hộ là {show_rate(rate)}; số đã nhập "
                          f"{show_rate(typed)} không khớp. Báo cáo dùng tỷ lệ tính từ số hộ.")


def parse_paper(outline: Outline, raw: dict, *, for_submit: bool = False) -> Checked:
    errors: dict[str, str] = {}
    figures: dict = {"paper": {}}
    for item in outline.paper_fields:
        name = f"paper.{item.code}"
        limit = LINE_MAX if item.kind == "line" else TEXT_MAX
        figures["paper"][item.code] = _text(raw, name, errors, limit)
        if for_submit and item.required:
            _required(name, raw, errors)
    return Checked(figures, errors)


def field_names(outline: Outline, *, kind: str, is_commune: bool,
                projects: list[ProjectRef]) -> dict[str, str]:
    """Every field the form may send, with its label for messages and comparisons."""
    names: dict[str, str] = {}
    if kind == "paper":
        for item in outline.paper_fields:
            names[f"paper.{item.code}"] = item.label
        return names
    if is_commune:
        for item in outline.poverty:
            for period in outline.poverty_periods(item):
                names[f"pov.{item.code}.{period.code}"] = f"{item.label} – {period.label}"
    for project in projects:
        prefix = f"prj.{project.code}"
        names[f"{prefix}.selected"] = f"{project.short_label}: đơn vị thực hiện"
        for item in outline.project_fields:
            names[f"{prefix}.{item.code}"] = f"{project.short_label}: {item.label}"
        for year in outline.fund_years:
            for source in outline.fund_sources:
                for fund_kind, label in FUND_KINDS:
                    names[f"{prefix}.fund.{year}.{source.code}.{fund_kind}"] = (
                        f"{project.short_label}: {label} năm {year} – {source.label}")
        names[f"{prefix}.funds_note"] = f"{project.short_label}: giải trình về kinh phí"
    for item in outline.movement:
        names[f"emu.{item.code}"] = item.label
    for item in outline.narrative:
        names[f"nar.{item.code}"] = item.label
    return names


def flat_figures(outline: Outline, figures: dict, projects: list[ProjectRef]) -> dict[str, tuple[str, str]]:
    """The figures of a version as {key: (label, shown value)}, in outline order, for the
    side-by-side comparison of two versions."""
    rows: dict[str, tuple[str, str]] = {}
    for item in outline.poverty:
        for period in outline.poverty_periods(item):
            value = figures.get("poverty", {}).get(period.code, {}).get(item.code)
            shown = show_rate(value) if item.kind == "rate" else show_number(value)
            rows[f"pov.{item.code}.{period.code}"] = (f"{item.label} – {period.label}", shown)
    for project in projects:
        entry = figures.get("projects", {}).get(project.code)
        if entry is None:
            continue
        for item in outline.project_fields:
            value = entry.get(item.code)
            rows[f"prj.{project.code}.{item.code}"] = (
                f"{project.short_label}: {item.label}",
                show_number(value) if item.kind == "count" else (value or ""))
        for year in outline.fund_years:
            for source in outline.fund_sources:
                cell = entry.get("funds", {}).get(year, {}).get(source.code, {})
                for fund_kind, label in FUND_KINDS:
                    rows[f"prj.{project.code}.fund.{year}.{source.code}.{fund_kind}"] = (
                        f"{project.short_label}: {label} năm {year} – {source.label}",
                        show_number(cell.get(fund_kind)))
        rows[f"prj.{project.code}.funds_note"] = (f"{project.short_label}: giải trình về kinh phí",
                                                 entry.get("funds_note") or "")
    for item in outline.movement:
        if "movement" in figures:
            value = figures["movement"].get(item.code)
            rows[f"emu.{item.code}"] = (item.label, show_number(value) if item.kind == "count"
                                        else (value or ""))
    for item in outline.narrative:
        if "narrative" in figures:
            rows[f"nar.{item.code}"] = (item.label, figures["narrative"].get(item.code) or "")
    for item in outline.paper_fields:
        if "paper" in figures:
            rows[f"paper.{item.code}"] = (item.label, figures["paper"].get(item.code) or "")
    return rows
