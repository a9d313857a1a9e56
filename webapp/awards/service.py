"""Rules of the reward flow: nominate → shortlist (LĐTB&XH) → approve (Nội vụ) → decision.

Services take plain arguments, raise domain errors, write the audit entry, flush and never
commit. The quota rule (at most N collectives and N individuals approved) locks the plan's
RewardQuota row: SELECT ... FOR UPDATE on PostgreSQL; on SQLite the write lock of the
transaction (write requests begin IMMEDIATE; `_lock_quota` takes it when they did not).
"""
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from ..audit.service import record, snapshot
from ..core import clock
from ..core.errors import DomainError, NotAllowed, StaleEdit
from ..core.formatting import amount_in_words, ddmmyyyy
from ..core.permissions import Cap, has_cap
from ..core.roles import Role
from ..duties.models import Assignment, Duty, Status
from ..duties.service import set_status
from ..extensions import db
from ..notifications.service import notify
from ..plan.loader import current_plan
from ..plan.models import FundingSource, Plan, RewardQuota, Unit
from . import rules
from .models import (KIND_LABELS, Kind, Nomination, NominationStatus as NS, NominationWindow,
                     RewardDecision)

NOMINATION_DUTY = "bao-cao-thanh-tich"
SHORTLIST_DUTY = "xet-chon-khen-thuong"
DECISION_DUTY = "phe-duyet-khen-thuong"

AUDIT_FIELDS = ("kind", "full_name", "gender", "birth_year", "position", "workplace",
                "collective_name", "summary", "report_file_id", "cover_letter_file_id",
                "status", "review_note", "decision_reason", "decision_order")
DECISION_FIELDS = ("number", "decision_date", "legal_bases", "proposer_line", "signer_authority",
                   "signer_title", "signer_name", "funding_split", "recipients")
# What others than the nominating unit may see: a unit's drafts stay its own.
VISIBLE_TO_OTHERS = (NS.SUBMITTED, NS.SHORTLISTED, NS.RETURNED, NS.APPROVED, NS.REJECTED)
EDITABLE = (NS.DRAFT, NS.RETURNED)
KIND_ORDER = {Kind.COLLECTIVE: 0, Kind.INDIVIDUAL: 1}


# --- object rules ----------------------------------------------------------------------------

def can_view(user, nomination: Nomination) -> bool:
    if nomination.unit_id == user.unit_id and user.role not in (Role.LEADERSHIP, Role.ADMIN):
        return True
    return has_cap(user, Cap.NOMINATION_VIEW_ALL) and nomination.status in VISIBLE_TO_OTHERS


def can_edit(user, nomination: Nomination) -> bool:
    return (nomination.unit_id == user.unit_id and has_cap(user, Cap.NOMINATION_CREATE)
            and nomination.status in EDITABLE)


def can_withdraw(user, nomination: Nomination) -> bool:
    """Before review: a draft, a nomination waiting for the coordinator, or one returned."""
    return (nomination.unit_id == user.unit_id and has_cap(user, Cap.NOMINATION_CREATE)
            and nomination.status in (NS.DRAFT, NS.SUBMITTED, NS.RETURNED))


def can_screen(user, nomination: Nomination) -> bool:
    return has_cap(user, Cap.NOMINATION_SHORTLIST) and nomination.status == NS.SUBMITTED


def can_decide(user, nomination: Nomination) -> bool:
    return has_cap(user, Cap.NOMINATION_APPROVE) and nomination.status == NS.SHORTLISTED


def can_reconsider(user, nomination: Nomination) -> bool:
    return has_cap(user, Cap.NOMINATION_APPROVE) and nomination.status in (NS.APPROVED, NS.REJECTED)


def get_nomination_or_404(nomination_id: int, user) -> Nomination:
    from flask import abort
    nomination = db.session.get(Nomination, nomination_id)
    if nomination is None or not can_view(user, nomination):
        abort(404)
    return nomination


# --- text ------------------------------------------------------------------------------------

def normalise_name(text: str) -> str:
    """For duplicate detection: NFC, case-folded, single spaces, no punctuation."""
    text = unicodedata.normalize("NFC", text or "").casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def duplicate_key(n: Nomination) -> tuple:
    if n.is_individual:
        return ("individual", normalise_name(n.full_name), n.birth_year)
    return ("collective", normalise_name(n.collective_name))


def _clean(value: str | None) -> str:
    return unicodedata.normalize("NFC", (value or "").strip())


# --- the nomination window -------------------------------------------------------------------

def nomination_duty(plan: Plan) -> Duty | None:
    return db.session.query(Duty).filter_by(plan_id=plan.id, code=NOMINATION_DUTY).one_or_none()


def window(plan: Plan) -> NominationWindow | None:
    return db.session.query(NominationWindow).filter_by(plan_id=plan.id).one_or_none()


