"""Pages of a paper: the list of papers and what waits for me, drafting, sign-off by the
leadership (issue 10), withdrawal. Numbering, signing and issuing: issue_views.py; the
register, the inbox and the signature check: register_views.py."""
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ..core import nav
from ..core.database import checkpoint
from ..core.errors import DomainError
from ..core.htmx import form_error, toast
from ..core.nav import register_nav
from ..core.permissions import Cap, has_cap, requires, requires_any
from ..extensions import db
from ..notifications.models import KIND_LABELS as NOTIFICATION_LABELS
from ..plan.loader import current_plan, current_plan_or_404
from ..plan.models import Unit
from . import kinds, labels, papers, policy, queries, recipients, register, render as paper_render  # noqa: F401  (labels registers the audit words)
from .forms import (ActionForm, CommentForm, CreateForm, DraftForm, PassphraseForm, RouteForm,
                    ScanForm, WithdrawForm)
from .models import STATE_LABELS, Paper, State

bp = Blueprint("issuing", __name__, cli_group="signing")

register_nav("Văn bản trình ký", "issuing.index", Cap.PAPER_INBOX, order=92,
             when=lambda u: any(has_cap(u, c) for c in queries.WORKING_CAPS))
register_nav("Sổ văn bản đi", "issuing.register_page", Cap.PAPER_REGISTER, order=93,
             also=("issuing.register_xlsx",))
register_nav("Văn bản đến", "issuing.inbox", Cap.PAPER_INBOX, order=94)
register_nav("Kiểm tra chữ ký số", "issuing.verify", Cap.SIGNATURE_CHECK, order=95)
nav.GROUPS.update({"issuing.index": "Văn bản", "issuing.register_page": "Văn bản",
                   "issuing.inbox": "Văn bản", "issuing.verify": "Văn bản"})

NOTIFICATION_LABELS.update({
    "paper_submitted": "Văn bản trình ký", "paper_approved": "Lãnh đạo đã duyệt",
    "paper_returned": "Lãnh đạo trả lại", "paper_to_number": "Chờ cấp số",
    "paper_to_sign": "Chờ ký số", "paper_signed": "Chờ phát hành",
    "paper_received": "Văn bản đến", "paper_issued": "Đã phát hành",
    "paper_withdrawn": "Văn bản thu hồi"})


# --- template helpers ------------------------------------------------------------------------

@bp.app_template_global("paper_can")
def paper_can(action: str, paper: Paper) -> bool:
    return policy.allowed(current_user, action, paper)


@bp.app_template_global("paper_for")
def paper_for(kind_code: str | None = None) -> list[dict]:
    """For the panel on a feature's page: the kinds drafted there (by the page's endpoint, or
    the one named), each with its live paper and whether this user may put it up."""
    plan = current_plan()
    if plan is None or not current_user.is_authenticated:
        return []
    found = [k for k in kinds.all_kinds()
             if (k.code == kind_code if kind_code else k.page_endpoint == request.endpoint)]
    return [{"kind": k, "paper": papers.paper_for(plan, k.code),
             "can_create": policy.can_create(current_user, k),
             "form": CreateForm(formdata=None, kind=k.code)} for k in found]


@bp.app_template_filter("paper_kind_label")
def paper_kind_label(code: str) -> str:
    return kinds.get(code).label


@bp.app_template_filter("register_recipients")
def register_recipients(paper: Paper) -> list[str]:
    return recipients.register_lines(paper)


@bp.app_template_filter("outside_recipients")
def outside_recipients(paper: Paper) -> list[str]:
    return recipients.outside_lines(paper)


@bp.app_template_filter("issuer_name")
def issuer_name(code: str) -> str:
    return register.body(code).name


def get_paper_or_404(paper_id: int, *, lock: bool = False) -> Paper:
    """Another unit's draft answers 404, as if it did not exist."""
    paper = papers.get_for_update(paper_id) if lock else db.session.get(Paper, paper_id)
    if paper is None or not policy.can_view(current_user, paper):
        abort(404)
    return paper


def paper_page(paper: Paper, status: int = 200, **forms):
    kind = kinds.get(paper.kind)
    units = (db.session.query(Unit).filter(Unit.is_active.is_(True),
                                           Unit.kind.notin_(("admin", "province")))
             .order_by(Unit.position).all())
    draft_form = forms.pop("draft_form", None) or DraftForm(
        formdata=None, obj=paper, unit_ids=[r.unit_id for r in paper.recipients],
        external="\n".join(paper.external_recipients or []))
    draft_form.unit_ids.choices = [SelectChoice(u.id, u.short_name) for u in units]
    defaults = {"action_form": ActionForm(formdata=None, version=paper.version),
                "comment_form": CommentForm(formdata=None, version=paper.version),
                "sign_form": PassphraseForm(formdata=None, version=paper.version),
                "issue_form": PassphraseForm(formdata=None, version=paper.version),
                "withdraw_form": WithdrawForm(formdata=None, version=paper.version),
                "route_form": RouteForm(formdata=None, route=paper.route, version=paper.version),
                "scan_form": ScanForm(formdata=None, version=paper.version)}
    defaults.update(forms)
    draft_form.version.data = paper.version
    return render_template(
        "issuing/paper.html", paper=paper, kind=kind, draft_form=draft_form,
        preview=queries.preview_html(paper), signatures=queries.signature_reports(paper),
        person_key=policy.person_key(current_user), body_key=policy.body_key(paper.issuer),
        body=queries.body_of(paper), **defaults), status


def button(paper_id: int, may=None, *, lock: bool = False) -> tuple[Paper, ActionForm]:
    """A button of the paper page (a form with only its token and the paper's version): the
    paper, the form checked (400 otherwise) and, when `may(user, paper)` is given, the step
    allowed to this user (403 otherwise)."""
    paper = get_paper_or_404(paper_id, lock=lock)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    if may is not None and not may(current_user, paper):
        abort(403)
    return paper, form


