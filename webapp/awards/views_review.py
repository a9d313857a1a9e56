"""Phòng LĐTB&XH screens, Phòng Nội vụ approves within the quota and orders the list."""
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from flask import redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from ..core.errors import DomainError
from ..core.htmx import form_error, is_htmx, render, toast
from ..core.nav_pages import requested_page
from ..core.permissions import Cap, requires
from ..plan.loader import current_plan_or_404
from . import decision, flow, queries
from .closing import closing_decision
from .forms import ActionForm, ReopenForm
from .models import NOMINATION_STATUS_LABELS, Kind, NominationStatus as NS
from .policy import get_nomination_or_404
from .views import bp, valid_action
from .window import reopen as reopen_window, window_state

# The tabs of the review list, in the order of the work; "" is every status.
TABS = [(s.value, NOMINATION_STATUS_LABELS[s]) for s in
        (NS.SUBMITTED, NS.RETURNED, NS.SHORTLISTED, NS.APPROVED, NS.REJECTED)]


@dataclass
class ReviewArgs:
    """What the review panel shows, read from its URL (the page's, or for a row action the
    page the user is looking at: HX-Current-URL), so Back, a reload and a link show the same."""
    status: str = ""
    kind: str = ""
    unit: int | None = None
    page: int = 1

    @classmethod
    def parse(cls, args) -> "ReviewArgs":
        status = args.get("status", "")
        kind = args.get("kind", "")
        return cls(status if status in {s for s, _ in TABS} else "",
                   kind if kind in (Kind.COLLECTIVE, Kind.INDIVIDUAL) else "",
                   _positive(args.get("unit")), requested_page(args))

    @classmethod
    def of_current_page(cls) -> "ReviewArgs":
        current = request.headers.get("HX-Current-URL", "")
        if is_htmx() and urlsplit(current).path == url_for("awards.review"):
            return cls.parse(MultiDict(parse_qsl(urlsplit(current).query)))
        return cls.parse(request.args)

    def url_args(self, **changes) -> dict:
        """The query of a link: the filters kept (the pager adds the page)."""
        values = {"status": self.status, "kind": self.kind, "unit": self.unit, **changes}
        return {k: v for k, v in values.items() if v}


def _positive(text) -> int | None:
    return int(text) if text and str(text).isdigit() and 0 < int(text) < 10**9 else None


def _tab_counts(counters, kind: str) -> dict[str, int]:
    kinds = [k for k in counters.kinds if not kind or k.kind == kind]
    counts = {status: sum(getattr(k, status) for k in kinds) for status, _ in TABS}
    counts[""] = sum(counts.values())
    return counts


def _context(plan, **values) -> dict:
    """What every page of this module renders with: the plan and the rows' button form."""
    return {"plan": plan, "action_form": ActionForm(formdata=None), **values}


def _review_context(plan, args: ReviewArgs | None = None, **extra):
    """Counted once: the tabs' counts give the list's total (unless a unit is chosen); the
    nomination window is read only while the list is open (closed, the page does not show
    it)."""
    args = args or ReviewArgs.of_current_page()
    closing = closing_decision(plan)
    state = window_state(plan) if closing is None else None
    counters = queries.counters(plan, by_unit=False)
    tab_counts = _tab_counts(counters, args.kind)
    page, rows = queries.review_page(plan, args.status, args.kind, args.unit, args.page,
                                     total=None if args.unit else tab_counts[args.status])
    seen = queries.nominators(plan, rows)
    return _context(plan, page=page, rows=rows, args=args, counters=counters, closing=closing,
                    tabs=TABS, tab_counts=tab_counts, units=seen.units,
                    unit_labels=seen.labels, dups=seen.duplicates, window=state,
                    reopen_form=(ReopenForm(formdata=None, reopened_until=state.reopened_until)
                                 if state else None),
                    **extra)


@bp.route("/xet-chon")
@requires(Cap.NOMINATION_VIEW_ALL)
def review():
    plan = current_plan_or_404()
    return render("awards/review.html", fragment="awards/_review_panel.html",
                  **_review_context(plan, ReviewArgs.parse(request.args)))


@bp.route("/xet-chon/theo-don-vi")
@requires(Cap.NOMINATION_VIEW_ALL)
def review_by_unit():
    """The per-unit counters, loaded when their panel is opened and after each row action."""
    plan = current_plan_or_404()
    return render("awards/_by_unit.html", fragment="awards/_by_unit.html",
                  by_unit=queries.unit_counters(plan))


