"""Changing the delegates: name, edit, delete, reply, check in, add a walk-in at the door.
Services validate before they change anything, flush, never commit; every change is audited
(versioned writes through webapp.audit.service.versioned_update)."""
import re
from dataclasses import dataclass

from ..audit.service import parse_version, record, record_created, snapshot, versioned_update
from ..core import clock, people
from ..core.database import lock_for_update
from ..core.errors import DomainError, NotAllowed, StaleEdit
from ..core.text import nfc
from ..extensions import db
from ..plan.models import DelegateComposition, Plan, Unit
from .models import REPLY_LABELS, Delegate, Reply
from .naming import sync_naming
from .policy import can_edit, can_name, can_reply

AUDIT_FIELDS = ("full_name", "title", "organisation", "address", "composition_id", "unit_id",
                "rank", "phone", "reply", "substitute_name", "substitute_title",
                "invitation_number", "checked_in_at", "seat")
EDIT_FIELDS = ("full_name", "title", "organisation", "address", "rank", "phone")
PHONE = re.compile(r"^[0-9 +.()\-]{0,32}$")


@dataclass
class DelegateData:
    """What a form or an Excel row gives for one delegate."""
    full_name: str
    composition_id: int | None
    unit_id: int | None = None
    title: str = ""
    organisation: str = ""
    rank: int = 100
    phone: str = ""
    address: str = people.DEFAULT_ADDRESS


def _stale(delegate: Delegate) -> str:
    return (f"Đại biểu “{delegate.full_name}” vừa được người khác cập nhật. Hãy xem lại thông "
            "tin mới trước khi lưu.")


def validate(data: DelegateData, plan: Plan) -> tuple[DelegateComposition, Unit | None]:
    """The rules of one delegate's fields; raises DomainError naming the field."""
    data.full_name = nfc(data.full_name)
    data.title, data.organisation, data.phone = nfc(data.title), nfc(data.organisation), nfc(data.phone)
    if not data.full_name:
        raise DomainError("Nhập họ và tên đại biểu.", field="full_name")
    if len(data.full_name) > 120:
        raise DomainError("Họ và tên tối đa 120 ký tự.", field="full_name")
    if len(data.title) > 255:
        raise DomainError("Chức vụ tối đa 255 ký tự.", field="title")
    if len(data.organisation) > 255:
        raise DomainError("Cơ quan, đơn vị tối đa 255 ký tự.", field="organisation")
    if not PHONE.match(data.phone):
        raise DomainError("Số điện thoại chỉ gồm chữ số, dấu cách, dấu + . - ( ).", field="phone")
    if not isinstance(data.rank, int) or not 0 <= data.rank <= 9999:
        raise DomainError("Thứ tự là số nguyên từ 0 đến 9999.", field="rank")
    if data.address not in people.ADDRESS_WORDS:
        raise DomainError("Chọn cách xưng hô: đồng chí, ông hoặc bà.", field="address")
    composition = db.session.get(DelegateComposition, data.composition_id or 0)
    if composition is None or composition.plan_id != plan.id:
        raise DomainError("Chọn thành phần đại biểu.", field="composition_id")
    unit = db.session.get(Unit, data.unit_id) if data.unit_id else None
    if composition.per_unit:
        if unit is None or unit.kind != composition.unit_kind or not unit.is_active:
            raise DomainError("Thành phần này tính theo từng xã, thị trấn: chọn xã, thị trấn.",
                              field="unit_id")
    elif data.unit_id and unit is None:
        raise DomainError("Đơn vị không tồn tại.", field="unit_id")
    return composition, unit


def _check_quota(composition: DelegateComposition, unit: Unit | None, *,
                 exclude_id: int | None = None) -> None:
    """The planned number is a quota: the composition row is locked while counting."""
    lock_for_update(composition)
    query = db.session.query(Delegate).filter(Delegate.composition_id == composition.id,
                                              Delegate.walk_in.is_(False))
    if exclude_id:
        query = query.filter(Delegate.id != exclude_id)
    if composition.per_unit:
        query = query.filter(Delegate.unit_id == unit.id)
        limit, where = composition.per_unit, f" của {people.mid_sentence(unit.name)}"
    else:
        limit, where = composition.planned, ""
    named = query.count()
    if named + 1 > limit:
        raise DomainError(f"Thành phần “{composition.label}”{where} chỉ có {limit} chỗ theo kế "
                          f"hoạch; đã nêu tên {named} đại biểu. Không thể thêm quá số dự kiến.",
                          field="composition_id")


def _summary(delegate: Delegate) -> str:
    return f"{delegate.full_name} ({delegate.composition.label[:60]})"


def _new(plan: Plan, data: DelegateData, composition, unit, **extra) -> Delegate:
    return Delegate(plan_id=plan.id, composition_id=composition.id,
                    unit_id=unit.id if unit else None, full_name=data.full_name,
                    title=data.title, organisation=data.organisation or (unit.name if unit else ""),
                    rank=data.rank, phone=data.phone, address=data.address, **extra)


def create(plan: Plan, data: DelegateData, *, actor) -> Delegate:
    composition, unit = validate(data, plan)
    if not can_name(actor, composition, unit.id if unit else None):
        raise NotAllowed("Bạn chỉ nêu tên đại biểu của đơn vị mình.")
    _check_quota(composition, unit)
    delegate = _new(plan, data, composition, unit)
    record_created(delegate, AUDIT_FIELDS, action="delegate.create", actor=actor,
                   summary=lambda d: f"Thêm đại biểu {_summary(d)}")
    sync_naming(plan, delegate.unit_id, actor=actor)
    return delegate


