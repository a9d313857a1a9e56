"""Pages of the conference: overview, agenda, speakers (url prefix /hoi-nghi). The script,
readiness, history and papers are in views_script.py on the same blueprint."""
from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user

from ..core import clock
from ..core.errors import DomainError
from ..core.htmx import form_error, is_htmx, render, toast
from ..core.inbox import register_waiting
from ..core.nav import register_nav
from ..core.permissions import Cap, allowed, requires
from ..core.web import unit_has_speech_slot
from ..duties import deliverables
from ..extensions import db
from ..plan.loader import current_plan_or_404
from ..plan.models import SpeechSlot
from . import agenda, labels, readiness, speakers, waiting  # noqa: F401  (labels register words)
from .duty import script_assignment
from .frame import SCRIPT_DELIVERABLE
from .forms import ItemForm, MoveForm, SpeakerForm, StartTimeForm, field_errors, require_submitted
from .policy import get_item_or_404, get_slot_or_404
from .versions import last_version

bp = Blueprint("conference", __name__, url_prefix="/hoi-nghi")

ENDPOINTS = ("conference.index", "conference.agenda", "conference.script",
             "conference.readiness", "conference.speakers")


def _has_slot(user) -> bool:
    return not allowed("conference.see_all_speakers", user=user) and unit_has_speech_slot(user)


register_nav("Hội nghị", "conference.index", Cap.CONFERENCE_VIEW, also=ENDPOINTS, order=40)
register_nav("Người trình bày tham luận", "conference.speakers", Cap.DUTIES_UPDATE_OWN,
             order=41, when=_has_slot)
deliverables.register(SCRIPT_DELIVERABLE, "conference.script", "Soạn kịch bản")
register_waiting("conference.speakers", waiting.speakers_to_name)
register_waiting("conference.script", waiting.script_to_prepare)


@bp.route("/")
@requires(Cap.CONFERENCE_VIEW)
def index():
    plan = current_plan_or_404()
    today = clock.today()
    return render_template("conference/index.html", plan=plan, slots=agenda.schedule(plan),
                           days_left=readiness.days_left(plan, today), today=today,
                           progress=readiness.progress(plan), assignment=script_assignment(plan),
                           last=last_version(plan), total=agenda.total_minutes(plan))


def done(endpoint: str, answer):
    """After a change: a plain request goes back to the page (the toast as a flash); htmx gets
    `answer()`, the panel as it is now."""
    return answer() if is_htmx() else redirect(url_for(endpoint))


def refused_edit(form, error, obj, field: str) -> tuple[int, bool]:
    """A row's edit refused by the service: its message on `field` (form_error), and whether
    the typed values are kept. A stale edit shows the stored row as it is now, with the
    message, instead of what was typed over an older version."""
    status = form_error(form, error, field)
    if status == 409 or error.field == "version":
        db.session.expire(obj)
        form[field].errors = [*form[field].errors, *form.version.errors]
        return status, False
    return status, True


# --- agenda -----------------------------------------------------------------------------------

def _agenda_answer(plan, status=200, start_form=None, item_id=None, form=None, keep=False):
    setting = agenda.settings_of(plan)
    if start_form is None:
        start_form = StartTimeForm(formdata=None, start_time=agenda.clock_text(
            setting.start_time) if setting and setting.start_time else "")
    errors = {item_id: field_errors(form)} if form is not None else {}
    values = {item_id: {k: request.form.get(k, "") for k in
                        ("duration_minutes", "lead", "version")}} if keep else {}
    return render("conference/agenda.html", fragment="conference/_agenda_table.html",
                  status=status, plan=plan, slots=agenda.schedule(plan), start_form=start_form,
                  total=agenda.total_minutes(plan), move_form=MoveForm(formdata=None),
                  edit_errors=errors, edit_values=values)


@bp.route("/chuong-trinh", endpoint="agenda")
@requires(Cap.CONFERENCE_VIEW)
def agenda_page():
    return _agenda_answer(current_plan_or_404())


@bp.route("/chuong-trinh/gio-bat-dau", methods=["POST"])
@requires(Cap.AGENDA_MANAGE)
def set_start():
    plan = current_plan_or_404()
    form = StartTimeForm()
    if not form.validate_on_submit():
        return _agenda_answer(plan, 422, start_form=form)
    try:
        agenda.set_start_time(plan, form.start_time.data, actor=current_user)
    except DomainError as exc:
        return _agenda_answer(plan, form_error(form, exc, "start_time"), start_form=form)
    toast(f"Đã đặt giờ bắt đầu {agenda.clock_text(agenda.start_time_of(plan))}.")
    return done("conference.agenda", lambda: _agenda_answer(plan))


