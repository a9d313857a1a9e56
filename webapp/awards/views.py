"""Rewards: a unit nominates, Phòng LĐTB&XH shortlists, Phòng Nội vụ approves, orders and
drafts the decision; leadership reads it all."""
from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_login import current_user

from ..audit.service import history
from ..core.errors import DomainError, NotAllowed, StaleEdit
from ..core.htmx import is_htmx, render, toast
from ..core.nav import register_nav
from ..core.permissions import Cap, has_cap, login_only, requires
from ..documents.service import DOCX_MIMETYPE
from ..duties import deliverables
from ..duties.service import get_assignment_or_404
from ..plan.loader import current_plan_or_404
from ..uploads.service import UploadRejected, check_upload, send, store
from . import documents, service
from .forms import ActionForm, NominationForm, ReopenForm, decision_form_class
from .models import NOMINATION_STATUS_LABELS, KIND_LABELS, NominationStatus as NS

bp = Blueprint("awards", __name__, url_prefix="/khen-thuong")

deliverables.register("nominations", "awards.assignment", "Đề nghị khen thưởng")
deliverables.register("shortlist", "awards.assignment", "Xét chọn đề nghị")
deliverables.register("reward_decision", "awards.assignment", "Duyệt, soạn quyết định")
register_nav("Đề nghị khen thưởng", "awards.unit", Cap.NOMINATION_CREATE, order=30,
             also=("awards.new", "awards.edit"))
register_nav("Khen thưởng", "awards.review", Cap.NOMINATION_VIEW_ALL, order=31,
             also=("awards.awardees", "awards.decision", "awards.preview"))

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"




@bp.app_context_processor
def _award_helpers():
    return {"award_service": service, "NOMINATION_STATUS_LABELS": NOMINATION_STATUS_LABELS,
            "AWARD_KIND_LABELS": KIND_LABELS}


# --- entry points ----------------------------------------------------------------------------

@bp.route("/")
@login_only
def index():
    if has_cap(current_user, Cap.NOMINATION_VIEW_ALL):
        return redirect(url_for("awards.review"))
    if has_cap(current_user, Cap.NOMINATION_CREATE):
        return redirect(url_for("awards.unit"))
    abort(403)


@bp.route("/nhiem-vu/<int:assignment_id>")
@requires(Cap.DUTIES_VIEW_OWN)
def assignment(assignment_id):
    """Where the dashboard's button leads, by the duty's deliverable."""
    a = get_assignment_or_404(assignment_id, current_user)
    target = {"nominations": "awards.unit", "shortlist": "awards.review",
              "reward_decision": "awards.decision"}.get(a.duty.deliverable)
    if target is None:
        abort(404)
    if target == "awards.unit" and a.unit_id != current_user.unit_id:
        return redirect(url_for("awards.review"))
    return redirect(url_for(target))


# --- the nominating unit ---------------------------------------------------------------------

@bp.route("/don-vi")
@requires(Cap.NOMINATION_CREATE)
def unit():
    plan = current_plan_or_404()
    return render_template("awards/unit.html", plan=plan,
                           nominations=service.unit_nominations(plan, current_user.unit_id),
                           window=service.window_state(plan), action_form=ActionForm(formdata=None))


def _store_file(form_field, *, required: bool):
    file = form_field.data
    if not file or not getattr(file, "filename", ""):
        if required:
            raise UploadRejected("Gửi kèm báo cáo thành tích (PDF hoặc Word).", field="report")
        return None
    checked = check_upload(file, allowed=("pdf", "docx"))
    return store(checked, user=current_user)


def _year(text) -> int | None:
    text = str(text or "").strip()
    return int(text) if text.isdigit() and len(text) <= 4 else None


def _data(form) -> service.NominationData:
    return service.NominationData(
        kind=form.kind.data or "", full_name=form.full_name.data or "",
        gender=form.gender.data or "", birth_year=_year(form.birth_year.data),
        position=form.position.data or "", workplace=form.workplace.data or "",
        collective_name=form.collective_name.data or "", summary=form.summary.data or "")


def _field_error(form, exc: DomainError, default: str) -> None:
    name = exc.field if exc.field and hasattr(form, exc.field) else default
    field = getattr(form, name)
    field.errors = list(field.errors) + [exc.message]


