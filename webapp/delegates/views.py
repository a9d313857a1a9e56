"""Delegates, replies, invitations, name cards, seating and check-in (plan §III, §VI.6)."""
from datetime import datetime

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ..core import clock
from ..core.errors import DomainError, NotAllowed, StaleEdit
from ..core.htmx import is_htmx, render, toast
from ..core.nav import register_nav
from ..core.permissions import Cap, has_cap, requires, requires_any
from ..documents.service import DOCX_MIMETYPE, download_name
from ..documents.service import render as render_docx
from ..duties import deliverables
from ..extensions import db
from ..plan.loader import current_plan_or_404
from . import excel, invitations, service
from .forms import (CheckinForm, DelegateForm, ImportForm, IssueForm, ReplyForm, SeatsForm,
                    VersionForm)
from .models import REPLY_LABELS, InvitationIssue, Reply

bp = Blueprint("delegates", __name__, url_prefix="/dai-bieu")

register_nav("Đại biểu", "delegates.index", Cap.CONFERENCE_VIEW, order=40,
             also=("delegates.new", "delegates.edit", "delegates.replies",
                   "delegates.invitations_page", "delegates.seating", "delegates.import_excel"))
register_nav("Đại biểu của xã", "delegates.mine", Cap.DELEGATES_NAME_OWN, order=40,
             also=("delegates.new", "delegates.edit", "delegates.replies"))
# Offices and organisations answer for their own invitees here (communes from their own page).
register_nav("Trả lời giấy mời", "delegates.replies", Cap.DELEGATES_REPLY_OWN, order=44,
             when=lambda user: not (has_cap(user, Cap.CONFERENCE_VIEW)
                                    or has_cap(user, Cap.DELEGATES_NAME_OWN)))
register_nav("Điểm danh", "delegates.checkin", Cap.CHECKIN, order=45,
             also=("delegates.checkin_search",))
deliverables.register("invitations", "delegates.invitations_page", "Phát hành giấy mời")






@bp.app_context_processor
def _helpers():
    return {"delegate_service": service, "REPLY_LABELS": REPLY_LABELS}


# --- the list, planned against named ---------------------------------------------------------

@bp.route("/")
@requires_any(Cap.DELEGATES_NAME_OWN, Cap.DELEGATES_MANAGE, Cap.CONFERENCE_VIEW)
def index():
    plan = current_plan_or_404()
    whole = service.manages(current_user) or has_cap(current_user, Cap.CONFERENCE_VIEW)
    if whole:
        comp_id = request.args.get("thanh-phan", type=int)
        delegates = service.delegates_of(plan, composition_id=comp_id)
        counts = service.seat_counts(plan)
        communes = service.commune_table(plan)
    else:
        comp_id = None
        delegates = service.delegates_of(plan, unit_id=current_user.unit_id)
        counts = service.seat_counts(plan, unit_id=current_user.unit_id)
        communes = []
    return render("delegates/index.html", fragment="delegates/_list.html", plan=plan,
                  delegates=delegates, counts=counts, communes=communes, whole=whole,
                  comp_id=comp_id, attendance=service.attendance(plan),
                  delete_form=VersionForm(formdata=None))


@bp.route("/cua-don-vi")
@requires(Cap.DELEGATES_NAME_OWN)
def mine():
    """A commune's own delegates (its nav entry): the same page as index."""
    return index()


def _fill_choices(form: DelegateForm, plan) -> None:
    comps = service.composition_choices(current_user, plan)
    form.composition_id.choices = [SelectChoice(c.id, c.label) for c in comps]
    if service.manages(current_user):
        units = service.units_for(next((c for c in comps if c.per_unit), comps[0])) if comps else []
        form.unit_id.choices = ([SelectChoice(0, "— (không theo xã)")]
                                + [SelectChoice(u.id, u.name) for u in units])
    else:
        form.unit_id.choices = [SelectChoice(current_user.unit_id, current_user.unit.name)]


def _data(form: DelegateForm) -> service.DelegateData:
    unit_id = form.unit_id.data or None
    if not service.manages(current_user):
        unit_id = current_user.unit_id
    return service.DelegateData(
        full_name=form.full_name.data or "", composition_id=form.composition_id.data,
        unit_id=unit_id, title=form.title.data or "", organisation=form.organisation.data or "",
        rank=form.rank.data if form.rank.data is not None else 100, phone=form.phone.data or "")


def _field_error(form, exc: DomainError) -> None:
    field = getattr(form, exc.field, None) if exc.field else None
    (field.errors if field is not None else form.form_errors).append(exc.message)
    if field is not None and isinstance(field.errors, tuple):
        field.errors = list(field.errors)


