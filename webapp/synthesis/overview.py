"""The leadership overview: duties' progress, poverty charts (SVG drawn here, no library),
nominations by unit and stage, delegates named / confirmed / present.
"""
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup, escape
from sqlalchemy import func, select

from ..awards.models import Nomination
from ..awards.policy import VISIBLE_TO_OTHERS
from ..awards.queries import counters
from ..core import clock
from ..core.formatting import number
from ..core.roles import KIND_LABELS, UnitKind
from ..delegates.queries import attendance
from ..duties.models import OPEN_STATUSES, Assignment, Duty
from ..plan.models import Unit
from .district import PLAN, rows_of
from .figures import NO_DATA


# --- duties ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class DutyRef:
    """What the overview prints of a duty."""
    id: int
    section: str
    short_title: str
    deadline: object
    deadline_note: str
    receiver_unit_id: int | None


# the table's count columns, in order (then the overdue and the total)
COLUMNS = ("accepted", "submitted", "drafting", "returned", "not_started")


@dataclass
class DutyProgress:
    duty: DutyRef
    counts: Counter
    total: int
    overdue: int

    def share(self, status: str) -> float:
        return 100 * self.counts.get(status, 0) / self.total if self.total else 0

    @property
    def done(self) -> int:
        return self.counts.get("accepted", 0)

    @property
    def columns(self) -> list[int]:
        return [self.counts.get(status, 0) for status in COLUMNS]


@lru_cache(maxsize=1)
def _progress_statement():
    """The counts grouped in a subquery over the (duty, status) index, then joined to the
    plan's few duties (their printed columns only): grouping the duties' columns over every
    assignment made SQLite sort them all. Built once (the plan is a bound parameter)."""
    counts = (select(Assignment.duty_id, Assignment.status, func.count().label("n"))
              .where(Assignment.duty_id.in_(select(Duty.id).where(Duty.plan_id == PLAN)))
              .group_by(Assignment.duty_id, Assignment.status).subquery())
    return (select(Duty.id, Duty.section, Duty.short_title, Duty.deadline, Duty.deadline_note,
                   Duty.receiver_unit_id, counts.c.status, counts.c.n)
            .outerjoin(counts, counts.c.duty_id == Duty.id)
            .where(Duty.plan_id == PLAN).order_by(Duty.position, Duty.id))


def duty_progress(plan, today=None) -> list[DutyProgress]:
    """Each duty with its assignments counted by status and the overdue ones, in one grouped
    statement."""
    today = today or clock.today()
    # overdue as duties.service.is_overdue says of each assignment: open past the deadline
    open_statuses = {s.value for s in OPEN_STATUSES}
    result: dict[int, DutyProgress] = {}
    for row in rows_of(_progress_statement(), {"plan_id": plan.id}):
        *columns, status, count = row
        progress = result.get(columns[0])
        if progress is None:
            progress = result[columns[0]] = DutyProgress(DutyRef(*columns), Counter(), 0, 0)
        if status is not None:
            progress.counts[status] += count
            progress.total += count
            deadline = progress.duty.deadline
            if status in open_statuses and deadline is not None and deadline < today:
                progress.overdue += count
    for progress in result.values():
        # A duty sent to no unit (the script, the invitations…) is done when its unit has
        # finished it: nobody is there to receive it, so "submitted" is its last step.
        if progress.duty.receiver_unit_id is None and "submitted" in progress.counts:
            progress.counts["accepted"] += progress.counts.pop("submitted")
    return list(result.values())


# --- nominations -----------------------------------------------------------------------------

STAGES = [("submitted", "Đã gửi, chờ xét"), ("returned", "Trả lại bổ sung"),
          ("shortlisted", "LĐTB&XH đã chọn"), ("approved", "Nội vụ duyệt"),
          ("rejected", "Không duyệt")]


@dataclass
class Nominations:
    available: bool
    note: str = ""
    stages: list = field(default_factory=lambda: list(STAGES))
    rows: list = field(default_factory=list)       # [(unit or group name, Counter)]
    grouped: bool = False                          # rows per kind of unit (province size)
    kinds: list = field(default_factory=list)      # [KindCounter]
    totals: Counter = field(default_factory=Counter)


@lru_cache(maxsize=1)
def _by_kind_statement():
    """Nominations others may see, counted by kind of unit and stage (built once)."""
    return (select(Unit.kind, Nomination.status, func.count(Nomination.id))
            .join(Nomination, Nomination.unit_id == Unit.id)
            .where(Nomination.plan_id == PLAN, Nomination.status.in_(VISIBLE_TO_OTHERS))
            .group_by(Unit.kind, Nomination.status))


def nominations(plan, by_unit: bool = True) -> Nominations:
    """Nominations counted by stage: per nominating unit, or — at province size, `by_unit`
    False — per kind of unit (communes, departments, mass organisations), by GROUP BY."""
    data = counters(plan, by_unit=by_unit)
    if by_unit:
        rows = [(unit.short_name, counter) for unit, counter in data.by_unit]
    else:
        grouped: dict[str, Counter] = {}
        for kind, status, count in rows_of(_by_kind_statement(),
                                                      {"plan_id": plan.id}):
            counter = grouped.setdefault(kind, Counter())
            counter[status] += count
            counter["total"] += count
        order = list(KIND_LABELS)
        rows = [(KIND_LABELS[UnitKind(kind)], grouped[kind])
                for kind in sorted(grouped, key=lambda k: order.index(UnitKind(k)))]
    totals: Counter = Counter()
    for _name, counter in rows:
        totals.update(counter)
    return Nominations(True, rows=rows, grouped=not by_unit, kinds=data.kinds, totals=totals)


