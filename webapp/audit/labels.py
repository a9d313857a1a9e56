"""How audit entries read on pages: Vietnamese prose, only what changed, never a field name,
an English code or a bare id.

Each feature owns the words of its own objects and registers them at import of its package
(in its `labels.py` or `models.py`), reusing the labels its own pages show:

    register_object("nomination", "Đề nghị khen thưởng",
                    fields={"status": "Trạng thái", "unit_id": "Đơn vị", ...},
                    values={"status": NOMINATION_STATUS_LABELS, "kind": KIND_LABELS},
                    refs={"unit_id": unit_name})
    register_actions({"nomination.shortlist": "Chọn trình duyệt", ...})

Labels are keyed by (object type, field): "position" of an agenda item ("Thứ tự") and of an
account ("Chức vụ") are different things. `refs` turn an id into the name it points to. A field
that has no label is not shown at all (a test checks that every audited field of the demo has
one), and an action without a label falls back to the entry's summary.
"""
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class ObjectWords:
    label: str
    fields: dict[str, str] = field(default_factory=dict)
    values: dict[str, Mapping] = field(default_factory=dict)
    refs: dict[str, Callable] = field(default_factory=dict)
    # action -> field -> value labels that replace `values` in that action's entries (a value
    # one kind of entry words differently, e.g. a duty no unit receives is "done", not "accepted")
    action_values: dict[str, dict[str, Mapping]] = field(default_factory=dict)


_OBJECTS: dict[str, ObjectWords] = {}
_ACTIONS: dict[str, str] = {}
# Words shared by every object: a value that means the same wherever it appears.
_COMMON_VALUES = {"True": "Có", "False": "Không"}


def register_object(object_type: str, label: str, *, fields: dict[str, str] | None = None,
                    values: dict[str, Mapping] | None = None,
                    refs: dict[str, Callable] | None = None,
                    action_values: dict[str, dict[str, Mapping]] | None = None) -> None:
    """Name an audited object type, its fields, the labels of their values (by field), the
    fields that hold ids (by a function id -> name) and, per action, value labels that differ."""
    words = _OBJECTS.setdefault(object_type, ObjectWords(label))
    words.label = label
    words.fields.update(fields or {})
    words.values.update({k: dict(v) for k, v in (values or {}).items()})
    words.refs.update(refs or {})
    for action, by_field in (action_values or {}).items():
        words.action_values[action] = {k: dict(v) for k, v in by_field.items()}


def name_of(model, attr: str = "name") -> Callable:
    """A `refs` entry: the id shown as the `attr` of the row it points to ("" once deleted).
    `model` is the class or its dotted path ("webapp.plan.models.Unit"), imported when an entry
    is shown (labels are registered before every model is)."""
    def lookup(value) -> str:
        from importlib import import_module
        from ..extensions import db
        cls = model
        if isinstance(model, str):
            module, name = model.rsplit(".", 1)
            cls = getattr(import_module(module), name)
        obj = db.session.get(cls, int(value))
        return getattr(obj, attr, "") if obj is not None else ""
    return lookup


unit_name = name_of("webapp.plan.models.Unit")


def register_actions(actions: dict[str, str]) -> None:
    """Vietnamese names of audit actions ("nomination.shortlist" -> "Chọn trình duyệt")."""
    _ACTIONS.update(actions)


def object_label(object_type: str) -> str:
    words = _OBJECTS.get(object_type)
    return words.label if words else "Hồ sơ khác"


def action_label(action: str) -> str:
    return _ACTIONS.get(action, "")


def object_types() -> list[tuple[str, str]]:
    """(object type, label) of every registered object, by label: the audit log's filter."""
    return sorted(((t, w.label) for t, w in _OBJECTS.items()), key=lambda p: p[1])


def actions() -> list[tuple[str, str]]:
    return sorted(_ACTIONS.items(), key=lambda p: p[1])


def _show_plain(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        if len(value) >= 16 and value[4] == "-" and value[10] in " T":
            try:
                return datetime.fromisoformat(value).strftime("%H:%M %d/%m/%Y")
            except ValueError:
                pass
        if len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:
                return date.fromisoformat(value).strftime("%d/%m/%Y")
            except ValueError:
                pass
    if isinstance(value, bool):
        return _COMMON_VALUES[str(value)]
    if isinstance(value, (list, tuple)):
        return "; ".join(_show_plain(v) for v in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{_show_plain(v)}" for v in value.values()) or "—"
    text = str(value)
    return _COMMON_VALUES.get(text, text)


def show_value(object_type: str, name: str, value, action: str = "") -> str:
    """One audited value as a user reads it (worded for `action` where it says otherwise)."""
    words = _OBJECTS.get(object_type)
    if words is not None and value not in (None, ""):
        if name in words.refs:
            shown = words.refs[name](value)
            return shown if shown else "(đã xóa)"
        labels = words.action_values.get(action, {}).get(name, words.values.get(name))
        if labels is not None:
            if isinstance(value, (list, tuple)):
                return "; ".join(labels.get(str(v), labels.get(v, _show_plain(v)))
                                 for v in value) or "—"
            return labels.get(str(value), labels.get(value, _show_plain(value)))
    return _show_plain(value)


def changes(entry) -> list[tuple[str, str, str]]:
    """(field label, before, after) for the labelled fields that changed (all of them on
    creation, except the empty ones)."""
    words = _OBJECTS.get(entry.object_type)
    if words is None:
        return []
    before = entry.before or {}
    after = entry.after or {}
    rows = []
    for key in dict.fromkeys([*before.keys(), *after.keys()]):
        label = words.fields.get(key)
        if label is None:
            continue
        old, new = before.get(key), after.get(key)
        if key in before and key in after and old == new:
            continue
        if key not in before and new in (None, ""):
            continue  # a new object's empty fields say nothing
        rows.append((label,
                     show_value(entry.object_type, key, old, entry.action) if key in before else "",
                     show_value(entry.object_type, key, new, entry.action) if key in after else ""))
    return rows


def unlabelled_fields(entry) -> list[str]:
    """The audited fields of `entry` that no feature has named (for the labels test)."""
    words = _OBJECTS.get(entry.object_type)
    keys = [*(entry.before or {}).keys(), *(entry.after or {}).keys()]
    if words is None:
        return sorted(set(keys)) or ["(loại hồ sơ chưa đặt tên)"]
    return sorted({k for k in keys if k not in words.fields})
