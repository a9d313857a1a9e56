"""Delegates: the list planned against named, naming, editing, deleting, replies (url prefix
/dai-bieu). Invitations and lists are in views_papers.py, the day itself in views_day.py."""
from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ..conference.forms import require_submitted
from ..core.errors import DomainError, NotAllowed
from ..core import nav_pages, people
from ..core.people import ADDRESS_LABELS
from ..core.htmx import form_error, is_htmx, render, toast
from ..core.inbox import register_waiting
from ..core.nav import register_nav
from ..core.permissions import Cap, allowed, has_cap, requires, requires_any
from ..duties import deliverables
from ..extensions import db
from ..plan.loader import current_plan_or_404
from ..plan.models import Unit
from . import labels, queries, service, waiting  # noqa: F401  (labels register words)
from .forms import DelegateForm, ReplyForm, VersionForm
from .list_rows import list_rows
from .models import REPLY_LABELS, Reply
from .naming import DELIVERABLE
from .policy import editable_ids, get_delegate_or_404

bp = Blueprint("delegates", __name__, url_prefix="/dai-bieu")

register_nav("Đại biểu", "delegates.index", Cap.CONFERENCE_VIEW, order=40,
             also=("delegates.new", "delegates.edit", "delegates.replies",
                   "delegates.invitations_page", "delegates.seating", "delegates.seating_print",
                   "delegates.import_excel"))
register_nav("Đại biểu của xã", "delegates.mine", Cap.DELEGATES_NAME_OWN, order=40,
             also=("delegates.new", "delegates.edit", "delegates.replies"))
# Offices and organisations answer for their own invitees here (communes from their own page).
register_nav("Trả lời giấy mời", "delegates.replies", Cap.DELEGATES_REPLY_OWN, order=44,
             when=lambda user: not (has_cap(user, Cap.CONFERENCE_VIEW)
                                    or has_cap(user, Cap.DELEGATES_NAME_OWN)))
register_nav("Điểm danh", "delegates.checkin", Cap.CHECKIN, order=45,
             also=("delegates.checkin_search", "delegates.walk_in"))
deliverables.register("invitations", "delegates.invitations_page", "Phát hành giấy mời")
deliverables.register(DELIVERABLE, "delegates.mine", "Nêu tên đại biểu")
register_waiting("delegates.to_name", waiting.delegates_to_name)
register_waiting("delegates.replies", waiting.replies_to_record)


@bp.app_context_processor
def _helpers():
    return {"REPLY_LABELS": REPLY_LABELS, "ADDRESS_LABELS": ADDRESS_LABELS}


def _list_url():
    return url_for("delegates.index" if has_cap(current_user, Cap.CONFERENCE_VIEW)
                   else "delegates.mine")


PER_PAGE = 50


def list_args(**extra) -> dict:
    """The list's filters as they stand in the URL (page links keep them)."""
    args = {"thanh-phan": request.args.get("thanh-phan", type=int),
            "q": request.args.get("q", "").strip()[:100], **extra}
    return {k: v for k, v in args.items() if v}


def page_number() -> int:
    return nav_pages.requested_page(request.args)


def id_url(endpoint: str, **values):
    """url_for(endpoint, delegate_id=…) for the rows of a page: the URL built once, each
    row's id put in its place."""
    marker = 987654321
    prefix, suffix = url_for(endpoint, delegate_id=marker, **values).split(str(marker))
    return lambda delegate_id: f"{prefix}{delegate_id}{suffix}"


@bp.route("/")
@requires_any(Cap.DELEGATES_NAME_OWN, Cap.DELEGATES_MANAGE, Cap.CONFERENCE_VIEW)
def index():
    """The list, 50 a page, filtered and searched in SQL; the filters and the page are in the
    URL. The counts are grouped queries; the per-commune table loads when opened."""
    plan = current_plan_or_404()
    whole = allowed("delegates.see_all")
    args = list_args()
    comp_id = args.get("thanh-phan") if whole else None
    unit_id = None if whole else current_user.unit_id
    htmx = is_htmx()
    # the full page counts everyone anyway (the seat counts): the list's total comes from there
    counts, attendance = queries.tallies(plan, unit_id=unit_id) if not htmx else (None, None)
    known = (queries.listed(attendance, counts, comp_id)
             if counts is not None and not args.get("q") else None)
    result = queries.page_of(queries.filtered(plan, unit_id=unit_id, composition_id=comp_id,
                                              q=args.get("q", ""), units=False),
                             page_number(), PER_PAGE, total=known)
    if not whole:
        args.pop("thanh-phan", None)
    rows = list_rows(result.items, result.page.first_number,
                     editable_ids(current_user, result.items),
                     id_url("delegates.edit"), id_url("delegates.delete"))
    context = dict(plan=plan, page=result.page, delegates=rows, whole=whole,
                   comp_id=comp_id, q=args.get("q", ""), args=args,
                   list_endpoint=request.endpoint,
                   unit_name=people.mid_sentence(current_user.unit.name)
                   if not whole and current_user.unit else "")
    if htmx:
        return render("delegates/index.html", fragment="delegates/_list.html", **context)
    return render("delegates/index.html", counts=counts,
                  communes_done=queries.communes_complete(plan) if whole else (0, 0),
                  attendance=attendance if whole else None, **context)


