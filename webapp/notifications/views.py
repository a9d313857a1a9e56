"""The notification bell, the unit's notification list, the daily reminder job (CLI) and the
follow-up letter to late units."""

import click
from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from ..core import clock
from ..core.errors import DomainError
from ..core.htmx import is_htmx, render, toast
from ..core.nav import register_nav
from ..core.nav_pages import requested_page
from ..core.permissions import Cap, requires
from ..core.web import unread_notifications
from ..documents.service import send_document
from ..extensions import db
from ..plan.loader import current_plan
from . import labels  # noqa: F401  (the words of notifications in histories)
from . import letter as letter_service
from . import reminders, service
from .forms import LetterForm, MarkReadForm

bp = Blueprint("notifications", __name__, cli_group="reminders")

register_nav("Công văn đôn đốc", "notifications.letter", Cap.REMINDER_LETTER_DRAFT, order=80)

CHANGED = "notifications-changed"
STALE_FORM = "Biểu mẫu không hợp lệ hoặc đã cũ. Vui lòng tải lại trang rồi thử lại."


@bp.teardown_app_request
def _mail_after_commit(exc):
    """Every notification a request created is e-mailed once the request has committed."""
    if exc is None:
        from . import mail
        mail.send_queued(current_app, request.host_url)


# --- bell and list ---------------------------------------------------------------------------

@bp.route("/thong-bao/dem")
@requires(Cap.NOTIFICATIONS_VIEW_OWN)
def count():
    """The bell's counter, polled by htmx."""
    return render_template("notifications/_bell_count.html", unread=unread_notifications())


@bp.route("/thong-bao/moi")
@requires(Cap.NOTIFICATIONS_VIEW_OWN)
def menu():
    """The bell's dropdown: the latest unread notifications."""
    return render_template("notifications/_bell_menu.html",
                           notes=service.unread_for(current_user.unit_id, limit=8))


def _list_args() -> tuple[bool, dict]:
    """The list's filter from the URL: every notification (unread first) or the unread ones."""
    unread_only = request.args.get("xem") == "chua-doc"
    return unread_only, {"xem": "chua-doc"} if unread_only else {}


@bp.route("/thong-bao")
@requires(Cap.NOTIFICATIONS_VIEW_OWN)
def index():
    """The unit's notifications, 25 a page, unread first; the filter and the page are in the
    URL (the tabs and the page links swap the panel and keep each other)."""
    unread_only, args = _list_args()
    unread = unread_notifications()
    data = service.page_for_unit(current_user.unit_id, requested_page(request.args),
                                 unread=unread, unread_only=unread_only)
    return render("notifications/index.html", fragment="notifications/_panel.html",
                  data=data, unread=unread, unread_only=unread_only, args=args)


def _check_mark_read_form() -> None:
    if not MarkReadForm().validate_on_submit():
        raise DomainError(STALE_FORM)


def _marked_read(note_id: int):
    """The unit's own notification, marked read by a valid post."""
    note = service.get_for_unit_or_404(note_id, current_user.unit_id)
    _check_mark_read_form()
    service.mark_read(note, actor=current_user)
    return note


@bp.route("/thong-bao/<int:note_id>/da-doc", methods=["POST"])
@requires(Cap.NOTIFICATIONS_VIEW_OWN)
def read(note_id):
    note = _marked_read(note_id)
    if is_htmx():
        toast("Đã đánh dấu đã đọc.")
        return render("notifications/index.html", fragment="notifications/_row.html",
                      oob=["notifications/_unread_line.html"], trigger=CHANGED, n=note,
                      unread=service.unread_count(current_user.unit_id))
    return redirect(url_for("notifications.index"))


@bp.route("/thong-bao/<int:note_id>/mo", methods=["POST"])
@requires(Cap.NOTIFICATIONS_VIEW_OWN)
def open_note(note_id):
    """Open what the notification is about, marking it read (one click from the bell)."""
    note = _marked_read(note_id)
    return redirect(note.safe_link or url_for("notifications.index"))


