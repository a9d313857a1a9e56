"""The seating plan: everyone expected seated by protocol order, a new row per composition."""
from ..audit.service import record
from ..core.errors import DomainError
from ..extensions import db
from ..plan.models import Plan
from .models import Reply
from .queries import delegates_of

ROW_LETTERS = "ABCDEFGHIKLMNOPQRSTUVXY"


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


def seating_rows(delegates) -> list[dict]:
    """Rows of the hall as seated, of these delegates (one page of the list in protocol
    order): [{row, seats: [delegate...]}]."""
    rows: dict[str, list] = {}
    for d in delegates:
        if d.seat and d.reply != Reply.DECLINED:
            rows.setdefault(d.seat.rstrip("0123456789"), []).append(d)
    for seats in rows.values():
        seats.sort(key=lambda d: int(d.seat[len(d.seat.rstrip("0123456789")):] or 0))
    return [{"row": letter, "seats": seats} for letter, seats in rows.items()]

