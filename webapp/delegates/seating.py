"""The seating plan: everyone expected seated by protocol order, a new row per composition."""
import functools
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import Integer, and_, bindparam, case, cast, func, literal, select, true

from ..audit.service import record
from ..core import nav_pages
from ..core.errors import DomainError
from ..extensions import db
from ..plan.models import DelegateComposition, Plan
from .models import Delegate, Reply
from .queries import PROTOCOL_ORDER, delegates_of

ROW_LETTERS = "ABCDEFGHIKLMNOPQRSTUVXY"   # in alphabetical order: SQL sorts the rows by label
DIGITS = "0123456789"


def _row_letter(row: int) -> str:
    return ROW_LETTERS[row] if row < len(ROW_LETTERS) else f"H{row + 1}-"


def assign_seats(plan: Plan, *, per_row: int, actor) -> int:
    """Seat everyone expected (and the pending) by protocol order: each composition starts a
    new row; labels "A1", "A2"... Declined delegates get no seat."""
    if not 4 <= per_row <= 40:
        raise DomainError("Số ghế mỗi hàng từ 4 đến 40.", field="per_row")
    row, col, last_comp, count = 0, 0, None, 0
    for d in delegates_of(plan):
        if d.reply == Reply.DECLINED:
            if d.seat:
                d.seat = ""
                d.version += 1
            continue
        if last_comp is not None and d.composition_id != last_comp and col:
            row, col = row + 1, 0
        if col >= per_row:
            row, col = row + 1, 0
        last_comp = d.composition_id
        col += 1
        label = f"{_row_letter(row)}{col}"
        if d.seat != label:
            d.seat = label
            d.version += 1
        count += 1
    db.session.flush()
    record("delegate.seats", None, actor=actor, object_type="plan", object_id=plan.id,
           summary=f"Xếp chỗ ngồi cho {count} đại biểu ({per_row} ghế mỗi hàng)")
    return count


SEATS_PER_PAGE = 120   # a page of the hall on screen: the whole rows that end in its 120 seats


class Seat(NamedTuple):
    """One seat on screen: its label, who comes (the substitute in the invitee's place), the
    composition (its position gives the seat's colour)."""
    seat: str
    name: str
    title: str
    composition_id: int
    composition_label: str
    position: int


@dataclass
class HallPage:
    """One page of the hall on screen: whole rows, front first (page 1 holds row A, the
    leaders and guests), their seats in order; `page` is the shared pager's position."""
    rows: list[dict]          # [{"row": "A", "seats": [Seat, …]}]
    labels: list[str]         # the rows on this page
    row_count: int            # rows in the hall
    seated: int               # people seated in the hall (or in the composition asked for)
    unseated: int             # people expected without a seat yet (named after the seating)
    page: nav_pages.Page


def _row_label():
    return func.rtrim(Delegate.seat, literal(DIGITS))


def _expected(plan: Plan, composition_id: int | None):
    where = [Delegate.plan_id == plan.id, Delegate.reply != Reply.DECLINED.value]
    if composition_id is not None:
        where.append(Delegate.composition_id == composition_id)
    return where


def _in_hall(of_composition: bool) -> list:
    """Who is expected in the hall, the plan (and the composition) given at execution."""
    where = [Delegate.plan_id == bindparam("plan_id"), Delegate.reply != Reply.DECLINED.value]
    if of_composition:
        where.append(Delegate.composition_id == bindparam("composition_id"))
    return where


