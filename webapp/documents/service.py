"""All docxtpl use goes through here: render a .docx template, convert to PDF.

- render(..., autoescape=True): without it "&" or "<" in a name silently breaks the XML and
  deletes the rest of a table.
- A sandboxed Jinja environment: templates are files a clerk may edit.
- Control, bidi-override and non-characters are stripped (webapp.core.text.strip_controls):
  most are invalid in XML, the rest disguise what a paper says.
- PDF through LibreOffice with its own profile per call and a timeout. Never call either
  inside a write transaction: views render after the service has flushed and committed.
"""
import io
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path
from urllib.parse import quote

from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from ..core import formatting
from ..core.text import strip_controls

TEMPLATE_DIR = Path(__file__).parent / "templates"
DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIMETYPES = {"docx": DOCX_MIMETYPE, "xlsx": XLSX_MIMETYPE, "pdf": "application/pdf",
             "zip": "application/zip"}
# "2021-2025": a year range never breaks across lines (non-breaking hyphen U+2011).
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)-((?:19|20)\d\d)\b")


class DocumentError(RuntimeError):
    pass


def clean(value):
    """NFC text without control, bidi-override and non-characters (U+FFFE, U+FFFF are invalid
    in XML), year ranges unbroken, recursively through the context; tabs and newlines stay."""
    if isinstance(value, str):
        return _YEAR_RANGE.sub("\\1\u2011\\2", strip_controls(unicodedata.normalize("NFC", value)))
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment()
    env.filters["money"] = formatting.money
    env.filters["ddmmyyyy"] = formatting.ddmmyyyy
    env.filters["number"] = formatting.number
    return env


def template_path(name: str) -> Path:
    path = TEMPLATE_DIR / name
    if not path.is_file():
        raise DocumentError(f"Không có mẫu văn bản {name}")
    return path


def render(template_name: str, context: dict, *, title: str | None = None,
           author: str | None = None) -> bytes:
    """Fill the template `template_name` (a file of documents/templates) and return the .docx,
    with its core properties: `title` (else the context's "doc_title", else the template's
    from the registry), `author` = the issuing body (else the context's "doc_author", else the
    current plan's issuer), created = now."""
    tpl = DocxTemplate(template_path(template_name))
    tpl.render(clean(context), jinja_env=_environment(), autoescape=True)
    set_properties(tpl.docx,
                   title=title or context.get("doc_title") or default_title(template_name),
                   author=author or context.get("doc_author") or default_author())
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def set_properties(doc, *, title: str, author: str) -> None:
    """What Word shows under File > Info: the document's title, the body that issues it, and
    when it was generated (the app's clock); nothing of the tool that made it."""
    from ..core import clock
    now = clock.now().replace(microsecond=0)
    props = doc.core_properties
    props.title = clean(title)
    props.author = props.last_modified_by = clean(author)
    props.comments = props.keywords = props.subject = props.category = ""
    props.language = "vi-VN"
    props.created = props.modified = now
    props.revision = 1


def default_title(template_name: str) -> str:
    from .registry import TITLES
    return TITLES.get(template_name, "")


def default_author() -> str:
    from ..plan.loader import current_plan
    plan = current_plan()
    return plan.issuer if plan else ""


def soffice_available(binary: str | None = None) -> bool:
    return shutil.which(binary or _soffice_settings()[0]) is not None


def _soffice_settings() -> tuple[str, int]:
    """SOFFICE_BINARY and SOFFICE_TIMEOUT_S of the app's configuration (defaults outside)."""
    from flask import current_app, has_app_context
    if not has_app_context():
        return "soffice", 60
    return (current_app.config.get("SOFFICE_BINARY") or "soffice",
            int(current_app.config.get("SOFFICE_TIMEOUT_S") or 60))


def to_pdf(docx: bytes, *, binary: str | None = None, timeout: int | None = None) -> bytes:
    """Convert with LibreOffice in a throwaway profile (parallel calls do not share one), with
    the configured binary and timeout (SOFFICE_BINARY, SOFFICE_TIMEOUT_S) unless given."""
    configured_binary, configured_timeout = _soffice_settings()
    binary = binary or configured_binary
    timeout = timeout or configured_timeout
    if not soffice_available(binary):
        raise DocumentError("LibreOffice (soffice) chưa được cài trên máy chủ.")
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        source = tmpdir / "document.docx"
        source.write_bytes(docx)
        profile = (tmpdir / "profile").as_uri()
        try:
            subprocess.run([binary, f"-env:UserInstallation={profile}", "--headless",
                            "--convert-to", "pdf", "--outdir", str(tmpdir), str(source)],
                           check=True, timeout=timeout, capture_output=True)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise DocumentError("Không chuyển được văn bản sang PDF.") from exc
        pdf = tmpdir / "document.pdf"
        if not pdf.exists():
            raise DocumentError("Không chuyển được văn bản sang PDF.")
        return pdf.read_bytes()


def send_document(content, filename: str):
    """The one way a generated file leaves the app. `content` is the bytes, or a function that
    makes them: it is called after the request's transaction has ended (committed as the
    request boundary would), so rendering and PDF conversion hold no database lock.
    `filename` keeps its Vietnamese letters (RFC 5987 with an ASCII fallback, by Werkzeug)."""
    from flask import send_file
    from ..core.database import end_transaction
    end_transaction()
    data = content() if callable(content) else content
    name = download_name(*filename.rsplit(".", 1)) if "." in filename else download_name(filename)
    extension = name.rsplit(".", 1)[1].lower()
    response = send_file(io.BytesIO(data), as_attachment=True, download_name=name,
                         mimetype=MIMETYPES.get(extension, "application/octet-stream"))
    return name_download(response, name)


def ascii_name(name: str) -> str:
    """The ASCII fallback of a Vietnamese file name, for clients that ignore RFC 5987:
    "Đề nghị khen thưởng.docx" -> "De nghi khen thuong.docx" ("đ" has no decomposition, so
    it is written "d" before the accents are stripped)."""
    name = name.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")


def name_download(response, name: str, *, inline: bool = False):
    """The Content-Disposition of a file sent out: `name` as it is (RFC 5987, UTF-8) with its
    ASCII fallback for old clients (Werkzeug's own fallback drops "đ")."""
    disposition = "inline" if inline else "attachment"
    if name.isascii():
        response.headers.set("Content-Disposition", disposition, filename=name)
    else:
        response.headers.set("Content-Disposition", disposition, filename=ascii_name(name),
                             **{"filename*": "UTF-8''" + quote(name, safe="!#$&+-.^_`|~")})
    return response


def download_name(base: str, extension: str = "docx") -> str:
    """A file name with no characters that break a Content-Disposition header or a path."""
    safe = re.sub(r"[\\/:*?\"<>|\r\n]+", "-", base).strip(" .-") or "van-ban"
    return f"{safe}.{extension}"
