"""Creating notifications. Capabilities call notify() when something happens to a unit's work."""
from ..core import clock
from ..extensions import db
from .models import Notification


def notify(unit_id: int, kind: str, message: str, link: str = "",
           dedupe_key: str | None = None) -> Notification | None:
    if dedupe_key and db.session.query(Notification.id).filter_by(dedupe_key=dedupe_key).first():
        return None
    note = Notification(unit_id=unit_id, kind=kind, message=message, link=link,
                        created_at=clock.now(), dedupe_key=dedupe_key)
    db.session.add(note)
    db.session.flush()
    return note


def unread_for(unit_id: int, limit: int = 20) -> list[Notification]:
    return (db.session.query(Notification)
            .filter(Notification.unit_id == unit_id, Notification.read_at.is_(None))
            .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit).all())
