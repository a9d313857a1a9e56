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


@pytest.mark.parametrize("name,kept", [
    ("Báo cáo\u202efdp.exe.pdf", "Báo cáofdp.exe.pdf"),  # right-to-left override
    ("Tờ\u2066 trình\u2069.pdf", "Tờ trình.pdf"),  # isolates
    ("Danh\x01 sách\x7f\x85.pdf", "Danh sách.pdf"),  # C0, DEL, C1
    ("Báo\ufffe cáo\n\t.pdf", "Báo cáo.pdf"),  # non-character, newline, tab
    ("Bao cao da ky\u0301.pdf", "Bao cao da ký.pdf"),  # stored NFC
])
def test_a_stored_name_keeps_no_control_or_bidi_character(app, name, kept):
    stored = store(check_upload(upload(b"%PDF-1.7\n...", name)))
    db.session.commit()
    assert db.session.get(StoredFile, stored.id).original_name == kept


def test_a_name_of_only_control_characters_is_no_name(app):
    with pytest.raises(UploadRejected, match="Chưa chọn tệp"):
        check_upload(upload(b"%PDF-1.7\n...", "\u202e\x01"))


def test_orphan_files_are_listed_then_deleted_and_recorded_ones_kept(app, runner):
    import os
    import time
    folder = Path(app.config["UPLOAD_FOLDER"])
    kept = store(check_upload(upload(b"%PDF-1.7\n...", "Báo cáo.pdf")))
    db.session.commit()
    orphan = folder / "2023" / "11" / "mo-coi"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"%PDF-1.7 left by a failed form")
    fresh = folder / "2023" / "11" / "dang-luu"
    fresh.write_bytes(b"%PDF-1.7 a request is saving it right now")
    hour_ago = time.time() - 2 * 3600
    for path in (orphan, folder / kept.stored_name):
        os.utime(path, (hour_ago, hour_ago))

    listed = runner.invoke(args=["uploads", "orphans"])
    assert listed.exit_code == 0, listed.output
    assert "2023/11/mo-coi" in listed.output and "Có 1 tệp không thuộc hồ sơ nào" in listed.output
    assert kept.stored_name not in listed.output and "dang-luu" not in listed.output
    assert orphan.exists(), "listing deletes nothing"

    deleted = runner.invoke(args=["uploads", "orphans", "--delete"])
    assert deleted.exit_code == 0 and "Đã xóa 1 tệp" in deleted.output
    assert not orphan.exists() and fresh.exists() and (folder / kept.stored_name).exists()


def test_a_stored_file_goes_out_with_its_name_and_a_d_for_dd(app):
    """The download of an upload keeps its Vietnamese name; the ASCII fallback spells "đ" d."""
    stored = store(check_upload(upload(b"%PDF-1.7\n...", "Báo cáo đã ký - Bình Đông.pdf")))
    db.session.commit()
    from webapp.uploads.service import send
    with app.test_request_context():
        response = send(stored)
        header = response.headers["Content-Disposition"]
        response.close()
    assert 'filename="Bao cao da ky - Binh Dong.pdf"' in header
    assert "filename*=UTF-8''B%C3%A1o%20c%C3%A1o" in header