def _save_nomination(form, nomination=None):
    """Validate, store the files, call the service. Returns (nomination, status)."""
    if not form.validate_on_submit():
        return None, 422
    try:
        # Check the window and the fields before storing any file, so that a refusal does
        # not leave files behind.
        if nomination is None or nomination.status == NS.DRAFT:
            service.require_open(nomination.plan if nomination else current_plan_or_404())
        service.validate(_data(form))
        try:
            report = _store_file(form.report, required=nomination is None)
        except UploadRejected as exc:
            exc.field = "report"
            raise
        try:
            cover = _store_file(form.cover_letter, required=False)
        except UploadRejected as exc:
            exc.field = "cover_letter"
            raise
        if nomination is None:
            nomination = service.create_nomination(_data(form), actor=current_user,
                                                   report_file=report, cover_letter_file=cover)
        else:
            service.update_nomination(nomination, _data(form), actor=current_user,
                                      expected_version=form.version.data, report_file=report,
                                      cover_letter_file=cover)
    except NotAllowed:
        abort(403)
    except StaleEdit as exc:
        _field_error(form, exc, "summary")
        return None, 409
    except DomainError as exc:
        _field_error(form, exc, "summary")
        return None, 422
    return nomination, 200


@bp.route("/de-nghi/moi", methods=["GET", "POST"])
@requires(Cap.NOMINATION_CREATE)
def new():
    plan = current_plan_or_404()
    form = NominationForm()
    status = 200
    if request.method == "POST":
        nomination, status = _save_nomination(form)
        if nomination is not None:
            toast(f"Đã lưu đề nghị “{nomination.name}”. Kiểm tra rồi bấm “Gửi” để gửi Phòng LĐTB&XH.")
            return redirect(url_for("awards.unit"))
    return render_template("awards/form.html", form=form, nomination=None, plan=plan,
                           window=service.window_state(plan)), status


@bp.route("/de-nghi/<int:nomination_id>")
@login_only
def detail(nomination_id):
    n = service.get_nomination_or_404(nomination_id, current_user)
    dups = service.duplicates(n.plan).get(n.id, []) if n.status in service.VISIBLE_TO_OTHERS else []
    return render_template("awards/detail.html", n=n, entries=history("nomination", n.id),
                           checks=service.dossier_checks(n), duplicates=dups,
                           action_form=ActionForm(formdata=None))


@bp.route("/de-nghi/<int:nomination_id>/sua", methods=["GET", "POST"])
@requires(Cap.NOMINATION_CREATE)
def edit(nomination_id):
    n = service.get_nomination_or_404(nomination_id, current_user)
    if not service.can_edit(current_user, n):
        abort(403)
    form = NominationForm(obj=n) if request.method == "GET" else NominationForm()
    status = 200
    if request.method == "POST":
        saved, status = _save_nomination(form, n)
        if saved is not None:
            toast(f"Đã lưu đề nghị “{n.name}”.")
            return redirect(url_for("awards.detail", nomination_id=n.id))
    return render_template("awards/form.html", form=form, nomination=n, plan=n.plan,
                           window=service.window_state(n.plan)), status


def _unit_action(nomination_id, action, done_message):
    n = service.get_nomination_or_404(nomination_id, current_user)
    form = ActionForm()
    if not form.validate_on_submit():
        toast("Biểu mẫu không hợp lệ, vui lòng tải lại trang.", "error")
        return redirect(url_for("awards.unit")), 422
    try:
        action(n, actor=current_user, expected_version=form.version.data)
    except NotAllowed:
        abort(403)
    except DomainError as exc:
        toast(exc.message, "error")
        status = 409 if isinstance(exc, StaleEdit) else 422
        if is_htmx():
            return render("awards/unit.html", fragment="errors/_toast_only.html", status=status)
        return render_template("awards/unit.html", plan=n.plan,
                               nominations=service.unit_nominations(n.plan, current_user.unit_id),
                               window=service.window_state(n.plan),
                               action_form=ActionForm(formdata=None)), status
    toast(done_message.format(name=n.name))
    return redirect(request.form.get("next") if request.form.get("next", "").startswith("/khen-thuong/")
                    else url_for("awards.unit"))