@dataclass
class WindowState:
    deadline: date | None
    reopened_until: date | None
    is_open: bool

    @property
    def text(self) -> str:
        if self.reopened_until and self.is_open and self.deadline and clock.today() > self.deadline:
            return f"Phòng LĐTB&XH đã mở lại việc nhận đề nghị đến hết ngày {ddmmyyyy(self.reopened_until)}."
        if self.is_open:
            return (f"Nhận đề nghị đến hết ngày {ddmmyyyy(self.deadline)}." if self.deadline
                    else "Đang nhận đề nghị.")
        return (f"Đã hết hạn nhận đề nghị (ngày {ddmmyyyy(self.deadline)}). Liên hệ Phòng "
                "LĐTB&XH nếu cần mở lại.")


def window_state(plan: Plan, today: date | None = None) -> WindowState:
    today = today or clock.today()
    duty = nomination_duty(plan)
    deadline = duty.deadline if duty else None
    w = window(plan)
    reopened = w.reopened_until if w else None
    is_open = (deadline is None or today <= deadline) or (reopened is not None and today <= reopened)
    return WindowState(deadline, reopened, is_open)


def require_open(plan: Plan, field_name: str | None = None) -> None:
    state = window_state(plan)
    if not state.is_open:
        raise DomainError(state.text, field=field_name)


def reopen(plan: Plan, until: date | None, note: str, *, actor) -> NominationWindow:
    """The coordinator reopens nominations until a date (None closes them again)."""
    if not has_cap(actor, Cap.NOMINATION_SHORTLIST):
        raise NotAllowed("Chỉ Phòng LĐTB&XH mở lại việc nhận đề nghị.")
    if until is not None and until < clock.today():
        raise DomainError("Ngày mở lại phải từ hôm nay trở đi.", field="reopened_until")
    w = window(plan)
    if w is None:
        w = NominationWindow(plan_id=plan.id, reopened_until=None, note="", version=1)
        db.session.add(w)
        db.session.flush()
    before = snapshot(w, ("reopened_until", "note"))
    w.reopened_until = until
    w.note = _clean(note)
    w.version += 1
    db.session.flush()
    record("nomination_window.reopen", w, before=before,
           after=snapshot(w, ("reopened_until", "note")), actor=actor,
           summary=(f"Mở lại việc nhận đề nghị khen thưởng đến {ddmmyyyy(until)}" if until
                    else "Đóng việc nhận đề nghị khen thưởng theo thời hạn của kế hoạch"))
    return w


# --- nominating ------------------------------------------------------------------------------

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


def validate(data: NominationData) -> NominationData:
    if data.kind not in (Kind.COLLECTIVE, Kind.INDIVIDUAL):
        raise DomainError("Chọn tập thể hoặc cá nhân.", field="kind")
    cleaned = NominationData(kind=data.kind, summary=_clean(data.summary))
    if data.kind == Kind.INDIVIDUAL:
        cleaned.full_name = " ".join(_clean(data.full_name).split())
        cleaned.gender = data.gender if data.gender in ("male", "female") else ""
        cleaned.birth_year = data.birth_year
        cleaned.position = _clean(data.position)
        cleaned.workplace = _clean(data.workplace)
        for name, message in (("full_name", "Nhập họ và tên."), ("gender", "Chọn giới tính."),
                              ("position", "Nhập chức vụ."),
                              ("workplace", "Nhập đơn vị công tác hoặc nơi cư trú.")):
            if not getattr(cleaned, name):
                raise DomainError(message, field=name)
        this_year = clock.today().year
        if cleaned.birth_year is None or not 1900 <= cleaned.birth_year <= this_year - 15:
            raise DomainError(f"Năm sinh không hợp lệ (từ 1900 đến {this_year - 15}).",
                              field="birth_year")
    else:
        cleaned.collective_name = " ".join(_clean(data.collective_name).split())
        if not cleaned.collective_name:
            raise DomainError("Nhập tên đầy đủ của tập thể.", field="collective_name")
    if not cleaned.summary:
        raise DomainError("Tóm tắt thành tích.", field="summary")
    return cleaned


def _apply(n: Nomination, data: NominationData) -> None:
    for name in ("kind", "full_name", "gender", "birth_year", "position", "workplace",
                 "collective_name", "summary"):
        setattr(n, name, getattr(data, name))