# --- delegates -------------------------------------------------------------------------------

@dataclass
class Delegates:
    available: bool
    note: str = ""
    planned: int = 0
    named: int = 0
    confirmed: int = 0
    present: int = 0
    declined: int = 0
    pending: int = 0


def delegates(plan) -> Delegates:
    data = attendance(plan)
    return Delegates(True, planned=data.get("planned") or plan.delegates_total,
                     named=data.get("named", 0), confirmed=data.get("expected", 0),
                     present=data.get("present", 0), declined=data.get("declined", 0),
                     pending=data.get("pending", 0))


# --- charts ----------------------------------------------------------------------------------

BAR_COLOURS = ("#9fb9d9", "#4a7fb8", "#1d4f87")   # 2021, 2022, 2023 estimate


def rate_chart(tables, row: str, title: str) -> Markup:
    """Horizontal grouped bars, one group per commune (and the district), one bar per period.
    A commune without an accepted report shows "chưa có báo cáo", never a zero bar."""
    if not tables.available:
        return Markup(f'<p class="empty">{escape(tables.note or NO_DATA)}</p>')
    periods = tables.periods
    groups = [(c.unit.short_name, [c.value(p, row) for p, _l in periods], c.accepted)
              for c in tables.communes]
    groups.append(("Toàn huyện", [tables.total(p, row) for p, _l in periods], True))
    values = [v for _n, vs, ok in groups if ok for v in vs if v is not None]
    top = max(values) if values else 0
    scale_max = max(5.0, (int(top / 5) + 1) * 5.0)
    label_w, bar_area, right = 150, 430, 60
    bar_h, gap, group_gap = 7, 1, 9
    group_h = len(periods) * (bar_h + gap) + group_gap
    top_pad, legend_h = 34, 22
    height = top_pad + len(groups) * group_h + legend_h + 10
    width = label_w + bar_area + right
    out = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg" '
           f'aria-label="{escape(title)}">',
           f'<title>{escape(title)}</title>',
           f'<text x="0" y="14" class="chart-title">{escape(title)}</text>']
    # grid lines every 5 %
    step = 5.0 if scale_max <= 30 else 10.0
    tick = 0.0
    while tick <= scale_max + 0.001:
        x = label_w + bar_area * tick / scale_max
        out.append(f'<line x1="{x:.1f}" y1="{top_pad - 6}" x2="{x:.1f}" '
                   f'y2="{top_pad + len(groups) * group_h - group_gap}" class="grid"/>')
        out.append(f'<text x="{x:.1f}" y="{top_pad - 9}" class="tick">{number(tick)}%</text>')
        tick += step
    period_labels = [escape(label) for _code, label in periods]
    for index, (name, vals, accepted) in enumerate(groups):
        y0 = top_pad + index * group_h
        mid = y0 + (len(periods) * (bar_h + gap)) / 2 + 3
        cls = "label district" if name == "Toàn huyện" else "label"
        label = escape(name)
        out.append(f'<text x="{label_w - 6}" y="{mid:.1f}" class="{cls}">{label}</text>')
        if not accepted:
            out.append(f'<text x="{label_w + 4}" y="{mid:.1f}" class="missing">'
                       f'chưa có báo cáo được tiếp nhận</text>')
            continue
        for p_index, value in enumerate(vals):
            y = y0 + p_index * (bar_h + gap)
            if value is None:
                out.append(f'<text x="{label_w + 4}" y="{y + bar_h - 1}" class="missing small">'
                           f'không có số liệu</text>')
                continue
            w = bar_area * float(value) / scale_max
            text = number(value, decimals=2)
            out.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                       f'fill="{BAR_COLOURS[p_index % 3]}"><title>{label} – '
                       f'{period_labels[p_index]}: {text}%</title></rect>')
            out.append(f'<text x="{label_w + w + 3:.1f}" y="{y + bar_h - 0.5}" class="value">'
                       f'{text}</text>')
    ly = height - legend_h + 6
    for p_index, (_code, label) in enumerate(periods):
        lx = label_w + p_index * 130
        out.append(f'<rect x="{lx}" y="{ly}" width="12" height="10" fill="{BAR_COLOURS[p_index % 3]}"/>')
        out.append(f'<text x="{lx + 16}" y="{ly + 9}" class="legend">{escape(label)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def progress_bar(progress: DutyProgress) -> Markup:
    """A stacked bar of one duty's assignments by status (SVG)."""
    order = ("accepted", "submitted", "drafting", "returned", "not_started")
    width, height = 220, 14
    x = 0.0
    parts = [f'<svg class="progress" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img" aria-label="Tiến độ {escape(progress.duty.short_title)}" '
             f'xmlns="http://www.w3.org/2000/svg">']
    for status in order:
        share = progress.share(status)
        if not share:
            continue
        w = width * share / 100
        parts.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" '
                     f'class="seg-{status}"/>')
        x += w
    if not progress.total:
        parts.append(f'<rect x="0" y="0" width="{width}" height="{height}" class="seg-none"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
