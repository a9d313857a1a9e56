"""Object rules of the conference, registered by name (webapp.core.permissions.policy) and
asked through allowed() by loaders, services and templates; and the loaders themselves."""
from ..core.errors import NotFound
from ..core.permissions import Cap, has_cap, policy
from ..extensions import db
from ..plan.models import AgendaItem, Plan, SpeechSlot
from .models import ScriptVersion


@policy("conference.manage_speakers")
def can_manage_speakers(user, _obj=None) -> bool:
    """Phòng LĐTB&XH names and orders every speaker and sets the topics."""
    return has_cap(user, Cap.SPEAKERS_MANAGE)


@policy("conference.see_all_speakers")
def can_see_all_speakers(user, _obj=None) -> bool:
    return has_cap(user, Cap.CONFERENCE_VIEW)


@policy("conference.name_speaker")
def can_name_speaker(user, slot: SpeechSlot) -> bool:
    """The unit given the slot names its speaker; Phòng LĐTB&XH names any."""
    return can_manage_speakers(user) or (has_cap(user, Cap.UNIT_WORK_OWN)
                                         and slot.unit_id == user.unit_id)


@policy("conference.see_slot")
def can_see_slot(user, slot: SpeechSlot) -> bool:
    return can_see_all_speakers(user) or slot.unit_id == user.unit_id


@policy("conference.tick")
def can_tick(user, line) -> bool:
    """A readiness line is ticked by the unit responsible for it (readiness.toml)."""
    return has_cap(user, Cap.READINESS_TICK) and user.unit.code == line.unit


def get_item_or_404(item_id: int, plan: Plan) -> AgendaItem:
    item = db.session.get(AgendaItem, item_id)
    if item is None or item.plan_id != plan.id:
        raise NotFound()
    return item


def get_slot_or_404(slot_id: int, plan: Plan, user) -> SpeechSlot:
    """Another unit's slot answers as if it did not exist."""
    slot = db.session.get(SpeechSlot, slot_id)
    if slot is None or slot.plan_id != plan.id or not can_see_slot(user, slot):
        raise NotFound()
    return slot


def get_version_or_404(plan: Plan, number: int) -> ScriptVersion:
    version = db.session.query(ScriptVersion).filter_by(plan_id=plan.id, number=number).first()
    if version is None:
        raise NotFound("Không có phiên bản kịch bản này.")
    return version