@bp.route("/theo-xa")
@requires(Cap.CONFERENCE_VIEW)
def by_commune():
    """Per commune: named against planned, 50 communes a page. Loaded into the list page
    (opening "Theo từng xã, thị trấn"), where its page links do not push their URL (Back
    and a reload are the list page's); on its own page (without JavaScript) they do."""
    plan = current_plan_or_404()
    per_unit = next((c for c in plan.compositions if c.per_unit), None)
    query = (db.session.query(Unit).filter_by(kind=per_unit.unit_kind, is_active=True)
             .order_by(Unit.position, Unit.id)) if per_unit else None
    result = (queries.page_of(query, page_number(), PER_PAGE) if query is not None
              else queries.Rows([], nav_pages.page_of(0, 1, PER_PAGE)))
    return render("delegates/by_commune.html", fragment="delegates/_by_commune.html", plan=plan,
                  page=result.page, rows=queries.commune_rows(plan, result.items),
                  push=nav_pages.on_own_page("delegates.by_commune"))


@bp.route("/cua-don-vi")
@requires(Cap.DELEGATES_NAME_OWN)
def mine():
    """A commune's own delegates (its nav entry, its duty's page): the same page as index."""
    return index()


def fill_choices(form, plan, delegate=None) -> None:
    """The selects' choices. A delegate kept under a unit that is not a commune (a province or
    district body, from the demo or an import) has that unit among the choices, so that saving
    the form keeps it instead of silently dropping it."""
    comps = queries.composition_choices(current_user, plan)
    form.composition_id.choices = [SelectChoice(c.id, c.label) for c in comps]
    if allowed("delegates.manage"):
        per_unit = next((c for c in comps if c.per_unit), None)
        units = queries.unit_choices(per_unit) if per_unit else []
        own = delegate.unit if delegate is not None else None
        if own is not None and own.id not in {unit_id for unit_id, _name in units}:
            units = [(own.id, own.name), *units]
        form.unit_id.choices = ([SelectChoice(0, "— (không theo xã)")]
                                + [SelectChoice(unit_id, name) for unit_id, name in units])
    else:
        form.unit_id.choices = [SelectChoice(current_user.unit_id, current_user.unit.name)]


def data_of(form) -> service.DelegateData:
    unit_id = form.unit_id.data or None
    if not allowed("delegates.manage"):
        unit_id = current_user.unit_id
    rank = getattr(form, "rank", None)
    return service.DelegateData(
        full_name=form.full_name.data or "", composition_id=form.composition_id.data,
        unit_id=unit_id, title=form.title.data or "", organisation=form.organisation.data or "",
        rank=rank.data if rank is not None and rank.data is not None else 100,
        phone=form.phone.data or "" if hasattr(form, "phone") else "",
        address=form.address.data or "dong_chi")


def _form_page(form, delegate, plan, status=200):
    return render_template("delegates/form.html", form=form, delegate=delegate, plan=plan), status


@bp.route("/them", methods=["GET", "POST"])
@requires_any(Cap.DELEGATES_NAME_OWN, Cap.DELEGATES_MANAGE)
def new():
    plan = current_plan_or_404()
    form = DelegateForm()
    fill_choices(form, plan)
    if request.method == "GET":
        form.composition_id.data = request.args.get("thanh-phan", type=int)
        if not allowed("delegates.manage"):
            form.unit_id.data = current_user.unit_id
        return _form_page(form, None, plan)
    if not form.validate_on_submit():
        return _form_page(form, None, plan, 422)
    try:
        delegate = service.create(plan, data_of(form), actor=current_user)
    except DomainError as exc:
        return _form_page(form, None, plan, form_error(form, exc, "full_name"))
    toast(f"Đã thêm đại biểu {delegate.full_name}.")
    return redirect(_list_url())


# the delegate's fields the form edits as they are (the form's text fields clean what they get)
EDITED = ("full_name", "address", "title", "organisation", "composition_id", "rank", "phone")


def _editable(delegate_id, plan=None):
    """The delegate the user may edit (404 / 403 otherwise). Given the plan, its compositions
    are loaded first (the form's select needs them): the delegate's own composition, which
    the edit rule reads, then comes from the session instead of a statement of its own."""
    if plan is not None:
        queries.composition_choices(current_user, plan)
    delegate = get_delegate_or_404(delegate_id, current_user)
    if not allowed("delegates.edit", delegate):
        raise NotAllowed("Bạn không sửa được đại biểu này.")
    return delegate


