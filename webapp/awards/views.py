"""Rewards: a unit nominates, Phòng LĐTB&XH shortlists, Phòng Nội vụ approves, orders and
drafts the decision and its papers; leadership reads it all.

This module holds the blueprint and the nominating unit's pages; `views_review` the shortlist,
approval and the list; `views_decision` the decision, its papers and the downloads."""
from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user

from ..audit.service import history
from ..core.errors import DomainError, NotAllowed, NotFound
from ..core.htmx import form_error, toast
from ..core.nav import register_nav
from ..core.permissions import Cap, has_cap, login_only, requires
from ..duties import deliverables
from ..duties.service import get_assignment_or_404
from ..plan.loader import current_plan_or_404
from ..uploads.service import UploadRejected, check_upload, send
from . import closing, decision, flow, labels, queries, waiting
from .forms import ActionForm, NominationForm
from .models import NominationStatus as NS
from .policy import VISIBLE_TO_OTHERS, can_edit, get_nomination_or_404
from .window import require_open, window_state

bp = Blueprint("awards", __name__, url_prefix="/khen-thuong")

deliverables.register("nominations", "awards.assignment", "Đề nghị khen thưởng")
deliverables.register("shortlist", "awards.assignment", "Xét chọn đề nghị")
deliverables.register("reward_decision", "awards.assignment", "Duyệt, soạn quyết định")
register_nav("Đề nghị khen thưởng", "awards.unit", Cap.NOMINATION_CREATE, order=30,
             also=("awards.new", "awards.edit"))
register_nav("Khen thưởng", "awards.review", Cap.NOMINATION_VIEW_ALL, order=31,
             also=("awards.awardees", "awards.decision", "awards.preview", "awards.papers"))
labels.register()
waiting.register()
bp.add_app_template_global(queries.dossier_checks, "dossier_checks")
bp.add_app_template_global(queries.unit_label_of, "award_unit")
bp.add_app_template_global(closing.closing_decision, "award_closing")
bp.add_app_template_global(closing.closed_notice, "award_closed_notice")
bp.add_app_template_global(closing.not_considered, "award_not_considered")
bp.add_app_template_filter(decision.number_text, "award_number")


# --- entry points ----------------------------------------------------------------------------

@bp.route("/")
@login_only
def index():
    if has_cap(current_user, Cap.NOMINATION_VIEW_ALL):
        return redirect(url_for("awards.review"))
    if has_cap(current_user, Cap.NOMINATION_CREATE):
        return redirect(url_for("awards.unit"))
    raise NotAllowed("Vai trò của bạn không tham gia việc khen thưởng.")


@bp.route("/nhiem-vu/<int:assignment_id>")
@requires(Cap.DUTIES_VIEW_OWN)
def assignment(assignment_id):
    """Where the dashboard's button leads, by the duty's deliverable."""
    a = get_assignment_or_404(assignment_id, current_user)
    target = {"nominations": "awards.unit", "shortlist": "awards.review",
              "reward_decision": "awards.decision"}.get(a.duty.deliverable)
    if target is None:
        raise NotFound()
    if target == "awards.unit" and a.unit_id != current_user.unit_id:
        return redirect(url_for("awards.review"))
    return redirect(url_for(target))


# --- the nominating unit ---------------------------------------------------------------------

def _unit_page(plan, status=200):
    return render_template("awards/unit.html", plan=plan,
                           nominations=queries.unit_nominations(plan, current_user.unit_id),
                           window=window_state(plan), action_form=ActionForm(formdata=None)), status


@bp.route("/don-vi")
@requires(Cap.NOMINATION_CREATE)
def unit():
    return _unit_page(current_plan_or_404())


def _checked(form_field, field_name: str):
    """The uploaded file checked in memory (nothing written yet), or None when none was sent."""
    file = form_field.data
    if not file or not getattr(file, "filename", ""):
        return None
    try:
        return check_upload(file, allowed=("pdf", "docx"))
    except UploadRejected as exc:
        exc.field = field_name
        raise


def _year(text) -> int | None:
    text = str(text or "").strip()
    return int(text) if text.isdigit() and len(text) <= 4 else None


def _data(form) -> flow.NominationData:
    return flow.NominationData(
        kind=form.kind.data or "", full_name=form.full_name.data or "",
        gender=form.gender.data or "", birth_year=_year(form.birth_year.data),
        position=form.position.data or "", workplace=form.workplace.data or "",
        collective_name=form.collective_name.data or "", summary=form.summary.data or "",
        address=form.address.data or "")


def _closed_answer(plan, back: str):
    """A form opened once the decision closed the list would only be refused once filled in:
    back to where the user came from, told why (the services refuse a POST all the same)."""
    d = closing.closing_decision(plan)
    if d is None:
        return None
    toast(closing.closed_message(d), "error")
    return redirect(back)