@bp.route("/them", methods=["GET", "POST"])
@requires_any(Cap.DELEGATES_NAME_OWN, Cap.DELEGATES_MANAGE)
def new():
    plan = current_plan_or_404()
    form = DelegateForm()
    _fill_choices(form, plan)
    if request.method == "GET":
        comp = request.args.get("thanh-phan", type=int)
        if comp:
            form.composition_id.data = comp
        if not service.manages(current_user):
            form.unit_id.data = current_user.unit_id
        return render_template("delegates/form.html", form=form, delegate=None, plan=plan)
    if form.validate_on_submit():
        try:
            delegate = service.create(plan, _data(form), actor=current_user)
        except NotAllowed:
            abort(403)
        except DomainError as exc:
            _field_error(form, exc)
        else:
            toast(f"Đã thêm đại biểu {delegate.full_name}.")
            return redirect(_list_url())
    return render_template("delegates/form.html", form=form, delegate=None, plan=plan), 422


def _editable(delegate_id):
    delegate = service.get_delegate_or_404(delegate_id, current_user)
    if not service.can_edit(current_user, delegate):
        abort(403)
    return delegate


@bp.route("/<int:delegate_id>/sua", methods=["GET", "POST"])
@requires_any(Cap.DELEGATES_NAME_OWN, Cap.DELEGATES_MANAGE)
def edit(delegate_id):
    plan = current_plan_or_404()
    delegate = _editable(delegate_id)
    form = DelegateForm(obj=delegate if request.method == "GET" else None)
    _fill_choices(form, plan)
    if request.method == "GET":
        form.unit_id.data = delegate.unit_id or 0
        form.version.data = delegate.version
        return render_template("delegates/form.html", form=form, delegate=delegate, plan=plan)
    status = 422
    if form.validate_on_submit():
        try:
            service.update(delegate, _data(form), actor=current_user,
                           expected_version=int(form.version.data or 0))
        except NotAllowed:
            abort(403)
        except StaleEdit as exc:
            form.form_errors.append(exc.message)
            form.version.data = delegate.version
            status = 409
        except DomainError as exc:
            _field_error(form, exc)
        else:
            toast(f"Đã lưu đại biểu {delegate.full_name}.")
            return redirect(_list_url())
    return render_template("delegates/form.html", form=form, delegate=delegate, plan=plan), status


@bp.route("/<int:delegate_id>/xoa", methods=["POST"])
@requires_any(Cap.DELEGATES_NAME_OWN, Cap.DELEGATES_MANAGE)
def delete(delegate_id):
    delegate = _editable(delegate_id)
    form = VersionForm()
    name = delegate.full_name
    if not form.validate_on_submit():
        abort(400)
    try:
        service.delete(delegate, actor=current_user,
                       expected_version=int(form.version.data or 0))
    except NotAllowed:
        abort(403)
    except DomainError as exc:
        toast(exc.message, "error")
        return redirect(_list_url())
    toast(f"Đã xóa đại biểu {name}.")
    return redirect(_list_url())


def _list_url():
    if has_cap(current_user, Cap.CONFERENCE_VIEW):
        return url_for("delegates.index")
    return url_for("delegates.mine")


# --- replies (the fast page for replies taken by phone) ---------------------------------------

def _reply_scope(plan):
    if has_cap(current_user, Cap.INVITATIONS_ISSUE):
        return service.delegates_of(plan)
    return service.delegates_of(plan, unit_id=current_user.unit_id)


@bp.route("/tra-loi")
@requires_any(Cap.INVITATIONS_ISSUE, Cap.DELEGATES_REPLY_OWN)
def replies():
    plan = current_plan_or_404()
    delegates = _reply_scope(plan)
    only = request.args.get("loc", "")
    if only in {r.value for r in Reply}:
        delegates = [d for d in delegates if d.reply == only]
    q = request.args.get("q", "").strip()
    if q:
        ids = {d.id for d in service.search(plan, q, limit=1000)}
        delegates = [d for d in delegates if d.id in ids]
    return render("delegates/replies.html", fragment="delegates/_reply_rows.html",
                  delegates=delegates, only=only, q=q, plan=plan,
                  attendance=service.attendance(plan))


