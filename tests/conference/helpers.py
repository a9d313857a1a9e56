"""Small helpers for conference tests."""
from webapp.extensions import db
from webapp.plan.loader import current_plan
from webapp.plan.models import AgendaItem, SpeechSlot, Unit


def plan():
    return current_plan()


def item(code: str) -> AgendaItem:
    return db.session.query(AgendaItem).filter_by(plan_id=plan().id, code=code).one()


def slot(unit_code: str) -> SpeechSlot:
    return (db.session.query(SpeechSlot).join(SpeechSlot.unit)
            .filter(Unit.code == unit_code, SpeechSlot.plan_id == plan().id).one())


def order_of_items() -> list[str]:
    return [i.code for i in sorted(plan().agenda_items, key=lambda i: i.position)]
