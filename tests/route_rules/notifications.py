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


def other_units_404():
    expect = only(("commune",))
    for role in UNITS:
        if role != "commune":
            expect[role] = 404
    return expect


RULES = {
    "notifications.count": Rule(expect=only(UNITS, allowed=200)),
    "notifications.menu": Rule(expect=only(UNITS, allowed=200)),
    "notifications.index": Rule(expect=only(UNITS, allowed=200)),
    "notifications.read": Rule(method="POST", args=commune_note, expect=other_units_404()),
    "notifications.open_note": Rule(method="POST", args=commune_note, expect=other_units_404()),
    "notifications.read_all": Rule(method="POST", expect=only(UNITS, allowed=302)),
    "notifications.letter": Rule(expect=only(("coordinator",), allowed=200)),
    "notifications.letter_docx": Rule(expect=only(("coordinator",))),
}
