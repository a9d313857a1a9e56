"""Budget rules: cost lines by funding source, the reward money from the rewards capability,
totals in figures and in words."""
import logging
import re
from dataclasses import dataclass, field

from ..audit.service import record, snapshot
from ..core import clock
from ..core.errors import DomainError, StaleEdit
from ..core.formatting import amount_in_words, money
from ..extensions import db
from ..plan.models import FundingSource, Plan
from .models import CATEGORIES, BudgetLine

log = logging.getLogger(__name__)
AUDIT_FIELDS = ("category", "description", "amount", "funding_source_id", "note")
MAX_AMOUNT = 10**11  # 100 tỷ đồng: more is a typing mistake for a district conference

_MONEY = re.compile(r"^\d{1,3}(\.\d{3})+$|^\d+$")


def parse_money(text: str | None) -> int:
    """"1.500.000", "1500000", "1 500 000" or "1.500.000 đồng" -> 1500000 (whole đồng)."""
    raw = (text or "").strip().lower().removesuffix("đồng").removesuffix("đ").strip()
    raw = raw.replace(" ", "").replace("\u00a0", "")
    if not raw:
        raise DomainError("Nhập số tiền (đồng).", field="amount")
    if "," in raw:
        raise DomainError("Số tiền tính bằng đồng, không có phần lẻ; viết dấu chấm ngăn cách "
                          "hàng nghìn, ví dụ 1.500.000.", field="amount")
    if not _MONEY.match(raw):
        raise DomainError("Số tiền không hợp lệ; ví dụ 1.500.000.", field="amount")
    value = int(raw.replace(".", ""))
    if value <= 0:
        raise DomainError("Số tiền phải lớn hơn 0.", field="amount")
    if value >= MAX_AMOUNT:
        raise DomainError("Số tiền quá lớn; kiểm tra lại số chữ số.", field="amount")
    return value


@dataclass
class LineData:
    category: str
    description: str
    amount: int
    funding_source_id: int
    note: str = ""


def _check(plan: Plan, data: LineData) -> None:
    if data.category not in CATEGORIES:
        raise DomainError("Chọn khoản chi.", field="category")
    if data.funding_source_id not in {s.id for s in plan.funding_sources}:
        raise DomainError("Chọn nguồn kinh phí của kế hoạch.", field="funding_source_id")
    if len(data.description) > 500:
        raise DomainError("Nội dung tối đa 500 ký tự.", field="description")


def lines_of(plan: Plan) -> list[BudgetLine]:
    order = {code: i for i, code in enumerate(CATEGORIES)}
    rows = db.session.query(BudgetLine).filter_by(plan_id=plan.id).all()
    return sorted(rows, key=lambda line: (order.get(line.category, 99), line.id))


def get_line_or_404(line_id: int, plan: Plan) -> BudgetLine:
    from flask import abort
    line = db.session.get(BudgetLine, line_id)
    if line is None or line.plan_id != plan.id:
        abort(404)
    return line


def _summary(line: BudgetLine) -> str:
    return f"{line.label}: {money(line.amount)} đồng ({line.funding_source.label.split(':')[0]})"


def add_line(plan: Plan, data: LineData, *, actor) -> BudgetLine:
    _check(plan, data)
    line = BudgetLine(plan_id=plan.id, category=data.category,
                      description=data.description.strip(), amount=data.amount,
                      funding_source_id=data.funding_source_id, note=data.note.strip(),
                      created_at=clock.now(), updated_at=clock.now(),
                      updated_by_id=getattr(actor, "id", None))
    db.session.add(line)
    db.session.flush()
    record("budget.add", line, after=snapshot(line, AUDIT_FIELDS), actor=actor,
           summary=f"Thêm khoản chi {_summary(line)}")
    return line


def _check_version(line: BudgetLine, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != line.version:
        raise StaleEdit(f"Khoản chi này vừa được người khác sửa (hiện là {money(line.amount)} "
                        "đồng). Hãy xem lại trước khi lưu.", current=line)


def update_line(line: BudgetLine, data: LineData, *, actor,
                expected_version: int | None) -> BudgetLine:
    _check_version(line, expected_version)
    _check(line.plan, data)
    before = snapshot(line, AUDIT_FIELDS)
    line.category, line.description = data.category, data.description.strip()
    line.amount, line.funding_source_id = data.amount, data.funding_source_id
    line.note = data.note.strip()
    line.updated_at, line.updated_by_id = clock.now(), getattr(actor, "id", None)
    line.version += 1
    db.session.flush()
    db.session.refresh(line, ["funding_source"])
    record("budget.update", line, before=before, after=snapshot(line, AUDIT_FIELDS),
           actor=actor, summary=f"Sửa khoản chi {_summary(line)}")
    return line


def delete_line(line: BudgetLine, *, actor, expected_version: int | None) -> None:
    _check_version(line, expected_version)
    before = snapshot(line, AUDIT_FIELDS)
    summary = f"Xóa khoản chi {_summary(line)}"
    line_id = line.id
    db.session.delete(line)
    db.session.flush()
    record("budget.delete", None, object_type="budget_line", object_id=line_id,
           before=before, actor=actor, summary=summary)


# --- the reward money, from the rewards capability when it is there ---------------------------

@dataclass
class RewardMoney:
    available: bool
    by_source: dict[str, int] = field(default_factory=dict)   # funding source code -> đồng
    note: str = ""

    @property
    def total(self) -> int:
        return sum(self.by_source.values())


def reward_money(plan: Plan) -> RewardMoney:
    """The approved awardees' money split by source; "chưa có dữ liệu" while the rewards
    capability is absent or cannot say."""
    try:
        from ..awards.service import reward_money_by_source
    except ImportError:
        return RewardMoney(False, note="Chưa có dữ liệu khen thưởng.")
    try:
        rows = reward_money_by_source(plan)
    except Exception:  # the budget page must not fail because of another capability
        log.exception("reward money unavailable")
        return RewardMoney(False, note="Chưa có dữ liệu khen thưởng (chưa tính được tiền thưởng).")
    return RewardMoney(True, {r["code"]: int(r.get("amount") or 0) for r in rows})


# --- totals ----------------------------------------------------------------------------------

@dataclass
class SourceTotal:
    source: FundingSource
    conference: int
    reward: int

    @property
    def total(self) -> int:
        return self.conference + self.reward

    @property
    def words(self) -> str:
        return amount_in_words(self.total)


@dataclass
class BudgetSummary:
    lines: list[BudgetLine]
    reward: RewardMoney
    sources: list[SourceTotal]

    @property
    def conference_total(self) -> int:
        return sum(s.conference for s in self.sources)

    @property
    def reward_total(self) -> int:
        return sum(s.reward for s in self.sources)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.sources)

    @property
    def total_words(self) -> str:
        return amount_in_words(self.total)


def summary(plan: Plan) -> BudgetSummary:
    lines = lines_of(plan)
    reward = reward_money(plan)
    sources = []
    for source in plan.funding_sources:
        conference = sum(line.amount for line in lines if line.funding_source_id == source.id)
        sources.append(SourceTotal(source, conference, reward.by_source.get(source.code, 0)))
    return BudgetSummary(lines, reward, sources)