@bp.route("/de-nghi/<int:nomination_id>/gui", methods=["POST"])
@requires(Cap.NOMINATION_CREATE)
def submit(nomination_id):
    return _unit_action(nomination_id, service.submit, "Đã gửi đề nghị “{name}” đến Phòng LĐTB&XH.")


@bp.route("/de-nghi/<int:nomination_id>/rut", methods=["POST"])
@requires(Cap.NOMINATION_CREATE)
def withdraw(nomination_id):
    return _unit_action(nomination_id, service.withdraw, "Đã rút đề nghị “{name}”.")


@bp.route("/gui-tat-ca", methods=["POST"])
@requires(Cap.NOMINATION_CREATE)
def submit_all():
    plan = current_plan_or_404()
    form = ActionForm()
    if form.validate_on_submit():
        try:
            sent = service.submit_all(current_user.unit_id, actor=current_user, plan=plan)
        except DomainError as exc:
            toast(exc.message, "error")
            return render_template("awards/unit.html", plan=plan,
                                   nominations=service.unit_nominations(plan, current_user.unit_id),
                                   window=service.window_state(plan),
                                   action_form=ActionForm(formdata=None)), 422
        toast(f"Đã gửi {len(sent)} đề nghị đến Phòng LĐTB&XH.")
    return redirect(url_for("awards.unit"))


@bp.route("/de-nghi/<int:nomination_id>/tep/<which>")
@login_only
def file(nomination_id, which):
    n = service.get_nomination_or_404(nomination_id, current_user)
    stored = {"bao-cao": n.report_file, "to-trinh": n.cover_letter_file}.get(which)
    if stored is None:
        abort(404)
    return send(stored)


# --- shortlist and approval ------------------------------------------------------------------

def _review_context(plan, **extra):
    status = request.args.get("status", "")
    kind = request.args.get("kind", "")
    return {"plan": plan, "rows": service.review_list(plan, status, kind),
            "counters": service.counters(plan), "dups": service.duplicates(plan),
            "filter_status": status, "filter_kind": kind, "window": service.window_state(plan),
            "reopen_form": ReopenForm(formdata=None,
                                      reopened_until=service.window_state(plan).reopened_until),
            "action_form": ActionForm(formdata=None), **extra}


@bp.route("/xet-chon")
@requires(Cap.NOMINATION_VIEW_ALL)
def review():
    plan = current_plan_or_404()
    return render("awards/review.html", fragment="awards/_review_table.html",
                  oob=["awards/_counters.html"], **_review_context(plan))


def _row_answer(n, status=200, error=None):
    plan = n.plan
    context = _review_context(plan)
    if is_htmx():
        return render("awards/review.html", fragment="awards/_review_row.html",
                      oob=["awards/_counters.html"], status=status, trigger="awards-changed",
                      n=n, error=error, **context)
    if error:
        toast(error, "error")
        return render_template("awards/review.html", **context), status
    return redirect(url_for("awards.review"))


@bp.route("/de-nghi/<int:nomination_id>/xet", methods=["POST"])
@requires(Cap.NOMINATION_SHORTLIST)
def screen(nomination_id):
    n = service.get_nomination_or_404(nomination_id, current_user)
    form = ActionForm()
    if not form.validate_on_submit():
        return _row_answer(n, 422, "Biểu mẫu không hợp lệ, vui lòng tải lại trang.")
    try:
        if form.decision.data == "shortlist":
            service.shortlist(n, actor=current_user, note=form.note.data or "",
                              expected_version=form.version.data)
            toast(f"Đã chọn “{n.name}”, trình Phòng Nội vụ.")
        elif form.decision.data == "return":
            service.return_nomination(n, form.note.data or "", actor=current_user,
                                      expected_version=form.version.data)
            toast(f"Đã trả lại “{n.name}” cho {n.unit.short_name}.")
        else:
            return _row_answer(n, 422, "Chọn “Chọn trình duyệt” hoặc “Trả lại”.")
    except NotAllowed:
        abort(403)
    except StaleEdit as exc:
        return _row_answer(n, 409, exc.message)
    except DomainError as exc:
        return _row_answer(n, 422, exc.message)
    return _row_answer(n)


