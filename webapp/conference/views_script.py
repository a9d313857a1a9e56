"""Pages of the meeting script, the readiness checklist, the history and the conference's
papers (routes of the conference blueprint)."""
from flask import redirect, render_template, request, url_for
from flask_login import current_user

from ..audit.models import AuditEntry
from ..core import clock
from ..core.errors import DomainError
from ..core.htmx import form_error, is_htmx, render, toast
from ..core.permissions import Cap, has_cap, requires
from ..documents.service import send_document
from ..extensions import db
from ..plan.loader import current_plan_or_404
from . import agenda, papers, readiness
from .documents import PROGRAMME_TEMPLATE, SCRIPT_TEMPLATE
from .duty import script_assignment, script_is_final
from .forms import DownloadForm, FinalForm, McForm, TickForm, all_errors, require_submitted
from .labels import HISTORY_TYPES
from .paper_files import render_paper
from .policy import get_item_or_404, get_slot_or_404, get_version_or_404
from .script import script_context
from .versions import changes_since_last, last_version, mark_script_final, save_version, versions
from .views import bp, done


def _present_only() -> bool:
    return request.args.get("co_mat") in ("1", "on", "true")


def _script_context(plan, present_only: bool, **extra):
    now = script_context(plan, present_only, preview=True)
    context = {"plan": plan, "ctx": now, "present_only": present_only,
               "last": last_version(plan), "changes": changes_since_last(plan, now),
               "versions": versions(plan),
               "items": agenda.items_of(plan),
               "assignment": script_assignment(plan), "is_final": script_is_final(plan),
               "may_edit": has_cap(current_user, Cap.SCRIPT_EDIT),
               "mc_errors": {}, "mc_values": {},
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
    item = get_item_or_404(item_id, plan)
    form = McForm()
    status, stale = 200, None
    if not form.validate_on_submit():
        status = 422
    else:
        try:
            agenda.update_mc(item, form.mc_text.data, actor=current_user,
                             expected_version=form.version.data)
        except DomainError as exc:
            status = form_error(form, exc, "mc_text")
            if status == 409:
                db.session.expire(item)
                stale = {"theirs": item.mc_text, "version": item.version}
        else:
            toast(f"Đã lưu lời dẫn mục {item.position}.")
    errors = {item_id: all_errors(form)} if status != 200 else {}
    values = {item_id: request.form.get("mc_text", "")} if status != 200 else {}
    stale = {item_id: stale} if stale else {}
    if not is_htmx():
        if status == 200:
            return redirect(url_for("conference.script"))
        return render_template("conference/script.html", **_script_context(
            plan, False, mc_errors=errors, mc_values=values, stale=stale)), status
    return render("conference/script.html", fragment="conference/_mc_editor.html", status=status,
                  trigger="script-changed" if status == 200 else None, items=[item], may_edit=True,
                  mc_errors=errors, mc_values=values, stale=stale)


@bp.route("/kich-ban/tai-ve", methods=["POST"])
@requires(Cap.SCRIPT_EDIT)
def script_download():
    plan = current_plan_or_404()
    form = DownloadForm()
    require_submitted(form)
    version = save_version(plan, actor=current_user, present_only=form.present_only.data)
    # Kept first (committed with this request), rendered by the GET it redirects to.
    return redirect(url_for("conference.script_version_docx", number=version.number), 303)


@bp.route("/kich-ban/phien-ban/<int:number>.docx")
@requires(Cap.CONFERENCE_VIEW)
def script_version_docx(number):
    plan = current_plan_or_404()
    context = dict(get_version_or_404(plan, number).context)
    context.setdefault("author", plan.coordinator_unit.name)
    context.setdefault("title", "Kịch bản điều hành " + context.get("summary", ""))
    return send_document(lambda: render_paper(SCRIPT_TEMPLATE, context),
                         f"kich-ban-dieu-hanh-phien-ban-{number}.docx")


@bp.route("/kich-ban/chot", methods=["POST"])
@requires(Cap.SCRIPT_EDIT)
def script_final():
    plan = current_plan_or_404()
    require_submitted(FinalForm())
    mark_script_final(plan, actor=current_user)
    toast("Đã chốt kịch bản điều hành; nhiệm vụ chuyển sang “Đã nộp”.")
    return redirect(url_for("conference.script"), 303)


@bp.route("/chuong-trinh.docx")
@requires(Cap.CONFERENCE_VIEW)
def programme_docx():
    context = papers.programme(current_plan_or_404())
    return send_document(lambda: render_paper(PROGRAMME_TEMPLATE, context),
                         "chuong-trinh-hoi-nghi.docx")


@bp.route("/van-ban/<kind>.docx")
@requires(Cap.CONFERENCE_VIEW)
def paper_docx(kind):
    """Drafts of the opening speech and the conclusion; the conclusion notice (…/TB-UBND)."""
    template, build = papers.paper(kind)
    context = build(current_plan_or_404())
    return send_document(lambda: render_paper(template, context), f"{kind}.docx")


@bp.route("/tham-luan/<int:slot_id>/mau.docx")
@requires(Cap.DUTIES_VIEW_OWN)
def paper_form_docx(slot_id):
    """The discussion paper form a unit with a slot fills in (not a blank page)."""
    plan = current_plan_or_404()
    context = papers.discussion_form(plan, get_slot_or_404(slot_id, plan, current_user))
    return send_document(lambda: render_paper(papers.FORM_TEMPLATE, context),
                         "mau-bao-cao-tham-luan.docx")


# --- readiness --------------------------------------------------------------------------------

def _readiness_answer(plan, status=200, row_errors=None):
    today = clock.today()
    return render("conference/readiness.html", fragment="conference/_readiness_groups.html",
                  status=status, plan=plan, groups=readiness.checklist(plan), today=today,
                  days_left=readiness.days_left(plan, today), row_errors=row_errors or {})


@bp.route("/san-sang", endpoint="readiness")
@requires(Cap.CONFERENCE_VIEW)
def readiness_page():
    return _readiness_answer(current_plan_or_404())


@bp.route("/san-sang/<code>", methods=["POST"])
@requires(Cap.READINESS_TICK)
def readiness_tick(code):
    plan = current_plan_or_404()
    line = readiness.get_line_or_404(code)
    form = TickForm()
    if not form.validate_on_submit():
        return _readiness_answer(plan, 422, {code: all_errors(form)})
    try:
        readiness.tick(plan, code, done=form.done.data, note=form.note.data, actor=current_user,
                       expected_version=form.version.data)
    except DomainError as exc:
        return _readiness_answer(plan, form_error(form, exc, "note"), {code: all_errors(form)})
    toast(("Đã đánh dấu xong: " if form.done.data else "Đã bỏ đánh dấu: ") + line.label)
    return done("conference.readiness", lambda: _readiness_answer(plan))


@bp.route("/lich-su")
@requires(Cap.CONFERENCE_VIEW)
def history_page():
    """Audit trail of the conference's own objects (agenda items, speakers, script, ticks)."""
    entries = (db.session.query(AuditEntry).filter(AuditEntry.object_type.in_(HISTORY_TYPES))
               .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(200).all())
    return render_template("conference/history.html", entries=entries)
