"""The report outline (đề cương) as data: read from webapp/reports/data/<code>.toml.

The draft of a report is a flat dict {field name: what the user typed}. Field names:
  pov.<row>.<period>                                   poverty figures (communes)
  prj.<project>.selected / .<field> / .funds_note      a project or sub-project the unit runs
  prj.<project>.fund.<year>.<source>.allocated|disbursed
  emu.<item>                                           the emulation movement (plan §VI.5)
  nar.<section>                                        narrative sections
  paper.<field>                                        discussion papers
"""
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_OUTLINE = "de-cuong-2023"
FUND_KINDS = (("allocated", "Phân bổ"), ("disbursed", "Giải ngân"))


class OutlineError(ValueError):
    pass


@dataclass(frozen=True)
class Item:
    code: str
    label: str
    kind: str = "count"           # count / rate / text / line
    unit: str = ""
    required: bool = False
    at_most: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    periods: tuple[str, ...] = ()
    hint: str = ""                # shown under the field on the form, never in a document


@dataclass(frozen=True)
class Labelled:
    code: str
    label: str


@dataclass(frozen=True)
class Outline:
    code: str
    title: str
    report_subject: str
    money_unit: str
    fund_years: tuple[str, ...]
    fund_sources: tuple[Labelled, ...]
    periods: tuple[Labelled, ...]
    poverty: tuple[Item, ...]
    project_fields: tuple[Item, ...]
    narrative: tuple[Item, ...]
    paper_fields: tuple[Item, ...]
    recipients: tuple[str, ...] = field(default=())
    movement: tuple[Item, ...] = field(default=())
    movement_title: str = ""

    def poverty_periods(self, item: Item) -> tuple[Labelled, ...]:
        return tuple(p for p in self.periods if not item.periods or p.code in item.periods)

    def poverty_row(self, code: str) -> Item:
        return next(i for i in self.poverty if i.code == code)

    def period_label(self, code: str) -> str:
        return next((p.label for p in self.periods if p.code == code), code)

    def source_label(self, code: str) -> str:
        return next((s.label for s in self.fund_sources if s.code == code), code)


def _items(rows: list[dict], where: str, default_kind: str = "count") -> tuple[Item, ...]:
    items = []
    for row in rows:
        try:
            items.append(Item(code=row["code"], label=row["label"], kind=row.get("kind", default_kind),
                              unit=row.get("unit", ""), required=bool(row.get("required", False)),
                              at_most=row.get("at_most"), numerator=row.get("numerator"),
                              denominator=row.get("denominator"),
                              periods=tuple(str(p) for p in row.get("periods", ())),
                              hint=row.get("hint", "")))
        except KeyError as exc:
            raise OutlineError(f"{where}: thiếu trường {exc}") from None
    return tuple(items)


def _read(path: Path) -> Outline:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise OutlineError(f"{path.name}: {exc}") from exc
    outline = Outline(
        code=data["code"], title=data["title"],
        report_subject=data.get("report_subject", data["title"]),
        money_unit=data.get("money_unit", "đồng"),
        fund_years=tuple(str(y) for y in data.get("fund_years", ())),
        fund_sources=tuple(Labelled(s["code"], s["label"]) for s in data.get("fund_source", [])),
        periods=tuple(Labelled(str(p["code"]), p["label"]) for p in data.get("period", [])),
        poverty=_items(data.get("poverty", []), f"{path.name} [[poverty]]"),
        project_fields=_items(data.get("project_field", []), f"{path.name} [[project_field]]"),
        narrative=_items(data.get("narrative", []), f"{path.name} [[narrative]]", "text"),
        paper_fields=_items(data.get("paper_field", []), f"{path.name} [[paper_field]]"),
        recipients=tuple(data.get("recipients", ())),
        movement=_items(data.get("movement", []), f"{path.name} [[movement]]"),
        movement_title=data.get("movement_title", ""),
    )
    codes = {i.code for i in outline.poverty}
    for item in outline.poverty:
        for ref in (item.at_most, item.numerator, item.denominator):
            if ref and ref not in codes:
                raise OutlineError(f"{path.name}: dòng {item.code!r} nhắc tới {ref!r} không có")
    return outline


@lru_cache(maxsize=8)
def _cached(path: str, mtime: float) -> Outline:
    return _read(Path(path))


def load_outline(code: str = DEFAULT_OUTLINE) -> Outline:
    path = DATA_DIR / f"{code}.toml"
    if not path.is_file():
        raise OutlineError(f"Không có đề cương {code!r}")
    return _cached(str(path), path.stat().st_mtime)
