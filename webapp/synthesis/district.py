"""The district's figures as the pages show them (the overview, the mid-term report's page):
totals computed in SQL over the ACCEPTED result reports, the communes one page at a time at
province size. The district report document still lists every commune (figures.district_tables).

A constant number of queries whatever the number of communes: the owners with their states,
the poverty totals, the projects' totals (the report page), and the communes of the page. The
statements are built once per process and shape (the plan, the page are bound parameters):
building them costs more than running them.
"""
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import Integer, and_, bindparam, case, func, literal, or_, select
from sqlalchemy.orm import aliased
from sqlalchemy.types import JSON, String

from ..core.nav_pages import Page, page_of, requested_page
from ..core.roles import UnitKind
from ..duties.models import Assignment, Duty
from ..extensions import db
from ..plan.models import ProgramProject, Unit
from ..reports import queries as reports
from ..reports.figures import rate_of
from ..reports.models import Report, ReportVersion
from ..reports.outline import DEFAULT_OUTLINE, load_outline
from ..reports.queries import accepted_version_of_report, owner_state
from .figures import MISSING, NO_DATA, CommuneRow, ProjectRow, Totals

# More communes than this (a province's districts together): the per-commune lists page.
PROVINCE_SIZE = 40
PER_PAGE = 20
SORT_ARG, FILTER_ARG = "sap-xep", "loc"
SORTS = {"": "Theo thứ tự đơn vị", "ty-le-cao": "Tỷ lệ hộ nghèo cao nhất trước",
         "ty-le-thap": "Tỷ lệ hộ nghèo thấp nhất trước"}
FILTERS = {"": "Tất cả xã, thị trấn", "chua-tiep-nhan": "Chưa có báo cáo được tiếp nhận",
           "da-tiep-nhan": "Đã có báo cáo được tiếp nhận"}
RESULT = "result_report"
COMMUNE = UnitKind.COMMUNE.value   # compared with every owner's kind: a str, not the enum


class UnitRef(NamedTuple):
    """What the pages print of a report owner (a named tuple: hundreds are made a request)."""
    id: int
    name: str
    short_name: str
    kind: str
    position: int


@dataclass
class DistrictView(Totals):
    available: bool
    note: str = ""
    periods: list = field(default_factory=list)            # [(code, label)]
    totals: dict = field(default_factory=dict)             # period -> row -> value
    totals_units: dict = field(default_factory=dict)       # period -> row -> units counted
    communes: list[CommuneRow] = field(default_factory=list)   # the communes of this page
    communes_total: int = 0
    communes_accepted: int = 0
    missing: list = field(default_factory=list)            # [(UnitRef, state label)] every owner
    narratives: list = field(default_factory=list)         # [(UnitRef, {section: text})]
    projects: list[ProjectRow] = field(default_factory=list)
    fund_years: list = field(default_factory=list)
    fund_sources: list = field(default_factory=list)
    paged: bool = False                                    # province size: one page of communes
    page: Page | None = None
    sort: str = ""
    filter: str = ""
    shown: int = 0                                         # communes through every page

    @property
    def args(self) -> dict:
        """The URL's sort and filter, kept by every page link."""
        return {k: v for k, v in ((SORT_ARG, self.sort), (FILTER_ARG, self.filter)) if v}

    @property
    def sort_label(self) -> str:
        return SORTS[self.sort]

    @property
    def filter_label(self) -> str:
        return FILTERS[self.filter]


PLAN = bindparam("plan_id", type_=Integer)


def rows_of(statement, params: dict):
    """The rows of a Core statement (columns, no entities) through the session's connection,
    in its transaction: without the ORM's per-row loading, which made a few hundred rows cost
    twice the statement. Flushed first, as the session's own execute would."""
    db.session.flush()
    return db.session.connection().execute(statement, params)


def _owners_base(*columns, versions: bool = False):
    """Every owner of a result report of the plan (`plan_id`), with (outer join) its report
    and, with `versions`, the report's accepted version."""
    query = (select(*columns).select_from(Assignment)
             .join(Duty, Assignment.duty_id == Duty.id)
             .join(Unit, Assignment.unit_id == Unit.id)
             .outerjoin(Report, Report.assignment_id == Assignment.id))
    if versions:
        query = query.outerjoin(ReportVersion, accepted_version_of_report())
    return query.where(Duty.plan_id == PLAN, Duty.deliverable == RESULT)


