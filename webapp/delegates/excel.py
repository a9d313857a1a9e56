"""The delegate list as Excel: export, a blank template, and an all-or-nothing import.

A bad row gets its own message (row, column, what is wrong) and nothing is imported when any
row is bad. The upload is checked (webapp.uploads) before openpyxl opens it.
"""
import io
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

from ..core.errors import DomainError
from ..core.spreadsheet import append, house_style, put
from ..core.text import nfc
from ..extensions import db
from ..plan.models import Plan, Unit
from . import service
from .models import Delegate

COLUMNS = [  # (letter, header, width)
    ("A", "STT", 6), ("B", "Họ và tên (*)", 26), ("C", "Chức vụ", 30),
    ("D", "Cơ quan, đơn vị", 30), ("E", "Thành phần (*)", 22), ("F", "Xã, thị trấn", 16),
    ("G", "Thứ tự", 8), ("H", "Điện thoại", 14), ("I", "Trả lời", 16), ("J", "Mã hệ thống", 12),
]
FIELD_COLUMN = {"full_name": "B", "title": "C", "organisation": "D", "composition_id": "E",
                "unit_id": "F", "rank": "G", "phone": "H"}
HEADERS = {letter: header for letter, header, _w in COLUMNS}
MAX_ROWS = 1000
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportRejected(DomainError):
    def __init__(self, errors: list[str]):
        super().__init__(f"Không nhập dữ liệu nào: {len(errors)} lỗi cần sửa trong tệp.",
                         field="file")
        self.errors = errors


def _workbook(plan: Plan, delegates: list[Delegate]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Đại biểu"
    for letter, header, width in COLUMNS:
        cell = ws[f"{letter}1"]
        put(cell, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    for index, d in enumerate(delegates, start=1):
        append(ws, [index, d.full_name, d.title, d.organisation, d.composition.code,
                    d.unit.short_name if d.unit else "", d.rank, d.phone, d.reply_label, d.id])
    house_style(ws, header_row=1)
    codes = wb.create_sheet("Thành phần")
    append(codes, ["Mã thành phần", "Thành phần", "Số dự kiến", "Mỗi xã, thị trấn"])
    for c in plan.compositions:
        append(codes, [c.code, c.label, c.planned, c.per_unit or ""])
    codes.column_dimensions["A"].width = 20
    codes.column_dimensions["B"].width = 90
    units = wb.create_sheet("Xã, thị trấn")
    append(units, ["Tên ngắn (ghi vào cột F)", "Tên đầy đủ", "Mã"])
    for u in db.session.query(Unit).filter_by(kind="commune", is_active=True).order_by(Unit.position):
        append(units, [u.short_name, u.name, u.code])
    units.column_dimensions["A"].width = 24
    units.column_dimensions["B"].width = 30
    rule = DataValidation(type="list", formula1=f"='Thành phần'!$A$2:$A${len(plan.compositions) + 1}",
                          allow_blank=True)
    ws.add_data_validation(rule)
    rule.add(f"E2:E{MAX_ROWS + 1}")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def export(plan: Plan) -> bytes:
    return _workbook(plan, service.delegates_of(plan))


def blank_template(plan: Plan) -> bytes:
    return _workbook(plan, [])


@dataclass
class _Row:
    number: int
    data: service.DelegateData
    delegate: Delegate | None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value))


def _fold(value: str) -> str:
    return service.fold(nfc(value))