@bp.route("/<int:delegate_id>/tra-loi", methods=["POST"])
@requires_any(Cap.INVITATIONS_ISSUE, Cap.DELEGATES_REPLY_OWN)
def reply(delegate_id):
    delegate = service.get_delegate_or_404(delegate_id, current_user)
    if not service.can_reply(current_user, delegate):
        abort(403)
    form = ReplyForm()
    error, status = None, 200
    if not form.validate_on_submit():
        error, status = "Chọn một câu trả lời.", 422
    else:
        try:
            service.set_reply(delegate, form.reply.data, actor=current_user,
                              substitute_name=form.substitute_name.data or "",
                              substitute_title=form.substitute_title.data or "",
                              expected_version=int(form.version.data or 0))
        except StaleEdit as exc:
            error, status = exc.message, 409
        except DomainError as exc:
            error, status = exc.message, 422
        else:
            toast(f"{delegate.full_name}: {delegate.reply_label}.")
    if not is_htmx():
        if error:
            toast(error, "error")
        return redirect(url_for("delegates.replies"))
    return render("delegates/replies.html", fragment="delegates/_reply_row.html", status=status,
                  d=delegate, error=error, form=form if error else None,
                  trigger="delegates-changed")


# --- invitations -----------------------------------------------------------------------------

