"""The versioned write of a draft whose content is a dict of texts keyed by field (a unit's
report, a district report's sections).

It is `webapp.audit.service.versioned_update` for keyed content: lock the row → compare the
version the form was opened with → change → version + 1 → flush → one audit entry holding only
the keys that changed (a field-per-column object goes through versioned_update itself; this
shape needs the per-key diff, so that a history reads "Số hộ nghèo – Cuối năm 2021: 100 → 90"
and not two copies of the whole report).
"""
from collections.abc import Callable

from ..audit.service import parse_version, record
from ..core.database import lock_for_update
from ..core.errors import StaleEdit
from ..extensions import db


def who_saved(what: str, saved_by_id, saved_by, when: str, actor) -> str:
    """"Bạn đã lưu … ở một cửa sổ (thẻ) khác lúc 09:12" when it was the user herself (two tabs,
    a late autosave), else "Nguyễn Văn A đã lưu … lúc 09:12": a conflict never names the user
    as "the other editor"."""
    if saved_by_id is not None and saved_by_id == getattr(actor, "id", None):
        return f"Bạn đã lưu {what} ở một cửa sổ (thẻ) khác lúc {when}"
    name = saved_by.full_name if saved_by is not None else "Người khác"
    return f"{name} đã lưu {what} lúc {when}"


def changed_keys(before: dict, after: dict) -> list[str]:
    return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))


def write_keyed(obj, content: dict, *, attr: str, version_attr: str, expected_version,
                action: str, summary: Callable[[list[str]], str],
                stale: Callable[[object, dict], StaleEdit], extra: dict | None = None,
                audited_extra: tuple[str, ...] = ()) -> list[str]:
    """Store `content` as `obj.<attr>` if the form was opened at the current version.

    `stale(obj, stored)` builds the StaleEdit to raise (its message, the table of what the
    other person saved); `extra` are plain attributes set with it (who, when), of which
    `audited_extra` enter the audit entry. Returns the keys that changed ([]: nothing did, and
    the version is not raised — a repeated autosave is not a new draft)."""
    lock_for_update(obj)
    expected = parse_version(expected_version)
    stored = dict(getattr(obj, attr) or {})
    before = {**stored, **{k: getattr(obj, k) for k in audited_extra}}
    after = {**content, **{k: (extra or {}).get(k, getattr(obj, k)) for k in audited_extra}}
    keys = changed_keys(before, after)
    current = getattr(obj, version_attr)
    if expected is None or expected != current:
        if not keys and expected is not None:
            return []   # the same content again (a late autosave): nothing to refuse
        raise stale(obj, stored)
    if not keys:
        return []
    setattr(obj, attr, dict(content))
    for name, value in (extra or {}).items():
        setattr(obj, name, value)
    setattr(obj, version_attr, current + 1)
    db.session.flush()
    record(action, obj, before={k: before.get(k) for k in keys},
           after={k: after.get(k) for k in keys}, summary=summary(keys))
    return keys
