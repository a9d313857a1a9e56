"""The rules in force for a reward decision, read from data/reward-rules.toml (dated data).

Nothing about decrees, coefficients or base salaries lives in code: a new decree is a new
period in the data file. Money is computed with Decimal and rounded UP to the next 10.000 đồng.
"""
import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal
from functools import lru_cache
from pathlib import Path

RULES_FILE = Path(__file__).parent / "data" / "reward-rules.toml"


class RulesError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    code: str
    label: str
    valid_from: date
    valid_to: date | None
    legal_bases: tuple[str, ...]
    money_basis: str
    coefficients: dict

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class RulesInForce:
    period: Period
    base_salary: int
    base_salary_source: str
    round_up_to: int

    def amount(self, kind: str) -> int:
        raw = Decimal(str(self.period.coefficients[kind])) * self.base_salary
        step = Decimal(self.round_up_to)
        return int((raw / step).to_integral_value(rounding=ROUND_CEILING) * step)


@lru_cache(maxsize=4)
def _load(path: Path = RULES_FILE) -> dict:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def dossier(path: Path = RULES_FILE) -> dict:
    return _load(path).get("dossier", {})


def periods(path: Path = RULES_FILE) -> list[Period]:
    return [Period(p["code"], p["label"], p["valid_from"], p.get("valid_to"),
                   tuple(p["legal_bases"]), p["money_basis"], dict(p["coefficient"]))
            for p in _load(path)["period"]]


def rules_on(day: date, path: Path = RULES_FILE) -> RulesInForce:
    """The period and base salary in force on `day` (the decision date)."""
    data = _load(path)
    period = next((p for p in periods(path) if p.covers(day)), None)
    if period is None:
        raise RulesError(f"Không có quy định khen thưởng áp dụng cho ngày {day:%d/%m/%Y}.")
    salary = next((s for s in data["base_salary"]
                   if s["valid_from"] <= day and (s.get("valid_to") is None or day <= s["valid_to"])),
                  None)
    if salary is None:
        raise RulesError(f"Không có mức lương cơ sở áp dụng cho ngày {day:%d/%m/%Y}.")
    return RulesInForce(period, int(salary["amount"]), salary.get("source", ""),
                        int(data["money"]["round_up_to"]))
