"""Routes of the conference: agenda, speakers, script, programme, readiness, papers. Exact
answers per role; the routes htmx calls are sent with HX-Request."""
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
    "conference.index": Rule(expect=only(VIEW, allowed=200)),
    "conference.agenda": Rule(expect=only(VIEW, allowed=200)),
    "conference.set_start": Rule(method="POST", data={"start_time": "7h30"}, htmx=True,
                                 expect=only(("coordinator",), allowed=200)),
    "conference.move_item": Rule(method="POST", args=first_item, data={"direction": "down"},
                                 htmx=True, expect=only(("coordinator",), allowed=200)),
    "conference.edit_item": Rule(method="POST", args=first_item, htmx=True,
                                 data={"duration_minutes": 12, "lead": "Người dẫn chương trình"},
                                 expect=only(("coordinator",), allowed=200)),
    "conference.programme_docx": Rule(expect=only(VIEW, allowed=200)),
    "conference.paper_docx": Rule(args={"kind": "thong-bao-ket-luan"},
                                  expect=only(VIEW, allowed=200)),
    "conference.speakers": Rule(expect=only(WORKING + ("leadership",), allowed=200)),
    "conference.edit_speaker": Rule(
        method="POST", args=commune_slot, htmx=True,
        data={"speaker_name": "", "speaker_title": ""},
        expect={**only(("coordinator", "commune"), allowed=200),
                # they see every slot but do not name speakers
                "home_affairs": 403, "office": 403,
                # another unit's slot: as if it did not exist
                "department": 404, "mass_org": 404}),
    "conference.paper_form_docx": Rule(
        args=commune_slot,
        expect={**only(VIEW + ("commune",), allowed=200), "department": 404, "mass_org": 404}),
    "conference.move_speaker": Rule(method="POST", args=commune_slot, data={"direction": "up"},
                                    htmx=True, expect=only(("coordinator",), allowed=200)),
    "conference.script": Rule(expect=only(VIEW, allowed=200)),
    "conference.script_preview": Rule(expect=only(VIEW, allowed=200), htmx=True),
    "conference.edit_mc": Rule(method="POST", args=first_item, htmx=True,
                               data={"mc_text": "Kính thưa các đồng chí!"},
                               expect=only(("coordinator",), allowed=200)),
    "conference.script_download": Rule(method="POST", expect=only(("coordinator",), allowed=303)),
    "conference.script_version_docx": Rule(args=a_version, expect=only(VIEW, allowed=200)),
    # after the download above (routes run in name order): the script is made final
    "conference.script_final": Rule(method="POST", expect=only(("coordinator",), allowed=303)),
    "conference.readiness": Rule(expect=only(VIEW, allowed=200)),
    "conference.readiness_tick": Rule(method="POST", args={"code": "hoi-truong"}, htmx=True,
                                      data={"done": "y"},
                                      expect={**only(("office",), allowed=200),
                                              # may tick, but this line is Văn phòng's
                                              "coordinator": 403, "home_affairs": 403}),
    "conference.history_page": Rule(expect=only(VIEW, allowed=200)),
}
