"""Demo scenario for duties (INVENTED): as of 15/11/2023, some units done, some drafting,
one returned, some late — deadlines on 22/11/2023 count down from the demo date."""
from datetime import date

from ..auth.models import User
from ..extensions import db
from ..plan.loader import current_plan
from ..plan.models import Unit
from .models import Assignment, Duty, Status
from .service import set_status

# unit code -> {duty code: status}. Only duties moved by hand change here; the report,
# nomination and paper capabilities move their own duties in their scenarios.
SCENARIO = {
    "vanphong": {"hoi-truong": Status.DRAFTING, "dieu-kien-phuc-vu": Status.NOT_STARTED},
}

# Generic statuses for deliverable duties until their capability takes over (the result
# reports and discussion papers now come from webapp/reports/demo.py).
GENERIC: dict[str, dict[str, Status]] = {}


def _actor(unit: Unit) -> User | None:
    return db.session.query(User).filter_by(unit_id=unit.id).first()


# Working deadlines the coordinator set for duties the plan leaves open (INVENTED), so that
# the demo shows overdue work on 15/11/2023.
WORKING_DEADLINES = {"hoi-truong": date(2023, 11, 14), "dieu-kien-phuc-vu": date(2023, 11, 10)}


def build_scenario() -> None:
    plan = current_plan()
    coordinator_user = db.session.query(User).join(User.unit).filter(Unit.code == "ldtbxh").first()
    for duty in db.session.query(Duty).filter(Duty.plan_id == plan.id,
                                              Duty.code.in_(WORKING_DEADLINES)):
        if duty.deadline is None:
            # set "earlier", when these dates were still ahead: the service refuses past dates
            duty.deadline = WORKING_DEADLINES[duty.code]
            from ..audit.service import record
            record("duty.deadline", duty, before={"deadline": None},
                   after={"deadline": duty.deadline}, actor=coordinator_user,
                   summary=f"{duty.short_title}: hạn làm việc {duty.deadline:%d/%m/%Y}")
    coordinator = db.session.query(User).join(User.unit).filter(Unit.code == "ldtbxh").first()
    rows = (db.session.query(Assignment).join(Assignment.duty).join(Assignment.unit)
            .filter(Duty.plan_id == plan.id).all())
    index = {(a.unit.code, a.duty.code): a for a in rows}
    for duty_code, by_unit in GENERIC.items():
        for unit_code, target in by_unit.items():
            a = index.get((unit_code, duty_code))
            if a is None or a.status != Status.NOT_STARTED:
                continue
            _walk(a, target, _actor(a.unit), coordinator)
    for unit_code, by_duty in SCENARIO.items():
        for duty_code, target in by_duty.items():
            a = index.get((unit_code, duty_code))
            if a is not None and a.status == Status.NOT_STARTED and target != Status.NOT_STARTED:
                _walk(a, target, _actor(a.unit), coordinator)


def _walk(a: Assignment, target: Status, unit_actor, coordinator) -> None:
    set_status(a, Status.DRAFTING, actor=unit_actor)
    if target == Status.DRAFTING:
        return
    set_status(a, Status.SUBMITTED, actor=unit_actor)
    if target == Status.ACCEPTED:
        set_status(a, Status.ACCEPTED, actor=coordinator)
    elif target == Status.RETURNED:
        set_status(a, Status.RETURNED, actor=coordinator,
                   reason="Bổ sung số liệu hộ cận nghèo năm 2022 và kinh phí đã giải ngân "
                          "Tiểu dự án 2 - Dự án 4 (dữ liệu minh họa).")
