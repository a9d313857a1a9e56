"""What other features read of rewards (budget, synthesis, the conference script).

The rules themselves live by topic: `policy` (who may do what), `window` (the nomination
window), `flow` (nominate → shortlist → approve), `decision` (the list, money and draft),
`papers` (Tờ trình, biên bản), `queries` (lists and counters), `progress` (duties, hand-offs).
"""
from .decision import (DECISION_FIELDS, approved_awardees, decision_date_of, default_split,
                       money_summary, number_text, proposed_decision, reward_money_by_source,
                       save_decision, split_amount)
from .queries import approved_nominations, counters, get_decision

__all__ = ["DECISION_FIELDS", "approved_awardees", "approved_nominations", "counters",
           "decision_date_of", "default_split", "get_decision", "money_summary", "number_text",
           "proposed_decision", "reward_money_by_source", "save_decision", "split_amount"]
