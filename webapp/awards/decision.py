"""The reward decision of the Chủ tịch UBND huyện: its list (order), money and draft.

Money follows the rules in force on the decision date (data/reward-rules.toml), split between
the plan's funding sources as Phòng Nội vụ sets it.
"""
from dataclasses import dataclass
from datetime import date

from ..audit.service import record, record_created, versioned_update
from ..core import clock
from ..core.errors import DomainError, NotAllowed
from ..core.formatting import amount_in_words
from ..core.text import nfc
from ..extensions import db
from ..plan.models import FundingSource, Plan, Unit
from . import rules
from .closing import is_issued, require_open as require_list_open
from .models import Kind, Nomination, NominationStatus as NS, RewardDecision
from .papers import record_register_number, record_register_withdrawal, refuse_typed_number
from .policy import can_draft, can_reorder
from .progress import sync_review_assignments, tell_draft_saved
from .queries import approved_nominations, get_decision, remember

DECISION_FIELDS = ("number", "decision_date", "legal_bases", "proposer_line", "signer_authority",
                   "signer_title", "signer_name", "funding_split", "recipients")


# --- the order of the list -------------------------------------------------------------------

def move_in_order(n: Nomination, direction: str, *, actor) -> None:
    """Move an approved awardee one place up or down within its kind (audited)."""
    require_list_open(n.plan)
    if not can_reorder(actor, n if n.status == NS.APPROVED else None):
        raise NotAllowed("Chỉ Phòng Nội vụ sắp xếp danh sách khen thưởng.")
    if n.status != NS.APPROVED:
        raise DomainError("Chỉ sắp xếp được tập thể, cá nhân đã được duyệt.")
    same_kind = [x for x in approved_nominations(n.plan) if x.kind == n.kind]
    index = same_kind.index(n)
    target = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= target < len(same_kind):
        raise DomainError("Không di chuyển được thêm theo hướng này.")
    before = [x.id for x in same_kind]
    same_kind[index], same_kind[target] = same_kind[target], same_kind[index]
    for position, x in enumerate(same_kind, start=1):
        x.decision_order = position
    db.session.flush()
    record("nomination.reorder", n, before={"order": before},
           after={"order": [x.id for x in same_kind]}, actor=actor,
           summary=f"Chuyển {n.name} {'lên' if direction == 'up' else 'xuống'} "
                   f"(vị trí {index + 1} → {target + 1} trong danh sách {n.kind_label.lower()})")


def reset_order(plan: Plan, *, actor) -> None:
    require_list_open(plan)
    if not can_reorder(actor):
        raise NotAllowed("Chỉ Phòng Nội vụ sắp xếp danh sách khen thưởng.")
    before = [x.id for x in approved_nominations(plan)]
    for x in db.session.query(Nomination).filter_by(plan_id=plan.id, status=NS.APPROVED):
        x.decision_order = None
    db.session.flush()
    record("nomination.reorder", None, object_type="plan", object_id=plan.id,
           before={"order": before}, after={"order": [x.id for x in approved_nominations(plan)]},
           actor=actor, summary="Xếp lại danh sách khen thưởng theo thứ tự đơn vị của kế hoạch")


# --- money -----------------------------------------------------------------------------------

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
    salutation: str = ""  # "Đồng chí", "Ông", "Bà" of an individual


