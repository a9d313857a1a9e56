"""The reward flow: a unit nominates → Phòng LĐTB&XH shortlists (or returns) → Phòng Nội vụ
approves within the quota (or not).

Services take plain arguments, check everything before changing anything (uploaded files are
written only once the whole form is valid), write through `versioned_update` (lock → version →
change → version + 1 → audit), flush and never commit. The quota rule locks the plan's
RewardQuota row: SELECT ... FOR UPDATE on PostgreSQL; on SQLite the write lock of the
transaction (write requests begin IMMEDIATE; `_lock_quota` takes it when they did not).
"""
from dataclasses import dataclass

from sqlalchemy import select, update

from ..audit.service import check_version, record_created, versioned_update
from ..core import clock
from ..core.errors import DomainError, NotAllowed
from ..core.permissions import Cap, has_cap
from ..core.people import capitalise
from ..core.text import nfc
from ..extensions import db
from ..plan.loader import current_plan
from ..plan.models import Plan, RewardQuota
from ..uploads.service import CheckedUpload, store
from .models import ADDRESS_LABELS, KIND_LABELS, Kind, Nomination, NominationStatus as NS
from .closing import require_open as require_list_open
from .policy import EDITABLE, can_decide, can_edit, can_reconsider, can_screen, can_withdraw
from .progress import (after_decision, sync_review_assignments, sync_unit_assignment,
                       tell_approvers, tell_screeners, tell_unit)
from .queries import approved_count, dossier_checks, forget_counts, unit_label_of
from .window import require_open

AUDIT_FIELDS = ("kind", "full_name", "address", "gender", "birth_year", "position", "workplace",
                "collective_name", "summary", "report_file_id", "cover_letter_file_id",
                "status", "review_note", "decision_reason", "decision_order")


@dataclass
class NominationData:
    kind: str
    full_name: str = ""
    gender: str = ""
    birth_year: int | None = None
    position: str = ""
    workplace: str = ""
    collective_name: str = ""
    summary: str = ""
    address: str = ""


def validate(data: NominationData) -> NominationData:
    if data.kind not in (Kind.COLLECTIVE, Kind.INDIVIDUAL):
        raise DomainError("Chọn tập thể hoặc cá nhân.", field="kind")
    cleaned = NominationData(kind=data.kind, summary=nfc(data.summary))
    if data.kind == Kind.INDIVIDUAL:
        cleaned.full_name = " ".join(nfc(data.full_name).split())
        cleaned.gender = data.gender if data.gender in ("male", "female") else ""
        cleaned.birth_year = data.birth_year
        cleaned.position = nfc(data.position)
        cleaned.workplace = nfc(data.workplace)
        cleaned.address = data.address if data.address in ADDRESS_LABELS else ""
        for name, message in (("full_name", "Nhập họ và tên."), ("gender", "Chọn giới tính."),
                              ("address", "Chọn cách xưng hô (đồng chí, ông hoặc bà)."),
                              ("position", "Nhập chức vụ."),
                              ("workplace", "Nhập đơn vị công tác hoặc nơi cư trú.")):
            if not getattr(cleaned, name):
                raise DomainError(message, field=name)
        this_year = clock.today().year
        if cleaned.birth_year is None or not 1900 <= cleaned.birth_year <= this_year - 15:
            raise DomainError(f"Năm sinh không hợp lệ (từ 1900 đến {this_year - 15}).",
                              field="birth_year")
    else:
        cleaned.collective_name = " ".join(nfc(data.collective_name).split())
        if not cleaned.collective_name:
            raise DomainError("Nhập tên đầy đủ của tập thể.", field="collective_name")
    if not cleaned.summary:
        raise DomainError("Nhập tóm tắt thành tích.", field="summary")
    return cleaned


def _fields(data: NominationData) -> dict:
    return {name: getattr(data, name) for name in (
        "kind", "full_name", "address", "gender", "birth_year", "position", "workplace",
        "collective_name", "summary")}


def _stale(n: Nomination) -> str:
    return (f"Đề nghị “{n.name}” vừa được người khác cập nhật (hiện là “{n.status_label}”). "
            "Hãy tải lại trang để xem thay đổi.")


