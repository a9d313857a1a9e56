"""Importing the delegate list from Excel (the columns of excel.py), all or nothing.

Re-importing a file matches the people already on the list (same name, composition and
commune): they are updated when a cell changed and left alone otherwise, never duplicated.
A bad row gets its own message (row, column, what is wrong) and nothing is imported when any
row is bad. The archive is checked (entry count, unpacked size, ratio) before openpyxl opens
it, and a file openpyxl cannot parse (an undefined XML entity…) is a message, not a 500.
"""
import io
import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ..audit.service import versioned_update
from ..core import people
from ..core.errors import DomainError
from ..core.text import fold, nfc
from ..extensions import db
from ..plan.models import Plan, Unit
from ..uploads.service import check_zip
from . import service
from .excel import HEADERS, LETTERS, MAX_ROWS
from .models import REPLY_LABELS, Delegate, Reply
from .naming import sync_all

FIELD_COLUMN = {"full_name": "B", "address": "C", "title": "D", "organisation": "E",
                "composition_id": "F", "unit_id": "G", "rank": "H", "phone": "I", "reply": "J"}
UNREADABLE = "Không đọc được tệp Excel. Hãy dùng mẫu tải về từ trang này."


class ImportRejected(DomainError):
    def __init__(self, errors: list[str]):
        super().__init__(f"Không nhập dữ liệu nào: {len(errors)} lỗi cần sửa trong tệp.",
                         field="file")
        self.errors = errors


@dataclass
class _Row:
    number: int
    data: service.DelegateData
    reply: str | None            # None: the cell was empty (the reply is left as it is)
    delegate: Delegate | None    # the person already on the list, matched


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        return (f"Đã nhập: {len(self.created)} đại biểu mới, cập nhật {len(self.updated)}, "
                f"{len(self.unchanged)} không thay đổi.")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value))


def _read_rows(data: bytes) -> list[tuple]:
    check_zip(data, "xlsx")
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            ws = wb["Đại biểu"] if "Đại biểu" in wb.sheetnames else wb.worksheets[0]
            return list(ws.iter_rows(min_row=1, max_col=len(LETTERS), max_row=MAX_ROWS + 2,
                                     values_only=True))
        finally:
            wb.close()
    except (ParseError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError,
            TypeError, OSError, IndexError):
        raise DomainError(UNREADABLE, field="file") from None


def _lookups(plan: Plan):
    compositions = {}
    for index, c in enumerate(plan.compositions, start=1):
        for key in (c.label, c.code, str(index)):
            compositions[fold(nfc(key))] = c
    units = {}
    for u in db.session.query(Unit).filter_by(is_active=True):
        for key in (u.name, u.short_name, u.code, people.mid_sentence(u.name)):
            units.setdefault(fold(nfc(key)), u)
    addresses = {fold(label): code for code, label in people.ADDRESS_LABELS.items()}
    replies = {fold(label): key.value for key, label in REPLY_LABELS.items()}
    replies[fold("Sẽ dự")] = Reply.ATTENDING.value
    return compositions, units, addresses, replies


def key_of(name: str, composition_id: int | None, unit_id: int | None) -> tuple:
    return (fold(" ".join(nfc(name).split())), composition_id, unit_id)