@bp.route("/thong-bao/da-doc-tat-ca", methods=["POST"])
@requires(Cap.NOTIFICATIONS_VIEW_OWN)
def read_all():
    _check_mark_read_form()
    done = service.mark_all_read(current_user.unit_id, actor=current_user)
    toast(f"Đã đánh dấu đã đọc {done} thông báo." if done else "Không còn thông báo chưa đọc.")
    return redirect(url_for("notifications.index", **_list_args()[1]))


# --- follow-up letter ------------------------------------------------------------------------

def _letter_options():
    """Kind, scope, new deadline and signer from the query string; a bad date answers 422
    beside the field. The plan's letter asks for a date after the plan's deadline."""
    today = clock.today()
    form = LetterForm(formdata=request.args if request.args else None)
    status = 200
    kind = form.kind.data if form.kind.data in letter_service.KINDS else "plan"
    if request.args:
        valid = form.validate()
        plan_last = max(letter_service.plan_deadlines(), default=None) if kind == "plan" else None
        if form.deadline.errors:
            form.deadline.errors = ["Ngày không hợp lệ: chọn ngày theo dạng dd/mm/yyyy."]
        elif form.deadline.data and form.deadline.data <= today:
            form.deadline.errors = [f"Hạn hoàn thành phải sau ngày {today:%d/%m/%Y}."]
            valid = False
        elif form.deadline.data and plan_last and form.deadline.data <= plan_last:
            form.deadline.errors = [f"Hạn hoàn thành phải sau thời hạn của Kế hoạch "
                                    f"({plan_last:%d/%m/%Y})."]
            valid = False
        if not valid:
            status = 422
    scope = form.scope.data if form.scope.data in letter_service.SCOPES else "overdue"
    deadline = form.deadline.data if form.deadline.data and not form.deadline.errors else None
    options = {"kind": kind, "scope": scope, "deadline": deadline,
               "signer_name": (form.signer_name.data or "").strip()}
    return form, options, today, status


def _letter(form, options, today):
    """The late units and the letter; without a date asked for, the default one (after the
    deadlines the letter chases), shown in the form."""
    plan = current_plan()
    units = letter_service.late_units(options["kind"], options["scope"], today)
    if options["deadline"] is None:
        options["deadline"] = letter_service.default_deadline(options["kind"], units, today)
        if not form.deadline.errors:
            form.deadline.data = options["deadline"]
    if (plan is not None and options["kind"] == "working" and not options["signer_name"]
            and not form.signer_name.errors):
        form.signer_name.data = options["signer_name"] = letter_service.coordinator_head(plan)
    context = (letter_service.letter_context(
        plan, units, kind=options["kind"], today=today, new_deadline=options["deadline"],
        signer_name=options["signer_name"]) if plan and units else None)
    return units, context


@bp.route("/cong-van-don-doc")
@requires(Cap.REMINDER_LETTER_DRAFT)
def letter():
    form, options, today, status = _letter_options()
    units, context = _letter(form, options, today)
    return render_template("notifications/letter.html", form=form, units=units,
                           options=options, today=today, doc=context,
                           plan_deadlines=letter_service.plan_deadlines()), status


@bp.route("/cong-van-don-doc/tai-ve")
@requires(Cap.REMINDER_LETTER_DRAFT)
def letter_docx():
    form, options, today, status = _letter_options()
    if status != 200:
        return letter()
    units, context = _letter(form, options, today)
    if context is None:
        toast("Không có đơn vị nào cần đôn đốc: chưa tạo công văn.", "error")
        return redirect(url_for("notifications.letter", kind=options["kind"],
                                scope=options["scope"]))
    return send_document(lambda: letter_service.render_letter(context),
                         f"cong-van-don-doc-{today:%Y%m%d}.docx")


# --- the daily job ---------------------------------------------------------------------------

@bp.cli.command("send")
def send_reminders():
    """Create today's reminders in the app and e-mail them (daily job)."""
    config = current_app.config
    result = reminders.run(config, commit=db.session.commit)
    for line in result.lines(config.get("SMTP_HOST"), int(config.get("SMTP_PORT") or 25)):
        click.echo(line)
