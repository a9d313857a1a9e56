"""Rules of the delegates: who names whom, planned against named, replies, invitations,
check-in. Services flush, never commit; every change is audited."""
import re
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy.orm import joinedload

from ..audit.service import record, snapshot
from ..core import clock
from ..core.errors import DomainError, NotAllowed, StaleEdit
from ..core.roles import Role
from ..core.text import nfc, person_sort_key
from ..extensions import db
from ..plan.models import DelegateComposition, Plan, Unit
from .models import COMING, REPLY_LABELS, Delegate, Reply


# --- order and queries -----------------------------------------------------------------------

def protocol_key(delegate: Delegate):
    """Protocol order: the composition's rank, the delegate's rank within it, then the name
    in Vietnamese order (given name, family name, middle names)."""
    c = delegate.composition
    return (c.protocol_rank, c.position, delegate.rank, person_sort_key(delegate.full_name),
            delegate.id or 0)


def delegates_of(plan: Plan, *, unit_id: int | None = None,
                 composition_id: int | None = None) -> list[Delegate]:
    """The plan's delegates in protocol order (optionally of one unit or composition)."""
    query = (db.session.query(Delegate)
             .options(joinedload(Delegate.composition), joinedload(Delegate.unit))
             .filter(Delegate.plan_id == plan.id))
    if unit_id is not None:
        query = query.filter(Delegate.unit_id == unit_id)
    if composition_id is not None:
        query = query.filter(Delegate.composition_id == composition_id)
    return sorted(query.all(), key=protocol_key)


def introduction_list(plan: Plan, present_only: bool = False) -> list[dict]:
    """The delegates the MC introduces at the opening, in protocol order.

    Without present_only: those who said they will attend (a substitute is introduced in the
    invitee's place). With present_only: those checked in on the day.
    """
    result = []
    for d in delegates_of(plan):
        attending = d.reply in COMING
        present = d.checked_in_at is not None
        if present_only and not present:
            continue
        if not present_only and not attending:
            continue
        result.append({
            "full_name": d.attendee_name,
            "title": d.attendee_title,
            "organisation": d.organisation,
            "composition_label": d.composition.label,
            "rank": d.rank,
            "attending": attending,
            "present": present,
        })
    return result


# --- who may do what -------------------------------------------------------------------------

def _has(user, cap) -> bool:
    from ..core.permissions import has_cap
    return has_cap(user, cap)


def manages(user) -> bool:
    """Văn phòng and Phòng LĐTB&XH manage the whole list."""
    from ..core.permissions import Cap
    return _has(user, Cap.DELEGATES_MANAGE)


def names_own(user) -> bool:
    from ..core.permissions import Cap
    return _has(user, Cap.DELEGATES_NAME_OWN)


def can_view(user, delegate: Delegate) -> bool:
    from ..core.permissions import Cap
    if manages(user) or _has(user, Cap.CONFERENCE_VIEW):
        return True
    return delegate.unit_id is not None and delegate.unit_id == user.unit_id


def can_name(user, composition: DelegateComposition, unit_id: int | None) -> bool:
    """A commune names its own delegates in the commune compositions; managers name all."""
    if manages(user):
        return True
    return (names_own(user) and composition.level == "commune" and composition.per_unit > 0
            and unit_id == user.unit_id)


def can_edit(user, delegate: Delegate) -> bool:
    return can_name(user, delegate.composition, delegate.unit_id)


def can_reply(user, delegate: Delegate) -> bool:
    """Replies are entered by the delegate's unit or by Văn phòng (often by phone)."""
    from ..core.permissions import Cap
    if _has(user, Cap.INVITATIONS_ISSUE):
        return True
    return (delegate.unit_id is not None and delegate.unit_id == user.unit_id
            and user.role not in (Role.LEADERSHIP, Role.ADMIN))


def get_delegate_or_404(delegate_id: int, user) -> Delegate:
    from flask import abort
    delegate = db.session.get(Delegate, delegate_id)
    if delegate is None or not can_view(user, delegate):
        abort(404)  # another unit's delegates: as if they did not exist
    return delegate


def composition_choices(user, plan: Plan) -> list[DelegateComposition]:
    return [c for c in plan.compositions
            if manages(user) or (names_own(user) and c.level == "commune" and c.per_unit > 0)]


def units_for(composition: DelegateComposition) -> list[Unit]:
    if not composition.unit_kind:
        return []
    return (db.session.query(Unit).filter_by(kind=composition.unit_kind, is_active=True)
            .order_by(Unit.position, Unit.id).all())


# --- planned against named -------------------------------------------------------------------