def changes_of(delegate: Delegate, data: DelegateData, composition, unit) -> dict:
    changes = {name: getattr(data, name) for name in EDIT_FIELDS}
    if not changes["organisation"] and unit:
        changes["organisation"] = unit.name
    changes["composition_id"], changes["unit_id"] = composition.id, unit.id if unit else None
    return {k: v for k, v in changes.items() if getattr(delegate, k) != v}


def update(delegate: Delegate, data: DelegateData, *, actor, expected_version) -> Delegate:
    if not can_edit(actor, delegate):
        raise NotAllowed("Bạn không sửa được đại biểu này.")
    parse_version(expected_version)
    composition, unit = validate(data, delegate.plan)
    if not can_name(actor, composition, unit.id if unit else None):
        raise NotAllowed("Bạn chỉ nêu tên đại biểu của đơn vị mình.")
    if composition.id != delegate.composition_id or (unit.id if unit else None) != delegate.unit_id:
        _check_quota(composition, unit, exclude_id=delegate.id)
    old_unit = delegate.unit_id
    changes = changes_of(delegate, data, composition, unit)
    versioned_update(delegate, changes, expected_version=expected_version,
                     action="delegate.update", fields=AUDIT_FIELDS, stale_message=_stale,
                     summary=f"Sửa đại biểu {data.full_name} ({composition.label[:60]})")
    db.session.refresh(delegate, ["composition", "unit"])
    for unit_id in {old_unit, delegate.unit_id}:
        sync_naming(delegate.plan, unit_id, actor=actor)
    return delegate


def delete(delegate: Delegate, *, actor, expected_version) -> None:
    if not can_edit(actor, delegate):
        raise NotAllowed("Bạn không xóa được đại biểu này.")
    expected = parse_version(expected_version)
    lock_for_update(delegate)
    if expected is not None and expected != delegate.version:
        raise StaleEdit(_stale(delegate), current=delegate)
    if delegate.checked_in_at is not None:
        raise DomainError("Đại biểu đã có mặt tại hội nghị; không xóa được.")
    before = snapshot(delegate, AUDIT_FIELDS)
    summary = f"Xóa đại biểu {_summary(delegate)}"
    delegate_id, plan, unit_id = delegate.id, delegate.plan, delegate.unit_id
    db.session.delete(delegate)
    db.session.flush()
    record("delegate.delete", None, before=before, actor=actor, summary=summary,
           object_type="delegate", object_id=delegate_id)
    sync_naming(plan, unit_id, actor=actor)


def reply_changes(delegate: Delegate, reply: str, substitute_name: str = "",
                  substitute_title: str = "", *, actor) -> dict:
    """What a reply changes (checked first: nothing changes when it is refused)."""
    try:
        value = Reply(reply)
    except ValueError:
        raise DomainError("Chọn một câu trả lời.", field="reply") from None
    substitute_name, substitute_title = nfc(substitute_name), nfc(substitute_title)
    if value == Reply.SUBSTITUTE:
        if not substitute_name:
            raise DomainError("Ghi họ tên người dự thay.", field="substitute_name")
        if len(substitute_name) > 120 or len(substitute_title) > 255:
            raise DomainError("Họ tên người dự thay tối đa 120 ký tự, chức vụ 255 ký tự.",
                              field="substitute_name")
    else:
        substitute_name = substitute_title = ""
    answered = value != Reply.PENDING
    return {"reply": value.value, "substitute_name": substitute_name,
            "substitute_title": substitute_title,
            "replied_at": clock.now() if answered else None,
            "replied_by_id": getattr(actor, "id", None) if answered else None}


def set_reply(delegate: Delegate, reply: str, *, actor, substitute_name: str = "",
              substitute_title: str = "", expected_version=None) -> Delegate:
    if not can_reply(actor, delegate):
        raise NotAllowed("Bạn không ghi nhận trả lời cho đại biểu này.")
    parse_version(expected_version)
    changes = reply_changes(delegate, reply, substitute_name, substitute_title, actor=actor)
    label = REPLY_LABELS[Reply(changes["reply"])]
    extra = f" (dự thay: {changes['substitute_name']})" if changes["substitute_name"] else ""
    versioned_update(delegate, changes, expected_version=expected_version,
                     action="delegate.reply", fields=AUDIT_FIELDS, stale_message=_stale,
                     summary=f"{delegate.full_name}: {label}{extra}")
    return delegate


def check_in(delegate: Delegate, *, actor, arrived: bool = True) -> Delegate:
    """Mark arrived (or undo). Idempotent: a second tap changes nothing."""
    lock_for_update(delegate)
    if arrived == (delegate.checked_in_at is not None):
        return delegate
    before = snapshot(delegate, AUDIT_FIELDS)
    delegate.checked_in_at = clock.now() if arrived else None
    delegate.checked_in_by_id = actor.id if arrived else None
    delegate.version += 1
    db.session.flush()
    record("delegate.checkin" if arrived else "delegate.checkin_undo", delegate, before=before,
           after=snapshot(delegate, AUDIT_FIELDS), actor=actor,
           summary=f"{delegate.attendee_name}: {'có mặt' if arrived else 'hủy đánh dấu có mặt'}")
    return delegate


def add_walk_in(plan: Plan, data: DelegateData, *, actor) -> Delegate:
    """Somebody not on the list arrives: added present at the door, in the composition they
    belong to, outside the planned seats (counted apart)."""
    composition, unit = validate(data, plan)
    now = clock.now()
    delegate = _new(plan, data, composition, unit, walk_in=True, reply=Reply.ATTENDING.value,
                    replied_at=now, replied_by_id=actor.id, checked_in_at=now,
                    checked_in_by_id=actor.id)
    record_created(delegate, AUDIT_FIELDS, action="delegate.walk_in", actor=actor,
                   summary=lambda d: f"Đại biểu đến dự không có trong danh sách: {_summary(d)}")
    return delegate