def create_nomination(data: NominationData, *, actor, report_file=None,
                      cover_letter_file=None, plan: Plan | None = None) -> Nomination:
    if not has_cap(actor, Cap.NOMINATION_CREATE):
        raise NotAllowed("Vai trò của bạn không đề nghị khen thưởng.")
    plan = plan or current_plan()
    require_open(plan)
    data = validate(data)
    if report_file is None:
        raise DomainError("Gửi kèm báo cáo thành tích (PDF hoặc Word).", field="report")
    n = Nomination(plan_id=plan.id, unit_id=actor.unit_id, status=NS.DRAFT,
                   created_at=clock.now(), created_by_id=actor.id, version=1,
                   report_file_id=report_file.id,
                   cover_letter_file_id=cover_letter_file.id if cover_letter_file else None)
    _apply(n, data)
    db.session.add(n)
    db.session.flush()
    record("nomination.create", n, after=snapshot(n, AUDIT_FIELDS), actor=actor,
           summary=f"{n.unit.short_name} lập đề nghị khen thưởng {n.kind_label.lower()} {n.name}")
    sync_unit_assignment(plan, n.unit_id, actor=actor)
    return n


def _check_version(n: Nomination, expected: int | None) -> None:
    if expected is not None and expected != n.version:
        raise StaleEdit(f"Đề nghị “{n.name}” vừa được người khác cập nhật (hiện là "
                        f"“{n.status_label}”). Hãy tải lại trang để xem thay đổi.", current=n)


def update_nomination(n: Nomination, data: NominationData, *, actor, expected_version: int | None,
                      report_file=None, cover_letter_file=None) -> Nomination:
    if not can_edit(actor, n):
        raise NotAllowed("Chỉ sửa được đề nghị đang soạn hoặc bị trả lại của đơn vị mình.")
    _check_version(n, expected_version)
    if n.status == NS.DRAFT:
        require_open(n.plan)
    data = validate(data)
    before = snapshot(n, AUDIT_FIELDS)
    _apply(n, data)
    if report_file is not None:
        n.report_file_id = report_file.id
    if cover_letter_file is not None:
        n.cover_letter_file_id = cover_letter_file.id
    n.version += 1
    db.session.flush()
    record("nomination.update", n, before=before, after=snapshot(n, AUDIT_FIELDS), actor=actor,
           summary=f"Sửa đề nghị khen thưởng {n.name}")
    return n


def _move(n: Nomination, target: NS, *, actor, action: str, summary: str, **changes) -> None:
    before = snapshot(n, AUDIT_FIELDS)
    n.status = target
    for name, value in changes.items():
        setattr(n, name, value)
    n.version += 1
    db.session.flush()
    record(action, n, before=before, after=snapshot(n, AUDIT_FIELDS), actor=actor,
           summary=summary)


def submit(n: Nomination, *, actor, expected_version: int | None = None) -> None:
    """Send a draft (or a returned nomination, corrected) to Phòng LĐTB&XH. A draft needs the
    nomination window open; a returned one may come back after the deadline: it was asked for."""
    if not can_edit(actor, n):
        raise NotAllowed("Chỉ gửi được đề nghị đang soạn hoặc bị trả lại của đơn vị mình.")
    _check_version(n, expected_version)
    if n.status == NS.DRAFT:
        require_open(n.plan)
    if n.report_file_id is None:
        raise DomainError("Chưa có báo cáo thành tích.", field="report")
    _move(n, NS.SUBMITTED, actor=actor, action="nomination.submit", submitted_at=clock.now(),
          summary=f"{n.unit.short_name} gửi đề nghị khen thưởng {n.name}")
    sync_unit_assignment(n.plan, n.unit_id, actor=actor)


def submit_all(unit_id: int, *, actor, plan: Plan | None = None) -> list[Nomination]:
    plan = plan or current_plan()
    drafts = (db.session.query(Nomination)
              .filter_by(plan_id=plan.id, unit_id=unit_id)
              .filter(Nomination.status.in_(EDITABLE)).order_by(Nomination.id).all())
    if not drafts:
        raise DomainError("Không có đề nghị nào đang soạn để gửi.")
    for n in drafts:
        submit(n, actor=actor)
    return drafts


def withdraw(n: Nomination, *, actor, expected_version: int | None = None) -> None:
    if not can_withdraw(actor, n):
        raise NotAllowed("Chỉ rút được đề nghị của đơn vị mình khi Phòng LĐTB&XH chưa xét.")
    _check_version(n, expected_version)
    _move(n, NS.WITHDRAWN, actor=actor, action="nomination.withdraw",
          summary=f"{n.unit.short_name} rút đề nghị khen thưởng {n.name}")
    sync_unit_assignment(n.plan, n.unit_id, actor=actor)


# --- shortlisting (Phòng LĐTB&XH) ------------------------------------------------------------

@dataclass
class DossierCheck:
    label: str
    ok: bool


def dossier_checks(n: Nomination) -> list[DossierCheck]:
    """What the nomination must carry (data/reward-rules.toml [dossier])."""
    needs = rules.dossier()
    checks = []
    if needs.get("summary", True):
        checks.append(DossierCheck("Tóm tắt thành tích", bool(n.summary.strip())))
    if needs.get("achievement_report", True):
        checks.append(DossierCheck("Báo cáo thành tích", n.report_file_id is not None))
    if n.kind in needs.get("cover_letter_for", []):
        checks.append(DossierCheck("Tờ trình/công văn đề nghị của đơn vị",
                                   n.cover_letter_file_id is not None))
    return checks