def _row_answer(n, *, status=200, form=None, was_full=None):
    """The row; the counters and the tabs out of band; and — when the quota of the row's kind
    filled up or freed a place — the other rows of that kind on the page the user sees, so that
    their "Duyệt" follows. With the refused `form`: its message in the row, the note kept."""
    error = form.note.errors[-1] if form is not None else None
    if not is_htmx():
        if error:
            toast(error, "error")
            return render_template("awards/review.html", **_review_context(n.plan)), status
        return redirect(url_for("awards.review"))
    context = _review_context(n.plan, **({"action_form": form} if form is not None else {}))
    now_full = context["counters"].kind(n.kind).full
    others = []
    if was_full is not None and was_full != now_full:
        others = [o for o in context["rows"]
                  if o.id != n.id and o.kind == n.kind and o.status == NS.SHORTLISTED]
    context["dups"] = queries.duplicates(n.plan, [n, *others])
    return render("awards/review.html", fragment="awards/_review_row.html",
                  oob=["awards/_counters.html", "awards/_review_tabs.html",
                       "awards/_review_oob_rows.html"], status=status,
                  trigger="awards-changed", n=n, error=error, oob_rows=others, **context)


# The steps of a row: the button's value → (the flow's step, called with the nomination and
# the note, what the toast says). A step without a note ignores it.
SCREEN_STEPS = {
    "shortlist": (lambda n, note, **kw: flow.shortlist(n, note=note, **kw),
                  "Đã chọn “{name}”, trình Phòng Nội vụ."),
    "return": (flow.return_nomination, "Đã trả lại “{name}” cho {unit}."),
}
DECIDE_STEPS = {
    "approve": (flow.approve, "Đã duyệt khen thưởng “{name}”."),
    "reject": (flow.reject, "Không duyệt “{name}”."),
    "reconsider": (lambda n, note, **kw: flow.reconsider(n, **kw),
                   "“{name}” trở lại danh sách chờ duyệt."),
}


def _act(nomination_id: int, steps: dict, unknown: str):
    """Run the row's step; a refusal about the input is shown in the row (422/409), a 403/404
    is answered by its handler."""
    n = get_nomination_or_404(nomination_id, current_user)
    form = ActionForm()
    was_full = queries.counters(n.plan, by_unit=False).kind(n.kind).full
    try:
        valid_action(form)
        if form.decision.data not in steps:
            raise DomainError(unknown, field="note")
        step, done = steps[form.decision.data]
        step(n, form.note.data or "", actor=current_user, expected_version=form.version.data)
    except DomainError as exc:
        return _row_answer(n, status=form_error(form, exc, "note"), form=form)
    toast(done.format(name=n.name, unit=queries.unit_label_of(n.unit)))
    return _row_answer(n, was_full=was_full)


@bp.route("/de-nghi/<int:nomination_id>/xet", methods=["POST"])
@requires(Cap.NOMINATION_SHORTLIST)
def screen(nomination_id):
    return _act(nomination_id, SCREEN_STEPS, "Chọn “Chọn trình duyệt” hoặc “Trả lại”.")


@bp.route("/de-nghi/<int:nomination_id>/duyet", methods=["POST"])
@requires(Cap.NOMINATION_APPROVE)
def decide(nomination_id):
    return _act(nomination_id, DECIDE_STEPS, "Chọn “Duyệt” hoặc “Không duyệt”.")


@bp.route("/mo-lai", methods=["POST"])
@requires(Cap.NOMINATION_SHORTLIST)
def reopen():
    plan = current_plan_or_404()
    form = ReopenForm()
    status = 422
    if form.validate_on_submit():
        try:
            reopen_window(plan, form.reopened_until.data, form.note.data or "", actor=current_user)
        except DomainError as exc:
            status = form_error(form, exc, "reopened_until")
        else:
            toast(f"Mở lại việc nhận đề nghị đến hết ngày {form.reopened_until.data:%d/%m/%Y}."
                  if form.reopened_until.data else "Đã đóng việc nhận đề nghị theo hạn của kế hoạch.")
            return redirect(url_for("awards.review"))
    return render_template("awards/review.html", **{**_review_context(plan, ReviewArgs()),
                                                    "reopen_form": form}), status


# --- the list, its order and money -----------------------------------------------------------

def _awardees_page(plan, **extra):
    """The list page, or its table for htmx (after a move)."""
    return render("awards/awardees.html", fragment="awards/_awardees_table.html",
                  **_context(plan, awardees=queries.approved_nominations(plan),
                             money=decision.money_summary_or_none(plan),
                             decision_date=decision.decision_date_of(plan), **extra))


@bp.route("/danh-sach")
@requires(Cap.NOMINATION_VIEW_ALL)
def awardees():
    return _awardees_page(current_plan_or_404())


@bp.route("/de-nghi/<int:nomination_id>/thu-tu", methods=["POST"])
@requires(Cap.DECISION_DRAFT)
def move(nomination_id):
    n = get_nomination_or_404(nomination_id, current_user)
    form = valid_action(ActionForm())
    decision.move_in_order(n, form.decision.data or "", actor=current_user)
    if not is_htmx():
        return redirect(url_for("awards.awardees"))
    return _awardees_page(n.plan, moved=n.id, moved_direction=form.decision.data)


@bp.route("/danh-sach/xep-lai", methods=["POST"])
@requires(Cap.DECISION_DRAFT)
def reset_order():
    plan = current_plan_or_404()
    valid_action(ActionForm())
    decision.reset_order(plan, actor=current_user)
    toast("Đã xếp lại theo thứ tự đơn vị của kế hoạch.")
    return redirect(url_for("awards.awardees"))