def parse(plan: Plan, data: bytes) -> list[_Row]:
    """Read and check every row; raise ImportRejected listing every bad row."""
    rows = _read_rows(data)
    if not rows or "ho va ten" not in fold(_text(rows[0][1] if len(rows[0]) > 1 else "")):
        raise DomainError("Dòng 1 phải là dòng tiêu đề của mẫu (cột B “Họ và tên”). "
                          "Hãy dùng mẫu tải về từ trang này.", field="file")
    if len(rows) - 1 > MAX_ROWS:
        raise DomainError(f"Tệp có quá {MAX_ROWS} dòng.", field="file")
    compositions, units, addresses, replies = _lookups(plan)
    existing = {}
    for d in db.session.query(Delegate).filter_by(plan_id=plan.id, walk_in=False):
        existing.setdefault(key_of(d.full_name, d.composition_id,
                                   d.unit_id if d.composition.per_unit else None), d)
    errors, parsed, seen = [], [], {}
    for number, values in enumerate(rows[1:], start=2):
        cells = dict(zip(LETTERS, list(values) + [None] * (len(LETTERS) - len(values))))
        if all(_text(cells[k]) == "" for k in LETTERS[1:]):
            continue

        def bad(letter, message, number=number):
            errors.append(f"Dòng {number}, cột {letter} ({HEADERS[letter]}): {message}")

        def pick(letter, table, message):
            """The cell's value looked up in `table` (by folded text); None when the cell is
            empty, and an error naming the text when nothing matches."""
            text = _text(cells[letter])
            value = table.get(fold(text)) if text else None
            if text and value is None:
                bad(letter, message.format(text=text))
            return value

        row_errors = len(errors)
        if not _text(cells["F"]):
            bad("F", "chưa ghi thành phần (chọn trong danh sách của trang “Thành phần”).")
        composition = pick("F", compositions,
                           "không có thành phần “{text}” (xem trang “Thành phần”).")
        unit = pick("G", units, "không có xã, thị trấn “{text}”.")
        rank = 100
        if _text(cells["H"]):
            try:
                rank = int(float(cells["H"]))
            except (TypeError, ValueError):
                bad("H", f"“{_text(cells['H'])}” không phải số nguyên.")
        address = pick("C", addresses, "“{text}”: ghi Đồng chí, Ông hoặc Bà.")
        reply = pick("J", replies, "“{text}”: ghi một trong "
                     + ", ".join(REPLY_LABELS.values()) + ".")
        item = service.DelegateData(
            full_name=_text(cells["B"]), composition_id=composition.id if composition else None,
            unit_id=unit.id if unit else None, title=_text(cells["D"]),
            organisation=_text(cells["E"]), rank=rank, phone=_text(cells["I"]),
            address=address or people.DEFAULT_ADDRESS)
        if len(errors) == row_errors:
            try:
                service.validate(item, plan)
            except DomainError as exc:
                bad(FIELD_COLUMN.get(exc.field, "B"), exc.message[0].lower() + exc.message[1:])
        if len(errors) == row_errors:
            key = key_of(item.full_name, item.composition_id,
                         item.unit_id if composition.per_unit else None)
            if key in seen:
                bad("B", f"trùng với dòng {seen[key]} (cùng họ tên, thành phần, xã).")
            seen[key] = number
            parsed.append(_Row(number, item, reply, existing.get(key)))
    _check_quotas(plan, parsed, list(existing.values()), errors)
    if errors:
        raise ImportRejected(errors)
    if not parsed:
        raise DomainError("Tệp không có dòng đại biểu nào.", field="file")
    return parsed


def _check_quotas(plan, parsed, existing, errors) -> None:
    counts: dict[tuple, int] = {}
    for d in existing:
        key = (d.composition_id, d.unit_id if d.composition.per_unit else None)
        counts[key] = counts.get(key, 0) + 1
    by_id = {c.id: c for c in plan.compositions}
    for r in parsed:
        c = by_id[r.data.composition_id]
        key = (c.id, r.data.unit_id if c.per_unit else None)
        if r.delegate is not None:
            continue
        counts[key] = counts.get(key, 0) + 1
        limit = c.per_unit if c.per_unit else c.planned
        if counts[key] > limit:
            where = ""
            if c.per_unit:
                where = f" của {people.mid_sentence(db.session.get(Unit, r.data.unit_id).name)}"
            errors.append(f"Dòng {r.number}, cột F ({HEADERS['F']}): vượt số dự kiến — thành "
                          f"phần “{c.label[:60]}”{where} chỉ có {limit} chỗ.")


def import_rows(plan: Plan, data: bytes, *, actor) -> ImportResult:
    """All or nothing: every row is checked before anything changes."""
    parsed = parse(plan, data)
    result = ImportResult()
    for r in parsed:
        delegate = r.delegate
        if delegate is None:
            delegate = service.create(plan, r.data, actor=actor)
            changes = {}
            result.created.append(delegate.full_name)
        else:
            composition, unit = service.validate(r.data, plan)
            changes = service.changes_of(delegate, r.data, composition, unit)
        if r.reply is not None and r.reply != delegate.reply:
            changes.update(service.reply_changes(delegate, r.reply, delegate.substitute_name,
                                                 delegate.substitute_title, actor=actor))
        if changes:
            versioned_update(delegate, changes, expected_version=None, action="delegate.import",
                             fields=service.AUDIT_FIELDS,
                             summary=f"Nhập từ Excel: {delegate.full_name}")
            if r.delegate is not None:
                result.updated.append(delegate.full_name)
        elif r.delegate is not None:
            result.unchanged.append(delegate.full_name)
    sync_all(plan, actor=actor)
    return result