def dossier_complete(n: Nomination) -> bool:
    return all(c.ok for c in dossier_checks(n))


def duplicates(plan: Plan) -> dict[int, list[Nomination]]:
    """nomination id -> the nominations of OTHER units for the same person or collective."""
    rows = (db.session.query(Nomination)
            .filter(Nomination.plan_id == plan.id, Nomination.status.in_(VISIBLE_TO_OTHERS))
            .all())
    groups: dict[tuple, list[Nomination]] = {}
    for n in rows:
        groups.setdefault(duplicate_key(n), []).append(n)
    found: dict[int, list[Nomination]] = {}
    for group in groups.values():
        for n in group:
            others = [o for o in group if o.id != n.id and o.unit_id != n.unit_id]
            if others:
                found[n.id] = others
    return found


def shortlist(n: Nomination, *, actor, note: str = "", expected_version: int | None = None) -> None:
    if not has_cap(actor, Cap.NOMINATION_SHORTLIST):
        raise NotAllowed("Chỉ Phòng LĐTB&XH xét chọn đề nghị.")
    _check_version(n, expected_version)
    if n.status != NS.SUBMITTED:
        raise DomainError(f"Chỉ chọn được đề nghị đã gửi và chờ xét; đề nghị này đang "
                          f"“{n.status_label}”.", field="note")
    missing = [c.label for c in dossier_checks(n) if not c.ok]
    if missing:
        raise DomainError("Hồ sơ còn thiếu: " + ", ".join(missing) + ". Trả lại để đơn vị bổ sung.",
                          field="note")
    _move(n, NS.SHORTLISTED, actor=actor, action="nomination.shortlist",
          reviewed_at=clock.now(), review_note=_clean(note),
          summary=f"Phòng LĐTB&XH chọn đề nghị {n.name} ({n.unit.short_name}) trình Phòng Nội vụ")
    notify(n.unit_id, "shortlisted",
           f"Đề nghị khen thưởng “{n.name}” đã được Phòng LĐTB&XH chọn, trình Phòng Nội vụ duyệt.",
           link=_link(n))
    sync_unit_assignment(n.plan, n.unit_id, actor=actor)
    sync_review_assignments(n.plan, actor=actor)


def return_nomination(n: Nomination, note: str, *, actor, expected_version: int | None = None) -> None:
    if not has_cap(actor, Cap.NOMINATION_SHORTLIST):
        raise NotAllowed("Chỉ Phòng LĐTB&XH trả lại đề nghị.")
    _check_version(n, expected_version)
    if n.status != NS.SUBMITTED:
        raise DomainError(f"Chỉ trả lại được đề nghị đã gửi và chờ xét; đề nghị này đang "
                          f"“{n.status_label}”.", field="note")
    note = _clean(note)
    if not note:
        raise DomainError("Ghi rõ nội dung cần bổ sung để đơn vị biết phải làm gì.", field="note")
    _move(n, NS.RETURNED, actor=actor, action="nomination.return", reviewed_at=clock.now(),
          review_note=note,
          summary=f"Phòng LĐTB&XH trả lại đề nghị {n.name} ({n.unit.short_name}): {note}")
    notify(n.unit_id, "returned",
           f"Đề nghị khen thưởng “{n.name}” bị trả lại: {note}", link=_link(n))
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


def approved_count(plan_id: int, kind: str) -> int:
    return (db.session.query(Nomination)
            .filter_by(plan_id=plan_id, kind=kind, status=NS.APPROVED).count())


def approve(n: Nomination, reason: str = "", *, actor, expected_version: int | None = None) -> None:
    if not has_cap(actor, Cap.NOMINATION_APPROVE):
        raise NotAllowed("Chỉ Phòng Nội vụ duyệt đề nghị khen thưởng.")
    quota = _lock_quota(n.plan_id, n.kind)
    db.session.refresh(n)  # what another approver committed before we got the lock
    _check_version(n, expected_version)
    if n.status != NS.SHORTLISTED:
        raise DomainError(f"Chỉ duyệt được đề nghị Phòng LĐTB&XH đã chọn; đề nghị này đang "
                          f"“{n.status_label}”.", field="reason")
    used = approved_count(n.plan_id, n.kind)
    if used >= quota.quota:
        raise DomainError(f"Đã đủ chỉ tiêu {quota.quota} {n.kind_label.lower()} của kế hoạch; "
                          "không duyệt thêm được. Không duyệt một đề nghị khác trước nếu cần thay.",
                          field="reason")
    _move(n, NS.APPROVED, actor=actor, action="nomination.approve", decided_at=clock.now(),
          decision_reason=_clean(reason), decision_order=None,
          summary=f"Phòng Nội vụ duyệt khen thưởng {n.name} ({n.unit.short_name}); "
                  f"{used + 1}/{quota.quota} {n.kind_label.lower()}")
    notify(n.unit_id, "approved",
           f"Đề nghị khen thưởng “{n.name}” đã được Phòng Nội vụ duyệt.", link=_link(n))
    sync_review_assignments(n.plan, actor=actor)


