""""Chờ tôi xử lý" of the conference: speakers to name (units with a slot), the script to
make final (Phòng LĐTB&XH)."""
from flask import url_for

from ..core.inbox import Waiting
from ..core.permissions import Cap, has_cap
from ..extensions import db
from ..plan.loader import current_plan
from ..plan.models import SpeechSlot
from .duty import script_is_final


def speakers_to_name(user) -> list[Waiting]:
    if not has_cap(user, Cap.UNIT_WORK_OWN):
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


def script_to_prepare(user) -> list[Waiting]:
    if not has_cap(user, Cap.SCRIPT_EDIT):
        return []
    plan = current_plan()
    if plan is None or script_is_final(plan):
        return []
    return [Waiting("Chuẩn bị, chốt kịch bản điều hành hội nghị", 1,
                    url_for("conference.script"), None)]