@bp.route("/chuong-trinh/<int:item_id>/di-chuyen", methods=["POST"])
@requires(Cap.AGENDA_MANAGE)
def move_item(item_id):
    plan = current_plan_or_404()
    item = get_item_or_404(item_id, plan)
    form = MoveForm()
    require_submitted(form)
    agenda.move_item(item, form.direction.data, actor=current_user)
    return done("conference.agenda", lambda: _agenda_answer(plan))


@bp.route("/chuong-trinh/<int:item_id>", methods=["POST"])
@requires(Cap.AGENDA_MANAGE)
def edit_item(item_id):
    plan = current_plan_or_404()
    item = get_item_or_404(item_id, plan)
    form = ItemForm()
    if not form.validate_on_submit():
        return _agenda_answer(plan, 422, item_id=item_id, form=form, keep=True)
    try:
        agenda.update_item(item, duration=form.duration_minutes.data, lead=form.lead.data,
                           actor=current_user, expected_version=form.version.data)
    except DomainError as exc:
        status, keep = refused_edit(form, exc, item, "lead")
        return _agenda_answer(plan, status, item_id=item_id, form=form, keep=keep)
    toast(f"Đã lưu mục {item.position}.")
    return done("conference.agenda", lambda: _agenda_answer(plan))


# --- speakers ---------------------------------------------------------------------------------

def _speakers_answer(plan, status=200, slot_id=None, form=None, keep=False):
    errors = {slot_id: field_errors(form)} if form is not None else {}
    values = {slot_id: {**{k: request.form.get(k, "") for k in
                           ("speaker_name", "speaker_title", "speaker_address", "topic")},
                        "version": request.form.get("slot_version",
                                                    request.form.get("version", ""))}
              } if keep else {}
    if request.args.get("o") == "paper" and slot_id is not None:
        slot = db.session.get(SpeechSlot, slot_id)
        return render("conference/speakers.html", fragment="conference/_paper_speaker.html",
                      status=status, slot=slot, errors=errors.get(slot_id, {}),
                      values=values.get(slot_id, {}))
    return render("conference/speakers.html", fragment="conference/_speakers_table.html",
                  status=status, plan=plan, slots=speakers.visible_slots(plan, current_user),
                  papers=speakers.paper_assignments(plan), move_form=MoveForm(formdata=None),
                  row_errors=errors, row_values=values)


@bp.route("/tham-luan", endpoint="speakers")
@requires(Cap.DUTIES_VIEW_OWN)
def speakers_page():
    return _speakers_answer(current_plan_or_404())


@bp.route("/tham-luan/<int:slot_id>", methods=["POST"])
@requires(Cap.DUTIES_UPDATE_OWN)
def edit_speaker(slot_id):
    plan = current_plan_or_404()
    slot = get_slot_or_404(slot_id, plan, current_user)
    form = SpeakerForm()
    if not form.validate_on_submit():
        return _speakers_answer(plan, 422, slot_id, form, keep=True)
    topic = form.topic.data if allowed("conference.manage_speakers") and \
        "topic" in request.form else None
    try:
        speakers.update_speaker(slot, name=form.speaker_name.data,
                                title=form.speaker_title.data,
                                address=form.speaker_address.data or None, topic=topic,
                                actor=current_user,
                                expected_version=request.form.get("slot_version",
                                                                  form.version.data))
    except DomainError as exc:
        status, keep = refused_edit(form, exc, slot, "speaker_name")
        return _speakers_answer(plan, status, slot_id, form, keep=keep)
    toast(f"Đã lưu người trình bày tham luận của {slot.unit.short_name}.")
    return done("conference.speakers", lambda: _speakers_answer(plan, slot_id=slot_id))


@bp.route("/tham-luan/<int:slot_id>/di-chuyen", methods=["POST"])
@requires(Cap.SPEAKERS_MANAGE)
def move_speaker(slot_id):
    plan = current_plan_or_404()
    slot = get_slot_or_404(slot_id, plan, current_user)
    form = MoveForm()
    require_submitted(form)
    speakers.move_speaker(slot, form.direction.data, actor=current_user)
    return done("conference.speakers", lambda: _speakers_answer(plan))


from . import views_script  # noqa: E402,F401  (the script, readiness and papers routes)
