"""Who may do what: the one registry of capabilities and the role -> capabilities map.

Routes declare their rule with @requires(Cap.X) (or @public); object rules ("a unit sees only
its own work") live in policy functions next to each feature's services and are used both by
loaders (get_x_or_404, then 403) and by templates to hide buttons.
"""
from collections.abc import Callable
from enum import StrEnum
from functools import wraps

from flask import abort
from flask_login import current_user

from ..extensions import login_manager
from .roles import Role


class Cap(StrEnum):
    # foundation
    DUTIES_VIEW_OWN = "duties.view_own"
    DUTIES_UPDATE_OWN = "duties.update_own"
    MATRIX_VIEW = "matrix.view"
    ASSIGNMENT_REVIEW = "assignment.review"
    PASSWORD_CHANGE_OWN = "account.password"
    ACCOUNTS_MANAGE = "accounts.manage"
    UNITS_VIEW = "units.view"
    AUDIT_VIEW_ALL = "audit.view_all"
    PLAN_VIEW = "plan.view"
    # result reports and discussion papers (plan VI.1, VI.3)
    REPORT_WRITE_OWN = "reports.write_own"
    REPORT_REVIEW = "reports.review"
    REPORT_VIEW_ALL = "reports.view_all"
    # rewards (plan IV, VI.2, VI.4, VI.5)
    NOMINATION_CREATE = "nominations.create"
    NOMINATION_SHORTLIST = "nominations.shortlist"
    NOMINATION_APPROVE = "nominations.approve"
    NOMINATION_VIEW_ALL = "nominations.view_all"
    DECISION_DRAFT = "decision.draft"
    # conference (plan II, III, VI.4, VI.6)
    CONFERENCE_VIEW = "conference.view"
    AGENDA_MANAGE = "agenda.manage"
    DELEGATES_NAME_OWN = "delegates.name_own"
    DELEGATES_REPLY_OWN = "delegates.reply_own"    # a unit answers for its own invitees
    DELEGATES_MANAGE = "delegates.manage"
    INVITATIONS_ISSUE = "invitations.issue"
    CHECKIN = "checkin"
    SCRIPT_EDIT = "script.edit"
    READINESS_TICK = "readiness.tick"
    # synthesis, overview, budget, reminders (plan V, VI.4, VI.5)
    SYNTHESIS_EDIT = "synthesis.edit"
    EMULATION_REPORT_EDIT = "emulation_report.edit"
    OVERVIEW_VIEW = "overview.view"
    BUDGET_EDIT = "budget.edit"
    BUDGET_VIEW = "budget.view"
    REMINDER_LETTER_DRAFT = "reminders.letter"
    DISTRICT_REPORTS_READ = "district_reports.read"  # reads the district's mid-term and emulation reports
    NOTIFICATIONS_VIEW_OWN = "notifications.view_own"
    # who acts on what (instead of role checks in features)
    UNIT_WORK_OWN = "unit.work_own"          # a working unit acts on its own unit's work
    DUTIES_VIEW_ALL = "duties.view_all"      # follows every unit's duties
    DUTY_DEADLINE_SET = "duties.deadline"    # sets working deadlines where the plan has none
    SPEAKERS_MANAGE = "speakers.manage"      # names and orders every discussion speaker
    AWARDS_RESULT_FOLLOW = "awards.result_follow"  # told when the reward list is complete
    # issuing: outgoing register, sign-off, digital signatures (issue 12, issue 10 sign-off)
    PAPER_DRAFT = "issuing.draft"              # a drafting unit puts its paper up for sign-off
    PAPER_APPROVE = "issuing.approve"          # leadership approves or returns it
    PAPER_REGISTER = "issuing.register"        # văn thư: number, date, issue (policy: which body)
    PAPER_SIGN = "issuing.sign"                # the signer signs digitally (policy: own key)
    PAPER_INBOX = "issuing.inbox"              # a unit receives issued papers (Văn bản đến)
    SIGNATURE_CHECK = "signatures.check"       # Kiểm tra chữ ký


# Every account reads its plan, its notifications, the papers it receives and checks a signature.
_EVERY_UNIT = {Cap.PASSWORD_CHANGE_OWN, Cap.NOTIFICATIONS_VIEW_OWN, Cap.PLAN_VIEW,
               Cap.PAPER_INBOX, Cap.SIGNATURE_CHECK}
_WORKING_UNIT = _EVERY_UNIT | {Cap.DUTIES_VIEW_OWN, Cap.DUTIES_UPDATE_OWN, Cap.NOMINATION_CREATE,
                                Cap.DELEGATES_REPLY_OWN, Cap.UNIT_WORK_OWN}