def done(paper: Paper, message: str):
    toast(message)
    return redirect(url_for("issuing.paper", paper_id=paper.id), 303)


def form_step(paper_id: int, form_class, form_name: str, field: str, step, message):
    """A step taken with a form of its own (a comment, a reason, a choice): the paper locked,
    the form checked, `step(paper, form)` run; its refusal shown on `field` of the re-rendered
    form, else back to the paper with `message` (or `message(paper)`)."""
    paper = get_paper_or_404(paper_id, lock=True)
    form = form_class()
    if not form.validate_on_submit():
        return paper_page(paper, 422, **{form_name: form})
    try:
        step(paper, form)
    except DomainError as exc:
        return paper_page(paper, form_error(form, exc, field), **{form_name: form})
    return done(paper, message(paper) if callable(message) else message)


# --- pages -----------------------------------------------------------------------------------

@bp.route("/van-ban")
@requires_any(*queries.WORKING_CAPS)
def index():
    return render_template("issuing/index.html", waiting=queries.waiting_for(current_user),
                           mine=queries.papers_of_unit(current_user.unit_id),
                           decided=queries.recently_decided(current_user))


@bp.route("/van-ban/lap", methods=["POST"])
@requires(Cap.PAPER_DRAFT)
def create():
    plan = current_plan_or_404()
    form = CreateForm()
    if not form.validate_on_submit():
        abort(400)
    kind = kinds.get(form.kind.data)
    if not policy.can_create(current_user, kind):
        abort(403)
    params = {name: request.form.get(f"p_{name}", "")[:64] for name in kind.param_names
              if request.form.get(f"p_{name}")}
    paper = papers.create(plan, kind, actor=current_user, params=params)
    return done(paper, f"Đã lập dự thảo {kind.label}: kiểm tra trích yếu, người ký, nơi nhận "
                       "rồi bấm “Trình ký”.")


@bp.route("/van-ban/<int:paper_id>")
@requires(Cap.PAPER_INBOX)
def paper(paper_id):
    return paper_page(get_paper_or_404(paper_id))


@bp.route("/van-ban/<int:paper_id>/sua", methods=["POST"])
@requires(Cap.PAPER_DRAFT)
def edit(paper_id):
    paper = get_paper_or_404(paper_id, lock=True)
    form = DraftForm()
    form.unit_ids.choices = [SelectChoice(u.id, u.short_name) for u in db.session.query(Unit)]
    if not form.validate_on_submit():
        return paper_page(paper, 422, draft_form=form)
    data = papers.DraftData(form.summary.data or "", form.signer_authority.data or "",
                            form.signer_title.data or "", form.signer_name.data or "",
                            form.unit_ids.data or [], (form.external.data or "").splitlines())
    try:
        papers.update_draft(paper, data, actor=current_user, expected_version=form.version.data)
    except DomainError as exc:
        return paper_page(paper, form_error(form, exc, "summary"), draft_form=form)
    return done(paper, "Đã lưu dự thảo.")


@bp.route("/van-ban/<int:paper_id>/trinh-ky", methods=["POST"])
@requires(Cap.PAPER_DRAFT)
def submit(paper_id):
    """The text the leadership reads is fixed now: the feature's data as its page shows it,
    rendered outside the write transaction, then kept with the paper."""
    paper, form = button(paper_id, policy.can_edit)
    kind = kinds.get(paper.kind)
    # a DomainError here says what the paper still lacks (answered by its handler)
    context = papers.frozen(paper_render.live_context(kind, paper.plan, paper.params))
    job = paper_render.draft_job(kind, paper.plan, context, paper)
    checkpoint()   # never render inside a write transaction
    docx = job.docx()
    paper = get_paper_or_404(paper_id, lock=True)
    papers.submit(paper, context, docx, actor=current_user, expected_version=form.version.data)
    return done(paper, f"Đã trình ký {kind.label}; lãnh đạo đã được báo.")


@bp.route("/van-ban/<int:paper_id>/duyet", methods=["POST"])
@requires(Cap.PAPER_APPROVE)
def approve(paper_id):
    return form_step(paper_id, CommentForm, "comment_form", "comment", lambda paper, form:
                     papers.approve(paper, actor=current_user, comment=form.comment.data or "",
                                    expected_version=form.version.data),
                     "Đã duyệt; đơn vị soạn thảo đã được báo.")


@bp.route("/van-ban/<int:paper_id>/tra-lai", methods=["POST"])
@requires(Cap.PAPER_APPROVE)
def return_(paper_id):
    return form_step(paper_id, CommentForm, "comment_form", "comment", lambda paper, form:
                     papers.return_paper(paper, form.comment.data or "", actor=current_user,
                                         expected_version=form.version.data),
                     "Đã trả lại văn bản kèm ý kiến; đơn vị soạn thảo đã được báo.")


@bp.route("/van-ban/<int:paper_id>/thu-hoi", methods=["POST"])
@requires_any(Cap.PAPER_DRAFT, Cap.PAPER_REGISTER)
def withdraw(paper_id):
    return form_step(paper_id, WithdrawForm, "withdraw_form", "reason", lambda paper, form:
                     papers.withdraw(paper, form.reason.data or "", actor=current_user,
                                     expected_version=form.version.data),
                     lambda paper: "Đã thu hồi văn bản" + (
                         f" số {paper.number_text}; dòng trong sổ văn bản đi được giữ lại."
                         if paper.entry else "."))


from . import cli, issue_views, register_views  # noqa: E402,F401  (routes, commands join bp)