def reject(n: Nomination, reason: str, *, actor, expected_version: int | None = None) -> None:
    if not has_cap(actor, Cap.NOMINATION_APPROVE):
        raise NotAllowed("Chỉ Phòng Nội vụ quyết định đề nghị khen thưởng.")
    _check_version(n, expected_version)
    if n.status != NS.SHORTLISTED:
        raise DomainError(f"Chỉ quyết định được đề nghị Phòng LĐTB&XH đã chọn; đề nghị này "
                          f"đang “{n.status_label}”.", field="reason")
    reason = _clean(reason)
    if not reason:
        raise DomainError("Ghi lý do không duyệt.", field="reason")
    _move(n, NS.REJECTED, actor=actor, action="nomination.reject", decided_at=clock.now(),
          decision_reason=reason, decision_order=None,
          summary=f"Phòng Nội vụ không duyệt {n.name} ({n.unit.short_name}): {reason}")
    notify(n.unit_id, "rejected",
           f"Đề nghị khen thưởng “{n.name}” không được duyệt: {reason}", link=_link(n))
    sync_review_assignments(n.plan, actor=actor)


def reconsider(n: Nomination, *, actor, expected_version: int | None = None) -> None:
    """Phòng Nội vụ takes back its decision: the nomination is shortlisted again (to free a
    place of the quota for another one, or to approve one it had refused)."""
    if not can_reconsider(actor, n):
        raise NotAllowed("Chỉ Phòng Nội vụ xem xét lại quyết định của mình.")
    _check_version(n, expected_version)
    _move(n, NS.SHORTLISTED, actor=actor, action="nomination.reconsider", decided_at=None,
          decision_reason="", decision_order=None,
          summary=f"Phòng Nội vụ xem xét lại đề nghị {n.name} ({n.unit.short_name})")
    sync_review_assignments(n.plan, actor=actor)


def _link(n: Nomination) -> str:
    from flask import has_request_context, url_for
    if has_request_context():
        return url_for("awards.detail", nomination_id=n.id)
    return f"/khen-thuong/de-nghi/{n.id}"


# --- duty statuses follow the work -----------------------------------------------------------

def _assignment(plan: Plan, duty_code: str, unit_id: int | None = None) -> Assignment | None:
    query = (db.session.query(Assignment).join(Assignment.duty)
             .filter(Duty.plan_id == plan.id, Duty.code == duty_code))
    if unit_id is not None:
        query = query.filter(Assignment.unit_id == unit_id)
    return query.first()


def _set(assignment: Assignment | None, target: Status, *, actor, reason: str = "") -> None:
    if assignment is not None and assignment.status != target:
        set_status(assignment, target, actor=actor, reason=reason)


def sync_unit_assignment(plan: Plan, unit_id: int, *, actor) -> None:
    """The unit's duty "báo cáo thành tích": returned > drafting > submitted > accepted."""
    a = _assignment(plan, NOMINATION_DUTY, unit_id)
    if a is None:
        return
    statuses = Counter(n.status for n in db.session.query(Nomination)
                       .filter_by(plan_id=plan.id, unit_id=unit_id))
    statuses.pop(NS.WITHDRAWN, None)
    if statuses[NS.RETURNED]:
        notes = [n.review_note for n in db.session.query(Nomination)
                 .filter_by(plan_id=plan.id, unit_id=unit_id, status=NS.RETURNED)]
        _set(a, Status.RETURNED, actor=actor, reason="; ".join(notes))
    elif statuses[NS.DRAFT]:
        _set(a, Status.DRAFTING, actor=actor)
    elif statuses[NS.SUBMITTED]:
        _set(a, Status.SUBMITTED, actor=actor)
    elif statuses:
        _set(a, Status.ACCEPTED, actor=actor)
    elif a.status != Status.NOT_STARTED:
        _set(a, Status.DRAFTING, actor=actor)