def create_nomination(data: NominationData, *, actor, report: CheckedUpload | None,
                      cover_letter: CheckedUpload | None = None,
                      plan: Plan | None = None) -> Nomination:
    """A draft nomination of the actor's unit. The files are written only once all is valid."""
    if not has_cap(actor, Cap.NOMINATION_CREATE):
        raise NotAllowed("Vai trò của bạn không đề nghị khen thưởng.")
    plan = plan or current_plan()
    require_list_open(plan)
    require_open(plan)
    data = validate(data)
    if report is None:
        raise DomainError("Gửi kèm báo cáo thành tích (PDF hoặc Word).", field="report")
    report_file = store(report, user=actor, unit_id=actor.unit_id)
    cover_file = (store(cover_letter, user=actor, unit_id=actor.unit_id)
                  if cover_letter else None)
    n = Nomination(plan_id=plan.id, unit_id=actor.unit_id, status=NS.DRAFT,
                   created_at=clock.now(), created_by_id=actor.id, version=1,
                   report_file_id=report_file.id,
                   cover_letter_file_id=cover_file.id if cover_file else None, **_fields(data))
    record_created(n, AUDIT_FIELDS, action="nomination.create", actor=actor,
                   summary=lambda n: f"{capitalise(unit_label_of(n.unit))} lập đề nghị khen "
                                     f"thưởng {n.kind_label.lower()} {n.name}")
    sync_unit_assignment(plan, n.unit_id, actor=actor)
    return n


def update_nomination(n: Nomination, data: NominationData, *, actor, expected_version,
                      report: CheckedUpload | None = None,
                      cover_letter: CheckedUpload | None = None) -> Nomination:
    require_list_open(n.plan)
    if not can_edit(actor, n):
        raise NotAllowed("Chỉ sửa được đề nghị đang soạn hoặc bị trả lại của đơn vị mình.")
    if n.status == NS.DRAFT:
        require_open(n.plan)
    data = validate(data)

    def replace_files(obj):
        if report is not None:
            obj.report_file_id = store(report, user=actor, unit_id=actor.unit_id).id
        if cover_letter is not None:
            obj.cover_letter_file_id = store(cover_letter, user=actor, unit_id=actor.unit_id).id

    versioned_update(n, _fields(data), expected_version=expected_version,
                     action="nomination.update", summary=f"Sửa đề nghị khen thưởng {data.full_name or data.collective_name}",
                     stale_message=_stale, apply=replace_files, fields=AUDIT_FIELDS, actor=actor)
    return n


def _move(n: Nomination, target: NS, *, actor, expected_version, action: str, summary: str,
          **changes) -> None:
    forget_counts()
    versioned_update(n, {"status": target, **changes}, expected_version=expected_version,
                     action=action, summary=summary, stale_message=_stale, fields=AUDIT_FIELDS,
                     actor=actor)


def submit(n: Nomination, *, actor, expected_version=None) -> None:
    """Send a draft (or a returned nomination, corrected) to Phòng LĐTB&XH. A draft needs the
    nomination window open; a returned one may come back after the deadline: it was asked for."""
    check_version(n, expected_version, _stale)  # a stale form is told so before its step is judged
    require_list_open(n.plan)
    if not can_edit(actor, n):
        raise NotAllowed("Chỉ gửi được đề nghị đang soạn hoặc bị trả lại của đơn vị mình.")
    if n.status == NS.DRAFT:
        require_open(n.plan)
    if n.report_file_id is None:
        raise DomainError("Chưa có báo cáo thành tích.", field="report")
    _move(n, NS.SUBMITTED, actor=actor, expected_version=expected_version, action="nomination.submit",
          submitted_at=clock.now(),
          summary=f"{capitalise(unit_label_of(n.unit))} gửi đề nghị khen thưởng {n.name}")
    sync_unit_assignment(n.plan, n.unit_id, actor=actor)
    tell_screeners(n)


def submit_all(unit_id: int, *, actor, plan: Plan | None = None) -> list[Nomination]:
    plan = plan or current_plan()
    drafts = (db.session.query(Nomination)
              .filter_by(plan_id=plan.id, unit_id=unit_id)
              .filter(Nomination.status.in_(EDITABLE)).order_by(Nomination.id).all())
    if not drafts:
        raise DomainError("Không có đề nghị nào đang soạn để gửi.")
    require_list_open(plan)
    for n in drafts:
        if not can_edit(actor, n):
            raise NotAllowed("Chỉ gửi được đề nghị của đơn vị mình.")
        if n.status == NS.DRAFT:
            require_open(plan)
    for n in drafts:
        submit(n, actor=actor)
    return drafts


