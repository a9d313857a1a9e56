"""Writing the audit log: who, when, what, before and after. Services call record(); it flushes."""
from datetime import date, datetime
from enum import Enum

from flask import has_request_context, request
from flask_login import current_user

from ..core import clock
from ..extensions import db
from .models import AuditEntry


def _plain(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def snapshot(obj, fields) -> dict:
    return {name: _plain(getattr(obj, name)) for name in fields}


def record(action: str, obj=None, *, before: dict | None = None, after: dict | None = None,
           summary: str = "", actor=None, object_type: str | None = None,
           object_id: int | None = None) -> AuditEntry:
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user
    entry = AuditEntry(
        at=clock.now(),
        user_id=getattr(actor, "id", None),
        username=getattr(actor, "username", "") or "hệ thống",
        unit_id=getattr(actor, "unit_id", None),
        action=action,
        object_type=object_type or (obj.__tablename__ if obj is not None else ""),
        object_id=object_id if object_id is not None else getattr(obj, "id", None),
        summary=summary,
        before=_plain(before) if before is not None else None,
        after=_plain(after) if after is not None else None,
        address=(request.remote_addr or "") if has_request_context() else "",
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def history(object_type: str, object_id: int) -> list[AuditEntry]:
    return (db.session.query(AuditEntry)
            .filter_by(object_type=object_type, object_id=object_id)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .all())
