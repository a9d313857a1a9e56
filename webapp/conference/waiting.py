""""Chờ tôi xử lý" of the conference: speakers to name (units with a slot), the script to
make final (Phòng LĐTB&XH)."""
from flask import url_for

from ..core.inbox import Waiting
from ..core.permissions import Cap, has_cap
from ..core.web import unit_has_speech_slot
from ..duties.models import HANDED_IN
from ..duties.waiting import own_assignments
from ..extensions import db
from ..plan.loader import current_plan
from ..plan.models import SpeechSlot
from .duty import script_is_final
from .frame import SCRIPT_DELIVERABLE


def speakers_to_name(user) -> list[Waiting]:
    # the unit's slot is known with the user of the request: most units have none
    if not has_cap(user, Cap.UNIT_WORK_OWN) or not unit_has_speech_slot(user):
        return []
    plan = current_plan()
    if plan is None:
        return []
    count = (db.session.query(SpeechSlot).filter_by(plan_id=plan.id, unit_id=user.unit_id,
                                                     speaker_name="").count())
    if not count:
        return []
    return [Waiting("Nêu tên người trình bày tham luận", count, url_for("conference.speakers"),
                    None)]


def _script_is_final(user, plan) -> bool:
    """The script's duty is the coordinator's own: its home page has already read it."""
    if user.unit_id != plan.coordinator_unit_id:
        return script_is_final(plan)
    script = next((a for a in own_assignments(user)
                   if a.duty.deliverable == SCRIPT_DELIVERABLE), None)
    return script is not None and script.status in HANDED_IN


def script_to_prepare(user) -> list[Waiting]:
    if not has_cap(user, Cap.SCRIPT_EDIT):
        return []
    plan = current_plan()
    if plan is None or _script_is_final(user, plan):
        return []
    return [Waiting("Chuẩn bị, chốt kịch bản điều hành hội nghị", 1,
                    url_for("conference.script"), None)]