def _form_page(form, nomination, plan, status=200):
    return render_template("awards/form.html", form=form, nomination=nomination, plan=plan,
                           window=window_state(plan)), status


@bp.route("/de-nghi/moi", methods=["GET", "POST"])
@requires(Cap.NOMINATION_CREATE)
def new():
    plan = current_plan_or_404()
    form = NominationForm()
    if request.method == "GET":
        return _closed_answer(plan, url_for("awards.unit")) or _form_page(form, None, plan)
    if not form.validate_on_submit():
        return _form_page(form, None, plan, 422)
    try:
        n = flow.create_nomination(_data(form), actor=current_user, plan=plan,
                                   report=_checked(form.report, "report"),
                                   cover_letter=_checked(form.cover_letter, "cover_letter"))
    except DomainError as exc:
        return _form_page(form, None, plan, form_error(form, exc, "summary"))
    toast(f"Đã lưu đề nghị “{n.name}”. Kiểm tra rồi bấm “Gửi” để gửi Phòng LĐTB&XH.")
    return redirect(url_for("awards.unit"))


@bp.route("/de-nghi/<int:nomination_id>")
@login_only
def detail(nomination_id):
    n = get_nomination_or_404(nomination_id, current_user)
    dups = queries.duplicates(n.plan).get(n.id, []) if n.status in VISIBLE_TO_OTHERS else []
    return render_template("awards/detail.html", n=n, entries=history("nomination", n.id),
                           checks=queries.dossier_checks(n), duplicates=dups,
                           action_form=ActionForm(formdata=None))


@bp.route("/de-nghi/<int:nomination_id>/sua", methods=["GET", "POST"])
@requires(Cap.NOMINATION_CREATE)
def edit(nomination_id):
    n = get_nomination_or_404(nomination_id, current_user)
    if request.method == "GET":
        closed = _closed_answer(n.plan, url_for("awards.detail", nomination_id=n.id))
        if closed:
            return closed
        if not can_edit(current_user, n):
            raise NotAllowed("Chỉ sửa được đề nghị đang soạn hoặc bị trả lại của đơn vị mình.")
        return _form_page(NominationForm(obj=n, formdata=None), n, n.plan)
    form = NominationForm()
    if not form.validate_on_submit():
        return _form_page(form, n, n.plan, 422)
    try:
        if n.status == NS.DRAFT:
            require_open(n.plan)
        flow.update_nomination(n, _data(form), actor=current_user,
                               expected_version=form.version.data,
                               report=_checked(form.report, "report"),
                               cover_letter=_checked(form.cover_letter, "cover_letter"))
    except DomainError as exc:
        return _form_page(form, n, n.plan, form_error(form, exc, "summary"))
    toast(f"Đã lưu đề nghị “{n.name}”.")
    return redirect(url_for("awards.detail", nomination_id=n.id))


def valid_action(form) -> ActionForm:
    """A button form's fields (its CSRF token is checked app-wide) or a 422 that says why."""
    if not form.validate_on_submit():
        raise DomainError(next(iter(form.errors.values()))[0], field="note")
    return form


def _unit_action(nomination_id, action, done_message):
    n = get_nomination_or_404(nomination_id, current_user)
    form = valid_action(ActionForm())
    action(n, actor=current_user, expected_version=form.version.data)
    toast(done_message.format(name=n.name))
    target = request.form.get("next", "")
    return redirect(target if target.startswith("/khen-thuong/") else url_for("awards.unit"))


@bp.route("/de-nghi/<int:nomination_id>/gui", methods=["POST"])
@requires(Cap.NOMINATION_CREATE)
def submit(nomination_id):
    return _unit_action(nomination_id, flow.submit, "Đã gửi đề nghị “{name}” đến Phòng LĐTB&XH.")


@bp.route("/de-nghi/<int:nomination_id>/rut", methods=["POST"])
@requires(Cap.NOMINATION_CREATE)
def withdraw(nomination_id):
    return _unit_action(nomination_id, flow.withdraw, "Đã rút đề nghị “{name}”.")


@bp.route("/gui-tat-ca", methods=["POST"])
@requires(Cap.NOMINATION_CREATE)
def submit_all():
    plan = current_plan_or_404()
    valid_action(ActionForm())
    sent = flow.submit_all(current_user.unit_id, actor=current_user, plan=plan)
    toast(f"Đã gửi {len(sent)} đề nghị đến Phòng LĐTB&XH.")
    return redirect(url_for("awards.unit"))


@bp.route("/de-nghi/<int:nomination_id>/tep/<which>")
@login_only
def file(nomination_id, which):
    n = get_nomination_or_404(nomination_id, current_user)
    stored = {"bao-cao": n.report_file, "to-trinh": n.cover_letter_file}.get(which)
    if stored is None:
        raise NotFound("Đề nghị này không có tệp đó.")
    return send(stored)


from . import views_decision, views_review  # noqa: E402,F401  (their routes join the blueprint)
