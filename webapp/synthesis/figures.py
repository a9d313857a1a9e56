"""The district's tables, compiled from the ACCEPTED result reports only.

- District counts are sums over the communes whose report is accepted; district rates are
  recomputed from those summed counts (reports.service.accepted_figures does it), never averaged.
- A unit whose report is missing or not yet accepted is listed with its state (on pages; the
  documents show results only), never counted as zero: its row shows no figure.
"""
from dataclasses import dataclass, field

from ..core.formatting import number
from ..core.roles import UnitKind
from ..reports import queries as reports

NO_DATA = "Chưa có dữ liệu"
MISSING = "Chưa có báo cáo được tiếp nhận"


@dataclass
class CommuneRow:
    unit: object
    state_label: str
    accepted: bool
    values: dict = field(default_factory=dict)   # period -> row code -> value

    def value(self, period: str, row: str):
        return self.values.get(period, {}).get(row) if self.accepted else None


@dataclass
class ProjectRow:
    code: str
    short_label: str
    title: str
    parent_label: str
    targets: list = field(default_factory=list)       # [(unit full name, text)]
    results: list = field(default_factory=list)
    beneficiaries: dict = field(default_factory=dict)  # group -> int | None
    units: dict = field(default_factory=dict)          # group -> how many units reported it
    funds: dict = field(default_factory=dict)          # group -> year -> source -> {allocated, disbursed}

    @property
    def reported(self) -> bool:
        return any(self.units.values())


class Totals:
    """What the document's tables and the pages' view (district.DistrictView) both answer:
    the district totals (`totals`) and the owners without an accepted report (`missing`)."""
    totals: dict
    missing: list
    paged = False   # every commune listed (the document); the pages' view may show one page

    @property
    def missing_communes(self) -> list:
        return [(u, s) for u, s in self.missing if u.kind == UnitKind.COMMUNE]

    @property
    def missing_departments(self) -> list:
        return [(u, s) for u, s in self.missing if u.kind != UnitKind.COMMUNE]

    def total(self, period: str, row: str):
        return self.totals.get(period, {}).get(row)


@dataclass
class DistrictTables(Totals):
    available: bool
    note: str = ""
    periods: list = field(default_factory=list)        # [(code, label)]
    poverty_rows: list = field(default_factory=list)   # [(code, label, kind)]
    communes: list[CommuneRow] = field(default_factory=list)
    totals: dict = field(default_factory=dict)         # period -> row -> value
    totals_units: dict = field(default_factory=dict)   # period -> row -> communes counted
    missing: list = field(default_factory=list)        # [(unit, state label)] all report owners
    projects: list[ProjectRow] = field(default_factory=list)
    fund_years: list = field(default_factory=list)
    fund_sources: list = field(default_factory=list)   # [(code, label)]
    beneficiaries_unit: str = ""                       # the outline's unit ("người")
    accepted_count: int = 0
    owners_count: int = 0
    narratives: list = field(default_factory=list)      # [(unit, {section code: text})]
    # the emulation movement as the units reported it (accepted reports)
    movement_items: list = field(default_factory=list)  # outline items
    movement_rows: list = field(default_factory=list)   # [(unit, {item code: value})]
    movement_totals: dict = field(default_factory=dict)  # item code -> total or None

    @property
    def communes_accepted(self) -> int:
        return sum(1 for c in self.communes if c.accepted)

    @property
    def communes_total(self) -> int:
        return len(self.communes)



