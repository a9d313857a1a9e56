"""A row of the coordinator's matrix as one string: every cell written here in one pass (a
page holds hundreds of cells; a Jinja lookup, condition and escape per cell cost more than the
page's queries at province size). The HTML is the one the template wrote before."""
from markupsafe import Markup, escape

EMPTY = '<td class="cell none"></td>'
LATE_NOTES = (' <small class="late">quá hạn</small>', ' <small class="late">nộp muộn</small>')


def row_cells(cells: dict, duties: list, detail_base: str) -> Markup:
    """The row's cells, one per duty column: the assignment's words linking to its page, its
    status as a class, why it is late; an empty cell where the unit has no such duty."""
    base = escape(detail_base)
    out = []
    for duty in duties:
        cell = cells.get(duty.id)
        if cell is None:
            out.append(EMPTY)
            continue
        note = LATE_NOTES[0] if cell.overdue else LATE_NOTES[1] if cell.late else ""
        out.append(f'<td class="cell status-{escape(cell.status)}{" overdue" if cell.overdue else ""}">'
                   f'<a href="{base}{cell.id}">{escape(cell.label)}</a>{note}</td>')
    return Markup("".join(out))