ACCEPTED = Report.accepted_number.is_not(None)


def _unit_columns():
    return (Unit.id, Unit.name, Unit.short_name, Unit.kind, Unit.position)


def _accepted(*columns):
    """`columns` of every accepted result report of the plan (`plan_id`)."""
    return _owners_base(*columns).where(ACCEPTED)


# The poverty rows the pages show (the tables by commune, the summary, the charts): the
# district totals of the outline's other rows (escaped, new poor…) are the document's only.
SHOWN_POVERTY = ("households", "poor", "poor_rate", "near_poor", "near_poor_rate")


@lru_cache(maxsize=8)
def _poverty_statement(outline):
    """The one aggregate of the poverty rows the pages show, one result row per period, and
    what each column pair or triple is. Each kept JSON is unnested once with json_each and
    each count read once per unit and period into a materialized CTE (inlined, a rate's
    counts were read again for each of its sums and its test): built once per outline (the
    statement's SQL is then SQLAlchemy's cached compile)."""
    items = [item for item in outline.poverty
             if item.code in SHOWN_POVERTY and item.kind in ("count", "rate")]
    codes = sorted({code for item in items for code in (
        (item.code,) if item.kind == "count" else (item.numerator, item.denominator))})
    if not codes:
        return None, ()
    kept = _accepted(Report.accepted_poverty.label("j")).cte("accepted_poverty")
    period = func.json_each(kept.c.j).table_valued(
        db.column("key", String), db.column("value", JSON)).alias("period")
    figures = (select(period.c.key.label("period"),
                      *(period.c.value[code].as_integer().label(f"n_{code}") for code in codes))
               .select_from(kept).join(period, literal(True))
               .cte("poverty_figures").prefix_with("MATERIALIZED"))
    columns, keys = [], []
    for item in items:
        if item.kind == "count":
            value = figures.c[f"n_{item.code}"]
            columns += [func.sum(value), func.count(value)]
            keys.append((item, 2))
        else:
            num, den = figures.c[f"n_{item.numerator}"], figures.c[f"n_{item.denominator}"]
            both = and_(num.is_not(None), den.is_not(None), den != 0)
            columns += [func.sum(case((both, num))), func.sum(case((both, den))),
                        func.count(case((both, 1)))]
            keys.append((item, 3))
    return select(figures.c.period, *columns).group_by(figures.c.period), tuple(keys)


def _poverty_totals(plan, outline) -> tuple[dict, dict]:
    """The shown rows: counts summed and rates recomputed from the summed counts (only units
    that gave both counts of a rate enter it), in one aggregate over the accepted reports' kept
    figures; a figure the outline asks for a period and no unit gave is None (0 units)."""
    statement, keys = _poverty_statement(outline)
    rows = ({row[0]: row[1:] for row in rows_of(statement, {"plan_id": plan.id})}
            if statement is not None else {})
    totals: dict = {p.code: {} for p in outline.periods}
    units: dict = {p.code: {} for p in outline.periods}
    for period in outline.periods:
        row, at = rows.get(period.code), 0
        for item, width in keys:
            values, at = (row[at:at + width] if row else (None,) * (width - 1) + (0,)), at + width
            if period not in outline.poverty_periods(item):
                continue
            n = int(values[-1] or 0)
            if width == 2:
                totals[period.code][item.code] = int(values[0]) if n else None
            else:
                totals[period.code][item.code] = rate_of(int(values[0]), int(values[1])) if n else None
            units[period.code][item.code] = n
    return totals, units


