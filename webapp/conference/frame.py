"""The conference's frame, read in one statement per GET request: the agenda items in order,
the setting (the start time) and the coordinator's script assignment with its duty. The
conference's pages show the three together (the script page, the overview)."""
import functools

from sqlalchemy import Integer, and_, bindparam, select
from sqlalchemy.orm import contains_eager

from ..duties.models import Assignment, Duty
from ..extensions import db
from ..plan.models import AgendaItem, Plan
from .memo import once_per_request
from .models import ConferenceSetting

SCRIPT_DELIVERABLE = "script"


def is_script(plan: Plan):
    """The coordinator's assignment of the duty whose deliverable is the script."""
    return (Duty.deliverable == SCRIPT_DELIVERABLE) & (Assignment.unit_id == plan.coordinator_unit_id)


@functools.cache
def _frame_statement():
    """Built once (the plan and the coordinator are bound parameters): building this join of
    four entities took longer than SQLite takes to run it."""
    plan_id = bindparam("plan_id", type_=Integer)
    script_duties = select(Duty.id).where(Duty.plan_id == plan_id,
                                          Duty.deliverable == SCRIPT_DELIVERABLE)
    return (select(AgendaItem, ConferenceSetting, Assignment)
            .outerjoin(ConferenceSetting, ConferenceSetting.plan_id == AgendaItem.plan_id)
            .outerjoin(Assignment, and_(
                Assignment.unit_id == bindparam("coordinator_id", type_=Integer),
                Assignment.duty_id.in_(script_duties)))
            .outerjoin(Duty, Duty.id == Assignment.duty_id)
            .options(contains_eager(Assignment.duty))
            .where(AgendaItem.plan_id == plan_id)
            .order_by(AgendaItem.position, AgendaItem.id, Assignment.id))


def _read(plan: Plan) -> tuple[list[AgendaItem], ConferenceSetting | None, Assignment | None]:
    rows = db.session.execute(_frame_statement(), {
        "plan_id": plan.id, "coordinator_id": plan.coordinator_unit_id}).all()
    if not rows:   # no agenda yet: the setting and the assignment on their own
        setting = db.session.query(ConferenceSetting).filter_by(plan_id=plan.id).one_or_none()
        return [], setting, script_assignment_now(plan)
    items = list(dict.fromkeys(item for item, _s, _a in rows))
    return items, rows[0][1], rows[0][2]


def frame(plan: Plan) -> tuple[list[AgendaItem], ConferenceSetting | None, Assignment | None]:
    """(items, setting, script assignment): once per GET request."""
    return once_per_request(("frame", plan.id), lambda: _read(plan))


def script_assignment_now(plan: Plan) -> Assignment | None:
    """The script assignment read afresh (a write request, or a plan without an agenda)."""
    return (db.session.query(Assignment).join(Assignment.duty)
            .options(contains_eager(Assignment.duty))
            .filter(Duty.plan_id == plan.id, is_script(plan)).order_by(Assignment.id).first())
