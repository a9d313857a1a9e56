"""Budget rules: conference cost lines (quantity x unit price, by funding source) and who signs
the Tờ trình. Services validate before they change anything; versioned writes go through
audit.service.versioned_update. The estimate and its totals are in estimate.py."""
import re
from dataclasses import dataclass

from ..audit.service import (check_version, parse_version, record, record_created, snapshot,
                             versioned_update)
from ..core import clock, people
from ..core.database import lock_for_update
from ..core.errors import DomainError, NotAllowed, NotFound, StaleEdit
from ..core.formatting import money
from ..extensions import db
from ..plan.models import Plan
from .models import CATEGORIES, BudgetLine, BudgetSigner
from .policy import can_edit

AUDIT_FIELDS = ("category", "description", "quantity", "unit", "unit_price", "amount",
                "funding_source_id", "note")
MAX_AMOUNT = 10**11  # 100 tỷ đồng: more is a typing mistake for a district conference
MAX_QUANTITY = 100_000

_MONEY = re.compile(r"^\d{1,3}(\.\d{3})+$|^\d+$")


def parse_money(text: str | None, field: str = "unit_price") -> int:
    """"1.500.000", "1500000", "1 500 000" or "1.500.000 đồng" -> 1500000 (whole đồng)."""
    raw = (text or "").strip().lower().removesuffix("đồng").removesuffix("đ").strip()
    raw = raw.replace(" ", "").replace("\u00a0", "")
    if not raw:
        raise DomainError("Nhập đơn giá (đồng).", field=field)
    if "," in raw:
        raise DomainError("Số tiền tính bằng đồng, không có phần lẻ; viết dấu chấm ngăn cách "
                          "hàng nghìn, ví dụ 1.500.000.", field=field)
    if not _MONEY.match(raw):
        raise DomainError("Số tiền không hợp lệ; ví dụ 1.500.000.", field=field)
    value = int(raw.replace(".", ""))
    if value <= 0:
        raise DomainError("Số tiền phải lớn hơn 0.", field=field)
    if value >= MAX_AMOUNT:
        raise DomainError("Số tiền quá lớn; kiểm tra lại số chữ số.", field=field)
    return value


def parse_quantity(text: str | None) -> int:
    raw = (text or "").strip().replace(".", "")
    if not raw:
        raise DomainError("Nhập số lượng.", field="quantity")
    if not raw.isdigit() or int(raw) <= 0:
        raise DomainError("Số lượng là số nguyên lớn hơn 0.", field="quantity")
    if int(raw) > MAX_QUANTITY:
        raise DomainError("Số lượng quá lớn; kiểm tra lại.", field="quantity")
    return int(raw)


@dataclass
class LineData:
    category: str
    description: str
    quantity: int
    unit: str
    unit_price: int
    funding_source_id: int
    note: str = ""

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_price


def _check(plan: Plan, data: LineData) -> None:
    if data.category not in CATEGORIES:
        raise DomainError("Chọn khoản chi.", field="category")
    if data.funding_source_id not in {s.id for s in plan.funding_sources}:
        raise DomainError("Chọn nguồn kinh phí của kế hoạch.", field="funding_source_id")
    if len(data.description) > 500:
        raise DomainError("Nội dung tối đa 500 ký tự.", field="description")
    if len(data.unit.strip()) > 32:
        raise DomainError("Đơn vị tính tối đa 32 ký tự.", field="unit")
    if data.amount >= MAX_AMOUNT:
        raise DomainError("Thành tiền quá lớn; kiểm tra lại số lượng và đơn giá.", field="quantity")


def _may_edit(actor) -> None:
    if not can_edit(actor):
        raise NotAllowed("Bạn không sửa kinh phí.")


def lines_of(plan: Plan) -> list[BudgetLine]:
    order = {code: i for i, code in enumerate(CATEGORIES)}
    rows = db.session.query(BudgetLine).filter_by(plan_id=plan.id).all()
    return sorted(rows, key=lambda line: (order.get(line.category, 99), line.id))


def get_line_or_404(line_id: int, plan: Plan) -> BudgetLine:
    line = db.session.get(BudgetLine, line_id)
    if line is None or line.plan_id != plan.id:
        raise NotFound("Khoản chi này không còn (có thể đã bị xóa).")
    return line


def _summary(line: BudgetLine) -> str:
    quantity = " ".join(str(part) for part in (line.quantity, line.unit) if part not in (None, ""))
    return (f"{line.label}: {quantity} × {money(line.unit_price)} = "
            f"{money(line.amount)} đồng ({line.funding_source.label.split(':')[0]})")


def _values(data: LineData) -> dict:
    return {"category": data.category, "description": data.description.strip(),
            "quantity": data.quantity, "unit": data.unit.strip(), "unit_price": data.unit_price,
            "amount": data.amount, "funding_source_id": data.funding_source_id,
            "note": data.note.strip()}


