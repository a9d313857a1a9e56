"""The register page (sổ đăng ký văn bản đi) and its Excel export, the units' Văn bản đến,
and Kiểm tra chữ ký số."""
from flask import abort, render_template, request
from flask_login import current_user

from ..core import clock
from ..core.database import checkpoint
from ..core.errors import DomainError
from ..core.htmx import form_error
from ..core.permissions import Cap, requires
from ..documents.service import send_document
from ..uploads.service import UploadRejected, check_upload
from . import export, policy, queries, register, verify
from .forms import VerifyForm
from .views import bp


def _filters():
    bodies = policy.clerk_bodies(current_user)
    if not bodies:
        abort(403)
    codes = [b.code for b in bodies]
    issuer = request.args.get("co_quan") if request.args.get("co_quan") in codes else codes[0]
    body = register.body(issuer)
    try:
        year = int(request.args.get("nam") or clock.today().year)
    except ValueError:
        year = clock.today().year
    reg = request.args.get("so", "")
    if reg not in {r.code for r in body.registers}:
        reg = ""
    doc_type = request.args.get("loai", "")
    if doc_type not in register.TYPES():
        doc_type = ""
    f = register.RegisterFilter(issuer, year, reg, doc_type, (request.args.get("tim") or "")[:100])
    return bodies, body, f


@bp.route("/so-van-ban-di")
@requires(Cap.PAPER_REGISTER)
def register_page():
    bodies, body, f = _filters()
    return render_template("issuing/register.html", bodies=bodies, body=body, f=f,
                           entries=register.entries(f), years=register.years(body.code),
                           types=register.TYPES(), query=request.args.to_dict())


@bp.route("/so-van-ban-di.xlsx")
@requires(Cap.PAPER_REGISTER)
def register_xlsx():
    _bodies, body, f = _filters()
    data = export.register_workbook(body, f, register.entries(f))
    # the body's suffix has Vietnamese letters (LĐTBXH): send_document encodes the name
    return send_document(data, f"Sổ văn bản đi {body.suffix} {f.year}.xlsx")


@bp.route("/van-ban-den")
@requires(Cap.PAPER_INBOX)
def inbox():
    return render_template("issuing/inbox.html", items=queries.inbox(current_user.unit_id))


@bp.route("/kiem-tra-chu-ky", methods=["GET", "POST"], endpoint="verify")
@requires(Cap.SIGNATURE_CHECK)
def verify_page():
    form = VerifyForm()
    reports, status, checked_name = None, 200, ""
    if request.method == "POST":
        status = 422
        if form.validate_on_submit():
            try:
                checked = check_upload(form.file.data, allowed=("pdf",))
                checkpoint()  # nothing is written: no transaction while validating
                reports = verify.check(checked.data)
                checked_name, status = checked.original_name, 200
            except (UploadRejected, DomainError) as exc:
                status = form_error(form, exc, "file")
    return render_template("issuing/verify.html", form=form, reports=reports,
                           checked_name=checked_name,
                           roots=[r.subject.human_friendly for r in verify.trust_roots()]), status