ROLE_CAPS: dict[Role, frozenset[Cap]] = {
    Role.COORDINATOR: frozenset(_WORKING_UNIT | {
        Cap.MATRIX_VIEW, Cap.ASSIGNMENT_REVIEW, Cap.UNITS_VIEW,
        Cap.REPORT_REVIEW, Cap.REPORT_VIEW_ALL,
        Cap.NOMINATION_SHORTLIST, Cap.NOMINATION_VIEW_ALL,
        Cap.CONFERENCE_VIEW, Cap.AGENDA_MANAGE, Cap.DELEGATES_MANAGE, Cap.CHECKIN,
        Cap.SCRIPT_EDIT, Cap.READINESS_TICK,
        Cap.SYNTHESIS_EDIT, Cap.OVERVIEW_VIEW, Cap.BUDGET_EDIT, Cap.BUDGET_VIEW,
        Cap.REMINDER_LETTER_DRAFT, Cap.DUTIES_VIEW_ALL, Cap.DUTY_DEADLINE_SET,
        Cap.SPEAKERS_MANAGE,
        Cap.PAPER_DRAFT, Cap.PAPER_REGISTER, Cap.PAPER_SIGN,
    }),
    Role.HOME_AFFAIRS: frozenset(_WORKING_UNIT | {
        Cap.NOMINATION_APPROVE, Cap.NOMINATION_VIEW_ALL, Cap.DECISION_DRAFT,
        Cap.CONFERENCE_VIEW, Cap.READINESS_TICK, Cap.EMULATION_REPORT_EDIT, Cap.BUDGET_VIEW,
        Cap.PAPER_DRAFT, Cap.PAPER_REGISTER, Cap.PAPER_SIGN,
    }),
    Role.OFFICE: frozenset(_WORKING_UNIT | {
        Cap.CONFERENCE_VIEW, Cap.DELEGATES_MANAGE, Cap.INVITATIONS_ISSUE, Cap.CHECKIN,
        Cap.READINESS_TICK, Cap.BUDGET_EDIT, Cap.BUDGET_VIEW,
        Cap.PAPER_DRAFT, Cap.PAPER_REGISTER,
    }),
    Role.DEPARTMENT: frozenset(_WORKING_UNIT | {Cap.REPORT_WRITE_OWN}),
    Role.COMMUNE: frozenset(_WORKING_UNIT | {Cap.REPORT_WRITE_OWN, Cap.DELEGATES_NAME_OWN}),
    Role.MASS_ORG: frozenset(_WORKING_UNIT | {Cap.REPORT_WRITE_OWN}),
    Role.LEADERSHIP: frozenset(_EVERY_UNIT | {
        Cap.DUTIES_VIEW_OWN, Cap.MATRIX_VIEW, Cap.UNITS_VIEW, Cap.REPORT_VIEW_ALL,
        Cap.NOMINATION_VIEW_ALL, Cap.CONFERENCE_VIEW, Cap.OVERVIEW_VIEW, Cap.BUDGET_VIEW,
        Cap.DUTIES_VIEW_ALL, Cap.AWARDS_RESULT_FOLLOW, Cap.DISTRICT_REPORTS_READ,
        Cap.PAPER_APPROVE, Cap.PAPER_SIGN,
    }),
    Role.ADMIN: frozenset({
        Cap.PASSWORD_CHANGE_OWN, Cap.ACCOUNTS_MANAGE, Cap.UNITS_VIEW, Cap.AUDIT_VIEW_ALL,
        Cap.PLAN_VIEW, Cap.SIGNATURE_CHECK,
    }),
}


def has_cap(user, cap: Cap) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return cap in ROLE_CAPS.get(user.role, frozenset())


# --- object rules -----------------------------------------------------------------------------
# Each feature's policy.py registers its rules by name; loaders, services and templates all ask
# through allowed(), so a rule is written once and a button is hidden exactly when the action
# would be refused.
_POLICIES: dict[str, Callable] = {}


def policy(name: str):
    """Register `fn(user, obj) -> bool` as the object rule `name` (e.g. "awards.screen")."""

    def decorator(fn):
        if name in _POLICIES and _POLICIES[name] is not fn:
            raise RuntimeError(f"policy {name} registered twice")
        _POLICIES[name] = fn
        return fn

    return decorator


def allowed(name: str, obj=None, user=None) -> bool:
    """Whether `user` (default: the current user) may do `name` to `obj`. An unknown name is a
    bug, not a refusal: it raises KeyError."""
    user = current_user if user is None else user
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(_POLICIES[name](user, obj))


def requires(cap: Cap):
    """Route rule: logged in (else to the login page) and the role has `cap` (else 403)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not has_cap(current_user, cap):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_cap = cap
        return wrapped

    return decorator


def requires_any(*caps: Cap):
    """Route rule: logged in and the role has at least one of `caps` (else 403)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not any(has_cap(current_user, cap) for cap in caps):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_cap = " | ".join(caps)
        wrapped.required_caps = caps
        return wrapped

    return decorator


def login_only(view):
    """Route rule: any logged-in user (the page itself shows only the user's own things)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        return view(*args, **kwargs)

    wrapped.required_cap = "login"
    return wrapped


def public(view):
    """Route rule: open to everybody (login page, health check)."""
    view.required_cap = "public"
    return view


def route_rule(view) -> str | None:
    return getattr(view, "required_cap", None)


def may_open(endpoint: str) -> bool:
    """Whether the current user passes the route rule of `endpoint` (a link to a page the
    user may not open is not shown: it would answer 403)."""
    from flask import current_app
    view = current_app.view_functions.get(endpoint)
    rule = route_rule(view) if view else None
    if rule in ("public", "login"):
        return rule == "public" or current_user.is_authenticated
    if not rule or not current_user.is_authenticated:
        return False
    caps = getattr(view, "required_caps", None) or (rule,)
    return any(has_cap(current_user, cap) for cap in caps)
