"""Checking and storing uploaded files.

Checks, before anything is written: a plain file name (no path parts), the size limit, the
type by content (magic bytes; the extension must agree), and for Office files (zip archives)
the entry count, unpacked size and compression ratio before any parser opens them, and no
macros. Files are stored under UPLOAD_FOLDER with a generated name; the original Vietnamese
name is kept in the database for the download.
"""
import hashlib
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from flask import current_app, send_file

from ..core import clock
from ..core.errors import DomainError
from ..core.text import strip_controls
from ..documents.service import name_download
from ..extensions import db
from .models import StoredFile

MIMETYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
LABELS = {"pdf": "PDF", "docx": "Word (.docx)", "xlsx": "Excel (.xlsx)"}
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_UNPACKED = 100 * 1024 * 1024
ZIP_MAX_RATIO = 100
OFFICE_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


class UploadRejected(DomainError):
    pass


@dataclass
class CheckedUpload:
    original_name: str
    kind: str
    data: bytes


def _clean_name(filename: str | None) -> str:
    # No control, bidi-override or non-character in a stored name: "U+202E" would show
    # "Báo cáo‮fdp.exe" as "Báo cáoexe.pdf" on every page and in the download.
    name = strip_controls(unicodedata.normalize("NFC", filename or ""),
                          keep_tab_newline=False).strip()
    if not name:
        raise UploadRejected("Chưa chọn tệp.")
    if "/" in name or "\\" in name or name in (".", ".."):
        raise UploadRejected("Tên tệp không hợp lệ (có chứa đường dẫn). Đổi tên tệp rồi gửi lại.")
    if len(name) > 200:
        raise UploadRejected("Tên tệp quá dài (tối đa 200 ký tự).")
    return name


def check_zip(data: bytes, kind: str) -> None:
    """An Office file is a zip archive: refuse it before any parser opens it when it is not
    one, has too many entries, or unpacks too large or too far (a zip bomb)."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile:
        raise UploadRejected(f"Tệp không phải tệp {LABELS[kind]} hợp lệ.") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > ZIP_MAX_ENTRIES:
            raise UploadRejected("Tệp có cấu trúc bất thường (quá nhiều thành phần); không nhận.")
        unpacked = sum(e.file_size for e in entries)
        packed = max(1, sum(e.compress_size for e in entries))
        if unpacked > ZIP_MAX_UNPACKED or unpacked / packed > ZIP_MAX_RATIO:
            raise UploadRejected("Tệp có dung lượng giải nén bất thường (nghi là tệp nén độc hại); "
                                 "không nhận.")
        names = {e.filename for e in entries}
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            raise UploadRejected("Tệp có chứa macro; chỉ nhận tệp không có macro.")
        if "[Content_Types].xml" not in names or OFFICE_MAIN_PART[kind] not in names:
            raise UploadRejected(f"Tệp không phải tệp {LABELS[kind]} hợp lệ.")
        content_types = archive.read("[Content_Types].xml")
        if b"macroEnabled" in content_types or b"vbaProject" in content_types:
            raise UploadRejected("Tệp có chứa macro; chỉ nhận tệp không có macro.")


def detect_kind(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        for kind, part in OFFICE_MAIN_PART.items():
            if part in names:
                return kind
    return None


def check_upload(file_storage, allowed: tuple[str, ...] = ("pdf", "docx"),
                 max_bytes: int | None = None) -> CheckedUpload:
    """Read and check an uploaded file; raises UploadRejected with a Vietnamese message."""
    if file_storage is None:
        raise UploadRejected("Chưa chọn tệp.")
    name = _clean_name(file_storage.filename)
    limit = max_bytes or current_app.config["MAX_UPLOAD_BYTES"]
    data = file_storage.read(limit + 1)
    if len(data) > limit:
        raise UploadRejected(f"Tệp vượt quá dung lượng cho phép ({limit // (1024 * 1024)} MB).")
    if not data:
        raise UploadRejected("Tệp rỗng.")
    allowed_text = ", ".join(LABELS[k] for k in allowed)
    kind = detect_kind(data)
    extension = Path(name).suffix.lower().lstrip(".")
    if kind is None or kind not in allowed:
        raise UploadRejected(f"Chỉ nhận tệp {allowed_text}; nội dung tệp này không đúng loại.")
    if extension != kind:
        raise UploadRejected(f"Phần mở rộng “.{extension}” không khớp nội dung tệp ({LABELS[kind]}).")
    if kind in OFFICE_MAIN_PART:
        check_zip(data, kind)
    return CheckedUpload(name, kind, data)


def store(checked: CheckedUpload, *, user=None, unit_id: int | None = None) -> StoredFile:
    now = clock.now()
    stored_name = f"{now:%Y/%m}/{uuid.uuid4().hex}"
    path = Path(current_app.config["UPLOAD_FOLDER"]) / stored_name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(checked.data)
    record = StoredFile(original_name=checked.original_name, stored_name=stored_name,
                        kind=checked.kind, mimetype=MIMETYPES[checked.kind],
                        size=len(checked.data), sha256=hashlib.sha256(checked.data).hexdigest(),
                        uploaded_by_id=getattr(user, "id", None),
                        unit_id=unit_id if unit_id is not None else getattr(user, "unit_id", None),
                        uploaded_at=now)
    db.session.add(record)
    db.session.flush()
    return record


def path_of(stored: StoredFile) -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / stored.stored_name


def send(stored: StoredFile):
    """The file as a download with its original (Vietnamese) name."""
    return name_download(send_file(path_of(stored), mimetype=stored.mimetype, as_attachment=True,
                                   download_name=stored.original_name, max_age=0),
                         stored.original_name)


def orphan_files(min_age_s: float = 3600) -> list[Path]:
    """Files under UPLOAD_FOLDER that no StoredFile names (left by a request that failed
    after writing, or copied in by hand), oldest first. A file younger than min_age_s may
    belong to a request still running (written, its record not yet committed): left alone."""
    import time
    folder = Path(current_app.config["UPLOAD_FOLDER"])
    known = set(db.session.execute(db.select(StoredFile.stored_name)).scalars())
    newest = time.time() - min_age_s
    found = [p for p in folder.rglob("*") if p.is_file() and p.stat().st_mtime <= newest
             and p.relative_to(folder).as_posix() not in known]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.as_posix()))
