"""The duties of the reward flow follow the work: the unit's "báo cáo thành tích", Phòng
LĐTB&XH's shortlist and Phòng Nội vụ's decision. And the hand-offs: whoever acts next is told."""
from collections import Counter

from ..core.people import capitalise
from ..core.permissions import Cap
from ..duties.models import Assignment, Duty, Status
from ..duties.service import set_status
from ..extensions import db
from ..notifications.service import link_to, notify, notify_holders
from ..plan.models import Plan
from .models import Nomination, NominationStatus as NS
from .closing import is_issued
from .queries import counters, get_decision, unit_label_of

NOMINATION_DUTY = "bao-cao-thanh-tich"
SHORTLIST_DUTY = "xet-chon-khen-thuong"
DECISION_DUTY = "phe-duyet-khen-thuong"


def _assignment(plan: Plan, duty_code: str, unit_id: int | None = None) -> Assignment | None:
    query = (db.session.query(Assignment).join(Assignment.duty)
             .filter(Duty.plan_id == plan.id, Duty.code == duty_code))
    if unit_id is not None:
        query = query.filter(Assignment.unit_id == unit_id)
    return query.first()


def _set(assignment: Assignment | None, target: Status, *, actor, reason: str = "") -> None:
    if assignment is not None and assignment.status != target:
        set_status(assignment, target, actor=actor, reason=reason)


def sync_unit_assignment(plan: Plan, unit_id: int, *, actor) -> None:
    """The unit's duty "báo cáo thành tích": returned > drafting > submitted > accepted."""
    a = _assignment(plan, NOMINATION_DUTY, unit_id)
    if a is None:
        return
    statuses = Counter(n.status for n in db.session.query(Nomination)
                       .filter_by(plan_id=plan.id, unit_id=unit_id))
    statuses.pop(NS.WITHDRAWN, None)
    if statuses[NS.RETURNED]:
        notes = [n.review_note for n in db.session.query(Nomination)
                 .filter_by(plan_id=plan.id, unit_id=unit_id, status=NS.RETURNED)]
        _set(a, Status.RETURNED, actor=actor, reason="; ".join(notes))
    elif statuses[NS.DRAFT]:
        _set(a, Status.DRAFTING, actor=actor)
    elif statuses[NS.SUBMITTED]:
        _set(a, Status.SUBMITTED, actor=actor)
    elif statuses:
        _set(a, Status.ACCEPTED, actor=actor)
    elif a.status != Status.NOT_STARTED:
        _set(a, Status.DRAFTING, actor=actor)


def sync_review_assignments(plan: Plan, *, actor) -> None:
    """LĐTB&XH's shortlist: drafting while it screens, submitted when nothing waits for it,
    accepted when Nội vụ decided every shortlisted one. Nội vụ's decision: drafting from its
    first decision, submitted once the decision is drafted with its date, done (accepted) once
    the văn thư issued it (the register gave it its number)."""
    counts = Counter(s for (s,) in db.session.query(Nomination.status)
                     .filter(Nomination.plan_id == plan.id))
    screened = counts[NS.SHORTLISTED] + counts[NS.APPROVED] + counts[NS.REJECTED]
    short = _assignment(plan, SHORTLIST_DUTY)
    if short is not None and (screened or counts[NS.RETURNED]):
        if counts[NS.SUBMITTED] or not screened:
            _set(short, Status.DRAFTING, actor=actor)
        elif counts[NS.SHORTLISTED]:
            _set(short, Status.SUBMITTED, actor=actor)
        else:
            if short.status not in (Status.SUBMITTED, Status.ACCEPTED):
                _set(short, Status.SUBMITTED, actor=actor)
            _set(short, Status.ACCEPTED, actor=actor)
    decision_a = _assignment(plan, DECISION_DUTY)
    if decision_a is not None and (counts[NS.APPROVED] or counts[NS.REJECTED]):
        d = get_decision(plan)
        if is_issued(d):
            if decision_a.status != Status.SUBMITTED:
                _set(decision_a, Status.SUBMITTED, actor=actor)
            _set(decision_a, Status.ACCEPTED, actor=actor)
            return
        # drafted with its date (the number is the register's, given when it is issued)
        done = bool(d is not None and d.decision_date and counts[NS.APPROVED])
        _set(decision_a, Status.SUBMITTED if done else Status.DRAFTING, actor=actor)


def tell_draft_saved(plan: Plan) -> None:
    """Phòng Nội vụ saved its draft decision: when it is complete (dated, with a list) and not
    yet issued, leadership is told, once. Never from a re-count of another step (a shortlist,
    an approval): the message says Nội vụ has just finished the draft."""
    d = get_decision(plan)
    if d is None or is_issued(d) or not d.decision_date:
        return
    approved = (db.session.query(Nomination)
                .filter_by(plan_id=plan.id, status=NS.APPROVED).count())
    if approved:
        tell_leadership(plan, f"Phòng Nội vụ đã soạn xong dự thảo Quyết định khen thưởng kèm "
                              f"danh sách {approved} tập thể, cá nhân được đề nghị khen thưởng.",
                        key=f"awards-decision:{plan.id}")


# --- hand-offs -------------------------------------------------------------------------------

def nomination_link(n: Nomination) -> str:
    return link_to("awards.detail", nomination_id=n.id)


def tell_unit(n: Nomination, kind: str, message: str) -> None:
    notify(n.unit_id, kind, message, link=nomination_link(n))


def tell_screeners(n: Nomination) -> None:
    notify_holders(Cap.NOMINATION_SHORTLIST, "to_screen",
                   f"{capitalise(unit_label_of(n.unit))} gửi đề nghị khen thưởng {n.kind_label.lower()} "
                   f"“{n.name}”, chờ Phòng LĐTB&XH xét chọn.",
                   link=link_to("awards.review", status=NS.SUBMITTED.value))


def tell_approvers(n: Nomination) -> None:
    notify_holders(Cap.NOMINATION_APPROVE, "to_approve",
                   f"Phòng LĐTB&XH chọn “{n.name}” ({unit_label_of(n.unit)}) trình duyệt, chờ "
                   "Phòng Nội vụ duyệt.",
                   link=link_to("awards.review", status=NS.SHORTLISTED.value))


def tell_leadership(plan: Plan, message: str, *, key: str) -> None:
    notify_holders(Cap.AWARDS_RESULT_FOLLOW, "reward_list", message,
                   link=link_to("awards.awardees"), dedupe_key=key)


def after_decision(plan: Plan) -> None:
    """When both quotas are full, the reward list is complete: leadership is told once."""
    if is_issued(get_decision(plan)):
        return
    c = counters(plan)
    if all(k.full for k in c.kinds):
        parts = ", ".join(f"{k.approved} {k.label.lower()}" for k in c.kinds)
        tell_leadership(plan, f"Danh sách khen thưởng đã đủ chỉ tiêu của kế hoạch ({parts}), "
                              "Phòng Nội vụ soạn Quyết định khen thưởng.",
                        key=f"awards-list-full:{plan.id}")
