"""The reward list closes when the decision is issued.

Once the văn thư issued the Quyết định khen thưởng through the register (it has its number),
the list it rewards is the list: no new nomination, no send, shortlist, return, approve,
reject, reconsider or reorder, until the decision is withdrawn (thu hồi) and drafted anew.
Nominations still waiting when it was issued keep their stored status; the pages show them as
not considered in this decision.
"""
from ..core.errors import DomainError
from ..core.formatting import ddmmyyyy
from ..plan.models import Plan
from .models import Nomination, NominationStatus as NS, RewardDecision
from .queries import get_decision

# Still waiting (for the unit, Phòng LĐTB&XH or Phòng Nội vụ) when the decision was issued.
WAITING = (NS.DRAFT, NS.SUBMITTED, NS.RETURNED, NS.SHORTLISTED)


def is_issued(d: RewardDecision | None) -> bool:
    """Issued through the register: only the register gives the decision its number."""
    return bool(d and d.number)


def closing_decision(plan: Plan) -> RewardDecision | None:
    """The issued decision that closes the plan's reward list, or None while it is open."""
    d = get_decision(plan)
    return d if is_issued(d) else None


def is_open(plan: Plan) -> bool:
    return closing_decision(plan) is None


def _number(d: RewardDecision) -> str:
    from .decision import number_text
    return number_text(d)


def closed_message(d: RewardDecision) -> str:
    """Why a step is refused."""
    return (f"Quyết định khen thưởng số {_number(d)} đã phát hành: danh sách khen thưởng đã "
            "chốt. Cần thay đổi thì văn thư thu hồi quyết định, rồi Phòng Nội vụ soạn quyết "
            "định mới.")


def closed_notice(d: RewardDecision) -> str:
    """What every page of rewards says once the list is closed."""
    return (f"Danh sách khen thưởng đã chốt theo Quyết định số {_number(d)} ngày "
            f"{ddmmyyyy(d.decision_date)} của Chủ tịch UBND huyện: không nhận, xét, duyệt "
            "thêm đề nghị và không đổi thứ tự. Cần thay đổi thì văn thư thu hồi quyết định, "
            "rồi Phòng Nội vụ soạn quyết định mới.")


def require_open(plan: Plan, field: str | None = None) -> None:
    d = closing_decision(plan)
    if d is not None:
        raise DomainError(closed_message(d), field=field)


def not_considered(n: Nomination, d: RewardDecision | None | bool = True) -> str:
    """"Không xét trong Quyết định số 01/QĐ-UBND" for a nomination still waiting when the
    decision was issued; "" otherwise (and while the list is open). `d`: the closing decision
    (or None) when the caller already read it for the page."""
    if n.status not in WAITING:
        return ""
    if d is True:
        d = closing_decision(n.plan)
    return f"Không xét trong Quyết định số {_number(d)}" if d is not None else ""
