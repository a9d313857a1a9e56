"""Phòng Nội vụ drafts the decision and its papers (Tờ trình, biên bản); everyone who follows
the rewards previews and downloads them. Files leave through `send_document`."""
from flask import redirect, render_template, url_for
from flask_login import current_user

from ..core.errors import DomainError, NotFound
from ..core.htmx import form_error, toast
from ..core.permissions import Cap, requires
from ..documents.service import send_document
from ..plan.loader import current_plan_or_404
from . import decision, documents, papers, papers_docs, queries, unit_forms
from .forms import ProposalForm, decision_form_class, meeting_form_class
from .views import bp


# --- the decision ----------------------------------------------------------------------------

def _decision_form(plan, formdata=True):
    sources = list(plan.funding_sources)
    cls = decision_form_class(sources)
    if formdata:
        return cls(), sources
    data = decision.current_decision_data(plan)
    d = queries.get_decision(plan)
    values = {"decision_date": data.decision_date,
              "legal_bases": "\n".join(data.legal_bases),
              "signer_authority": data.signer_authority, "signer_title": data.signer_title,
              "signer_name": data.signer_name, "recipients": "\n".join(data.recipients),
              "version": d.version if d else ""}
    split = data.funding_split or decision.default_split(plan)
    for index, s in enumerate(sources):
        values[f"split_{index}"] = split.get(s.code, 0)
    return cls(formdata=None, **values), sources


def _decision_page(plan, form, sources, status=200):
    on = form.decision_date.data or decision.decision_date_of(plan)
    d = queries.get_decision(plan)
    return render_template("awards/decision.html", form=form, sources=sources,
                           proposed_bases=decision.legal_bases_on(plan, on),
                           proposer_line=documents.proposer_line(plan),
                           money=decision.money_summary_or_none(plan), decision=d,
                           issued=decision.is_issued(d), plan=plan), status


@bp.route("/quyet-dinh", endpoint="decision")
@requires(Cap.NOMINATION_VIEW_ALL)
def decision_page():
    plan = current_plan_or_404()
    form, sources = _decision_form(plan, formdata=False)
    return _decision_page(plan, form, sources)


@bp.route("/quyet-dinh", methods=["POST"])
@requires(Cap.DECISION_DRAFT)
def decision_save():
    plan = current_plan_or_404()
    form, sources = _decision_form(plan)
    if not form.validate_on_submit():
        return _decision_page(plan, form, sources, 422)
    data = decision.DecisionData(  # no number: a typed one is ignored, the register gives it
        number="", decision_date=form.decision_date.data,
        legal_bases=(form.legal_bases.data or "").splitlines(), proposer_line="",
        signer_authority=form.signer_authority.data or "", signer_title=form.signer_title.data or "",
        signer_name=form.signer_name.data or "",
        funding_split={s.code: int(form[f"split_{i}"].data) for i, s in enumerate(sources)},
        recipients=(form.recipients.data or "").splitlines())
    try:
        decision.save_decision(plan, data, actor=current_user, expected_version=form.version.data)
    except DomainError as exc:
        if exc.field == "funding_split" and sources:
            exc.field = "split_0"
        return _decision_page(plan, form, sources, form_error(form, exc, "decision_date"))
    toast("Đã lưu quyết định. Xem trước rồi tải về để trình ký.")
    return redirect(url_for("awards.preview"))


@bp.route("/quyet-dinh/xem-truoc")
@requires(Cap.NOMINATION_VIEW_ALL)
def preview():
    plan = current_plan_or_404()
    return render_template("awards/preview.html", doc=documents.decision_context(plan), plan=plan,
                           decision=queries.get_decision(plan))


DOWNLOADS = {
    "quyet-dinh": documents.decision_file,
    "giay-khen": documents.certificates_file,
    "danh-sach": documents.awardees_file,
    "to-trinh": papers_docs.proposal_file,
    "bien-ban": papers_docs.minutes_file,
    "ky-nhan": papers_docs.receipt_file,
}


@bp.route("/quyet-dinh/tai-ve/<what>")
@requires(Cap.NOMINATION_VIEW_ALL)
def download(what):
    plan = current_plan_or_404()
    if what not in DOWNLOADS:
        raise NotFound("Không có văn bản này.")
    make, filename = DOWNLOADS[what](plan)   # checks and reads now; renders after the commit
    return send_document(make, filename)


