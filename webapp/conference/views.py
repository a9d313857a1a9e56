"""Pages of the conference: agenda, speakers, script, programme, readiness (url prefix /hoi-nghi)."""
from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_login import current_user

from ..core import clock
from ..core.errors import DomainError, NotAllowed, StaleEdit
from ..core.htmx import is_htmx, render, toast
from ..core.nav import register_nav
from ..core.permissions import Cap, has_cap, requires
from ..documents import service as documents
from ..duties import deliverables
from ..extensions import db
from ..plan.loader import current_plan_or_404
from ..plan.models import SpeechSlot
from . import service
from .documents import PROGRAMME_TEMPLATE, SCRIPT_TEMPLATE
from .forms import (DownloadForm, FinalForm, ItemForm, McForm, MoveForm, SpeakerForm,
                    StartTimeForm, TickForm)

bp = Blueprint("conference", __name__, url_prefix="/hoi-nghi")

ENDPOINTS = ("conference.index", "conference.agenda", "conference.script",
             "conference.readiness", "conference.speakers")


def _has_slot(user) -> bool:
    return (not has_cap(user, Cap.CONFERENCE_VIEW)
            and db.session.query(SpeechSlot.id).filter_by(unit_id=user.unit_id).first() is not None)


register_nav("Hội nghị", "conference.index", Cap.CONFERENCE_VIEW, also=ENDPOINTS, order=40)
register_nav("Người trình bày tham luận", "conference.speakers", Cap.DUTIES_UPDATE_OWN,
             order=41, when=_has_slot)
deliverables.register(service.SCRIPT_DELIVERABLE, "conference.script", "Soạn kịch bản")




def _present_only() -> bool:
    return request.args.get("co_mat") in ("1", "on", "true")


def _field_error(form, exc: DomainError, default: str) -> None:
    target = getattr(form, exc.field or default, None) or getattr(form, default)
    target.errors = list(target.errors) + [exc.message]


# --- overview ---------------------------------------------------------------------------------

@bp.route("/")
@requires(Cap.CONFERENCE_VIEW)
def index():
    plan = current_plan_or_404()
    today = clock.today()
    return render_template("conference/index.html", plan=plan, slots=service.schedule(plan),
                           days_left=service.days_left(plan, today), today=today,
                           groups=service.checklist(plan),
                           assignment=service.script_assignment(plan),
                           last=service.last_version(plan),
                           total=service.total_minutes(plan))


# --- agenda -----------------------------------------------------------------------------------

def _agenda_context(plan, **extra):
    setting = service.settings_of(plan)
    start_form = StartTimeForm(formdata=None, start_time=service.clock_text(
        setting.start_time) if setting and setting.start_time else "")
    context = {"plan": plan, "slots": service.schedule(plan), "start_form": start_form,
               "total": service.total_minutes(plan), "move_form": MoveForm(formdata=None),
               "edit_errors": {}, "edit_values": {}, "can_manage": has_cap(current_user,
                                                                          Cap.AGENDA_MANAGE)}
    context.update(extra)
    return context


def _agenda_answer(plan, status=200, **extra):
    return render("conference/agenda.html", fragment="conference/_agenda_table.html",
                  status=status, **_agenda_context(plan, **extra))


@bp.route("/chuong-trinh")
@requires(Cap.CONFERENCE_VIEW)
def agenda():
    return _agenda_answer(current_plan_or_404())


@bp.route("/chuong-trinh/gio-bat-dau", methods=["POST"])
@requires(Cap.AGENDA_MANAGE)
def set_start():
    plan = current_plan_or_404()
    form = StartTimeForm()
    if form.validate_on_submit():
        try:
            service.set_start_time(plan, form.start_time.data, actor=current_user)
        except DomainError as exc:
            _field_error(form, exc, "start_time")
        else:
            toast(f"Đã đặt giờ bắt đầu {service.clock_text(service.start_time_of(plan))}.")
            if not is_htmx():
                return redirect(url_for("conference.agenda"))
            return _agenda_answer(plan)
    return _agenda_answer(plan, status=422, start_form=form)


