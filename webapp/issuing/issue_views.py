"""Number, render, sign and issue a paper; its files.

Numbers survive a failed conversion: the allocation is committed before LibreOffice runs
(outside any transaction), then the files are stored in a second, short write. Signing also
runs outside the transaction, on bytes read before it ends; the passphrase lives only in the
request's local variables."""
from functools import partial
from types import SimpleNamespace

from flask import Response, abort
from flask_login import current_user

from ..core.database import checkpoint
from ..core.errors import DomainError
from ..core.htmx import form_error
from ..core.permissions import Cap, requires, requires_any
from ..documents.service import DocumentError, name_download
from ..uploads.service import UploadRejected, check_upload, path_of, send
from . import papers, policy, queries, render as paper_render, signing
from .forms import PassphraseForm, RouteForm, ScanForm
from .views import bp, button, done, form_step, get_paper_or_404, paper_page

KEY_FIELDS = ("backend", "pkcs12_path", "image_path", "pkcs11_module", "pkcs11_token",
              "pkcs11_key_label", "pkcs11_cert_label", "holder_name")


def _key_copy(key) -> SimpleNamespace:
    """The key's configuration as plain data, readable after the transaction ended."""
    return SimpleNamespace(**{name: getattr(key, name) for name in KEY_FIELDS})


def _produce_files(paper_id: int) -> str:
    """Render the final .docx and its PDF outside any transaction, then store them; returns
    the Vietnamese error message, "" when done."""
    paper = get_paper_or_404(paper_id)
    job = paper_render.final_job(paper)
    checkpoint()   # LibreOffice runs outside any transaction
    try:
        docx = job.docx()
        pdf = paper_render.pdf_of(docx)
    except DocumentError as exc:
        message = (f"Chưa tạo được bản PDF: {exc} Số đã cấp vẫn được giữ; nhờ quản trị kiểm "
                   "tra LibreOffice rồi bấm “Tạo lại bản phát hành”.")
        paper = get_paper_or_404(paper_id, lock=True)
        papers.note_render_error(paper, message)
        return message
    paper = get_paper_or_404(paper_id, lock=True)
    papers.attach_final(paper, docx, pdf, actor=current_user)
    return ""


@bp.route("/van-ban/<int:paper_id>/cap-so", methods=["POST"])
@requires(Cap.PAPER_REGISTER)
def number(paper_id):
    paper, form = button(paper_id, lock=True)
    entry = papers.allocate_number(paper, actor=current_user, expected_version=form.version.data)
    number_text = entry.number_text
    checkpoint()   # the number is kept whatever happens to the conversion
    paper = get_paper_or_404(paper_id)
    if paper.route != "digital":
        return done(paper, f"Đã cấp số {number_text}; tải lên bản giấy đã ký, đóng dấu.")
    error = _produce_files(paper_id)
    if error:
        return done(paper, f"Đã cấp số {number_text}. {error}")
    return done(paper, f"Đã cấp số {number_text} và tạo bản phát hành; người ký đã được báo.")


@bp.route("/van-ban/<int:paper_id>/tao-ban-phat-hanh", methods=["POST"])
@requires(Cap.PAPER_REGISTER)
def render_final(paper_id):
    paper, _form = button(paper_id, policy.can_render)
    error = _produce_files(paper_id)
    return done(paper, error or "Đã tạo bản phát hành (.docx và PDF).")


@bp.route("/van-ban/<int:paper_id>/cach-phat-hanh", methods=["POST"])
@requires_any(Cap.PAPER_DRAFT, Cap.PAPER_REGISTER)
def route(paper_id):
    return form_step(paper_id, RouteForm, "route_form", "route", lambda paper, form:
                     papers.choose_route(paper, form.route.data, actor=current_user,
                                         expected_version=form.version.data),
                     "Đã chọn cách phát hành.")


def _signing_step(paper_id: int, form_name: str, may, signer, finish):
    """A step that signs with a key's passphrase (the signer's own, or the body's seal): the
    passphrase form checked (422 in place), the step allowed to this user (403);
    `signer(paper)` reads the key and the file now and returns the signing of a passphrase,
    which runs outside any transaction (a wrong passphrase is said on its field); then
    `finish(paper, signed bytes, expected_version)` records it on the paper, locked again."""
    paper = get_paper_or_404(paper_id)
    form = PassphraseForm()
    if not form.validate_on_submit():
        return paper_page(paper, 422, **{form_name: form})
    if not may(current_user, paper):
        abort(403)
    sign_with = signer(paper)
    passphrase, form.passphrase.data = form.passphrase.data or "", None
    checkpoint()   # signing holds no lock
    try:
        signed = sign_with(passphrase)
    except DomainError as exc:
        status = form_error(form, exc, "passphrase")
        return paper_page(get_paper_or_404(paper_id), status, **{form_name: form})
    finally:
        del passphrase
    return finish(get_paper_or_404(paper_id, lock=True), signed, form.version.data)