@lru_cache(maxsize=8)
def _projects_statement(years: tuple, sources: tuple):
    """Per project of the Program that a unit reported (a parent with sub-projects is never
    reported: its sub-projects are) and per group: its labels, the units, the beneficiaries
    and, for each year and source of the outline, the funds allocated and disbursed (sum and
    count of each), in one pass over the projects of the accepted reports (json_each once; each
    fund read by its path, not by unnesting years and sources), in the Program's order: built
    once per outline's years and sources."""
    group = case((Unit.kind == UnitKind.COMMUNE.value, "commune"), else_="department")
    base = _accepted(group.label("grp"), Report.accepted_projects.label("j")).cte("accepted_projects")
    project = func.json_each(base.c.j).table_valued(
        db.column("key", String), db.column("value", JSON)).alias("project")
    parent, child = aliased(ProgramProject), aliased(ProgramProject)
    people = project.c.value["beneficiaries"].as_integer()
    columns = [func.count(), func.sum(people), func.count(people)]
    for year in years:
        for source in sources:
            for kind in ("allocated", "disbursed"):
                value = project.c.value[("funds", year, source, kind)].as_integer()
                columns += [func.sum(value), func.count(value)]
    return (select(ProgramProject.code, ProgramProject.short_label, ProgramProject.title,
                   parent.short_label, parent.title, base.c.grp, *columns)
            .select_from(base).join(project, literal(True))
            .join(ProgramProject, ProgramProject.code == project.c.key)
            .outerjoin(parent, parent.code == ProgramProject.parent_code)
            .where(ProgramProject.code.not_in(
                select(child.parent_code).where(child.parent_code.is_not(None))))
            .group_by(ProgramProject.id, parent.id, base.c.grp)
            .order_by(ProgramProject.position, ProgramProject.id))


def _projects(plan, years: list, sources: list) -> list[ProjectRow]:
    """The reported projects with their totals per group ("department", "commune": a group
    that did not report one has 0 units, no beneficiaries, no funds): funds year -> source ->
    {allocated, disbursed}, a figure no unit gave None."""
    found: dict[str, ProjectRow] = {}
    years, sources = tuple(years), tuple(sources)
    for code, label, title, parent_label, parent_title, grp, units, people, people_n, *funds \
            in rows_of(_projects_statement(years, sources), {"plan_id": plan.id}):
        row = found.get(code)
        if row is None:
            row = found[code] = ProjectRow(
                code, label, title, f"{parent_label}: {parent_title}" if parent_label else "",
                units={"department": 0, "commune": 0},
                beneficiaries={"department": None, "commune": None},
                funds={"department": {}, "commune": {}})
        by_year, at = {}, 0
        for year in years:
            by_source = by_year[year] = {}
            for source in sources:
                a, a_n, d, d_n = funds[at:at + 4]
                at += 4
                by_source[source] = {"allocated": int(a) if a_n else None,
                                     "disbursed": int(d) if d_n else None}
        row.units[grp] = int(units)
        row.beneficiaries[grp] = int(people) if people_n else None
        row.funds[grp] = by_year
    return list(found.values())


@lru_cache(maxsize=32)
def _communes_statement(last_period: str, sort: str, filter: str, narratives: bool):
    """The communes of one page (`offset`, `limit`) in the order asked, and with the narratives
    every other accepted owner: built once per shape."""
    communes = Unit.kind == UnitKind.COMMUNE.value
    rate = Report.accepted_poverty[(last_period, "poor_rate")].as_float()
    order = [Unit.position, Unit.id]
    if sort:
        order = [case((rate.is_(None), 1), else_=0),
                 rate.desc() if sort == "ty-le-cao" else rate.asc(), *order]
    wanted = [communes]
    if filter == "chua-tiep-nhan":
        wanted.append(~ACCEPTED)
    elif filter == "da-tiep-nhan":
        wanted.append(ACCEPTED)
    page_ids = (_owners_base(Unit.id).where(*wanted).order_by(*order)
                .offset(bindparam("offset", type_=Integer))
                .limit(bindparam("limit", type_=Integer)).correlate(None))
    shown = Unit.id.in_(page_ids.scalar_subquery())
    extra = [ReportVersion.data[("figures", "narrative")]] if narratives else []
    query = _owners_base(*_unit_columns(), owner_state(), Report.accepted_number,
                         Report.accepted_poverty, *extra, versions=narratives)
    query = query.where(or_(shown, and_(~communes, ACCEPTED)) if narratives else shown)
    return query.order_by(case((communes, 0), else_=1), *order)