@bp.route("/chuong-trinh/<int:item_id>/di-chuyen", methods=["POST"])
@requires(Cap.AGENDA_MANAGE)
def move_item(item_id):
    plan = current_plan_or_404()
    item = service.get_item_or_404(item_id, plan)
    form = MoveForm()
    status = 200
    if not form.validate_on_submit():
        toast("Biểu mẫu không hợp lệ, vui lòng tải lại trang.", "error")
        status = 422
    else:
        try:
            service.move_item(item, form.direction.data, actor=current_user)
        except DomainError as exc:
            toast(exc.message, "error")
            status = 422
    if not is_htmx():
        return redirect(url_for("conference.agenda"))
    return _agenda_answer(plan, status=status)


@bp.route("/chuong-trinh/<int:item_id>", methods=["POST"])
@requires(Cap.AGENDA_MANAGE)
def edit_item(item_id):
    plan = current_plan_or_404()
    item = service.get_item_or_404(item_id, plan)
    form = ItemForm()
    errors: dict[str, list[str]] = {}
    status = 200
    if form.validate_on_submit():
        try:
            service.update_item(item, duration=form.duration_minutes.data, lead=form.lead.data,
                                actor=current_user, expected_version=form.version.data)
        except StaleEdit as exc:
            errors["lead"] = [exc.message]
            status = 409
        except DomainError as exc:
            errors[exc.field or "lead"] = [exc.message]
            status = 422
        else:
            toast(f"Đã lưu mục {item.position}.")
            if not is_htmx():
                return redirect(url_for("conference.agenda"))
            return _agenda_answer(plan)
    else:
        errors = {name: list(f.errors) for name, f in form._fields.items() if f.errors}
        status = 422
    db.session.rollback()
    values = {"duration_minutes": request.form.get("duration_minutes", ""),
              "lead": request.form.get("lead", ""),
              "version": request.form.get("version", "")} if status == 422 else {}
    return _agenda_answer(plan, status=status, edit_errors={item_id: errors},
                          edit_values={item_id: values} if values else {})


@bp.route("/chuong-trinh.docx")
@requires(Cap.CONFERENCE_VIEW)
def programme_docx():
    plan = current_plan_or_404()
    context = service.programme_context(plan)
    db.session.rollback()  # read done: render outside any transaction
    data = documents.render(PROGRAMME_TEMPLATE, context)
    return _docx(data, "chuong-trinh-hoi-nghi")


def _docx(data: bytes, base: str) -> Response:
    return Response(data, mimetype=documents.DOCX_MIMETYPE, headers={
        "Content-Disposition": f'attachment; filename="{documents.download_name(base)}"'})


# --- speakers ---------------------------------------------------------------------------------

def _speakers_context(plan, **extra):
    context = {"plan": plan, "slots": service.visible_slots(plan, current_user),
               "papers": service.paper_assignments(plan), "move_form": MoveForm(formdata=None),
               "can_manage": service.can_manage_speakers(current_user),
               "can_name": service.can_name_speaker, "row_errors": {}, "row_values": {},
               "see_all": service.can_see_all_speakers(current_user)}
    context.update(extra)
    return context


@bp.route("/tham-luan")
@requires(Cap.DUTIES_VIEW_OWN)
def speakers():
    plan = current_plan_or_404()
    return render_template("conference/speakers.html", **_speakers_context(plan))


