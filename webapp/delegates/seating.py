"""The seating plan: everyone expected seated by protocol order, a new row per composition."""
from dataclasses import dataclass

from sqlalchemy import case, func, literal, select

from ..audit.service import record
from ..core import nav_pages
from ..core.errors import DomainError
from ..extensions import db
from ..plan.models import DelegateComposition, Plan
from .models import Delegate, Reply
from .queries import PROTOCOL_ORDER, delegates_of, filtered

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


SEATS_PER_PAGE = 120   # a page of the hall on screen: whole rows up to about this many seats


@dataclass
class HallPage:
    """One page of the hall on screen: whole rows, front first (page 1 holds row A, the
    leaders and guests), their seats in order; `page` is the shared pager's position."""
    rows: list[dict]          # [{"row": "A", "seats": [Delegate, …]}]
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


def hall_page(plan: Plan, number: int, composition_id: int | None = None) -> HallPage:
    """The hall's rows as seated (one grouped statement: each row's label and seats, the
    unseated as the row without a label), packed into pages of whole rows of about
    SEATS_PER_PAGE seats, and the seats of page `number` (one statement)."""
    label = _row_label()
    counts = db.session.execute(
        select(label, func.count(Delegate.id)).where(*_expected(plan, composition_id))
        .group_by(label).order_by(func.length(label), label)).all()
    unseated = sum(n for row, n in counts if not row)
    rows = [(row, n) for row, n in counts if row]
    packs: list[list[str]] = []
    size = SEATS_PER_PAGE
    for row, n in rows:
        if size + n > SEATS_PER_PAGE and size:
            packs.append([])
            size = 0
        packs[-1].append(row)
        size += n
    page = nav_pages.page_of(len(packs), number, 1)
    labels = packs[page.number - 1] if packs else []
    seats = (filtered(plan, composition_id=composition_id, seated=True)
             .filter(label.in_(labels)).order_by(None)
             .order_by(func.length(label), label, func.length(Delegate.seat), Delegate.seat)
             .all()) if labels else []
    hall: list[dict] = []
    for d in seats:
        row = d.seat.rstrip(DIGITS)
        if not hall or hall[-1]["row"] != row:
            hall.append({"row": row, "seats": []})
        hall[-1]["seats"].append(d)
    return HallPage(hall, labels, len(rows), sum(n for _row, n in rows), unseated, page)


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
