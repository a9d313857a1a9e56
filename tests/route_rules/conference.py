"""Routes of the conference: agenda, speakers, script, programme, readiness."""
from webapp.plan.models import AgendaItem, SpeechSlot, Unit

from . import Rule, only

VIEW = ("coordinator", "home_affairs", "office", "leadership")
WORKING = ("coordinator", "home_affairs", "office", "department", "commune", "mass_org")


def first_item(session):
    return {"item_id": session.query(AgendaItem).filter_by(code="tuyen-bo-ly-do").one().id}


def commune_slot(session):
    """Bình Chánh's speech slot: the commune test user's own."""
    slot = session.query(SpeechSlot).join(SpeechSlot.unit).filter(Unit.code == "binh-chanh").one()
    return {"slot_id": slot.id}


def a_version(session):
    """A kept script version (the download POST keeps one; here made directly)."""
    from webapp.conference import versions
    from webapp.plan.loader import current_plan
    plan = current_plan()
    if versions.last_version(plan) is None:
        versions.save_version(plan, actor=None)
        session.commit()
    return {"number": versions.last_version(plan).number}


RULES = {
    "conference.index": Rule(expect=only(VIEW)),
    "conference.agenda": Rule(expect=only(VIEW)),
    "conference.set_start": Rule(method="POST", data={"start_time": "7h30"},
                                 expect=only(("coordinator",))),
    "conference.move_item": Rule(method="POST", args=first_item, data={"direction": "down"},
                                 expect=only(("coordinator",))),
    "conference.edit_item": Rule(method="POST", args=first_item,
                                 data={"duration_minutes": 12, "lead": "Người dẫn chương trình"},
                                 expect=only(("coordinator",))),
    "conference.programme_docx": Rule(expect=only(VIEW)),
    "conference.speakers": Rule(expect=only(WORKING + ("leadership",))),
    "conference.edit_speaker": Rule(
        method="POST", args=commune_slot, data={"speaker_name": "", "speaker_title": ""},
        expect={**only(("coordinator", "commune")),
                # they see every slot but do not name speakers
                "home_affairs": 403, "office": 403,
                # another unit's slot: as if it did not exist
                "department": 404, "mass_org": 404}),
    "conference.move_speaker": Rule(method="POST", args=commune_slot, data={"direction": "up"},
                                    expect=only(("coordinator",))),
    "conference.script": Rule(expect=only(VIEW)),
    "conference.script_preview": Rule(expect=only(VIEW), htmx=True),
    "conference.edit_mc": Rule(method="POST", args=first_item,
                               data={"mc_text": "Kính thưa các đồng chí!"},
                               expect=only(("coordinator",))),
    "conference.script_download": Rule(method="POST", expect=only(("coordinator",))),
    "conference.script_version_docx": Rule(args=a_version, expect=only(VIEW, allowed=200)),
    "conference.script_final": Rule(method="POST", expect=only(("coordinator",))),
    "conference.readiness": Rule(expect=only(VIEW)),
    "conference.readiness_tick": Rule(method="POST", args={"code": "hoi-truong"},
                                      data={"done": "y"},
                                      expect={**only(("office",)),
                                              # may tick, but this line is Văn phòng's
                                              "coordinator": 403, "home_affairs": 403}),
    "conference.history_page": Rule(expect=only(VIEW)),
}