def add_line(plan: Plan, data: LineData, *, actor) -> BudgetLine:
    _may_edit(actor)
    _check(plan, data)
    now = clock.now()
    line = BudgetLine(plan_id=plan.id, created_at=now, updated_at=now,
                      updated_by_id=getattr(actor, "id", None), **_values(data))
    record_created(line, AUDIT_FIELDS, action="budget.add", actor=actor,
                   summary=lambda line: f"Thêm khoản chi {_summary(line)}")
    return line


def update_line(line: BudgetLine, data: LineData, *, actor, expected_version) -> BudgetLine:
    _may_edit(actor)
    _check(line.plan, data)
    versioned_update(
        line, {**_values(data), "updated_at": clock.now(),
               "updated_by_id": getattr(actor, "id", None)},
        expected_version=expected_version, action="budget.update", fields=AUDIT_FIELDS,
        summary=f"Sửa khoản chi {data.description.strip() or CATEGORIES[data.category]}: "
                f"{money(data.amount)} đồng",
        stale_message=lambda current: (
            f"Khoản chi này vừa được người khác sửa (hiện là {money(current.amount)} đồng). Nội "
            "dung hiện tại đã được tải lại; hãy xem lại rồi lưu."))
    db.session.refresh(line, ["funding_source"])
    return line


def delete_line(line: BudgetLine, *, actor, expected_version) -> None:
    _may_edit(actor)
    expected = parse_version(expected_version)
    lock_for_update(line)
    if expected is None or expected != line.version:
        raise StaleEdit(f"Khoản chi này vừa được người khác sửa (hiện là {money(line.amount)} "
                        "đồng). Hãy xem lại trước khi xóa.", current=line)
    before = snapshot(line, AUDIT_FIELDS)
    summary = f"Xóa khoản chi {_summary(line)}"
    line_id = line.id
    db.session.delete(line)
    db.session.flush()
    record("budget.delete", None, object_type="budget_line", object_id=line_id,
           before=before, actor=actor, summary=summary)


# --- who signs the Tờ trình ------------------------------------------------------------------

SIGNER_FIELDS = ("authority", "title", "name")
AUTHORITIES = {"": "Trưởng phòng ký", "KT. TRƯỞNG PHÒNG": "Phó Trưởng phòng ký thay (KT.)"}


HEAD_TITLE = "Trưởng phòng"


def head_of_proposer(plan: Plan) -> str:
    """The Trưởng phòng of the phòng that proposes the estimate (the plan's coordinator), as
    the units data names them; blank when it names nobody (the signer writes the name)."""
    head = people.head_of(plan.coordinator_unit.code, HEAD_TITLE)
    return head.name if head else ""


def signer_of(plan: Plan) -> BudgetSigner:
    """The signer as stored, or before the first save the head the units data names."""
    signer = db.session.query(BudgetSigner).filter_by(plan_id=plan.id).one_or_none()
    return signer or BudgetSigner(plan_id=plan.id, authority="", title="TRƯỞNG PHÒNG",
                                  name=head_of_proposer(plan), version=0)


def save_signer(plan: Plan, authority: str, name: str, *, actor, expected_version) -> BudgetSigner:
    _may_edit(actor)
    authority = (authority or "").strip()
    name = " ".join((name or "").split())
    if authority not in AUTHORITIES:
        raise DomainError("Chọn cách ký.", field="authority")
    if not name:
        raise DomainError("Nhập họ và tên người ký.", field="name")
    if len(name) > 120:
        raise DomainError("Họ và tên tối đa 120 ký tự.", field="name")
    signer = db.session.query(BudgetSigner).filter_by(plan_id=plan.id).one_or_none()
    if signer is None:
        db.session.query(Plan).filter_by(id=plan.id).with_for_update().one()
        signer = (db.session.query(BudgetSigner).filter_by(plan_id=plan.id)
                  .populate_existing().one_or_none())
    if signer is None:
        if parse_version(expected_version) not in (None, 0):
            raise StaleEdit("Người ký vừa được người khác xóa; tải lại trang.", current=None)
        signer = BudgetSigner(plan_id=plan.id, authority="", title="TRƯỞNG PHÒNG", name="",
                              version=0)
        db.session.add(signer)
        db.session.flush()
    stale = "Người ký vừa được người khác đổi sau khi bạn mở trang; hãy xem lại rồi lưu."
    if signer.version and (signer.authority, signer.name) == (authority, name):
        check_version(signer, expected_version, stale)
        return signer   # saved again as it is: nothing changed, nothing to record
    title = "PHÓ TRƯỞNG PHÒNG" if authority else "TRƯỞNG PHÒNG"
    versioned_update(signer, {"authority": authority, "title": title, "name": name,
                              "updated_at": clock.now()},
                     expected_version=expected_version, action="budget.signer",
                     fields=SIGNER_FIELDS, summary=f"Người ký tờ trình kinh phí: {name}",
                     stale_message=stale)
    return signer