# --- the Tờ trình and the biên bản -----------------------------------------------------------

def _proposal_form(plan, formdata=True):
    if formdata:
        return ProposalForm()
    p = papers.get_proposal(plan)
    if p is None:
        return ProposalForm(formdata=None, proposal_date=decision.decision_date_of(plan))
    return ProposalForm(formdata=None, obj=p, version=p.version)


def _meeting_form(plan, formdata=True):
    nominees = queries.put_to_the_meeting(plan)
    cls = meeting_form_class(nominees)
    if formdata:
        return cls(), nominees
    m = papers.get_meeting(plan)
    if m is None:
        return cls(formdata=None, body=papers.DEFAULT_BODY), nominees
    values = {"body": m.body, "held_at": m.held_at, "ended_at": m.ended_at,
              "place": m.place, "chair": papers.person_text(m.chair),
              "secretary": papers.person_text(m.secretary),
              "attendees": "\n".join(papers.person_text(p) for p in m.attendees),
              "members_total": m.members_total, "members_present": m.members_present,
              "conclusion": m.conclusion, "version": m.version}
    for n in nominees:
        values[f"votes_{n.id}"] = (m.votes or {}).get(str(n.id))
    return cls(formdata=None, **values), nominees


def _papers_page(plan, *, proposal_form=None, meeting_form=None, nominees=None, status=200):
    if meeting_form is None:
        meeting_form, nominees = _meeting_form(plan, formdata=False)
    return render_template("awards/papers.html", plan=plan,
                           proposal_form=proposal_form or _proposal_form(plan, formdata=False),
                           meeting_form=meeting_form, nominees=nominees,
                           proposal=papers.get_proposal(plan), meeting=papers.get_meeting(plan)), status


@bp.route("/van-ban", endpoint="papers")
@requires(Cap.NOMINATION_VIEW_ALL)
def papers_page():
    return _papers_page(current_plan_or_404())


@bp.route("/van-ban/to-trinh", methods=["POST"])
@requires(Cap.DECISION_DRAFT)
def proposal_save():
    plan = current_plan_or_404()
    form = _proposal_form(plan)
    if not form.validate_on_submit():
        return _papers_page(plan, proposal_form=form, status=422)
    try:
        papers.save_proposal(plan, proposal_date=form.proposal_date.data,
                             signer_title=form.signer_title.data or "",
                             signer_name=form.signer_name.data or "", actor=current_user,
                             expected_version=form.version.data)
    except DomainError as exc:
        return _papers_page(plan, proposal_form=form,
                            status=form_error(form, exc, "proposal_date"))
    toast("Đã lưu tờ trình đề nghị khen thưởng.")
    return redirect(url_for("awards.papers"))


@bp.route("/van-ban/bien-ban", methods=["POST"])
@requires(Cap.DECISION_DRAFT)
def meeting_save():
    plan = current_plan_or_404()
    form, nominees = _meeting_form(plan)
    if not form.validate_on_submit():
        return _papers_page(plan, meeting_form=form, nominees=nominees, status=422)
    data = papers.MeetingData(
        body=form.body.data or "", held_at=form.held_at.data,
        ended_at=form.ended_at.data, place=form.place.data or "", chair=form.chair.data or "",
        secretary=form.secretary.data or "",
        attendees=(form.attendees.data or "").splitlines(),
        members_total=form.members_total.data, members_present=form.members_present.data,
        votes={n.id: form[f"votes_{n.id}"].data for n in nominees},
        conclusion=form.conclusion.data or "")
    try:
        papers.save_meeting(plan, data, actor=current_user, expected_version=form.version.data)
    except DomainError as exc:
        return _papers_page(plan, meeting_form=form, nominees=nominees,
                            status=form_error(form, exc, "held_at"))
    toast("Đã lưu biên bản họp xét khen thưởng.")
    return redirect(url_for("awards.papers") + "#bien-ban")


# --- forms the units fill --------------------------------------------------------------------

@bp.route("/mau-bao-cao-thanh-tich/<kind>")
@requires(Cap.NOMINATION_CREATE)
def report_form(kind):
    plan = current_plan_or_404()
    if kind not in ("tap-the", "ca-nhan"):
        raise NotFound("Không có mẫu này.")
    make, filename = unit_forms.achievement_form_file(
        plan, "collective" if kind == "tap-the" else "individual", current_user.unit)
    return send_document(make, filename)