def _parse_date(text: str):
    try:
        return datetime.strptime((text or "").strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


@bp.route("/giay-moi", methods=["GET", "POST"])
@requires(Cap.CONFERENCE_VIEW)
def invitations_page():
    plan = current_plan_or_404()
    form = IssueForm(formdata=None if request.method == "GET" else request.form)
    status = 200
    if request.method == "GET":
        form.issued_on.data = clock.today().strftime("%d/%m/%Y")
    else:
        if not has_cap(current_user, Cap.INVITATIONS_ISSUE):
            abort(403)
        if form.validate_on_submit():
            issued_on = _parse_date(form.issued_on.data)
            try:
                if issued_on is None:
                    raise DomainError("Ngày ban hành viết theo dạng dd/mm/yyyy, ví dụ 20/11/2023.",
                                      field="issued_on")
                batch = invitations.issue(plan, number=form.number.data, issued_on=issued_on,
                                          meeting_time=form.meeting_time.data,
                                          only_new=form.scope.data != "all", actor=current_user)
            except DomainError as exc:
                _field_error(form, exc)
                status = 422
            else:
                toast(f"Đã phát hành Giấy mời số {batch.number} cho {batch.delegate_count} đại biểu.")
                return redirect(url_for("delegates.invitations_page"))
        else:
            status = 422
    delegates = service.delegates_of(plan)
    return render_template(
        "delegates/invitations.html", plan=plan, form=form, issues=invitations.issues(plan),
        modes=invitations.MODES, attendance=service.attendance(plan),
        not_invited=sum(1 for d in delegates if not d.invitation_number),
        compositions=plan.compositions, front_rows=invitations.front_row_ids(plan),
        can_issue=has_cap(current_user, Cap.INVITATIONS_ISSUE)), status


def _docx(data: bytes, name: str) -> Response:
    return Response(data, mimetype=DOCX_MIMETYPE, headers={
        "Content-Disposition": f'attachment; filename="{download_name(name)}"'})


@bp.route("/giay-moi/<int:issue_id>/tai-ve")
@requires(Cap.CONFERENCE_VIEW)
def invitation_docx(issue_id):
    plan = current_plan_or_404()
    batch = db.session.get(InvitationIssue, issue_id)
    if batch is None or batch.plan_id != plan.id:
        abort(404)
    mode = request.args.get("cach", "person")
    if mode not in invitations.MODES:
        mode = "person"
    data = render_docx("giay-moi.docx", invitations.invitation_context(plan, batch, mode))
    suffix = "theo-co-quan" if mode == "organisation" else "tung-dai-bieu"
    return _docx(data, f"giay-moi-{batch.number.replace('/', '-')}-{suffix}")


@bp.route("/danh-sach.docx")
@requires(Cap.CONFERENCE_VIEW)
def list_docx():
    plan = current_plan_or_404()
    issues = invitations.issues(plan)
    data = render_docx("danh-sach-dai-bieu.docx",
                       invitations.list_context(plan, issues[-1] if issues else None))
    return _docx(data, "danh-sach-dai-bieu")


@bp.route("/danh-sach.xlsx")
@requires(Cap.CONFERENCE_VIEW)
def list_xlsx():
    return Response(excel.export(current_plan_or_404()), mimetype=excel.XLSX_MIMETYPE, headers={
        "Content-Disposition": 'attachment; filename="danh-sach-dai-bieu.xlsx"'})


@bp.route("/the-ten.docx")
@requires(Cap.CONFERENCE_VIEW)
def name_cards():
    plan = current_plan_or_404()
    ids = request.args.getlist("thanh-phan", type=int) or invitations.front_row_ids(plan)
    data = render_docx("the-ten-dai-bieu.docx", invitations.name_cards_context(plan, ids))
    return _docx(data, "the-ten-dai-bieu")


# --- Excel import ----------------------------------------------------------------------------

@bp.route("/nhap-excel", methods=["GET", "POST"])
@requires(Cap.DELEGATES_MANAGE)
def import_excel():
    plan = current_plan_or_404()
    form = ImportForm()
    errors, status = [], 200
    if request.method == "POST":
        from ..uploads.service import check_upload
        status = 422
        if form.validate_on_submit():
            try:
                checked = check_upload(request.files.get("file"), allowed=("xlsx",))
                created, updated = excel.import_rows(plan, checked.data, actor=current_user)
            except excel.ImportRejected as exc:
                form.file.errors = [exc.message]
                errors = exc.errors
            except DomainError as exc:
                form.file.errors = [exc.message]
            else:
                toast(f"Đã nhập {created} đại biểu mới, cập nhật {updated} đại biểu.")
                return redirect(url_for("delegates.index"))
    return render_template("delegates/import.html", form=form, errors=errors, plan=plan), status


@bp.route("/mau-nhap.xlsx")
@requires(Cap.DELEGATES_MANAGE)
def import_template():
    return Response(excel.blank_template(current_plan_or_404()), mimetype=excel.XLSX_MIMETYPE, headers={
        "Content-Disposition": 'attachment; filename="mau-danh-sach-dai-bieu.xlsx"'})


# --- seating plan ----------------------------------------------------------------------------

@bp.route("/so-do-cho-ngoi")
@requires(Cap.CONFERENCE_VIEW)
def seating():
    plan = current_plan_or_404()
    return render_template("delegates/seating.html", plan=plan,
                           rows=invitations.seating_plan(plan),
                           counts=service.seat_counts(plan), form=SeatsForm(formdata=None),
                           delegates=service.delegates_of(plan))


@bp.route("/so-do-cho-ngoi/xep-cho", methods=["POST"])
@requires(Cap.DELEGATES_MANAGE)
def assign_seats():
    plan = current_plan_or_404()
    form = SeatsForm()
    if form.validate_on_submit():
        count = invitations.assign_seats(plan, per_row=form.per_row.data, actor=current_user)
        toast(f"Đã xếp chỗ cho {count} đại biểu.")
        return redirect(url_for("delegates.seating"))
    return render_template("delegates/seating.html", plan=plan,
                           rows=invitations.seating_plan(plan), counts=service.seat_counts(plan),
                           form=form, delegates=service.delegates_of(plan)), 422


# --- check-in on the day ---------------------------------------------------------------------

@bp.route("/diem-danh")
@requires(Cap.CHECKIN)
def checkin():
    plan = current_plan_or_404()
    q = request.args.get("q", "").strip()
    found = service.search(plan, q) if q else []
    return render("delegates/checkin.html", fragment="delegates/_checkin_results.html",
                  plan=plan, q=q, found=found, attendance=service.attendance(plan),
                  form=CheckinForm(formdata=None))


@bp.route("/diem-danh/tim")
@requires(Cap.CHECKIN)
def checkin_search():
    plan = current_plan_or_404()
    q = request.args.get("q", "").strip()
    found = service.search(plan, q) if q else []
    if not is_htmx():
        return redirect(url_for("delegates.checkin", q=q or None))
    return render("delegates/checkin.html", fragment="delegates/_checkin_results.html",
                  plan=plan, q=q, found=found, form=CheckinForm(formdata=None))


@bp.route("/<int:delegate_id>/co-mat", methods=["POST"])
@requires(Cap.CHECKIN)
def mark_arrived(delegate_id):
    plan = current_plan_or_404()
    delegate = service.get_delegate_or_404(delegate_id, current_user)
    form = CheckinForm()
    if not form.validate_on_submit():
        abort(400)
    arrived = form.arrived.data != "0"
    service.check_in(delegate, actor=current_user, arrived=arrived)
    toast(f"{delegate.attendee_name}: " + ("đã có mặt." if arrived else "đã hủy đánh dấu có mặt."))
    if not is_htmx():
        return redirect(url_for("delegates.checkin", q=request.form.get("q") or None))
    return render("delegates/checkin.html", fragment="delegates/_checkin_row.html",
                  oob=["delegates/_attendance.html"], d=delegate, plan=plan,
                  attendance=service.attendance(plan), form=CheckinForm(formdata=None),
                  trigger="attendance-changed")


@bp.route("/co-mat")
@requires(Cap.CONFERENCE_VIEW)
def attendance():
    plan = current_plan_or_404()
    return render("delegates/attendance.html", fragment="delegates/_attendance.html",
                  plan=plan, attendance=service.attendance(plan))