def _communes(plan, outline, view: DistrictView, *, narratives: bool, per_page: int) -> None:
    """The communes of the page (and, for the narratives, every other accepted owner)."""
    last = outline.periods[-1].code if outline.periods else ""
    statement = _communes_statement(last, view.sort, view.filter, narratives)
    rows = rows_of(statement, {"plan_id": plan.id, "offset": view.page.offset,
                                          "limit": per_page}).all()
    for row in rows:
        unit = UnitRef(*row[:5])
        state, accepted_number, poverty = row[5], row[6], row[7]
        accepted = accepted_number is not None
        if unit.kind == COMMUNE:
            label = "Đã tiếp nhận" if accepted else reports.STATE_LABELS.get(state, MISSING)
            view.communes.append(CommuneRow(unit, label, accepted,
                                            (poverty or {}) if accepted else {}))
        if narratives and accepted:
            view.narratives.append((unit, row[8] or {}))
    view.narratives.sort(key=lambda pair: (pair[0].position, pair[0].id))


@lru_cache(maxsize=1)
def _owners_statement():
    return (_owners_base(*_unit_columns(), owner_state(), Report.accepted_number,
                         Report.outline_code).order_by(Unit.position, Unit.id))


def district_view(plan, args=None, *, projects: bool = False, narratives: bool = False,
                  per_page: int = PER_PAGE) -> DistrictView:
    """The district's figures for a page: the totals, the states of every owner, and the
    communes of the page the URL asks for (`trang`, sorted and filtered by `sap-xep`, `loc`);
    every commune while there are at most PROVINCE_SIZE."""
    if plan is None:
        return DistrictView(False, note=f"{NO_DATA}: chưa có kế hoạch.")
    args = args or {}
    owners = rows_of(_owners_statement(), {"plan_id": plan.id}).all()
    outline_code = next((row[7] for row in owners if row[6] is not None), DEFAULT_OUTLINE)
    outline = load_outline(outline_code)
    view = DistrictView(True, periods=[(p.code, p.label) for p in outline.periods],
                        fund_years=[str(y) for y in outline.fund_years],
                        fund_sources=[(s.code, s.label) for s in outline.fund_sources])
    communes = [row for row in owners if row[3] == COMMUNE]
    view.communes_total = len(communes)
    view.communes_accepted = sum(1 for row in communes if row[6] is not None)
    view.missing = [(UnitRef(*row[:5]), reports.STATE_LABELS.get(row[5], MISSING))
                    for row in owners if row[6] is None]
    view.paged = view.communes_total > PROVINCE_SIZE
    if view.paged:
        view.sort = args.get(SORT_ARG, "") if args.get(SORT_ARG, "") in SORTS else ""
        view.filter = args.get(FILTER_ARG, "") if args.get(FILTER_ARG, "") in FILTERS else ""
    view.shown = {"": view.communes_total, "da-tiep-nhan": view.communes_accepted,
                  "chua-tiep-nhan": view.communes_total - view.communes_accepted}[view.filter]
    size = per_page if view.paged else max(1, view.communes_total)
    view.page = page_of(view.shown, requested_page(args) if view.paged else 1, size)
    any_accepted = len(owners) > len(view.missing)
    if any_accepted:
        view.totals, view.totals_units = _poverty_totals(plan, outline)
    _communes(plan, outline, view, narratives=narratives, per_page=size)
    if projects and any_accepted:
        view.projects = _projects(plan, view.fund_years, [code for code, _l in view.fund_sources])
    return view


# --- the emulation movement (the emulation report's page) -----------------------------------

@dataclass
class MovementView:
    """What the accepted reports say of the emulation movement: the outline's items, each
    unit that gave something (plan order) and the district totals."""
    movement_items: list
    movement_rows: list        # [(UnitRef, {item code: value})]
    movement_totals: dict      # item code -> total or None


@lru_cache(maxsize=1)
def _movement_statement():
    return (_accepted(*_unit_columns(), Report.accepted_movement, Report.outline_code)
            .order_by(Unit.position, Unit.id))


def movement_view(plan) -> MovementView:
    """One query over the movement figures kept on the accepted reports."""
    rows = rows_of(_movement_statement(), {"plan_id": plan.id}).all()
    outline = load_outline(rows[0][6] if rows else DEFAULT_OUTLINE)
    movements = [(UnitRef(*row[:5]), row[5] or {}) for row in rows]
    return MovementView(list(outline.movement),
                        [(unit, values) for unit, values in movements
                         if any(v not in (None, "") for v in values.values())],
                        reports.movement_totals(outline, [values for _u, values in movements]))