@bp.route("/<int:delegate_id>/sua", methods=["GET", "POST"])
@requires_any(Cap.DELEGATES_NAME_OWN, Cap.DELEGATES_MANAGE)
def edit(delegate_id):
    plan = current_plan_or_404()
    delegate = _editable(delegate_id, plan)
    if request.method == "GET":
        form = DelegateForm(formdata=None, data={
            **{name: getattr(delegate, name) for name in EDITED},
            "unit_id": delegate.unit_id or 0, "version": str(delegate.version)})
        fill_choices(form, plan, delegate)
        return _form_page(form, delegate, plan)
    form = DelegateForm()
    fill_choices(form, plan, delegate)
    if not form.validate_on_submit():
        return _form_page(form, delegate, plan, 422)
    try:
        service.update(delegate, data_of(form), actor=current_user,
                       expected_version=form.version.data)
    except DomainError as exc:
        status = form_error(form, exc, "full_name")
        if status == 409:
            form.version.data = delegate.version
        return _form_page(form, delegate, plan, status)
    toast(f"Đã lưu đại biểu {delegate.full_name}.")
    return redirect(_list_url())


@bp.route("/<int:delegate_id>/xoa", methods=["GET", "POST"])
@requires_any(Cap.DELEGATES_NAME_OWN, Cap.DELEGATES_MANAGE)
def delete(delegate_id):
    """GET: the confirmation page (also what the list's dialog shows); POST: delete."""
    delegate = _editable(delegate_id)
    form = VersionForm()
    if request.method == "GET":
        form.version.data = delegate.version
        return render_template("delegates/delete.html", d=delegate, form=form)
    require_submitted(form)
    name = delegate.full_name
    service.delete(delegate, actor=current_user, expected_version=form.version.data)
    toast(f"Đã xóa đại biểu {name}.")
    return redirect(_list_url(), 303)


# --- replies (the fast page for replies taken by phone) ---------------------------------------

def _replies_page(plan, args, status=200, **failed):
    """The replies page (or its rows for htmx), filtered by reply and searched in SQL, 50 a
    page. `failed` (failed_id, failed_form, row_error) puts a refused reply on its row."""
    unit_id = None if has_cap(current_user, Cap.INVITATIONS_ISSUE) else current_user.unit_id
    only = args.get("loc", "")
    result = queries.page_of(queries.filtered(plan, unit_id=unit_id, reply=only or None,
                                              q=args.get("q", ""), units=False),
                             page_number(), PER_PAGE)
    return render("delegates/replies.html", fragment="delegates/_reply_rows.html", status=status,
                  delegates=result.items, page=result.page, only=only, q=args.get("q", ""),
                  reply_url=id_url("delegates.reply"),
                  args=args, plan=plan,
                  attendance=None if is_htmx() else queries.attendance(plan, unit_id=unit_id),
                  **{"failed_id": None, "failed_form": None, "row_error": None, **failed})


@bp.route("/tra-loi")
@requires_any(Cap.INVITATIONS_ISSUE, Cap.DELEGATES_REPLY_OWN)
def replies():
    """Filtered by reply and searched in SQL, 50 a page; the filters and the page in the URL."""
    only = request.args.get("loc", "")
    args = list_args(loc=only if only in {r.value for r in Reply} else "")
    args.pop("thanh-phan", None)
    return _replies_page(current_plan_or_404(), args)


@bp.route("/<int:delegate_id>/tra-loi", methods=["POST"])
@requires_any(Cap.INVITATIONS_ISSUE, Cap.DELEGATES_REPLY_OWN)
def reply(delegate_id):
    """One row's reply. A refused one is shown on its row with what was chosen: for htmx the
    row alone, for a plain request the replies page showing that delegate."""
    delegate = get_delegate_or_404(delegate_id, current_user)
    if not allowed("delegates.reply", delegate):
        raise NotAllowed("Bạn không ghi nhận trả lời cho đại biểu này.")
    form = ReplyForm()
    status = 422
    if form.validate_on_submit():
        try:
            service.set_reply(delegate, form.reply.data, actor=current_user,
                              substitute_name=form.substitute_name.data or "",
                              substitute_title=form.substitute_title.data or "",
                              expected_version=form.version.data)
        except DomainError as exc:
            status = form_error(form, exc, "reply")
        else:
            status = 200
            toast(f"{delegate.full_name}: {delegate.reply_label}.")
    error = next((e for f in form._fields.values() for e in f.errors), None) \
        if status != 200 else None
    if not is_htmx():
        if status == 200:
            return redirect(url_for("delegates.replies"))
        return _replies_page(current_plan_or_404(), {"q": delegate.full_name}, status,
                             failed_id=delegate.id, failed_form=form, row_error=error)
    return render("delegates/replies.html", fragment="delegates/_reply_row.html", status=status,
                  d=delegate, error=error, form=form if error else None,
                  trigger="delegates-changed")


from . import views_day, views_papers  # noqa: E402,F401  (routes of the same blueprint)
