"""Invitations, the papers printed from the list, the Excel export, template and import
(routes of the delegates blueprint)."""
from flask import current_app, render_template, request
from werkzeug.datastructures import MultiDict
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ..conference.forms import require_submitted
from ..conference.paper_files import render_paper
from ..core.errors import DomainError, NotFound
from ..core.htmx import form_error, toast
from ..core.permissions import Cap, requires
from ..documents.service import send_document
from ..extensions import db
from ..plan.loader import current_plan_or_404
from ..uploads.service import check_upload
from . import excel, excel_import, invitations, lists, queries
from .forms import ImportForm, InvitationOptionsForm
from .grouped_paper import render_grouped
from .invitation_paper import render_invitations
from .models import InvitationIssue
from .views import bp


@bp.route("/giay-moi")
@requires(Cap.CONFERENCE_VIEW)
def invitations_page():
    """The invitations: issued only through the outgoing register (the paper panel drafts the
    Giấy mời; the văn thư's number and date reach the delegates when it is issued)."""
    plan = current_plan_or_404()
    form, status, printed = _invitation_options(plan)
    attendance = queries.attendance(plan)
    # the paper panel's kinds, read once: the page asks whether a paper is live, the panel
    # (templates/issuing/_paper_panel.html) shows it
    panel = current_app.jinja_env.globals["paper_for"]()
    return render_template(
        "delegates/invitations.html", plan=plan, issues=invitations.issues(plan),
        modes=invitations.MODES, attendance=attendance,
        not_invited=attendance["not_invited"], paper_for=lambda kind_code=None: panel,
        presiding=invitations.presiding(plan), options_form=form, printed=printed,
        kept_options=_kept_options, compositions=plan.compositions,
        front_rows=lists.front_row_ids(plan)), status


def _invitation_options(plan):
    """The giấy mời's opening time and mode as the page's URL asks (the paper panel carries
    them to the paper): the form, its status, and the time line as printed ("" when refused).
    The programme's start time and one page per body unless chosen."""
    asked = MultiDict(request.args)
    if "meeting_time" not in asked:
        asked["meeting_time"] = invitations.default_meeting_time(plan)
    if "mode" not in asked:
        asked["mode"] = invitations.DEFAULT_MODE
    form = InvitationOptionsForm(asked)
    form.mode.choices = [SelectChoice(k, v) for k, v in invitations.MODES.items()]
    status = 200 if form.validate() else 422
    printed = ""
    if status == 200:
        try:
            meeting_time, _mode = invitations.paper_options(
                plan, {"meeting_time": form.meeting_time.data, "mode": form.mode.data})
        except DomainError as exc:
            status = form_error(form, exc, "meeting_time")
        else:
            printed = (invitations.time_text(meeting_time, plan.conference_date)
                       if plan.conference_date else meeting_time)
    return form, status, printed


def _kept_options(plan, params) -> str:
    """What a drafted giấy mời keeps: "07 giờ 30 phút · Mỗi cơ quan, đơn vị một trang"."""
    meeting_time, mode = invitations.paper_options(plan, params or {})
    return f"{meeting_time} · {invitations.MODES[mode]}"


@bp.route("/giay-moi/<int:issue_id>/tai-ve")
@requires(Cap.CONFERENCE_VIEW)
def invitation_docx(issue_id):
    plan = current_plan_or_404()
    batch = db.session.get(InvitationIssue, issue_id)
    if batch is None or batch.plan_id != plan.id:
        raise NotFound("Không có lần phát hành giấy mời này.")
    mode = request.args.get("cach", "person")
    mode = mode if mode in invitations.MODES else "person"
    context = invitations.invitation_context(plan, batch, mode)
    suffix = "theo-co-quan" if mode == "organisation" else "tung-dai-bieu"
    return send_document(lambda: render_invitations(context),
                         f"giay-moi-{batch.number.replace('/', '-')}-{suffix}.docx")


@bp.route("/danh-sach.docx")
@requires(Cap.CONFERENCE_VIEW)
def list_docx():
    context = lists.list_context(current_plan_or_404())
    return send_document(lambda: render_grouped("danh-sach-dai-bieu.docx", context),
                         "danh-sach-dai-bieu.docx")


@bp.route("/danh-sach-ky-ten.docx")
@requires(Cap.CONFERENCE_VIEW)
def signin_docx():
    context = lists.signin_context(current_plan_or_404())
    return send_document(lambda: render_grouped("danh-sach-ky-ten.docx", context),
                         "danh-sach-dai-bieu-ky-ten.docx")


@bp.route("/so-lieu-co-mat.docx")
@requires(Cap.CONFERENCE_VIEW)
def attendance_docx():
    context = lists.attendance_context(current_plan_or_404())
    return send_document(lambda: render_paper("so-lieu-dai-bieu.docx", context),
                         "so-lieu-dai-bieu-du-hoi-nghi.docx")


@bp.route("/danh-sach.xlsx")
@requires(Cap.CONFERENCE_VIEW)
def list_xlsx():
    return send_document(excel.export(current_plan_or_404()), "danh-sach-dai-bieu.xlsx")


@bp.route("/the-ten.docx")
@requires(Cap.CONFERENCE_VIEW)
def name_cards():
    plan = current_plan_or_404()
    ids = request.args.getlist("thanh-phan", type=int) or lists.front_row_ids(plan)
    context = lists.name_cards_context(plan, ids)
    return send_document(lambda: render_paper("the-ten-dai-bieu.docx", context),
                         "the-ten-dai-bieu.docx")


@bp.route("/nhap-excel", methods=["GET", "POST"])
@requires(Cap.DELEGATES_MANAGE)
def import_excel():
    plan = current_plan_or_404()
    form = ImportForm()
    if request.method == "GET":
        return render_template("delegates/import.html", form=form, errors=[], plan=plan,
                               result=None)
    errors, result, status = [], None, 200
    require_submitted(form)
    try:
        checked = check_upload(request.files.get("file"), allowed=("xlsx",))
        result = excel_import.import_rows(plan, checked.data, actor=current_user)
    except DomainError as exc:
        status = form_error(form, exc, "file")
        errors = getattr(exc, "errors", [])
    else:
        toast(result.message)
    return render_template("delegates/import.html", form=form, errors=errors, plan=plan,
                           result=result), status


@bp.route("/mau-nhap.xlsx")
@requires(Cap.DELEGATES_MANAGE)
def import_template():
    return send_document(excel.blank_template(current_plan_or_404()),
                         "mau-danh-sach-dai-bieu.xlsx")
