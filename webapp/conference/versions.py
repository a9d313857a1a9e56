"""Kept versions of the meeting script (each download keeps the context it was rendered from)
and the script made final (the coordinator's duty moves to "submitted")."""
import functools

from flask import has_request_context, request
from sqlalchemy import JSON, Integer, bindparam, case, func, select, type_coerce

from ..audit.service import record
from ..core import clock
from ..core.errors import DomainError
from ..duties.models import Status
from ..extensions import db
from ..plan.models import Plan
from .duty import script_duty_to, script_is_final
from .memo import once_per_request
from .models import ScriptVersion
from .script import script_context
from .script_diff import diff


@functools.cache
def _kept_statement():
    """Built once (the plan is a bound parameter)."""
    plan_id = bindparam("plan_id", type_=Integer)
    newest = (select(func.max(ScriptVersion.number)).where(ScriptVersion.plan_id == plan_id)
              .scalar_subquery())
    return (select(ScriptVersion.number, ScriptVersion.created_at, ScriptVersion.created_by_name,
                   ScriptVersion.present_only, ScriptVersion.summary,
                   type_coerce(case((ScriptVersion.number == newest, ScriptVersion.context)),
                               JSON).label("context"))
            .where(ScriptVersion.plan_id == plan_id).order_by(ScriptVersion.number.desc()))


def _kept(plan: Plan) -> tuple[list, dict | None]:
    """The kept versions, newest first, as rows of what the page lists (number, when, by whom,
    which delegates, summary), and the newest one's context: one statement (the context is
    read for the newest row only)."""
    rows = db.session.execute(_kept_statement(), {"plan_id": plan.id}).all()
    return rows, (rows[0].context if rows else None)


def versions(plan: Plan) -> list:
    """The kept versions, newest first, without their contexts (read once per GET request)."""
    return once_per_request(("script_versions", plan.id), lambda: _kept(plan))[0]


def last_version(plan: Plan):
    """The newest kept version: on a GET request the row the page lists (number, created_at,
    created_by_name…), on a write the ScriptVersion itself; None before the first download."""
    if has_request_context() and request.method == "GET":
        kept = versions(plan)
        return kept[0] if kept else None
    return (db.session.query(ScriptVersion).filter_by(plan_id=plan.id)
            .order_by(ScriptVersion.number.desc()).first())


def changes_since_last(plan: Plan, context: dict) -> list[dict] | None:
    if has_request_context() and request.method == "GET":
        kept = once_per_request(("script_versions", plan.id), lambda: _kept(plan))[1]
        return diff(kept, context) if kept is not None else None
    last = last_version(plan)
    return diff(last.context, context) if last else None


def save_version(plan: Plan, *, actor, present_only: bool = False) -> ScriptVersion:
    """Keep what is downloaded now: the context, and a one-line summary of the changes."""
    context = script_context(plan, present_only)
    previous = last_version(plan)
    changes = diff(previous.context, context) if previous else []
    number = (previous.number if previous else 0) + 1
    version = ScriptVersion(plan_id=plan.id, number=number, created_at=clock.now(),
                            created_by_id=getattr(actor, "id", None),
                            created_by_name=getattr(actor, "full_name", "") or "",
                            present_only=present_only, context=context,
                            summary=(f"{len(changes)} thay đổi so với phiên bản {number - 1}"
                                     if previous else "Phiên bản đầu tiên"))
    db.session.add(version)
    db.session.flush()
    record("script.version", version, before=None,
           after={"number": number, "present_only": present_only,
                  "changes": len(changes)},
           actor=actor, summary=f"Tải kịch bản điều hành, phiên bản {number}")
    return version


def mark_script_final(plan: Plan, *, actor) -> None:
    if script_is_final(plan):
        raise DomainError("Kịch bản đã được chốt.")
    if last_version(plan) is None:
        raise DomainError("Tải kịch bản về (lưu một phiên bản) trước khi chốt.")
    script_duty_to(plan, Status.SUBMITTED, actor=actor)