@dataclass
class SeatCount:
    composition: DelegateComposition
    planned: int
    named: int
    coming: int = 0
    declined: int = 0
    present: int = 0
    per_unit: list = field(default_factory=list)   # [(unit, planned, named)]

    @property
    def missing(self) -> int:
        return max(0, self.planned - self.named)


def seat_counts(plan: Plan, *, unit_id: int | None = None) -> list[SeatCount]:
    """Per composition: planned seats against named delegates (and per commune); with unit_id
    only that unit's share of the per-unit compositions."""
    delegates = db.session.query(Delegate).filter_by(plan_id=plan.id).all()
    result = []
    for c in plan.compositions:
        mine = [d for d in delegates if d.composition_id == c.id]
        if unit_id is not None:
            if not c.per_unit:
                continue
            mine = [d for d in mine if d.unit_id == unit_id]
            planned = c.per_unit
        else:
            planned = c.planned
        count = SeatCount(c, planned, len(mine),
                          coming=sum(1 for d in mine if d.reply in COMING),
                          declined=sum(1 for d in mine if d.reply == Reply.DECLINED),
                          present=sum(1 for d in mine if d.checked_in_at is not None))
        if c.per_unit and unit_id is None:
            for u in units_for(c):
                count.per_unit.append((u, c.per_unit, sum(1 for d in mine if d.unit_id == u.id)))
        result.append(count)
    return result


def commune_table(plan: Plan) -> list[dict]:
    """Per commune: planned and named in each per-unit composition (for the coordinator)."""
    per_unit = [c for c in plan.compositions if c.per_unit]
    if not per_unit:
        return []
    named = {}
    for comp_id, u_id in (db.session.query(Delegate.composition_id, Delegate.unit_id)
                          .filter(Delegate.plan_id == plan.id)):
        named[(comp_id, u_id)] = named.get((comp_id, u_id), 0) + 1
    rows = []
    for u in units_for(per_unit[0]):
        cells = [(c, c.per_unit, named.get((c.id, u.id), 0)) for c in per_unit]
        rows.append({"unit": u, "cells": cells,
                     "planned": sum(p for _c, p, _n in cells),
                     "named": sum(n for _c, _p, n in cells)})
    return rows


def attendance(plan: Plan) -> dict:
    """The live counter: present against expected (those who said they will come)."""
    rows = db.session.query(Delegate.reply, Delegate.checked_in_at).filter(
        Delegate.plan_id == plan.id).all()
    return {
        "named": len(rows),
        "planned": sum(c.planned for c in plan.compositions),
        "expected": sum(1 for reply, _at in rows if reply in COMING),
        "present": sum(1 for _reply, at in rows if at is not None),
        "pending": sum(1 for reply, _at in rows if reply == Reply.PENDING),
        "declined": sum(1 for reply, _at in rows if reply == Reply.DECLINED),
    }


# --- changes ---------------------------------------------------------------------------------

AUDIT_FIELDS = ("full_name", "title", "organisation", "composition_id", "unit_id", "rank",
                "phone", "reply", "substitute_name", "substitute_title", "invitation_number",
                "checked_in_at", "seat")
EDIT_FIELDS = ("full_name", "title", "organisation", "rank", "phone")
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


