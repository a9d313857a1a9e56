"""Creating notifications. Capabilities call notify() when something happens to a unit's work."""
from dataclasses import dataclass

from flask import current_app, has_request_context, url_for
from sqlalchemy import func

from ..core import clock
from ..core.nav_pages import Page, page_of
from ..core.permissions import ROLE_CAPS
from ..extensions import db
from .models import Notification

PER_PAGE = 25


def unit_in_sentence(unit) -> str:
    """A unit as a toast or a message names it mid-sentence: a commune by its category and
    name ("xã Bình Chánh", "thị trấn Châu Ổ": its short name has no category), any other unit
    by its short name ("Phòng NN&PTNT")."""
    from ..core.people import mid_sentence
    from ..core.roles import UnitKind
    return mid_sentence(unit.name) if unit.kind == UnitKind.COMMUNE else unit.short_name


def link_to(endpoint: str, **values) -> str:
    """The link a notification carries: the app-relative URL of `endpoint`, the same inside a
    request and in a CLI job (the daily reminders)."""
    if has_request_context():
        return url_for(endpoint, **values)
    with current_app.test_request_context("/"):
        return url_for(endpoint, **values)


def notify_holders(cap, kind: str, message: str, link: str = "",
                   dedupe_key: str | None = None) -> list[Notification]:
    """Tell every unit whose role holds `cap` (e.g. the reviewer of reports): the next person
    to act is found through the permissions registry, never by a unit code."""
    from ..core.roles import ROLE_OF_KIND
    from ..plan.models import Unit
    kinds = [kind.value for kind, role in ROLE_OF_KIND.items()
             if role is not None and cap in ROLE_CAPS.get(role, ())]
    units = (db.session.query(Unit.id).filter(Unit.kind.in_(kinds), Unit.is_active)
             .order_by(Unit.position).all())
    notes = []
    for (unit_id,) in units:
        note = notify(unit_id, kind, message, link,
                      dedupe_key=f"{dedupe_key}:{unit_id}" if dedupe_key else None)
        if note is not None:
            notes.append(note)
    return notes


def notify(unit_id: int, kind: str, message: str, link: str = "",
           dedupe_key: str | None = None) -> Notification | None:
    if dedupe_key and db.session.query(Notification.id).filter_by(dedupe_key=dedupe_key).first():
        return None
    note = Notification(unit_id=unit_id, kind=kind, message=message, link=link,
                        created_at=clock.now(), dedupe_key=dedupe_key)
    db.session.add(note)
    db.session.flush()
    from .mail import queue
    queue(note)  # e-mailed at once, after the request commits
    return note


def unread_for(unit_id: int, limit: int = 20) -> list[Notification]:
    return (db.session.query(Notification)
            .filter(Notification.unit_id == unit_id, Notification.read_at.is_(None))
            .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit).all())


def unread_count(unit_id: int) -> int:
    return (db.session.query(Notification.id)
            .filter(Notification.unit_id == unit_id, Notification.read_at.is_(None)).count())


@dataclass
class NotesPage:
    """One page of a unit's notifications; `everything` counts them all (the "Tất cả" tab)."""
    notes: list[Notification]
    page: Page
    everything: int


def page_for_unit(unit_id: int, number: int, *, unread: int, unread_only: bool = False,
                  per_page: int = PER_PAGE) -> NotesPage:
    """The unit's notifications, unread first, newest first, `per_page` a page (`unread`: the
    unit's unread count, which the request read with the user)."""
    everything = (db.session.query(func.count(Notification.id))
                  .filter(Notification.unit_id == unit_id).scalar())
    query = db.session.query(Notification).filter(Notification.unit_id == unit_id)
    if unread_only:
        query = query.filter(Notification.read_at.is_(None))
    page = page_of(unread if unread_only else everything, number, per_page)
    notes = (query.order_by(Notification.read_at.is_not(None), Notification.created_at.desc(),
                            Notification.id.desc())
             .offset(page.offset).limit(per_page).all())
    return NotesPage(notes, page, everything)


def get_for_unit_or_404(note_id: int, unit_id: int) -> Notification:
    """Another unit's notification answers 404, as if it did not exist."""
    from ..core.errors import NotFound
    note = db.session.get(Notification, note_id)
    if note is None or note.unit_id != unit_id:
        raise NotFound("Thông báo này không tồn tại.")
    return note


def mark_read(note: Notification, *, actor) -> bool:
    """Mark one notification read (for the whole unit); False if it already was."""
    from ..audit.service import record
    if note.read_at is not None:
        return False
    note.read_at = clock.now()
    db.session.flush()
    record("notification.read", note, before={"read_at": None},
           after={"read_at": note.read_at}, actor=actor,
           summary=f"Đã đọc thông báo: {note.message[:120]}")
    return True


def mark_all_read(unit_id: int, *, actor) -> int:
    from ..audit.service import record
    notes = (db.session.query(Notification)
             .filter(Notification.unit_id == unit_id, Notification.read_at.is_(None)).all())
    now = clock.now()
    for note in notes:
        note.read_at = now
    db.session.flush()
    if notes:
        record("notification.read_all", None, object_type="unit", object_id=unit_id,
               before={"unread": len(notes)}, after={"unread": 0}, actor=actor,
               summary=f"Đánh dấu đã đọc {len(notes)} thông báo")
    return len(notes)