@bp.route("/de-nghi/<int:nomination_id>/duyet", methods=["POST"])
@requires(Cap.NOMINATION_APPROVE)
def decide(nomination_id):
    n = service.get_nomination_or_404(nomination_id, current_user)
    form = ActionForm()
    if not form.validate_on_submit():
        return _row_answer(n, 422, "Biểu mẫu không hợp lệ, vui lòng tải lại trang.")
    try:
        if form.decision.data == "approve":
            service.approve(n, form.note.data or "", actor=current_user,
                            expected_version=form.version.data)
            toast(f"Đã duyệt khen thưởng “{n.name}”.")
        elif form.decision.data == "reject":
            service.reject(n, form.note.data or "", actor=current_user,
                           expected_version=form.version.data)
            toast(f"Không duyệt “{n.name}”.")
        elif form.decision.data == "reconsider":
            service.reconsider(n, actor=current_user, expected_version=form.version.data)
            toast(f"“{n.name}” trở lại danh sách chờ duyệt.")
        else:
            return _row_answer(n, 422, "Chọn “Duyệt” hoặc “Không duyệt”.")
    except NotAllowed:
        abort(403)
    except StaleEdit as exc:
        return _row_answer(n, 409, exc.message)
    except DomainError as exc:
        return _row_answer(n, 422, exc.message)
    return _row_answer(n)


@bp.route("/mo-lai", methods=["POST"])
@requires(Cap.NOMINATION_SHORTLIST)
def reopen():
    plan = current_plan_or_404()
    form = ReopenForm()
    if form.validate_on_submit():
        try:
            service.reopen(plan, form.reopened_until.data, form.note.data or "", actor=current_user)
        except DomainError as exc:
            form.reopened_until.errors = list(form.reopened_until.errors) + [exc.message]
        else:
            toast(f"Mở lại việc nhận đề nghị đến hết ngày {form.reopened_until.data:%d/%m/%Y}."
                  if form.reopened_until.data else "Đã đóng việc nhận đề nghị theo hạn của kế hoạch.")
            return redirect(url_for("awards.review"))
    return render_template("awards/review.html", **{**_review_context(plan), "reopen_form": form}), 422


# --- the decision ----------------------------------------------------------------------------

def _awardees_context(plan):
    try:
        money = service.money_summary(plan)
    except Exception:  # noqa: BLE001 — no rules for the date: shown as a message
        money = None
    return {"plan": plan, "awardees": service.approved_nominations(plan), "money": money,
            "decision": service.get_decision(plan), "action_form": ActionForm(formdata=None),
            "counters": service.counters(plan)}


@bp.route("/danh-sach")
@requires(Cap.NOMINATION_VIEW_ALL)
def awardees():
    plan = current_plan_or_404()
    return render("awards/awardees.html", fragment="awards/_awardees_table.html",
                  **_awardees_context(plan))


@bp.route("/de-nghi/<int:nomination_id>/thu-tu", methods=["POST"])
@requires(Cap.DECISION_DRAFT)
def move(nomination_id):
    n = service.get_nomination_or_404(nomination_id, current_user)
    form = ActionForm()
    status, error = 200, None
    if form.validate_on_submit():
        try:
            service.move_in_order(n, form.decision.data or "", actor=current_user)
        except DomainError as exc:
            status, error = 422, exc.message
    else:
        status, error = 422, "Biểu mẫu không hợp lệ, vui lòng tải lại trang."
    if error:
        toast(error, "error")
    if not is_htmx():
        return redirect(url_for("awards.awardees"))
    return render("awards/awardees.html", fragment="awards/_awardees_table.html", status=status,
                  **_awardees_context(n.plan))


@bp.route("/danh-sach/xep-lai", methods=["POST"])
@requires(Cap.DECISION_DRAFT)
def reset_order():
    plan = current_plan_or_404()
    if ActionForm().validate_on_submit():
        service.reset_order(plan, actor=current_user)
        toast("Đã xếp lại theo thứ tự đơn vị của kế hoạch.")
    return redirect(url_for("awards.awardees"))