def parse(plan: Plan, data: bytes) -> list[_Row]:
    """Read and check every row; raise ImportRejected listing every bad row."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 (openpyxl raises many kinds on a broken file)
        raise DomainError("Không đọc được tệp Excel. Hãy dùng mẫu tải về từ trang này.",
                          field="file") from None
    ws = wb["Đại biểu"] if "Đại biểu" in wb.sheetnames else wb.worksheets[0]
    rows = list(ws.iter_rows(min_row=1, max_col=10, values_only=True))
    wb.close()
    if not rows or _fold(_text(rows[0][1] if len(rows[0]) > 1 else "")).find("ho va ten") < 0:
        raise DomainError("Dòng 1 phải là dòng tiêu đề của mẫu (cột B “Họ và tên”). "
                          "Hãy dùng mẫu tải về từ trang này.", field="file")
    if len(rows) - 1 > MAX_ROWS:
        raise DomainError(f"Tệp có quá {MAX_ROWS} dòng.", field="file")
    compositions = {}
    for index, c in enumerate(plan.compositions, start=1):
        for key in (c.code, c.label, str(index)):
            compositions[_fold(key)] = c
    units = {}
    for u in db.session.query(Unit).filter_by(is_active=True):
        for key in (u.code, u.short_name, u.name):
            units.setdefault(_fold(key), u)
    existing = {d.id: d for d in db.session.query(Delegate).filter_by(plan_id=plan.id)}
    errors, parsed = [], []
    for number, values in enumerate(rows[1:], start=2):
        values = list(values) + [None] * (10 - len(values))
        cells = dict(zip("ABCDEFGHIJ", values))
        if all(_text(cells[k]) == "" for k in "BCDEFGHJ"):
            continue

        def bad(letter, message, number=number):
            errors.append(f"Dòng {number}, cột {letter} ({HEADERS[letter]}): {message}")

        row_errors = len(errors)
        comp_text = _text(cells["E"])
        composition = compositions.get(_fold(comp_text)) if comp_text else None
        if not comp_text:
            bad("E", "chưa ghi thành phần (mã ở trang “Thành phần”).")
        elif composition is None:
            bad("E", f"không có thành phần “{comp_text}” (xem mã ở trang “Thành phần”).")
        unit_text = _text(cells["F"])
        unit = units.get(_fold(unit_text)) if unit_text else None
        if unit_text and unit is None:
            bad("F", f"không có xã, thị trấn “{unit_text}”.")
        rank_value = cells["G"]
        rank = 100
        if _text(rank_value):
            try:
                rank = int(float(rank_value))
            except (TypeError, ValueError):
                bad("G", f"“{_text(rank_value)}” không phải số nguyên.")
        delegate = None
        if _text(cells["J"]):
            try:
                delegate = existing.get(int(float(cells["J"])))
            except (TypeError, ValueError):
                delegate = None
            if delegate is None:
                bad("J", f"mã “{_text(cells['J'])}” không có trong danh sách; để trống nếu là "
                         "đại biểu mới.")
        item = service.DelegateData(
            full_name=_text(cells["B"]), composition_id=composition.id if composition else None,
            unit_id=unit.id if unit else None, title=_text(cells["C"]),
            organisation=_text(cells["D"]), rank=rank, phone=_text(cells["H"]))
        if len(errors) == row_errors:
            try:
                service.validate(item, plan)
            except DomainError as exc:
                bad(FIELD_COLUMN.get(exc.field, "B"), exc.message[0].lower() + exc.message[1:])
        parsed.append(_Row(number, item, delegate))
    _check_quotas(plan, parsed, existing, errors)
    if errors:
        raise ImportRejected(errors)
    if not parsed:
        raise DomainError("Tệp không có dòng đại biểu nào.", field="file")
    return parsed


def _check_quotas(plan, parsed, existing, errors) -> None:
    moved = {r.delegate.id for r in parsed if r.delegate}
    counts: dict[tuple, int] = {}
    for d in existing.values():
        if d.id not in moved:
            key = (d.composition_id, d.unit_id if d.composition.per_unit else None)
            counts[key] = counts.get(key, 0) + 1
    by_id = {c.id: c for c in plan.compositions}
    for r in parsed:
        c = by_id.get(r.data.composition_id)
        if c is None:
            continue
        key = (c.id, r.data.unit_id if c.per_unit else None)
        counts[key] = counts.get(key, 0) + 1
        limit = c.per_unit if c.per_unit else c.planned
        if counts[key] > limit:
            where = ""
            if c.per_unit:
                unit = db.session.get(Unit, r.data.unit_id)
                where = f" của {unit.name}" if unit else ""
            errors.append(f"Dòng {r.number}, cột E ({HEADERS['E']}): vượt số dự kiến — thành "
                          f"phần “{c.label[:60]}”{where} chỉ có {limit} chỗ.")


def import_rows(plan: Plan, data: bytes, *, actor) -> tuple[int, int]:
    """All or nothing: returns (created, updated)."""
    parsed = parse(plan, data)
    created = updated = 0
    with db.session.begin_nested():
        for r in parsed:
            if r.delegate is None:
                service.create(plan, r.data, actor=actor)
                created += 1
            else:
                service.update(r.delegate, r.data, actor=actor, expected_version=None)
                updated += 1
    return created, updated