def sync_review_assignments(plan: Plan, *, actor) -> None:
    """LĐTB&XH's shortlist: drafting while it screens, submitted when nothing waits for it,
    accepted when Nội vụ decided every shortlisted one. Nội vụ's decision: drafting from its
    first decision, submitted once the decision is drafted with a number and a date."""
    counts = Counter(s for (s,) in db.session.query(Nomination.status)
                     .filter(Nomination.plan_id == plan.id))
    screened = counts[NS.SHORTLISTED] + counts[NS.APPROVED] + counts[NS.REJECTED]
    short = _assignment(plan, SHORTLIST_DUTY)
    if short is not None and (screened or counts[NS.RETURNED]):
        if counts[NS.SUBMITTED] or not screened:
            _set(short, Status.DRAFTING, actor=actor)
        elif counts[NS.SHORTLISTED]:
            _set(short, Status.SUBMITTED, actor=actor)
        else:
            if short.status not in (Status.SUBMITTED, Status.ACCEPTED):
                _set(short, Status.SUBMITTED, actor=actor)
            _set(short, Status.ACCEPTED, actor=actor)
    decision_a = _assignment(plan, DECISION_DUTY)
    if decision_a is not None and (counts[NS.APPROVED] or counts[NS.REJECTED]):
        d = get_decision(plan)
        done = d is not None and d.number and d.decision_date and counts[NS.APPROVED]
        _set(decision_a, Status.SUBMITTED if done else Status.DRAFTING, actor=actor)


# --- lists and counters ----------------------------------------------------------------------

def unit_nominations(plan: Plan, unit_id: int) -> list[Nomination]:
    return (db.session.query(Nomination).filter_by(plan_id=plan.id, unit_id=unit_id)
            .order_by(Nomination.kind, Nomination.id).all())


def review_list(plan: Plan, status: str = "", kind: str = "") -> list[Nomination]:
    query = (db.session.query(Nomination).join(Nomination.unit)
             .options(joinedload(Nomination.unit))
             .filter(Nomination.plan_id == plan.id, Nomination.status.in_(VISIBLE_TO_OTHERS)))
    if status in {s.value for s in NS}:
        query = query.filter(Nomination.status == status)
    if kind in (Kind.COLLECTIVE, Kind.INDIVIDUAL):
        query = query.filter(Nomination.kind == kind)
    rows = query.all()
    rows.sort(key=lambda n: (KIND_ORDER[Kind(n.kind)], n.unit.position, n.id))
    return rows


@dataclass
class KindCounter:
    kind: str
    label: str
    quota: int
    submitted: int = 0
    shortlisted: int = 0
    approved: int = 0
    rejected: int = 0
    returned: int = 0

    @property
    def left(self) -> int:
        return max(0, self.quota - self.approved)

    @property
    def full(self) -> bool:
        return self.approved >= self.quota


@dataclass
class Counters:
    kinds: list[KindCounter]
    by_unit: list[tuple[Unit, Counter]] = field(default_factory=list)


def counters(plan: Plan) -> Counters:
    """Quota used and left, overall (per kind) and per nominating unit."""
    kinds = {k: KindCounter(k.value, KIND_LABELS[k], plan.quota(k.value)) for k in Kind}
    by_unit: dict[int, tuple[Unit, Counter]] = {}
    rows = (db.session.query(Nomination).options(joinedload(Nomination.unit))
            .filter(Nomination.plan_id == plan.id, Nomination.status.in_(VISIBLE_TO_OTHERS)))
    for n in rows:
        kc = kinds[Kind(n.kind)]
        setattr(kc, n.status, getattr(kc, n.status) + 1)
        unit_row = by_unit.setdefault(n.unit_id, (n.unit, Counter()))
        unit_row[1][n.status] += 1
        unit_row[1][f"{n.kind}_{n.status}"] += 1
        unit_row[1]["total"] += 1
    return Counters(list(kinds.values()),
                    sorted(by_unit.values(), key=lambda row: row[0].position))


# --- the order of the decision ---------------------------------------------------------------

def _ordered(items: list[Nomination]) -> list[Nomination]:
    """Items placed by hand (decision_order) keep their order; the others are inserted by the
    plan's unit order (then by nomination id)."""
    placed = sorted((n for n in items if n.decision_order is not None),
                    key=lambda n: (n.decision_order, n.id))
    loose = sorted((n for n in items if n.decision_order is None),
                   key=lambda n: (n.unit.position, n.id))
    result = list(placed)
    for n in loose:
        index = next((i for i, other in enumerate(result)
                      if (other.unit.position, other.id) > (n.unit.position, n.id)), len(result))
        result.insert(index, n)
    return result


def approved_nominations(plan: Plan) -> list[Nomination]:
    rows = (db.session.query(Nomination).options(joinedload(Nomination.unit))
            .filter_by(plan_id=plan.id, status=NS.APPROVED).all())
    return (_ordered([n for n in rows if n.kind == Kind.COLLECTIVE])
            + _ordered([n for n in rows if n.kind == Kind.INDIVIDUAL]))