@bp.route("/van-ban/<int:paper_id>/ky-so", methods=["POST"])
@requires(Cap.PAPER_SIGN)
def sign(paper_id):
    def signer(paper):
        return partial(signing.sign_as_person, path_of(paper.pdf_file).read_bytes(),
                       _key_copy(policy.person_key(current_user)),
                       title=paper.signer_title, name=paper.signer_name)

    def finish(paper, signed, version):
        papers.signed_by_signer(paper, signed, actor=current_user, expected_version=version)
        return done(paper, "Đã ký số; văn thư đã được báo để phát hành.")

    return _signing_step(paper_id, "sign_form", policy.can_sign, signer, finish)


@bp.route("/van-ban/<int:paper_id>/phat-hanh", methods=["POST"])
@requires(Cap.PAPER_REGISTER)
def issue(paper_id):
    """The văn thư signs with the body's key (the seal) and issues."""
    def signer(paper):
        body_key, body_name = policy.body_key(paper.issuer), queries.body_of(paper).name
        if body_key is None:
            raise DomainError(f"Chưa khai báo khóa ký số của {body_name}; nhờ quản trị khai báo "
                              "(flask signing add-key).")
        return partial(signing.sign_as_body, path_of(paper.signed_file).read_bytes(),
                       _key_copy(body_key), title=paper.signer_title, name=paper.signer_name,
                       body_name=body_name)

    def finish(paper, issued, version):
        papers.issue(paper, issued, actor=current_user, expected_version=version)
        return done(paper, f"Đã phát hành văn bản số {paper.number_text}; các đơn vị nhận đã "
                           "được báo.")

    return _signing_step(paper_id, "issue_form", policy.can_issue, signer, finish)


@bp.route("/van-ban/<int:paper_id>/ban-giay", methods=["POST"])
@requires_any(Cap.PAPER_DRAFT, Cap.PAPER_REGISTER)
def scan(paper_id):
    """The paper path: the signed, stamped original, scanned, checked like every upload."""
    paper = get_paper_or_404(paper_id, lock=True)
    form = ScanForm()
    if not form.validate_on_submit():
        return paper_page(paper, 422, scan_form=form)
    try:
        checked = check_upload(form.file.data, allowed=("pdf",))
    except UploadRejected as exc:
        return paper_page(paper, form_error(form, exc, "file"), scan_form=form)
    papers.issue(paper, checked.data, actor=current_user, expected_version=form.version.data,
                 scan=True)
    return done(paper, f"Đã phát hành văn bản số {paper.number_text} (bản giấy đã ký, đóng dấu).")


FILES = {"du-thao": "draft_file", "docx": "final_docx", "pdf": "pdf_file",
         "da-ky": "signed_file", "phat-hanh": "issued_file"}


@bp.route("/van-ban/<int:paper_id>/tep/<which>")
@requires(Cap.PAPER_INBOX)
def file(paper_id, which):
    paper = get_paper_or_404(paper_id)
    if which not in FILES:
        abort(404)
    stored = getattr(paper, FILES[which])
    if stored is None:
        abort(404)
    # A recipient receives the issued paper, not the drafts before it.
    if not policy.FILE_RULES[which](current_user, paper):
        abort(403)
    return send(stored)


@bp.route("/van-ban/<int:paper_id>/ban-xem.pdf")
@requires_any(Cap.PAPER_DRAFT, Cap.PAPER_APPROVE, Cap.PAPER_REGISTER, Cap.PAPER_SIGN)
def preview_pdf(paper_id):
    """The draft as a PDF for reading (converted on request; nothing is stored)."""
    paper = get_paper_or_404(paper_id)
    if not policy.can_read_drafts(current_user, paper):
        abort(403)
    stored = paper.pdf_file or paper.draft_file
    if stored is None:
        abort(404)
    data, is_pdf = path_of(stored).read_bytes(), stored.kind == "pdf"
    checkpoint()   # LibreOffice runs outside any transaction
    if not is_pdf:
        try:
            data = paper_render.pdf_of(data)
        except DocumentError as exc:
            raise DomainError(f"Chưa xem được bản PDF: {exc} Tải bản .docx để đọc.") from None
    return name_download(Response(data, mimetype="application/pdf"), f"van-ban-{paper_id}.pdf",
                         inline=True)
