"""Writing the audit log: who, when, what, before and after. Services call record(); it flushes."""
from datetime import date, datetime
from enum import Enum

from flask import has_request_context, request
from flask_login import current_user

from ..core import clock
from ..core.database import lock_for_update
from ..core.errors import DomainError, StaleEdit
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
    from sqlalchemy.orm import joinedload
    return (db.session.query(AuditEntry).options(joinedload(AuditEntry.user))
            .filter_by(object_type=object_type, object_id=object_id)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .all())


def parse_version(value) -> int | None:
    """The version a form was opened with (a hidden field): an int, None when the form has
    none, and a clear refusal for anything else (a tampered or truncated form)."""
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise DomainError("Biểu mẫu không hợp lệ hoặc đã cũ. Vui lòng tải lại trang rồi thử lại.",
                          field="version") from None


def check_version(obj, expected_version, stale_message=None, *,
                  version_attr: str = "version") -> None:
    """Refuse (StaleEdit, 409) a form opened on an older version of `obj` (None: no version
    was sent). versioned_update() calls it; a service whose other checks depend on the current
    state calls it first, so that a stale form is told it is stale, not that its step is
    impossible."""
    expected = parse_version(expected_version)
    if expected is not None and expected != getattr(obj, version_attr):
        message = stale_message(obj) if callable(stale_message) else stale_message
        raise StaleEdit(message or "Nội dung này vừa được người khác cập nhật sau khi bạn mở "
                        "trang. Nội dung hiện tại đã được tải lại; hãy xem lại rồi lưu.",
                        current=obj)


def record_created(obj, fields, *, action: str, summary="", actor=None):
    """The one audited insert: add → flush (the row gets its id) → audit entry with the audited
    `fields` as they were written. `summary` is a text, or a function of the flushed object
    (whose relationships, e.g. its unit, are only loaded then). Returns `obj`."""
    db.session.add(obj)
    db.session.flush()
    record(action, obj, after=snapshot(obj, fields), actor=actor,
           summary=summary(obj) if callable(summary) else summary)
    return obj


def versioned_update(obj, changes: dict | None = None, *, expected_version, action: str,
                     summary: str = "", stale_message=None, apply=None,
                     fields: tuple | list | None = None, version_attr: str = "version",
                     actor=None) -> dict:
    """The one audited write of a versioned object (a form opened, then saved):

    lock the row → compare the version the form was opened with → change (`changes`, then
    `apply(obj)` for what is not a plain attribute) → version + 1 → flush → audit entry with
    what the audited `fields` (default: the changed keys) were before and after.

    A stale version raises StaleEdit (409) with `stale_message` (a string, or a function of the
    object) before anything changes. `actor` defaults to the logged-in user (a CLI job or the
    demo names its own). Returns the `before` snapshot."""
    db.session.flush()  # what the caller changed on `obj` survives the locking re-read
    lock_for_update(obj)
    check_version(obj, expected_version, stale_message, version_attr=version_attr)
    current = getattr(obj, version_attr)
    audited = list(fields) if fields is not None else list(changes or {})
    before = snapshot(obj, audited)
    for name, value in (changes or {}).items():
        setattr(obj, name, value)
    if apply is not None:
        apply(obj)
    setattr(obj, version_attr, current + 1)
    db.session.flush()
    record(action, obj, before=before, after=snapshot(obj, audited), summary=summary, actor=actor)
    return before