def move_in_order(n: Nomination, direction: str, *, actor) -> None:
    """Move an approved awardee one place up or down within its kind (audited)."""
    if not has_cap(actor, Cap.DECISION_DRAFT):
        raise NotAllowed("Chỉ Phòng Nội vụ sắp xếp danh sách khen thưởng.")
    if n.status != NS.APPROVED:
        raise DomainError("Chỉ sắp xếp được tập thể, cá nhân đã được duyệt.")
    same_kind = [x for x in approved_nominations(n.plan) if x.kind == n.kind]
    before = [x.id for x in same_kind]
    index = same_kind.index(n)
    target = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= target < len(same_kind):
        raise DomainError("Không di chuyển được thêm theo hướng này.")
    same_kind[index], same_kind[target] = same_kind[target], same_kind[index]
    for position, x in enumerate(same_kind, start=1):
        x.decision_order = position
    db.session.flush()
    record("nomination.reorder", n, before={"order": before},
           after={"order": [x.id for x in same_kind]}, actor=actor,
           summary=f"Chuyển {n.name} {'lên' if direction == 'up' else 'xuống'} "
                   f"(vị trí {index + 1} → {target + 1} trong danh sách {n.kind_label.lower()})")


def reset_order(plan: Plan, *, actor) -> None:
    if not has_cap(actor, Cap.DECISION_DRAFT):
        raise NotAllowed("Chỉ Phòng Nội vụ sắp xếp danh sách khen thưởng.")
    before = [x.id for x in approved_nominations(plan)]
    for x in db.session.query(Nomination).filter_by(plan_id=plan.id, status=NS.APPROVED):
        x.decision_order = None
    db.session.flush()
    record("nomination.reorder", None, object_type="plan", object_id=plan.id,
           before={"order": before}, after={"order": [x.id for x in approved_nominations(plan)]},
           actor=actor, summary="Xếp lại danh sách khen thưởng theo thứ tự đơn vị của kế hoạch")


# --- the decision and its money --------------------------------------------------------------

def get_decision(plan: Plan) -> RewardDecision | None:
    return db.session.query(RewardDecision).filter_by(plan_id=plan.id).one_or_none()


def default_split(plan: Plan) -> dict[str, int]:
    """Half and half (the plan names the two sources without a split): the first source takes
    the rest of an odd percentage. Phòng Nội vụ edits it on the decision page."""
    sources = list(plan.funding_sources)
    if not sources:
        return {}
    share = 100 // len(sources)
    split = {s.code: share for s in sources}
    split[sources[0].code] += 100 - share * len(sources)
    return split


def decision_date_of(plan: Plan) -> date:
    d = get_decision(plan)
    return (d.decision_date if d and d.decision_date else None) or plan.conference_date or clock.today()


@dataclass
class Awardee:
    id: int
    kind: str
    kind_label: str
    name: str
    title: str          # position and workplace of an individual; "" for a collective
    gender: str
    birth_year: int | None
    unit: str           # the nominating unit
    unit_position: int
    money: int
    summary: str

    @property
    def salutation(self) -> str:
        if self.kind != Kind.INDIVIDUAL:
            return ""
        return {"male": "Ông", "female": "Bà"}.get(self.gender, "")


def approved_awardees(plan: Plan, on: date | None = None) -> list[Awardee]:
    """The approved collectives, then individuals, in the decision's order, with the money of
    the rules in force on the decision date (`on`, else the decision's date)."""
    in_force = rules.rules_on(on or decision_date_of(plan))
    return [Awardee(n.id, n.kind, n.kind_label, n.name, n.title_line, n.gender, n.birth_year,
                    n.unit.short_name, n.unit.position, in_force.amount(n.kind), n.summary)
            for n in approved_nominations(plan)]


@dataclass
class MoneySummary:
    rules: rules.RulesInForce
    per_kind: dict[str, int]          # amount per awardee of the kind
    counts: dict[str, int]
    subtotals: dict[str, int]
    total: int
    by_source: list[dict]             # {code, label, percent, amount}

    @property
    def total_in_words(self) -> str:
        return amount_in_words(self.total)


def split_amount(total: int, sources: list[FundingSource], split: dict[str, int]) -> list[dict]:
    """Percent shares in whole đồng; the last source with a share takes the rounding rest."""
    rows, given = [], 0
    with_share = [s for s in sources if split.get(s.code, 0)]
    for s in sources:
        percent = int(split.get(s.code, 0))
        amount = total * percent // 100
        if with_share and s is with_share[-1]:
            amount = total - given
        given += amount
        rows.append({"code": s.code, "label": s.label, "percent": percent, "amount": amount})
    return rows


def money_summary(plan: Plan, on: date | None = None) -> MoneySummary:
    on = on or decision_date_of(plan)
    in_force = rules.rules_on(on)
    awardees = approved_awardees(plan, on)
    per_kind = {k.value: in_force.amount(k.value) for k in Kind}
    counts = {k.value: sum(1 for a in awardees if a.kind == k) for k in Kind}
    subtotals = {k: per_kind[k] * counts[k] for k in per_kind}
    total = sum(subtotals.values())
    d = get_decision(plan)
    split = (d.funding_split if d and d.funding_split else None) or default_split(plan)
    return MoneySummary(in_force, per_kind, counts, subtotals, total,
                        split_amount(total, list(plan.funding_sources), split))


