"""The estimate covers the plan: the conference cost lines, and the reward money for the plan's
whole quota (12 collectives + 12 individuals in the seed) at the rules in force on the decision
date (webapp.awards: rules, base salary, the decision's split between funding sources). What
Phòng Nội vụ has approved so far is shown apart; it is not the estimate."""
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..awards import rules
from ..awards.models import KIND_LABELS, Kind
from ..awards.service import decision_date_of, default_split, get_decision, money_summary, \
    split_amount
from ..core.formatting import amount_in_words
from ..plan.models import FundingSource, Plan
from .models import BudgetLine
from .service import lines_of

DATA_FILE = Path(__file__).parent / "data" / "du-toan.toml"


@lru_cache(maxsize=2)
def papers_data(path: Path = DATA_FILE) -> dict:
    """Legal bases, recipients and spending norms of the budget papers (data/du-toan.toml)."""
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def norm_of(category: str) -> str:
    return papers_data().get("norms", {}).get(category, "")


@dataclass
class RewardLine:
    kind: str
    label: str          # "Giấy khen của Chủ tịch UBND huyện cho tập thể"
    quantity: int       # the plan's quota
    unit_price: int     # per awardee at the rules of the decision date

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_price


@dataclass
class RewardEstimate:
    on: date
    basis: str                      # the decree the money follows, and the base salary
    lines: list[RewardLine]
    by_source: dict[str, int]       # funding source code -> đồng
    approved_counts: dict[str, int]  # what Phòng Nội vụ has approved so far (shown apart)
    approved_total: int

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


def reward_estimate(plan: Plan) -> RewardEstimate:
    on = decision_date_of(plan)
    in_force = rules.rules_on(on)
    lines = [RewardLine(kind.value, f"Tiền thưởng kèm Giấy khen của Chủ tịch UBND huyện – "
                                    f"{KIND_LABELS[kind].lower()}",
                        plan.quota(kind.value), in_force.amount(kind.value))
             for kind in (Kind.COLLECTIVE, Kind.INDIVIDUAL)]
    decision = get_decision(plan)
    split = (decision.funding_split if decision and decision.funding_split else None) \
        or default_split(plan)
    total = sum(line.amount for line in lines)
    by_source = {row["code"]: row["amount"]
                 for row in split_amount(total, list(plan.funding_sources), split)}
    approved = money_summary(plan, on)
    basis = (f"{in_force.period.money_basis}; mức lương cơ sở "
             f"{in_force.base_salary:,} đồng ({in_force.base_salary_source})").replace(",", ".")
    return RewardEstimate(on, basis, lines, by_source, dict(approved.counts), approved.total)


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
    reward: RewardEstimate
    sources: list[SourceTotal] = field(default_factory=list)

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
    reward = reward_estimate(plan)
    sources = [SourceTotal(source,
                           sum(line.amount for line in lines if line.funding_source_id == source.id),
                           reward.by_source.get(source.code, 0))
               for source in plan.funding_sources]
    return BudgetSummary(lines, reward, sources)
