"""Routes of the notifications package: bell, list, mark read, follow-up letter."""

from . import ALL_ROLES, Rule, only

UNITS = tuple(r for r in ALL_ROLES if r not in ("anonymous", "admin"))


def commune_note(session):
    """A notification of Bình Chánh: only the commune may read it; the others get 404."""
    from webapp.notifications.service import notify
    from webapp.plan.models import Unit
    unit = session.query(Unit).filter_by(code="binh-chanh").one()
    note = notify(unit.id, "due_soon", "Nhắc việc thử", link="/viec-cua-toi")
    session.commit()
    return {"note_id": note.id}


def other_units_404(allowed):
    expect = only(("commune",), allowed=allowed)
    for role in UNITS:
        if role != "commune":
            expect[role] = 404
    return expect


RULES = {
    # the bell polls its counter and opens its menu by htmx
    "notifications.count": Rule(htmx=True, expect=only(UNITS, allowed=200)),
    "notifications.menu": Rule(htmx=True, expect=only(UNITS, allowed=200)),
    "notifications.index": Rule(expect=only(UNITS, allowed=200)),
    # marked read from the list by htmx (the row comes back); opened from the bell by a form
    "notifications.read": Rule(method="POST", htmx=True, args=commune_note,
                               expect=other_units_404(200)),
    "notifications.open_note": Rule(method="POST", args=commune_note,
                                    expect=other_units_404(302)),
    "notifications.read_all": Rule(method="POST", expect=only(UNITS, allowed=302)),
    "notifications.letter": Rule(expect=only(("coordinator",), allowed=200)),
    # on 15/11/2023 nobody is late against the plan yet: back to the page, which says so
    "notifications.letter_docx": Rule(expect=only(("coordinator",), allowed=302)),
}