def reward_money_by_source(plan: Plan) -> list[dict]:
    """For budget and synthesis: [{code, label, percent, amount}] of the total reward money,
    split as the decision says (default: half each of the plan's funding sources)."""
    return money_summary(plan).by_source


@dataclass
class DecisionData:
    number: str
    decision_date: date | None
    legal_bases: list[str]
    proposer_line: str
    signer_authority: str
    signer_title: str
    signer_name: str
    funding_split: dict[str, int]
    recipients: list[str]


def proposed_decision(plan: Plan, on: date | None = None) -> DecisionData:
    """What the form proposes: legal bases in force on the date, the plan's signer."""
    on = on or plan.conference_date or clock.today()
    try:
        bases = list(rules.rules_on(on).period.legal_bases)
    except rules.RulesError:
        bases = []
    bases += [b for b in plan.legal_bases[:2]]
    return DecisionData(
        number="", decision_date=on, legal_bases=bases,
        proposer_line="Theo đề nghị của Trưởng phòng Nội vụ huyện.",
        signer_authority=plan.signer_authority, signer_title=plan.signer_title,
        signer_name=plan.signer_name, funding_split=default_split(plan),
        recipients=["Như Điều 3", "CT, các PCT UBND huyện", "Phòng LĐ-TB&XH huyện",
                    "Phòng TC-KH huyện", "Lưu: VT, NV"])


def save_decision(plan: Plan, data: DecisionData, *, actor,
                  expected_version: int | None = None) -> RewardDecision:
    if not has_cap(actor, Cap.DECISION_DRAFT):
        raise NotAllowed("Chỉ Phòng Nội vụ soạn quyết định khen thưởng.")
    number = _clean(data.number)
    if number and not re.fullmatch(r"\d{1,6}", number):
        raise DomainError("Số quyết định chỉ gồm chữ số (ví dụ 2150); để trống nếu chưa có số.",
                          field="number")
    if data.decision_date is None:
        raise DomainError("Nhập ngày quyết định (dd/mm/yyyy).", field="decision_date")
    try:
        rules.rules_on(data.decision_date)
    except rules.RulesError as exc:
        raise DomainError(str(exc), field="decision_date") from None
    bases = [b.strip().rstrip(";.").strip() for b in data.legal_bases if b.strip()]
    if not bases:
        raise DomainError("Cần ít nhất một căn cứ.", field="legal_bases")
    codes = {s.code for s in plan.funding_sources}
    split = {k: int(v) for k, v in data.funding_split.items() if k in codes}
    if any(v < 0 or v > 100 for v in split.values()) or (codes and sum(split.values()) != 100):
        raise DomainError("Tỷ lệ các nguồn kinh phí phải cộng lại đúng 100%.", field="funding_split")
    for name, label in (("signer_authority", "thẩm quyền ký"), ("signer_title", "chức vụ người ký"),
                        ("signer_name", "họ tên người ký")):
        if not _clean(getattr(data, name)):
            raise DomainError(f"Nhập {label}.", field=name)
    d = get_decision(plan)
    if d is None:
        d = RewardDecision(plan_id=plan.id, version=0)
        db.session.add(d)
        before = None
    else:
        if expected_version is not None and expected_version != d.version:
            raise StaleEdit("Quyết định vừa được người khác sửa. Tải lại trang để xem bản mới "
                            "trước khi lưu.", current=d)
        before = snapshot(d, DECISION_FIELDS)
    d.number = number
    d.decision_date = data.decision_date
    d.legal_bases = bases
    d.proposer_line = _clean(data.proposer_line)
    d.signer_authority = _clean(data.signer_authority).upper()
    d.signer_title = _clean(data.signer_title).upper()
    d.signer_name = _clean(data.signer_name)
    d.funding_split = split
    d.recipients = [r.strip().rstrip(";.").strip() for r in data.recipients if r.strip()]
    d.updated_at = clock.now()
    d.updated_by_id = actor.id
    d.version += 1
    db.session.flush()
    record("reward_decision.save", d, before=before, after=snapshot(d, DECISION_FIELDS),
           actor=actor, summary=f"Soạn Quyết định khen thưởng số {number_text(d)}")
    sync_review_assignments(plan, actor=actor)
    return d


def number_text(d: RewardDecision | None) -> str:
    """"05/QĐ-UBND" (numbers below 10 with a leading 0); blank number left for the clerk."""
    number = (d.number if d else "") or ""
    if number.isdigit() and int(number) < 10:
        number = f"{int(number):02d}"
    return f"{number or '      '}/QĐ-UBND"
