"""Who drafts and who reads the district's reports: Phòng LĐTB&XH drafts the mid-term report,
Phòng Nội vụ the emulation report; leadership (UBND huyện, who issues both) reads them."""
from ..core.permissions import Cap, has_cap, policy


@policy("synthesis.edit")
def can_edit(user, kind) -> bool:
    return has_cap(user, kind.cap)


@policy("synthesis.read")
def can_read(user, kind) -> bool:
    return can_edit(user, kind) or has_cap(user, Cap.DISTRICT_REPORTS_READ)
