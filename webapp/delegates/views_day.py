"""The day itself: seating, check-in (with walk-ins added at the door) and the live counter
(routes of the delegates blueprint)."""
from flask import redirect, render_template, request, url_for
from flask_login import current_user

from ..conference.forms import require_submitted
from ..core.errors import DomainError
from ..core.htmx import form_error, is_htmx, render, toast
from ..core.nav_pages import requested_page
from ..core.permissions import Cap, requires
from ..plan.loader import current_plan_or_404
from . import queries, seating as seats, service
from .forms import CheckinForm, SeatsForm, WalkInForm
from .models import Delegate, Reply
from .policy import get_delegate_or_404
from .views import data_of, fill_choices, bp


def _composition_arg() -> dict:
    comp_id = request.args.get("thanh-phan", type=int)
    return {"thanh-phan": comp_id} if comp_id else {}


def _seating_page(plan, form, status=200):
    """The hall on screen, a page of whole rows at a time (page 1: the front rows),
    optionally of one composition; filters and page in the URL. The whole plan to print is
    its own page (seating_print)."""
    args = _composition_arg()
    hall = seats.hall_page(plan, requested_page(request.args), args.get("thanh-phan"))
    context = dict(plan=plan, hall=hall, page=hall.page, args=args,
                   comp_id=args.get("thanh-phan"), form=form)
    if status == 200:
        return render("delegates/seating.html", fragment="delegates/_seating_panel.html",
                      **context)
    return render_template("delegates/seating.html", **context), status


@bp.route("/so-do-cho-ngoi/ban-in")
@requires(Cap.CONFERENCE_VIEW)
def seating_print():
    """The whole seating plan to print (every row, by composition), or one composition's."""
    plan = current_plan_or_404()
    args = _composition_arg()
    return render_template("delegates/seating_print.html", plan=plan, args=args,
                           groups=seats.printed_plan(plan, args.get("thanh-phan")))


@bp.route("/so-do-cho-ngoi")
@requires(Cap.CONFERENCE_VIEW)
def seating():
    return _seating_page(current_plan_or_404(), SeatsForm(formdata=None))


@bp.route("/so-do-cho-ngoi/xep-cho", methods=["POST"])
@requires(Cap.DELEGATES_MANAGE)
def assign_seats():
    plan = current_plan_or_404()
    form = SeatsForm()
    if not form.validate_on_submit():
        return _seating_page(plan, form, 422)
    count = seats.assign_seats(plan, per_row=form.per_row.data, actor=current_user)
    toast(f"Đã xếp chỗ cho {count} đại biểu.")
    return redirect(url_for("delegates.seating"), 303)


def _walk_in_form(plan, formdata=None):
    form = WalkInForm(formdata=formdata)
    fill_choices(form, plan)
    return form


def _checkin_page(plan, q, status=200):
    """The walk-in form (a select of every commune) loads when its panel is opened; without
    JavaScript the link ?them=1 shows it in the page."""
    return render("delegates/checkin.html", fragment="delegates/_checkin_results.html",
                  status=status, plan=plan, q=q, found=queries.search(plan, q) if q else [],
                  attendance=None if is_htmx() else queries.attendance(plan),
                  form=CheckinForm(formdata=None),
                  walk_in=_walk_in_form(plan) if request.args.get("them") else None)


@bp.route("/diem-danh/them-moi")
@requires(Cap.CHECKIN)
def walk_in_form():
    plan = current_plan_or_404()
    if not is_htmx():
        return redirect(url_for("delegates.checkin", them=1))
    return render("delegates/checkin.html", fragment="delegates/_walk_in.html", plan=plan,
                  walk_in=_walk_in_form(plan))


@bp.route("/diem-danh")
@requires(Cap.CHECKIN)
def checkin():
    return _checkin_page(current_plan_or_404(), request.args.get("q", "").strip())


@bp.route("/diem-danh/tim")
@requires(Cap.CHECKIN)
def checkin_search():
    q = request.args.get("q", "").strip()
    if not is_htmx():
        return redirect(url_for("delegates.checkin", q=q or None))
    return _checkin_page(current_plan_or_404(), q)


def _walk_in_answer(plan, form, status=200, **extra):
    return render("delegates/checkin.html", fragment="delegates/_walk_in.html", status=status,
                  plan=plan, q="", found=[], attendance=queries.attendance(plan),
                  form=CheckinForm(formdata=None), walk_in=form, **extra)


@bp.route("/diem-danh/them", methods=["POST"])
@requires(Cap.CHECKIN)
def walk_in():
    """Somebody not on the list arrives: added present, at the door."""
    plan = current_plan_or_404()
    form = _walk_in_form(plan, request.form)
    if not form.validate_on_submit():
        return _walk_in_answer(plan, form, 422)
    try:
        delegate = service.add_walk_in(plan, data_of(form), actor=current_user)
    except DomainError as exc:
        return _walk_in_answer(plan, form, form_error(form, exc, "full_name"))
    toast(f"{delegate.full_name}: đã thêm và đánh dấu có mặt.")
    if not is_htmx():
        return redirect(url_for("delegates.checkin", q=delegate.full_name), 303)
    return _walk_in_answer(plan, _walk_in_form(plan), oob=["delegates/_attendance.html"],
                           added=delegate, trigger="attendance-changed")


@bp.route("/<int:delegate_id>/co-mat", methods=["POST"])
@requires(Cap.CHECKIN)
def mark_arrived(delegate_id):
    plan = current_plan_or_404()
    delegate = get_delegate_or_404(delegate_id, current_user)
    form = CheckinForm()
    require_submitted(form)
    arrived = form.arrived.data != "0"
    service.check_in(delegate, actor=current_user, arrived=arrived)
    toast(f"{delegate.attendee_name}: " + ("đã có mặt." if arrived else "đã hủy đánh dấu có mặt."))
    if not is_htmx():
        return redirect(url_for("delegates.checkin", q=request.form.get("q") or None), 303)
    return render("delegates/checkin.html", fragment="delegates/_checkin_row.html",
                  oob=["delegates/_attendance.html"], d=delegate, plan=plan,
                  attendance=queries.attendance(plan), form=CheckinForm(formdata=None),
                  trigger="attendance-changed")


@bp.route("/co-mat")
@requires(Cap.CONFERENCE_VIEW)
def attendance():
    plan = current_plan_or_404()
    return render("delegates/attendance.html", fragment="delegates/_attendance.html",
                  plan=plan, attendance=queries.attendance(plan))