@functools.cache
def _hall_statement(of_composition: bool):
    """One statement, whatever the hall holds: the rows as seated (each row's label and seats,
    the unseated as the row without a label, read from the index on (plan, seat, reply,
    composition)); each row's page (the seats up to its end, by SEATS_PER_PAGE: whole rows,
    front first, page 1 the rows that fit in its first SEATS_PER_PAGE seats); the totals; and
    the seats of the page asked for (the last one if it asks for more) with who comes in each,
    as plain columns. The totals come on every line, and on one line of empty seat columns
    when the page has no seat (an empty hall, nobody seated yet).

    Built once per process (SQL with bound parameters, no data: the plan, the composition, the
    page and SEATS_PER_PAGE are given at each execution)."""
    label = _row_label()
    rows = (select(label.label("row"), func.count(Delegate.id).label("n"))
            .where(*_in_hall(of_composition)).group_by(label).cte("hall_rows"))
    through = cast(func.sum(rows.c.n).over(order_by=(func.length(rows.c.row), rows.c.row),
                                           rows=(None, 0)), Integer)
    per_page = bindparam("per_page", type_=Integer)
    pages = (select(rows.c.row, rows.c.n, ((through - 1) // per_page + 1).label("number"))
             .where(rows.c.row != "").cte("hall_pages"))
    unseated = select(func.coalesce(func.sum(rows.c.n), 0)).where(rows.c.row == "")
    totals = select(func.coalesce(func.max(pages.c.number), 0).label("pages"),
                    func.count().label("row_count"),
                    func.coalesce(func.sum(pages.c.n), 0).label("seated"),
                    unseated.scalar_subquery().label("unseated")).cte("hall_totals")
    asked = bindparam("number", type_=Integer)
    shown = case((totals.c.pages < asked, totals.c.pages), else_=asked)
    sent = (Delegate.reply == Reply.SUBSTITUTE.value) & (Delegate.substitute_name != "")
    seats = (
        select(pages.c.row, Delegate.seat,
               case((sent, Delegate.substitute_name), else_=Delegate.full_name).label("name"),
               case((sent, Delegate.substitute_title), else_=Delegate.title).label("title"),
               DelegateComposition.id.label("composition_id"),
               DelegateComposition.label.label("composition_label"),
               DelegateComposition.position)
        .select_from(totals)
        .join(pages, pages.c.number == shown)
        .join(Delegate, and_(*_in_hall(of_composition), _row_label() == pages.c.row))
        .join(DelegateComposition, Delegate.composition_id == DelegateComposition.id)
        .cte("hall_seats"))
    return (select(totals.c.pages, totals.c.row_count, totals.c.seated, totals.c.unseated,
                   *(seats.c[name] for name in ("row", *Seat._fields)))
            .select_from(totals).outerjoin(seats, true())
            .order_by(func.length(seats.c.row), seats.c.row, func.length(seats.c.seat),
                      seats.c.seat))


def hall_page(plan: Plan, number: int, composition_id: int | None = None) -> HallPage:
    """The page `number` of the hall (optionally of one composition), in one statement."""
    hall: list[dict] = []
    page_count = row_count = seated = unseated = 0
    params = {"plan_id": plan.id, "number": number, "composition_id": composition_id,
              "per_page": SEATS_PER_PAGE}
    for pages, row_count, seated, unseated, row, *seat in db.session.execute(
            _hall_statement(composition_id is not None), params):
        page_count = pages
        if row is None:
            continue
        if not hall or hall[-1]["row"] != row:
            hall.append({"row": row, "seats": []})
        hall[-1]["seats"].append(Seat(*seat))
    page = nav_pages.page_of(page_count, number, 1)
    return HallPage(hall, [r["row"] for r in hall], row_count, seated, unseated, page)


def printed_plan(plan: Plan, composition_id: int | None = None) -> list[dict]:
    """The whole plan to print, by composition in protocol order: seat, who comes (the
    substitute in the invitee's place, chosen in SQL), title, organisation. One statement of
    plain columns, no objects: the printed plan lists everyone expected."""
    sent = (Delegate.reply == Reply.SUBSTITUTE.value) & (Delegate.substitute_name != "")
    statement = (
        select(DelegateComposition.id, DelegateComposition.label, DelegateComposition.position,
               Delegate.seat,
               case((sent, Delegate.substitute_name), else_=Delegate.full_name),
               case((sent, Delegate.substitute_title), else_=Delegate.title),
               Delegate.organisation)
        .join(DelegateComposition, Delegate.composition_id == DelegateComposition.id)
        .where(*_expected(plan, composition_id))
        .order_by(*PROTOCOL_ORDER))
    groups: list[dict] = []
    for comp_id, comp_label, position, seat, name, title, organisation in \
            db.session.execute(statement).all():
        if not groups or groups[-1]["id"] != comp_id:
            groups.append({"id": comp_id, "label": comp_label, "position": position,
                           "rows": []})
        groups[-1]["rows"].append((seat, name, title, organisation))
    return groups