def withdraw(n: Nomination, *, actor, expected_version=None) -> None:
    check_version(n, expected_version, _stale)  # a stale form is told so before its step is judged
    if not can_withdraw(actor, n):
        raise NotAllowed("Chỉ rút được đề nghị của đơn vị mình khi Phòng LĐTB&XH chưa xét.")
    _move(n, NS.WITHDRAWN, actor=actor, expected_version=expected_version, action="nomination.withdraw",
          summary=f"{capitalise(unit_label_of(n.unit))} rút đề nghị khen thưởng {n.name}")
    sync_unit_assignment(n.plan, n.unit_id, actor=actor)


# --- shortlisting (Phòng LĐTB&XH) ------------------------------------------------------------

def _screenable(n: Nomination, actor, verb: str) -> None:
    if not has_cap(actor, Cap.NOMINATION_SHORTLIST):
        raise NotAllowed(f"Chỉ Phòng LĐTB&XH {verb} đề nghị.")
    require_list_open(n.plan, field="note")
    if not can_screen(actor, n):
        raise DomainError(f"Chỉ {verb} được đề nghị đã gửi và chờ xét; đề nghị này đang "
                          f"“{n.status_label}”.", field="note")


def shortlist(n: Nomination, *, actor, note: str = "", expected_version=None) -> None:
    check_version(n, expected_version, _stale)  # a stale form is told so before its step is judged
    _screenable(n, actor, "xét chọn")
    missing = [c.label for c in dossier_checks(n) if not c.ok]
    if missing:
        raise DomainError("Hồ sơ còn thiếu: " + ", ".join(missing) + ". Trả lại để đơn vị bổ sung.",
                          field="note")
    _move(n, NS.SHORTLISTED, actor=actor, expected_version=expected_version, action="nomination.shortlist",
          reviewed_at=clock.now(), review_note=nfc(note),
          summary=f"Phòng LĐTB&XH chọn đề nghị {n.name} ({unit_label_of(n.unit)}) trình Phòng Nội vụ")
    tell_unit(n, "shortlisted", f"Đề nghị khen thưởng “{n.name}” đã được Phòng LĐTB&XH chọn, "
                                "trình Phòng Nội vụ duyệt.")
    tell_approvers(n)
    sync_unit_assignment(n.plan, n.unit_id, actor=actor)
    sync_review_assignments(n.plan, actor=actor)


def return_nomination(n: Nomination, note: str, *, actor, expected_version=None) -> None:
    check_version(n, expected_version, _stale)  # a stale form is told so before its step is judged
    _screenable(n, actor, "trả lại")
    note = nfc(note)
    if not note:
        raise DomainError("Ghi rõ nội dung cần bổ sung để đơn vị biết phải làm gì.", field="note")
    _move(n, NS.RETURNED, actor=actor, expected_version=expected_version, action="nomination.return",
          reviewed_at=clock.now(), review_note=note,
          summary=f"Phòng LĐTB&XH trả lại đề nghị {n.name} ({unit_label_of(n.unit)}): {note}")
    tell_unit(n, "returned", f"Đề nghị khen thưởng “{n.name}” bị trả lại: {note}")
    sync_unit_assignment(n.plan, n.unit_id, actor=actor)
    sync_review_assignments(n.plan, actor=actor)


# --- approval (Phòng Nội vụ) -----------------------------------------------------------------

def _lock_quota(plan_id: int, kind: str) -> RewardQuota:
    """Serialise every approval of the same kind: the rule "at most N" depends on this row."""
    stmt = select(RewardQuota).where(RewardQuota.plan_id == plan_id, RewardQuota.kind == kind)
    if db.session.get_bind().dialect.name == "sqlite":
        # A no-op write takes SQLite's write lock now (a write request already holds it: BEGIN
        # IMMEDIATE). In WAL mode a transaction whose snapshot is stale cannot take it and fails
        # rather than count stale rows.
        db.session.execute(update(RewardQuota).where(RewardQuota.plan_id == plan_id,
                                                     RewardQuota.kind == kind)
                           .values(quota=RewardQuota.quota))
    else:
        stmt = stmt.with_for_update()
    quota = db.session.execute(stmt.execution_options(populate_existing=True)).scalar_one_or_none()
    if quota is None:
        raise DomainError(f"Kế hoạch chưa có chỉ tiêu khen thưởng {KIND_LABELS[Kind(kind)].lower()}.")
    return quota


