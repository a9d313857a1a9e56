"""Uploaded files are checked by content before anything is stored, and stored outside static/."""
import io
import zipfile
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage

from webapp.uploads.models import StoredFile
from webapp.uploads.service import UploadRejected, check_upload, store
from webapp.extensions import db


def docx_bytes(extra: dict | None = None, content_types: bytes = b"<Types/>") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", content_types)
        z.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return out.getvalue()


def upload(data: bytes, name: str) -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=name)


def test_a_real_pdf_is_stored_under_a_generated_name_outside_static(app):
    checked = check_upload(upload(b"%PDF-1.7\n...", "Báo cáo đã ký.pdf"))
    stored = store(checked)
    path = Path(app.config["UPLOAD_FOLDER"]) / stored.stored_name
    assert path.read_bytes().startswith(b"%PDF")
    assert "static" not in path.parts
    assert stored.original_name == "Báo cáo đã ký.pdf" and stored.kind == "pdf"
    assert "Báo cáo" not in stored.stored_name


@pytest.mark.parametrize("data,name,message", [
    (b"MZ\x90\x00 executable", "bao-cao.pdf", "không đúng loại"),
    (b"MZ\x90\x00 executable", "bao-cao.docx", "không đúng loại"),
    (b"%PDF-1.4", "bao-cao.docx", "không khớp"),
    (b"%PDF-1.4", "../../etc/passwd.pdf", "đường dẫn"),
    (b"%PDF-1.4", "C:\\Users\\a\\bao-cao.pdf", "đường dẫn"),
    (b"", "rong.pdf", "rỗng"),
])
def test_refusals(app, data, name, message):
    with pytest.raises(UploadRejected, match=message):
        check_upload(upload(data, name))


def test_oversized_file(app):
    app.config["MAX_UPLOAD_BYTES"] = 1024
    with pytest.raises(UploadRejected, match="dung lượng"):
        check_upload(upload(b"%PDF-" + b"x" * 2000, "lon.pdf"))


def test_docx_zip_bomb_is_refused_before_parsing(app):
    bomb = docx_bytes({"word/media/zeros.bin": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000
    with pytest.raises(UploadRejected, match="giải nén bất thường"):
        check_upload(upload(bomb, "bao-cao.docx"))


def test_docx_with_macros_is_refused(app):
    with pytest.raises(UploadRejected, match="macro"):
        check_upload(upload(docx_bytes({"word/vbaProject.bin": b"x"}), "bao-cao.docx"))


def test_nothing_is_stored_when_refused(app):
    before = db.session.query(StoredFile).count()
    with pytest.raises(UploadRejected, match="không đúng loại"):
        check_upload(upload(b"MZ", "x.pdf"))
    assert db.session.query(StoredFile).count() == before
    assert not any(Path(app.config["UPLOAD_FOLDER"]).rglob("*"))