@bp.route("/tham-luan/<int:slot_id>", methods=["POST"])
@requires(Cap.DUTIES_UPDATE_OWN)
def edit_speaker(slot_id):
    plan = current_plan_or_404()
    slot = service.get_slot_or_404(slot_id, plan, current_user)
    if not service.can_name_speaker(current_user, slot):
        abort(403)
    form = SpeakerForm()
    errors: dict[str, list[str]] = {}
    status = 200
    if form.validate_on_submit():
        topic = form.topic.data if service.can_manage_speakers(current_user) else None
        try:
            service.update_speaker(slot, name=form.speaker_name.data, title=form.speaker_title.data,
                                   topic=topic, actor=current_user,
                                   expected_version=form.version.data)
        except NotAllowed:
            abort(403)
        except StaleEdit as exc:
            errors["speaker_name"] = [exc.message]
            status = 409
        except DomainError as exc:
            errors[exc.field or "speaker_name"] = [exc.message]
            status = 422
        else:
            toast(f"Đã lưu người trình bày tham luận của {slot.unit.short_name}.")
    else:
        errors = {name: list(f.errors) for name, f in form._fields.items() if f.errors}
        status = 422
    values = {}
    if status != 200:
        db.session.rollback()
        if status == 422:
            values = {k: request.form.get(k, "") for k in
                      ("speaker_name", "speaker_title", "topic", "version")}
    if not is_htmx() and status == 200:
        return redirect(url_for("conference.speakers"))
    return render("conference/speakers.html", fragment="conference/_speakers_table.html",
                  status=status, **_speakers_context(plan, row_errors={slot_id: errors},
                                                     row_values={slot_id: values}))


@bp.route("/tham-luan/<int:slot_id>/di-chuyen", methods=["POST"])
@requires(Cap.AGENDA_MANAGE)
def move_speaker(slot_id):
    plan = current_plan_or_404()
    slot = service.get_slot_or_404(slot_id, plan, current_user)
    form = MoveForm()
    status = 200
    if not form.validate_on_submit():
        status = 422
    else:
        try:
            service.move_speaker(slot, form.direction.data, actor=current_user)
        except DomainError as exc:
            toast(exc.message, "error")
            status = 422
    if not is_htmx():
        return redirect(url_for("conference.speakers"))
    if status != 200:
        db.session.rollback()
    return render("conference/speakers.html", fragment="conference/_speakers_table.html",
                  status=status, **_speakers_context(plan))


# --- the meeting script -----------------------------------------------------------------------

def _script_context(plan, present_only: bool, **extra):
    context_now = service.script_context(plan, present_only)
    last = service.last_version(plan)
    context = {"plan": plan, "ctx": context_now, "present_only": present_only,
               "last": last, "changes": service.diff(last.context, context_now) if last else None,
               "versions": service.versions(plan),
               "items": sorted(plan.agenda_items, key=lambda i: i.position),
               "can_edit": has_cap(current_user, Cap.SCRIPT_EDIT),
               "assignment": service.script_assignment(plan),
               "is_final": service.script_is_final(plan),
               "download_form": DownloadForm(formdata=None, present_only=present_only),
               "final_form": FinalForm(formdata=None), "mc_errors": {}, "mc_values": {},
               "stale": {}}
    context.update(extra)
    return context


@bp.route("/kich-ban")
@requires(Cap.CONFERENCE_VIEW)
def script():
    plan = current_plan_or_404()
    return render_template("conference/script.html", **_script_context(plan, _present_only()))


@bp.route("/kich-ban/xem-truoc")
@requires(Cap.CONFERENCE_VIEW)
def script_preview():
    plan = current_plan_or_404()
    return render("conference/script.html", fragment="conference/_script_panels.html",
                  **_script_context(plan, _present_only()))


@bp.route("/kich-ban/loi-dan/<int:item_id>", methods=["POST"])
@requires(Cap.SCRIPT_EDIT)
def edit_mc(item_id):
    plan = current_plan_or_404()
    item = service.get_item_or_404(item_id, plan)
    form = McForm()
    status = 200
    errors: list[str] = []
    stale = None
    if form.validate_on_submit():
        try:
            service.update_mc(item, form.mc_text.data, actor=current_user,
                              expected_version=form.version.data)
        except StaleEdit as exc:
            status, errors = 409, [exc.message]
            stale = {"theirs": item.mc_text, "version": item.version}
        except DomainError as exc:
            status, errors = 422, [exc.message]
        else:
            toast(f"Đã lưu lời dẫn mục {item.position}.")
    else:
        status = 422
        errors = [e for f in form._fields.values() for e in f.errors]
    if status != 200:
        db.session.rollback()
    if not is_htmx():
        if status == 200:
            return redirect(url_for("conference.script"))
        return render_template("conference/script.html", **_script_context(
            plan, False, mc_errors={item_id: errors},
            mc_values={item_id: request.form.get("mc_text", "")},
            stale={item_id: stale} if stale else {})), status
    return render("conference/script.html", fragment="conference/_mc_editor.html", status=status,
                  trigger="script-changed" if status == 200 else None,
                  item=item, can_edit=True, mc_errors={item_id: errors},
                  mc_values={item_id: request.form.get("mc_text", "")} if status != 200 else {},
                  stale={item_id: stale} if stale else {})


