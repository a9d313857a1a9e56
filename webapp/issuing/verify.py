"""Kiểm tra chữ ký: every signature of a PDF, who signed, when, whether the document was
changed after signing, and whether the signer is trusted against the configured trust roots
(the PEM/DER certificates in <SIGNING_DIR>/trust/)."""
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from asn1crypto import pem, x509
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko_certvalidator import ValidationContext

from ..core.errors import DomainError
from .signing import VN_TIME, outside_event_loop, trust_dir

TRUST_SUFFIXES = (".pem", ".crt", ".cer", ".der")


def trust_roots() -> list[x509.Certificate]:
    roots = []
    folder = trust_dir()
    if not folder.is_dir():
        return roots
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in TRUST_SUFFIXES:
            continue
        data = path.read_bytes()
        if pem.detect(data):
            roots += [x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]
        else:
            roots.append(x509.Certificate.load(data))
    return roots


@dataclass
class SignatureReport:
    field: str
    signer: str                 # common name
    organisation: str
    subject: str
    signed_at: datetime | None  # as the signer's system reported it (+07:00 shown)
    intact: bool                # the signed bytes are unchanged
    modified_after: bool        # changes after signing beyond later signatures/form filling
    trusted: bool
    timestamped: bool
    problem: str                # Vietnamese, "" when all is well

    @property
    def signed_at_text(self) -> str:
        return self.signed_at.astimezone(VN_TIME).isoformat() if self.signed_at else "—"

    @property
    def ok(self) -> bool:
        return self.intact and not self.modified_after and self.trusted


def _name_part(name: x509.Name, key: str) -> str:
    return str(name.native.get(key, "") or "")


def check(pdf: bytes) -> list[SignatureReport]:
    """Each embedded signature, in signing order. Raises DomainError for a file that is not a
    readable PDF."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfReadError, ValueError, KeyError):
        raise DomainError("Không đọc được tệp PDF này (tệp hỏng hoặc không đúng định dạng).",
                          field="file") from None
    context = ValidationContext(trust_roots=trust_roots(), allow_fetching=False)
    reports = []
    for sig in embedded:
        cert = sig.signer_cert
        subject = cert.subject
        try:
            status = outside_event_loop(lambda: validate_pdf_signature(sig, context))
        except SignatureValidationError as exc:
            reports.append(SignatureReport(sig.field_name, _name_part(subject, "common_name"),
                                           _name_part(subject, "organization_name"),
                                           subject.human_friendly, sig.self_reported_timestamp,
                                           False, True, False, False,
                                           f"Chữ ký không kiểm tra được: {exc.failure_message}"))
            continue
        level = status.modification_level
        modified = not status.intact or level is None or level > ModificationLevel.FORM_FILLING
        problems = []
        if not status.intact or not status.valid:
            problems.append("nội dung đã ký bị thay đổi hoặc chữ ký không hợp lệ")
        elif modified:
            problems.append("tệp đã bị sửa sau khi ký")
        if not status.trusted:
            problems.append("chứng thư số không thuộc tổ chức chứng thực được tin cậy")
        reports.append(SignatureReport(
            sig.field_name, _name_part(subject, "common_name"),
            _name_part(subject, "organization_name"), subject.human_friendly,
            status.signer_reported_dt, bool(status.intact and status.valid), modified,
            bool(status.trusted), status.timestamp_validity is not None,
            "; ".join(problems).capitalize()))
    return reports


def check_file(path: Path) -> list[SignatureReport]:
    return check(path.read_bytes())