def _decision_form(plan, formdata=...):
    sources = list(plan.funding_sources)
    cls = decision_form_class(sources)
    if formdata is not ...:
        return cls(), sources
    d = service.get_decision(plan)
    data = (service.DecisionData(d.number, d.decision_date, d.legal_bases, d.proposer_line,
                                 d.signer_authority, d.signer_title, d.signer_name,
                                 d.funding_split or service.default_split(plan), d.recipients)
            if d else service.proposed_decision(plan))
    values = {"number": data.number, "decision_date": data.decision_date,
              "legal_bases": "\n".join(data.legal_bases), "proposer_line": data.proposer_line,
              "signer_authority": data.signer_authority, "signer_title": data.signer_title,
              "signer_name": data.signer_name, "recipients": "\n".join(data.recipients),
              "version": d.version if d else 0}
    for index, s in enumerate(sources):
        values[f"split_{index}"] = data.funding_split.get(s.code, 0)
    return cls(formdata=None, **values), sources


def _decision_page(plan, form, sources, status=200):
    return render_template("awards/decision.html", form=form, sources=sources,
                           proposed=service.proposed_decision(plan),
                           **_awardees_context(plan)), status


@bp.route("/quyet-dinh")
@requires(Cap.NOMINATION_VIEW_ALL)
def decision():
    plan = current_plan_or_404()
    form, sources = _decision_form(plan)
    return _decision_page(plan, form, sources)


@bp.route("/quyet-dinh", methods=["POST"])
@requires(Cap.DECISION_DRAFT)
def decision_save():
    plan = current_plan_or_404()
    form, sources = _decision_form(plan, formdata=request.form)
    if not form.validate_on_submit():
        return _decision_page(plan, form, sources, 422)
    split = {s.code: int(getattr(form, f"split_{i}").data) for i, s in enumerate(sources)}
    data = service.DecisionData(
        number=form.number.data or "", decision_date=form.decision_date.data,
        legal_bases=(form.legal_bases.data or "").splitlines(),
        proposer_line=form.proposer_line.data or "",
        signer_authority=form.signer_authority.data or "", signer_title=form.signer_title.data or "",
        signer_name=form.signer_name.data or "", funding_split=split,
        recipients=(form.recipients.data or "").splitlines())
    try:
        service.save_decision(plan, data, actor=current_user,
                              expected_version=form.version.data or None)
    except StaleEdit as exc:
        form.number.errors = list(form.number.errors) + [exc.message]
        return _decision_page(plan, form, sources, 409)
    except DomainError as exc:
        name = exc.field if exc.field and hasattr(form, exc.field) else "number"
        if name == "funding_split":
            name = "split_0" if sources else "number"
        getattr(form, name).errors = list(getattr(form, name).errors) + [exc.message]
        return _decision_page(plan, form, sources, 422)
    toast("Đã lưu quyết định. Xem trước rồi tải về để trình ký.")
    return redirect(url_for("awards.preview"))


@bp.route("/quyet-dinh/xem-truoc")
@requires(Cap.NOMINATION_VIEW_ALL)
def preview():
    plan = current_plan_or_404()
    try:
        context = documents.decision_context(plan)
    except DomainError as exc:
        toast(exc.message, "error")
        return redirect(url_for("awards.decision"))
    return render_template("awards/preview.html", doc=context, plan=plan,
                           decision=service.get_decision(plan))


@bp.route("/quyet-dinh/tai-ve/<what>")
@requires(Cap.NOMINATION_VIEW_ALL)
def download(what):
    plan = current_plan_or_404()
    if what not in ("quyet-dinh", "giay-khen", "danh-sach"):
        abort(404)
    try:
        if what == "quyet-dinh":
            content, name = documents.decision_docx(plan)
        elif what == "giay-khen":
            content, name = documents.certificates_docx(plan)
        else:
            content, name = documents.awardees_xlsx(plan)
    except DomainError as exc:
        toast(exc.message, "error")
        return redirect(url_for("awards.decision"))
    mimetype = XLSX_MIMETYPE if name.endswith(".xlsx") else DOCX_MIMETYPE
    from urllib.parse import quote
    return Response(content, mimetype=mimetype, headers={
        "Content-Disposition": f"attachment; filename=\"{_ascii(name)}\"; "
                               f"filename*=UTF-8''{quote(name)}"})


def _ascii(name: str) -> str:
    import unicodedata
    return (unicodedata.normalize("NFKD", name.replace("Đ", "D").replace("đ", "d"))
            .encode("ascii", "ignore").decode())