@bp.route("/kich-ban/tai-ve", methods=["POST"])
@requires(Cap.SCRIPT_EDIT)
def script_download():
    plan = current_plan_or_404()
    form = DownloadForm()
    if not form.validate_on_submit():
        abort(400)
    version = service.save_version(plan, actor=current_user, present_only=form.present_only.data)
    # Kept first (committed with this request), rendered by the GET it redirects to.
    return redirect(url_for("conference.script_version_docx", number=version.number), 303)


@bp.route("/kich-ban/phien-ban/<int:number>.docx")
@requires(Cap.CONFERENCE_VIEW)
def script_version_docx(number):
    plan = current_plan_or_404()
    version = service.get_version_or_404(plan, number)
    context = dict(version.context)
    db.session.rollback()
    data = documents.render(SCRIPT_TEMPLATE, context)
    return _docx(data, f"kich-ban-dieu-hanh-phien-ban-{number}")


@bp.route("/kich-ban/chot", methods=["POST"])
@requires(Cap.SCRIPT_EDIT)
def script_final():
    plan = current_plan_or_404()
    form = FinalForm()
    if form.validate_on_submit():
        try:
            service.mark_script_final(plan, actor=current_user)
        except DomainError as exc:
            toast(exc.message, "error")
            return redirect(url_for("conference.script")), 303
        toast("Đã chốt kịch bản điều hành; nhiệm vụ chuyển sang “Đã nộp”.")
    return redirect(url_for("conference.script"))


# --- readiness --------------------------------------------------------------------------------

def _readiness_context(plan, **extra):
    today = clock.today()
    context = {"plan": plan, "groups": service.checklist(plan), "today": today,
               "days_left": service.days_left(plan, today), "can_tick": service.can_tick,
               "row_errors": {}}
    context.update(extra)
    return context


@bp.route("/san-sang")
@requires(Cap.CONFERENCE_VIEW)
def readiness():
    return render_template("conference/readiness.html", **_readiness_context(current_plan_or_404()))


@bp.route("/san-sang/<code>", methods=["POST"])
@requires(Cap.READINESS_TICK)
def readiness_tick(code):
    plan = current_plan_or_404()
    line = service.line_by_code(code)
    if line is None:
        abort(404)
    if not service.can_tick(current_user, line):
        abort(403)
    form = TickForm()
    status, errors = 200, []
    if form.validate_on_submit():
        try:
            service.tick(plan, code, done=form.done.data, note=form.note.data,
                         actor=current_user, expected_version=form.version.data)
        except StaleEdit as exc:
            status, errors = 409, [exc.message]
        except DomainError as exc:
            status, errors = 422, [exc.message]
        else:
            toast(("Đã đánh dấu xong: " if form.done.data else "Đã bỏ đánh dấu: ") + line.label)
    else:
        status = 422
        errors = [e for f in form._fields.values() for e in f.errors]
    if status != 200:
        db.session.rollback()
    elif not is_htmx():
        return redirect(url_for("conference.readiness"))
    return render("conference/readiness.html", fragment="conference/_readiness_groups.html",
                  status=status, **_readiness_context(plan, row_errors={code: errors}))


@bp.route("/lich-su")
@requires(Cap.CONFERENCE_VIEW)
def history_page():
    """Audit trail of the conference's own objects (agenda items, speakers, script, ticks)."""
    from ..audit.models import AuditEntry
    entries = (db.session.query(AuditEntry)
               .filter(AuditEntry.action.in_(("conference.start_time", "agenda.move",
                                              "agenda.update", "script.mc_text", "script.version",
                                              "speech.speaker", "speech.move", "readiness.tick")))
               .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(200).all())
    return render_template("conference/history.html", entries=entries)