def _check_version(delegate: Delegate, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != delegate.version:
        raise StaleEdit(f"Đại biểu “{delegate.full_name}” vừa được người khác cập nhật. "
                        "Hãy xem lại thông tin mới trước khi lưu.", current=delegate)


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


def _lock_composition(composition: DelegateComposition) -> None:
    """The planned number is a quota: on PostgreSQL lock the composition row while counting
    (SQLite writes under BEGIN IMMEDIATE already)."""
    if db.engine.dialect.name != "sqlite":
        (db.session.query(DelegateComposition).filter_by(id=composition.id)
         .with_for_update().one())


def _check_quota(composition: DelegateComposition, unit: Unit | None, *, adding: int = 1,
                 exclude_id: int | None = None) -> None:
    _lock_composition(composition)
    query = db.session.query(Delegate).filter(Delegate.composition_id == composition.id)
    if exclude_id:
        query = query.filter(Delegate.id != exclude_id)
    if composition.per_unit:
        query = query.filter(Delegate.unit_id == unit.id)
        limit = composition.per_unit
        where = f" của {unit.name}"
    else:
        limit = composition.planned
        where = ""
    named = query.count()
    if named + adding > limit:
        raise DomainError(f"Thành phần “{composition.label}”{where} chỉ có {limit} chỗ theo kế "
                          f"hoạch; đã nêu tên {named} đại biểu. Không thể thêm quá số dự kiến.",
                          field="composition_id")


def _summary(delegate: Delegate) -> str:
    return f"{delegate.full_name} ({delegate.composition.label[:60]})"


def create(plan: Plan, data: DelegateData, *, actor) -> Delegate:
    composition, unit = validate(data, plan)
    if not can_name(actor, composition, unit.id if unit else None):
        raise NotAllowed("Bạn chỉ nêu tên đại biểu của đơn vị mình.")
    _check_quota(composition, unit)
    delegate = Delegate(plan_id=plan.id, composition_id=composition.id,
                        unit_id=unit.id if unit else None, full_name=data.full_name,
                        title=data.title,
                        organisation=data.organisation or (unit.name if unit else ""),
                        rank=data.rank, phone=data.phone)
    db.session.add(delegate)
    db.session.flush()
    record("delegate.create", delegate, after=snapshot(delegate, AUDIT_FIELDS), actor=actor,
           summary=f"Thêm đại biểu {_summary(delegate)}")
    return delegate


def update(delegate: Delegate, data: DelegateData, *, actor,
           expected_version: int | None) -> Delegate:
    if not can_edit(actor, delegate):
        raise NotAllowed("Bạn không sửa được đại biểu này.")
    _check_version(delegate, expected_version)
    composition, unit = validate(data, delegate.plan)
    if not can_name(actor, composition, unit.id if unit else None):
        raise NotAllowed("Bạn chỉ nêu tên đại biểu của đơn vị mình.")
    if composition.id != delegate.composition_id or (unit.id if unit else None) != delegate.unit_id:
        _check_quota(composition, unit, exclude_id=delegate.id)
    before = snapshot(delegate, AUDIT_FIELDS)
    delegate.composition_id, delegate.unit_id = composition.id, unit.id if unit else None
    for name in EDIT_FIELDS:
        setattr(delegate, name, getattr(data, name))
    if not delegate.organisation and unit:
        delegate.organisation = unit.name
    delegate.version += 1
    db.session.flush()
    db.session.refresh(delegate, ["composition"])
    record("delegate.update", delegate, before=before, after=snapshot(delegate, AUDIT_FIELDS),
           actor=actor, summary=f"Sửa đại biểu {_summary(delegate)}")
    return delegate


def delete(delegate: Delegate, *, actor, expected_version: int | None) -> None:
    if not can_edit(actor, delegate):
        raise NotAllowed("Bạn không xóa được đại biểu này.")
    _check_version(delegate, expected_version)
    if delegate.checked_in_at is not None:
        raise DomainError("Đại biểu đã có mặt tại hội nghị; không xóa được.")
    before = snapshot(delegate, AUDIT_FIELDS)
    summary = f"Xóa đại biểu {_summary(delegate)}"
    delegate_id = delegate.id
    db.session.delete(delegate)
    db.session.flush()
    record("delegate.delete", None, before=before, actor=actor, summary=summary,
           object_type="delegate", object_id=delegate_id)


def set_reply(delegate: Delegate, reply: str, *, actor, substitute_name: str = "",
              substitute_title: str = "", expected_version: int | None = None) -> Delegate:
    if not can_reply(actor, delegate):
        raise NotAllowed("Bạn không ghi nhận trả lời cho đại biểu này.")
    _check_version(delegate, expected_version)
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
    before = snapshot(delegate, AUDIT_FIELDS)
    delegate.reply = value
    delegate.substitute_name, delegate.substitute_title = substitute_name, substitute_title
    delegate.replied_at = clock.now() if value != Reply.PENDING else None
    delegate.replied_by_id = actor.id if value != Reply.PENDING else None
    delegate.version += 1
    db.session.flush()
    record("delegate.reply", delegate, before=before, after=snapshot(delegate, AUDIT_FIELDS),
           actor=actor, summary=f"{delegate.full_name}: {REPLY_LABELS[value]}"
           + (f" (dự thay: {substitute_name})" if substitute_name else ""))
    return delegate


def check_in(delegate: Delegate, *, actor, arrived: bool = True) -> Delegate:
    """Mark arrived (or undo). Idempotent: a second tap changes nothing."""
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


def search(plan: Plan, text: str, limit: int = 30) -> list[Delegate]:
    """Check-in search: every word of `text` in the name (invitee or substitute), title or
    organisation, without regard to case or diacritics."""
    words = [fold(w) for w in nfc(text).split()]
    found = []
    for d in delegates_of(plan):
        hay = fold(" ".join((d.full_name, d.substitute_name, d.title, d.organisation)))
        if all(w in hay for w in words):
            found.append(d)
            if len(found) >= limit:
                break
    return found


def fold(text: str) -> str:
    """Lower case without diacritics (đ -> d): what people type on a phone in a hurry."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
