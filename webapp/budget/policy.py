"""Who reads and who edits the budget: read by leadership, Phòng LĐTB&XH, Nội vụ, Văn phòng;
edited by Phòng LĐTB&XH (who proposes it) and Văn phòng (who spends on the hall)."""
from ..core.permissions import Cap, has_cap, policy


@policy("budget.edit")
def can_edit(user, obj=None) -> bool:
    return has_cap(user, Cap.BUDGET_EDIT)
