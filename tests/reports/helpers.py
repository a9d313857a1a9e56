"""Helpers for report tests: assignments, files to upload, a filled draft."""
import io
import zipfile

from docx import Document

from webapp.duties.models import Assignment, Duty
from webapp.extensions import db
from webapp.plan.models import Unit

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def assignment(unit_code: str, duty_code: str = "bao-cao-ket-qua") -> Assignment:
    return (db.session.query(Assignment).join(Assignment.duty).join(Assignment.unit)
            .filter(Unit.code == unit_code, Duty.code == duty_code).one())


def docx_bytes(text: str = "Báo cáo đã ký") -> bytes:
    doc = Document()
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/padding.bin", b"\0" * (30 * 1024 * 1024))
    return out.getvalue()


COMMUNE_DRAFT = {
    "pov.households.2021": "2.000", "pov.poor.2021": "100", "pov.near_poor.2021": "150",
    "pov.households.2022": "2.010", "pov.poor.2022": "80", "pov.near_poor.2022": "140",
    "pov.escaped.2022": "25", "pov.new_poor.2022": "5",
    "pov.households.2023": "2.020", "pov.poor.2023": "60", "pov.near_poor.2023": "130",
    "pov.escaped.2023": "22", "pov.new_poor.2023": "2",
    "prj.DA4.TDA3.selected": "1", "prj.DA4.TDA3.result": "Tư vấn việc làm cho 120 lao động",
    "prj.DA4.TDA3.beneficiaries": "120",
    "prj.DA4.TDA3.fund.2023.central.allocated": "150.000.000",
    "prj.DA4.TDA3.fund.2023.central.disbursed": "120.500.000",
    "nar.results": "Số liệu minh họa: tỷ lệ hộ nghèo giảm đều qua các năm.",
}


def save(client, a, data: dict, version: int, htmx: bool = True):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(f"/bao-cao/phan-cong/{a.id}/luu", data={**data, "draft_version": version},
                       headers=headers)


def submit(client, a, version: int, content: bytes = PDF, filename: str = "Báo cáo đã ký.pdf"):
    return client.post(f"/bao-cao/phan-cong/{a.id}/nop",
                       data={"draft_version": version, "file": (io.BytesIO(content), filename)},
                       content_type="multipart/form-data")