def _decidable(n: Nomination, actor) -> None:
    if not has_cap(actor, Cap.NOMINATION_APPROVE):
        raise NotAllowed("Chỉ Phòng Nội vụ duyệt đề nghị khen thưởng.")
    require_list_open(n.plan, field="note")
    if not can_decide(actor, n):
        raise DomainError(f"Chỉ duyệt được đề nghị Phòng LĐTB&XH đã chọn; đề nghị này đang "
                          f"“{n.status_label}”.", field="note")


def approve(n: Nomination, reason: str = "", *, actor, expected_version=None) -> None:
    check_version(n, expected_version, _stale)  # a stale form is told so before its step is judged
    if not has_cap(actor, Cap.NOMINATION_APPROVE):
        raise NotAllowed("Chỉ Phòng Nội vụ duyệt đề nghị khen thưởng.")
    quota = _lock_quota(n.plan_id, n.kind)
    db.session.refresh(n)  # what another approver committed before we got the lock
    _decidable(n, actor)
    used = approved_count(n.plan_id, n.kind)
    if used >= quota.quota:
        raise DomainError(f"Đã đủ chỉ tiêu {quota.quota} {n.kind_label.lower()} của kế hoạch; "
                          "không duyệt thêm được. Không duyệt một đề nghị khác trước nếu cần thay.",
                          field="note")
    reason = nfc(reason)
    _move(n, NS.APPROVED, actor=actor, expected_version=expected_version, action="nomination.approve",
          decided_at=clock.now(), decision_reason=reason, decision_order=None,
          summary=f"Phòng Nội vụ duyệt khen thưởng {n.name} ({unit_label_of(n.unit)}); "
                  f"{used + 1}/{quota.quota} {n.kind_label.lower()}")
    tell_unit(n, "approved", f"Đề nghị khen thưởng “{n.name}” đã được Phòng Nội vụ duyệt"
                             + (f": {reason}" if reason else "."))
    sync_review_assignments(n.plan, actor=actor)
    after_decision(n.plan)


def reject(n: Nomination, reason: str, *, actor, expected_version=None) -> None:
    check_version(n, expected_version, _stale)  # a stale form is told so before its step is judged
    _decidable(n, actor)
    reason = nfc(reason)
    if not reason:
        raise DomainError("Ghi lý do không duyệt.", field="note")
    _move(n, NS.REJECTED, actor=actor, expected_version=expected_version, action="nomination.reject",
          decided_at=clock.now(), decision_reason=reason, decision_order=None,
          summary=f"Phòng Nội vụ không duyệt {n.name} ({unit_label_of(n.unit)}): {reason}")
    tell_unit(n, "rejected", f"Đề nghị khen thưởng “{n.name}” không được duyệt: {reason}")
    sync_review_assignments(n.plan, actor=actor)


def reconsider(n: Nomination, *, actor, expected_version=None) -> None:
    """Phòng Nội vụ takes back its decision: the nomination is shortlisted again (to free a
    place of the quota for another one, or to approve one it had refused)."""
    check_version(n, expected_version, _stale)  # a stale form is told so before its step is judged
    if has_cap(actor, Cap.NOMINATION_APPROVE):
        require_list_open(n.plan, field="note")
    if not can_reconsider(actor, n):
        raise NotAllowed("Chỉ Phòng Nội vụ xem xét lại quyết định của mình.")
    _move(n, NS.SHORTLISTED, actor=actor, expected_version=expected_version, action="nomination.reconsider",
          decided_at=None, decision_reason="", decision_order=None,
          summary=f"Phòng Nội vụ xem xét lại đề nghị {n.name} ({unit_label_of(n.unit)})")
    sync_review_assignments(n.plan, actor=actor)
