"""Giấy khen of the Chủ tịch UBND huyện: the certificate form, A4 landscape, one awardee per
page filling it — Quốc hiệu and Tiêu ngữ on top, the chair's title, "TẶNG", "GIẤY KHEN", the
awardee, the achievement; bottom left the decision number and date and the số sổ vàng, bottom
right the place and date and the signature."""
from docx.shared import Mm

from ..documents import nd30
from ..documents.service import download_name, render
from .documents import ISSUER, file_base, require_awardees

CERTIFICATE_TEMPLATE = "giay-khen.docx"


def build_certificates():
    doc = nd30.new_document(landscape=True)
    section = doc.sections[0]
    section.top_margin = section.bottom_margin = Mm(18)
    section.left_margin = section.right_margin = Mm(22)
    section.header.paragraphs[0].clear()  # a certificate has no page number
    width = 29.7 - 4.4
    p = nd30.paragraph

    def certificate(doc):
        p(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=14, bold=True, align="center", space_after=0)
        p(doc, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align="center", space_after=0)
        nd30.rule(doc, 6.0, width)
        p(doc, "{{ authority_line }}", size=16, bold=True, align="center", space_before=20, space_after=6)
        p(doc, "TẶNG", size=16, bold=True, align="center", space_after=0)
        p(doc, "GIẤY KHEN", size=44, bold=True, align="center", space_before=6, space_after=12)
        p(doc, "{{ a.name }}", size=26, bold=True, align="center", space_after=6)
        p(doc, "{{ a.title }}", size=15, align="center", space_after=12)
        p(doc, "{{ achievement }}", size=16, italic=True, align="center", space_after=18)
        table = nd30.borderless_table(doc, [11.0, width - 11.0], rows=1)
        left, right = table.rows[0].cells
        p(left, "", size=13, align="left", indent=False, space_after=60)
        p(left, "Quyết định số {{ number_text }} ngày {{ date_short }}", size=13, align="left",
          indent=False, space_after=0)
        p(left, "Số sổ vàng: {{ a.gold_book }}", size=13, align="left", indent=False, space_after=0)
        p(right, "{{ place_date }}", size=14, italic=True, align="center", space_after=0)
        p(right, "{{ signer_authority }}", size=14, bold=True, align="center", space_after=0)
        p(right, "{{ signer_title }}", size=14, bold=True, align="center", space_after=0)
        for _ in range(4):
            p(right, "", size=14, align="center", space_after=0)
        p(right, "{{ signer_name }}", size=14, bold=True, align="center", space_after=0)
        nd30.end_spacer(doc)
        nd30.when(doc, "not loop.last", nd30.page_break)

    nd30.repeat(doc, "a in awardees", certificate)
    return doc


def certificates_file(plan, context: dict):
    require_awardees(context, draft=True)
    context = {**context, "awardees": [
        {**a, "gold_book": ""} for a in context["collectives"] + context["individuals"]]}
    title = "Giấy khen kèm theo Quyết định số " + context["number_text"]

    def make():
        return render(CERTIFICATE_TEMPLATE, context, title=title, author=ISSUER)

    return make, download_name(file_base(context["number"], "Giấy khen"))