def district_tables(plan) -> DistrictTables:
    if plan is None:
        return DistrictTables(False, note=f"{NO_DATA}: chưa có kế hoạch.")
    df = reports.accepted_figures(plan)
    outline = df.outline
    states = {unit_id: reports.STATE_LABELS[state] for unit_id, state in df.states.items()}
    accepted_ids = {u.unit.id for u in df.accepted}
    by_unit = {u.unit.id: u for u in df.accepted}
    tables = DistrictTables(
        True,
        periods=[(p.code, p.label) for p in outline.periods],
        poverty_rows=[(i.code, i.label, i.kind) for i in outline.poverty
                      if not i.periods],  # rows that exist for every period
        totals=df.poverty, totals_units=df.poverty_units,
        missing=[(u, states.get(u.id, MISSING)) for u in df.missing],
        fund_years=[str(y) for y in outline.fund_years],
        fund_sources=[(s.code, s.label) for s in outline.fund_sources],
        beneficiaries_unit=next((i.unit for i in outline.project_fields
                                 if i.code == "beneficiaries"), ""),
        accepted_count=len(df.accepted), owners_count=len(df.accepted) + len(df.missing))
    in_order = sorted(df.accepted, key=lambda u: u.unit.position)
    tables.narratives = [(u.unit, u.figures.get("narrative", {})) for u in in_order]
    tables.movement_items = list(outline.movement)
    tables.movement_rows = [(u.unit, u.figures.get("movement", {})) for u in in_order
                            if any(v not in (None, "") for v in u.figures.get("movement", {}).values())]
    tables.movement_totals = df.movement
    owners = [u.unit for u in df.accepted] + list(df.missing)
    communes = sorted((u for u in owners if u.kind == UnitKind.COMMUNE), key=lambda u: u.position)
    for unit in communes:
        accepted = unit.id in accepted_ids
        tables.communes.append(CommuneRow(
            unit, "Đã tiếp nhận" if accepted else states.get(unit.id, MISSING), accepted,
            by_unit[unit.id].figures.get("poverty", {}) if accepted else {}))

    for ref in reports.program_projects():
        row = ProjectRow(ref.code, ref.short_label, ref.title, ref.parent_label)
        for group in ("department", "commune"):
            total = df.projects.get(group, {}).get(ref.code)
            row.units[group] = total["units"] if total else 0
            row.beneficiaries[group] = total["beneficiaries"] if total else None
            row.funds[group] = total["funds"] if total else {}
        for u in sorted(df.accepted, key=lambda u: u.unit.position):
            entry = u.figures.get("projects", {}).get(ref.code)
            if not entry:
                continue
            if entry.get("target"):
                row.targets.append((u.unit.name, entry["target"]))
            if entry.get("result"):
                row.results.append((u.unit.name, entry["result"]))
        tables.projects.append(row)
    return tables


def fund(row: ProjectRow, group: str, year: str, source: str, kind: str):
    return row.funds.get(group, {}).get(str(year), {}).get(source, {}).get(kind)


def fund_total(row: ProjectRow, group: str, kind: str):
    """Sum over years and sources of what was given; None when nothing was."""
    values = [cell.get(kind) for by_source in row.funds.get(group, {}).values()
              for cell in by_source.values() if cell.get(kind) is not None]
    return sum(values) if values else None


def rate_text(value) -> str:
    return "" if value is None else f"{number(value, decimals=2)}%"


# --- the automatic summary of the figures ----------------------------------------------------

def period_figures(tables: DistrictTables, period: str) -> str:
    """"1.435 hộ nghèo (tỷ lệ 5,58%), 1.650 hộ cận nghèo (tỷ lệ 6,42%)"; "" without figures."""
    poor, rate = tables.total(period, "poor"), tables.total(period, "poor_rate")
    near, near_rate = tables.total(period, "near_poor"), tables.total(period, "near_poor_rate")
    if poor is None:
        return ""
    text = f"{number(poor)} hộ nghèo"
    if rate is not None:
        text += f" (tỷ lệ {rate_text(rate)})"
    if near is not None:
        text += f", {number(near)} hộ cận nghèo"
        if near_rate is not None:
            text += f" (tỷ lệ {rate_text(near_rate)})"
    return text


NAMES_AT_MOST = 12   # at province size (paged), the summary names the first ones only


def _names(units: list, paged: bool, others: str = "đơn vị") -> str:
    names = [u.short_name for u, _s in units]
    if not paged or len(names) <= NAMES_AT_MOST:
        return ", ".join(names)
    return ", ".join(names[:NAMES_AT_MOST - 2]) + f" và {len(names) - NAMES_AT_MOST + 2} {others} khác"


def poverty_summary(tables) -> list[str]:
    """Sentences stating the district figures and who is not counted (never as zero), of the
    district's tables (figures.DistrictTables or district.DistrictView)."""
    if not tables.available:
        return [tables.note]
    total_communes = tables.communes_total
    counted = tables.communes_accepted
    lines = []
    if counted == 0:
        lines.append(f"Chưa có báo cáo kết quả nào của {total_communes} xã, thị trấn được tiếp "
                     "nhận: chưa tổng hợp được số liệu hộ nghèo, hộ cận nghèo toàn huyện.")
    else:
        parts = [f"{label.lower()}: {figures}" for code, label in tables.periods
                 if (figures := period_figures(tables, code))]
        lines.append(f"Tổng hợp từ báo cáo đã được tiếp nhận của {counted}/{total_communes} xã, "
                     f"thị trấn: " + "; ".join(parts) + ". Tỷ lệ toàn huyện tính từ tổng số hộ "
                     "của các xã, thị trấn này.")
    missing = tables.missing_communes
    if missing:
        names = _names(missing, tables.paged, "xã, thị trấn")
        lines.append(f"Chưa có báo cáo được tiếp nhận ({len(missing)} xã, thị trấn, không tính "
                     f"vào số liệu trên): {names}.")
    departments = tables.missing_departments
    if departments:
        lines.append("Phòng, ban chưa có báo cáo được tiếp nhận: "
                     + _names(departments, tables.paged) + ".")
    return lines
