"""The .docx templates of the product and the function that builds each one.

`flask documents build-templates` (re)writes them into documents/templates/; features add
their own entry here: {file name: "module:function"}.
"""
import importlib

from .service import TEMPLATE_DIR

TEMPLATES: dict[str, str] = {
    "ke-hoach.docx": "webapp.documents.plan_template:build",
    "kich-ban-dieu-hanh.docx": "webapp.conference.documents:build_script",
    "chuong-trinh-hoi-nghi.docx": "webapp.conference.documents:build_programme",
    "quyet-dinh-khen-thuong.docx": "webapp.awards.documents:build_decision",
    "giay-khen.docx": "webapp.awards.certificates:build_certificates",
    "to-trinh-khen-thuong.docx": "webapp.awards.papers_docs:build_proposal",
    "bien-ban-xet-khen-thuong.docx": "webapp.awards.papers_docs:build_minutes",
    "danh-sach-ky-nhan-tien-thuong.docx": "webapp.awards.papers_docs:build_receipts",
    "bao-cao-thanh-tich-mau.docx": "webapp.awards.unit_forms:build_form",
    "bao-cao-ket-qua.docx": "webapp.reports.document:build",
    "cong-van-don-doc.docx": "webapp.notifications.letter_template:build",
    "du-toan-kinh-phi.docx": "webapp.budget.documents:build_proposal",
    "quyet-dinh-phe-duyet-du-toan.docx": "webapp.budget.documents:build_decision",
    "bao-cao-so-ket.docx": "webapp.synthesis.documents:build_mid_term",
    "bao-cao-thi-dua.docx": "webapp.synthesis.documents:build_emulation",
    "giay-moi.docx": "webapp.delegates.documents:build_invitation",
    "danh-sach-dai-bieu.docx": "webapp.delegates.documents:build_list",
    "the-ten-dai-bieu.docx": "webapp.delegates.documents:build_name_cards",
    "danh-sach-ky-ten.docx": "webapp.delegates.documents:build_signin",
    "so-lieu-dai-bieu.docx": "webapp.delegates.documents:build_attendance",
    "phat-bieu-khai-mac.docx": "webapp.conference.documents:build_speech",
    "ket-luan-hoi-nghi.docx": "webapp.conference.documents:build_speech",
    "thong-bao-ket-luan.docx": "webapp.conference.documents:build_notice",
    "mau-tham-luan.docx": "webapp.conference.documents:build_paper_form",
}


def build_all(only: str | None = None) -> list[str]:
    written = []
    TEMPLATE_DIR.mkdir(parents=True, exist_ok=True)
    for filename, target in TEMPLATES.items():
        if only and filename != only:
            continue
        module_name, func_name = target.split(":")
        doc = getattr(importlib.import_module(module_name), func_name)()
        doc.save(TEMPLATE_DIR / filename)
        written.append(filename)
    return written
