"""The mid-term report page's tables as ready strings: every cell formatted once here, in one
pass over the district's view, so that the templates only place them (a macro call or a filter
per cell cost more than the page's queries at province size)."""
from dataclasses import dataclass, field

from ..core.formatting import money, number
from .figures import fund, rate_text

# (count row, rate row, title) of the two tables by commune
POVERTY_TABLES = (("poor", "poor_rate", "Hộ nghèo"), ("near_poor", "near_poor_rate", "Hộ cận nghèo"))
GROUPS = (("department", "Phòng, ban"), ("commune", "Xã, thị trấn"))
FUND_KINDS = ("allocated", "disbursed")
NO_FUND = "–"


@dataclass
class CommuneLine:
    name: str
    cells: list[str] | None       # households, count, rate per period; None: not counted
    note: str = ""                # why it is not counted


@dataclass
class CommuneTable:
    count: str                    # "poor": the table's id is table-poor
    title: str
    lines: list[CommuneLine] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)   # the district's totals


def _period_cells(get, periods: list[str], count: str, rate: str) -> list[str]:
    cells = []
    for period in periods:
        cells += [number(get(period, "households")), number(get(period, count)),
                  rate_text(get(period, rate))]
    return cells


def commune_tables(view) -> list[CommuneTable]:
    """The households, poor (near-poor) households and rate of each commune of the page by
    period, a commune without an accepted report stated, never zero; the footer the district's
    totals."""
    periods = [code for code, _label in view.periods]
    tables = []
    for count, rate, title in POVERTY_TABLES:
        table = CommuneTable(count, title, footer=_period_cells(view.total, periods, count, rate))
        for commune in view.communes:
            if commune.accepted:
                table.lines.append(CommuneLine(commune.unit.short_name, _period_cells(
                    commune.value, periods, count, rate)))
            else:
                table.lines.append(CommuneLine(commune.unit.short_name, None,
                                               f"{commune.state_label} – không tính vào tổng"))
        tables.append(table)
    return tables


def _fund_total(project, group: str, years: list[str], source: str, kind: str) -> str:
    """The sum over the years of what was given (as the document's table); "–" when nothing
    was."""
    values = [v for year in years if (v := fund(project, group, year, source, kind)) is not None]
    return money(sum(values)) if values else NO_FUND


def project_lines(view) -> list[list[str]]:
    """One line per reported project and level (offices, communes) that reported it: the
    project, the level with its number of units, the beneficiaries, then each source's funds
    allocated and disbursed summed over the years."""
    sources = [code for code, _label in view.fund_sources]
    lines = []
    for project in view.projects:
        for group, label in GROUPS:
            units = project.units.get(group)
            if not units:
                continue
            line = [project.short_label, f"{label} ({units})",
                    number(project.beneficiaries.get(group))]
            for source in sources:
                line += [_fund_total(project, group, view.fund_years, source, kind)
                         for kind in FUND_KINDS]
            lines.append(line)
    return lines


NARRATIVE_SECTIONS = (("results", "Kết quả đạt được"), ("limitations", "Tồn tại, hạn chế"),
                      ("causes", "Nguyên nhân"), ("lessons", "Bài học kinh nghiệm"),
                      ("proposals", "Đề xuất, kiến nghị"))


def narrative_sections(view) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Per section of the units' reports: (code, label, [(unit short name, text)]) of the
    units that wrote it, in the view's order."""
    return [(code, label, [(unit.short_name, texts[code]) for unit, texts in view.narratives
                           if texts.get(code)])
            for code, label in NARRATIVE_SECTIONS]