def approved_awardees(plan: Plan, on: date | None = None) -> list[Awardee]:
    """The approved collectives, then individuals, in the decision's order, with the money of
    the rules in force on the decision date (`on`, else the decision's date)."""
    in_force = rules.rules_on(on or decision_date_of(plan))
    return [Awardee(n.id, n.kind, n.kind_label, n.name, n.title_line, n.gender, n.birth_year,
                    n.unit.short_name, n.unit.position, in_force.amount(n.kind), n.summary,
                    n.salutation)
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


def money_summary_or_none(plan: Plan) -> MoneySummary | None:
    """For pages: None when no rules cover the decision date (the page says so)."""
    try:
        return money_summary(plan)
    except rules.RulesError:
        return None


def reward_money_by_source(plan: Plan) -> list[dict]:
    """For budget and synthesis: [{code, label, percent, amount}] of the total reward money,
    split as the decision says (default: half each of the plan's funding sources)."""
    return money_summary(plan).by_source


# --- the draft -------------------------------------------------------------------------------

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

    @classmethod
    def of(cls, d: RewardDecision) -> "DecisionData":
        return cls(d.number, d.decision_date, list(d.legal_bases), d.proposer_line,
                   d.signer_authority, d.signer_title, d.signer_name, dict(d.funding_split or {}),
                   list(d.recipients))


def legal_bases_on(plan: Plan, on: date) -> list[str]:
    """The legal bases in force on the decision date (dated data), then the plan's own."""
    try:
        bases = list(rules.rules_on(on).period.legal_bases)
    except rules.RulesError:
        bases = []
    return bases + list(plan.legal_bases[:2])


def proposed_decision(plan: Plan, on: date | None = None) -> DecisionData:
    """What the form proposes: legal bases in force on the date, the plan's signer."""
    on = on or plan.conference_date or clock.today()
    return DecisionData(
        number="", decision_date=on, legal_bases=legal_bases_on(plan, on), proposer_line="",
        signer_authority=plan.signer_authority, signer_title=plan.signer_title,
        signer_name=plan.signer_name, funding_split=default_split(plan),
        recipients=["Như Điều 3", "CT, các PCT UBND huyện", *offices_carrying_it_out(plan),
                    "Lưu: VT, NV"])


# The offices that carry the decision out besides Phòng Nội vụ (its drafter, "Lưu: VT, NV"):
# the coordinating phòng of the plan, and the finance office that pays the reward money.
FINANCE_UNIT = "tckh"


def offices_carrying_it_out(plan: Plan) -> list[str]:
    """Their names in "Nơi nhận", as the units data shortens them ("Phòng LĐTB&XH")."""
    finance = db.session.query(Unit).filter_by(code=FINANCE_UNIT).one_or_none()
    return [plan.coordinator_unit.short_name, *([finance.short_name] if finance else [])]


def current_decision_data(plan: Plan) -> DecisionData:
    d = get_decision(plan)
    return DecisionData.of(d) if d else proposed_decision(plan)


def _validated(plan: Plan, data: DecisionData) -> dict:
    if data.decision_date is None:
        raise DomainError("Nhập ngày quyết định (dd/mm/yyyy).", field="decision_date")
    try:
        in_force = rules.rules_on(data.decision_date)
    except rules.RulesError as exc:
        raise DomainError(str(exc), field="decision_date") from None
    bases = [b.strip().rstrip(";.").strip() for b in data.legal_bases if b.strip()]
    if not bases:
        raise DomainError("Cần ít nhất một căn cứ.", field="legal_bases")
    _bases_in_force(bases, in_force, data.decision_date)
    codes = {s.code for s in plan.funding_sources}
    split = {k: int(v) for k, v in data.funding_split.items() if k in codes}
    if any(v < 0 or v > 100 for v in split.values()) or (codes and sum(split.values()) != 100):
        raise DomainError("Tỷ lệ các nguồn kinh phí phải cộng lại đúng 100%.", field="funding_split")
    for name, label in (("signer_authority", "thẩm quyền ký"), ("signer_title", "chức vụ người ký"),
                        ("signer_name", "họ tên người ký")):
        if not nfc(getattr(data, name)):
            raise DomainError(f"Nhập {label}.", field=name)
    return {"decision_date": data.decision_date, "legal_bases": bases,
            "proposer_line": nfc(data.proposer_line),
            "signer_authority": nfc(data.signer_authority).upper(),
            "signer_title": nfc(data.signer_title).upper(), "signer_name": nfc(data.signer_name),
            "funding_split": split,
            "recipients": [r.strip().rstrip(";.").strip() for r in data.recipients if r.strip()]}


def _bases_in_force(bases: list[str], in_force: rules.RulesInForce, on: date) -> None:
    """A basis of another period of the rules (a decree not yet or no longer in force on the
    decision date) is refused: the decision cites the rules of its own date."""
    current = {nfc(b) for b in in_force.period.legal_bases}
    for period in rules.periods():
        for basis in period.legal_bases:
            if nfc(basis) not in current and nfc(basis) in {nfc(b) for b in bases}:
                raise DomainError(f"Căn cứ “{basis[:80]}…” không áp dụng cho quyết định ngày "
                                  f"{on:%d/%m/%Y} ({in_force.period.label} có hiệu lực): dùng các "
                                  "căn cứ đề xuất theo ngày quyết định.", field="legal_bases")


def save_decision(plan: Plan, data: DecisionData, *, actor, expected_version=None) -> RewardDecision:
    """The draft. Its number and date are the register's when the văn thư issues it
    (`record_issued_decision`): a number typed by hand is refused, an issued decision is not
    edited (a correction is a new decision)."""
    if not can_draft(actor):
        raise NotAllowed("Chỉ Phòng Nội vụ soạn quyết định khen thưởng.")
    d = get_decision(plan)
    if is_issued(d):
        raise NotAllowed(f"Quyết định số {number_text(d)} đã phát hành: không sửa được; cần "
                         "đính chính thì lập quyết định mới.")
    refuse_typed_number(data.number, "", "quyết định")
    changes = _validated(plan, data)
    if d is None:
        d = RewardDecision(plan_id=plan.id, version=1, **changes,
                           updated_at=clock.now(), updated_by_id=actor.id)
        remember(d)
        record_created(d, DECISION_FIELDS, action="reward_decision.save", actor=actor,
                       summary="Soạn Quyết định khen thưởng (chưa có số)")
    else:
        versioned_update(d, {**changes, "updated_at": clock.now(), "updated_by_id": actor.id},
                         expected_version=expected_version, action="reward_decision.save",
                         summary="Sửa Quyết định khen thưởng (chưa có số)",
                         stale_message="Quyết định vừa được người khác sửa. Tải lại trang để "
                                       "xem bản mới trước khi lưu.",
                         fields=DECISION_FIELDS, actor=actor)
    sync_review_assignments(plan, actor=actor)
    tell_draft_saved(plan)
    return d


def record_issued_decision(plan: Plan, number: int, issued_on: date, *, actor) -> RewardDecision:
    """The register's number and date on the decision when the văn thư issues it (issuing's
    awards adapter calls this); a decision issued before it was saved here is created with what
    the page proposed. Phòng Nội vụ's duty "quyết định khen thưởng" is then done."""
    d = get_decision(plan)
    if d is None:
        data = proposed_decision(plan)
        d = RewardDecision(plan_id=plan.id, legal_bases=data.legal_bases,
                           proposer_line=data.proposer_line,
                           signer_authority=data.signer_authority,
                           signer_title=data.signer_title, signer_name=data.signer_name,
                           funding_split=data.funding_split, recipients=data.recipients,
                           version=0)
        db.session.add(d)
        remember(d)
    record_register_number(d, number, issued_on, "decision_date", action="reward_decision.issued",
                           summary=f"Quyết định khen thưởng được phát hành, số "
                                   f"{number:02d}/QĐ-UBND ngày {issued_on:%d/%m/%Y}",
                           fields=DECISION_FIELDS, actor=actor)
    sync_review_assignments(plan, actor=actor)  # Phòng Nội vụ's duty: done
    return d


def record_withdrawn_decision(plan: Plan, reason: str, *, actor) -> RewardDecision | None:
    """The văn thư withdrew (thu hồi) the issued decision: its number and date leave the
    decision, a draft again for Phòng Nội vụ to correct (the correction is a new paper, numbered
    when it is issued), and Nội vụ's duty is open again. For issuing's withdrawal hook of the
    decision's paper kind; nothing to do for a decision the register never numbered."""
    d = get_decision(plan)
    if not is_issued(d):
        return None
    record_register_withdrawal(d, "decision_date", action="reward_decision.withdrawn",
                               summary=f"Quyết định khen thưởng số {number_text(d)} bị thu hồi: "
                                       f"{reason[:160].rstrip('.')}. Phòng Nội vụ soạn lại quyết định.",
                               fields=DECISION_FIELDS, actor=actor)
    sync_review_assignments(plan, actor=actor)
    return d


def number_text(d, suffix: str = "QĐ-UBND") -> str:
    """"05/QĐ-UBND" (numbers below 10 with a leading 0); blank number left for the clerk."""
    number = (d.number if d else "") or ""
    if number.isdigit() and int(number) < 10:
        number = f"{int(number):02d}"
    return f"{number or '      '}/{suffix}"
