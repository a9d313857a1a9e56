"""The .docx templates of the product and the function that builds each one.

The Python builders are the one source of the templates: `flask documents build-templates`
(re)writes them into documents/templates/, and tests/test_document_templates.py fails when a
committed .docx differs from what its builder makes. Features add their own entry here:
{file name: "module:function"}, and the document's title (its core property) in TITLES.
"""
import importlib

from .service import TEMPLATE_DIR

TEMPLATES: dict[str, str] = {
    "ke-hoach.docx": "webapp.plan.template:build",
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
    "cong-van-nhac-han.docx": "webapp.notifications.letter_template:build_working",
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

# The title a rendered document carries when its feature names none (render(title=...)).
TITLES: dict[str, str] = {
    "ke-hoach.docx": "Kế hoạch",
    "kich-ban-dieu-hanh.docx": "Kịch bản điều hành hội nghị",
    "chuong-trinh-hoi-nghi.docx": "Chương trình hội nghị",
    "quyet-dinh-khen-thuong.docx": "Quyết định khen thưởng",
    "giay-khen.docx": "Giấy khen",
    "to-trinh-khen-thuong.docx": "Tờ trình đề nghị khen thưởng",
    "bien-ban-xet-khen-thuong.docx": "Biên bản họp xét khen thưởng",
    "danh-sach-ky-nhan-tien-thuong.docx": "Danh sách ký nhận tiền thưởng",
    "bao-cao-thanh-tich-mau.docx": "Báo cáo thành tích",
    "bao-cao-ket-qua.docx": "Báo cáo kết quả thực hiện",
    "cong-van-don-doc.docx": "Công văn đôn đốc",
    "cong-van-nhac-han.docx": "Công văn nhắc hạn làm việc",
    "du-toan-kinh-phi.docx": "Tờ trình phê duyệt dự toán kinh phí",
    "quyet-dinh-phe-duyet-du-toan.docx": "Quyết định phê duyệt dự toán kinh phí",
    "bao-cao-so-ket.docx": "Báo cáo sơ kết giữa kỳ",
    "bao-cao-thi-dua.docx": "Báo cáo phong trào thi đua",
    "giay-moi.docx": "Giấy mời",
    "danh-sach-dai-bieu.docx": "Danh sách đại biểu",
    "the-ten-dai-bieu.docx": "Thẻ tên đại biểu",
    "danh-sach-ky-ten.docx": "Danh sách đại biểu ký tên dự hội nghị",
    "so-lieu-dai-bieu.docx": "Số liệu đại biểu dự hội nghị",
    "phat-bieu-khai-mac.docx": "Phát biểu khai mạc hội nghị",
    "ket-luan-hoi-nghi.docx": "Kết luận hội nghị",
    "thong-bao-ket-luan.docx": "Thông báo kết luận hội nghị",
    "mau-tham-luan.docx": "Báo cáo tham luận",
}


def build(filename: str):
    """The python-docx Document that the builder of `filename` makes."""
    module_name, func_name = TEMPLATES[filename].split(":")
    return getattr(importlib.import_module(module_name), func_name)()


def build_all(only: str | None = None) -> list[str]:
    written = []
    TEMPLATE_DIR.mkdir(parents=True, exist_ok=True)
    for filename in TEMPLATES:
        if only and filename != only:
            continue
        build(filename).save(TEMPLATE_DIR / filename)
        written.append(filename)
    return written
