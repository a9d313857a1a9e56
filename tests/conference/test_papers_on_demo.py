"""Every paper of the conference and the delegates, generated on the demo data and read as the
văn thư who must sign it (issue 11): people named once with one title, no program words,
the protocol's order, core properties of the file; and a PDF conversion of each."""
import importlib
import io
import re

from docx import Document

from tests.docx_checks import all_text, assert_nd30, convert_to_pdf_if_possible
from webapp import demo
from webapp.conference import papers, script
from webapp.conference.documents import PROGRAMME_TEMPLATE, SCRIPT_TEMPLATE
from webapp.conference.paper_files import render_paper
from webapp.delegates import invitations, lists
from webapp.extensions import db
from webapp.plan.loader import current_plan
from webapp.plan.models import SpeechSlot, Unit

PROGRAM_WORDS = ("đã nộp", "đang soạn", "chờ xét", "yêu cầu bổ sung", "ứng dụng", "pending",
                 "attending", "dong_chi", "None", "ông (bà)", "Ông (bà)", "{người phát biểu}")


def test_every_paper_on_the_demo(app):
    """The demo is built once (it takes a while) and each paper is read in turn."""
    demo.create_demo_accounts()
    for name in demo.SCENARIOS:
        # issuing signs its papers with pyHanko (asyncio): not what these papers need
        if name != "webapp.issuing.demo":
            importlib.import_module(name).build_scenario()
            db.session.flush()
    db.session.commit()
    plan = current_plan()
    check_script(plan)
    check_programme_and_speeches(plan)
    check_conclusion_notice(plan)
    check_discussion_paper_form(plan)
    check_invitations_list_signin_and_figures(plan)


def _read(data: bytes, **checks):
    doc = assert_nd30(data, **checks)
    text = all_text(doc)
    for word in PROGRAM_WORDS:
        assert word not in text, word
    # never a straight quote inside curly ones, never curly inside curly
    for quoted in re.findall(r"“([^”]*)”", text):
        assert "“" not in quoted and '"' not in quoted, quoted
    props = Document(io.BytesIO(data)).core_properties
    assert props.title and props.author and props.created is not None
    assert "python-docx" not in (props.comments or "") + (props.keywords or "")
    return text


def check_script(demo_plan):
    ctx = script.script_context(demo_plan)
    text = _read(render_paper(SCRIPT_TEMPLATE, ctx))
    # the opening speaker, the presenter of the reward decision, the leader of the direction
    assert ("Kính mời đồng chí Phạm Quang Sự, Phó Chủ tịch UBND huyện, Trưởng Ban Chỉ đạo các "
            "chương trình mục tiêu quốc gia huyện, phát biểu khai mạc hội nghị.") in text
    assert ("Kính mời đồng chí Đặng Văn Minh Họa, Phó Bí thư Thường trực Huyện ủy, phát biểu "
            "chỉ đạo hội nghị.") in text
    # introductions: the province, then the district standing committees, by rank
    assert text.index("Về phía tỉnh:") < text.index("Về phía huyện:")
    assert text.index("Đồng chí Võ Thanh Mẫu, Bí thư Huyện ủy;") < \
        text.index("Đồng chí Phan Quốc Khoa, Chủ tịch UBND huyện;")
    assert "UBND huyện, UBND huyện" not in text and "Huyện ủy, Huyện ủy" not in text
    # "thông qua chương trình" follows the introductions
    assert text.index("Hội nghị trân trọng cảm ơn") < text.index("thông qua chương trình") \
        < text.index("2. Phát biểu khai mạc")
    # the speakers, each with their own form of address
    assert "Kính mời ông Mai Văn Thịnh, Người lao động đi làm việc ở nước ngoài trở về" in text
    assert "Kính mời bà Đinh Thị Bích Trâm, Chủ hộ sản xuất kinh doanh giỏi" in text
    assert "ông (bà)" not in text
    # the reward decision announced once
    assert text.count("lên công bố Quyết định") <= 1
    convert_to_pdf_if_possible(render_paper(SCRIPT_TEMPLATE, ctx))


def check_programme_and_speeches(demo_plan):
    text = _read(render_paper(PROGRAMME_TEMPLATE, papers.programme(demo_plan)))
    assert "- Ủy ban Mặt trận Tổ quốc Việt Nam huyện: Công tác chăm lo" in text
    for kind, heading in (("phat-bieu-khai-mac", "PHÁT BIỂU KHAI MẠC"),
                          ("ket-luan-hoi-nghi", "KẾT LUẬN HỘI NGHỊ")):
        template, build = papers.paper(kind)
        data = render_paper(template, build(demo_plan))
        text = _read(data, header_table=False)
        assert heading in text and "Kính thưa:" in text
        assert "- Đồng chí Phan Quốc Khoa, Chủ tịch UBND huyện;" in text
        convert_to_pdf_if_possible(data)
    template, build = papers.paper("ket-luan-hoi-nghi")
    assert "(Đồng chí Phan Quốc Khoa, Chủ tịch UBND huyện)" in _read(
        render_paper(template, build(demo_plan)), header_table=False)


def check_conclusion_notice(demo_plan):
    template, build = papers.paper("thong-bao-ket-luan")
    data = render_paper(template, build(demo_plan))
    text = _read(data)
    assert "Số:       /TB-UBND" in text and "THÔNG BÁO" in text
    assert "Kết luận của Chủ tịch UBND huyện tại hội nghị sơ kết giữa kỳ" in text
    assert "Đồng chí Phan Quốc Khoa, Chủ tịch UBND huyện chủ trì hội nghị." in text
    assert "TL. CHỦ TỊCH" in text and "CHÁNH VĂN PHÒNG" in text and "Ngô Đức Tạm" in text
    assert text.rstrip().count("./.") == 1
    convert_to_pdf_if_possible(data)


def check_discussion_paper_form(demo_plan):
    slot = (db.session.query(SpeechSlot).join(SpeechSlot.unit)
            .filter(Unit.code == "binh-chau").one())
    data = render_paper(papers.FORM_TEMPLATE, papers.discussion_form(demo_plan, slot))
    text = _read(data)
    assert "BÁO CÁO THAM LUẬN" in text and "XÃ BÌNH CHÂU" in text
    assert "Người trình bày: Ông Mai Văn Thịnh" in text
    assert "3. Cách làm hay, kinh nghiệm" in text
    convert_to_pdf_if_possible(data)


def check_invitations_list_signin_and_figures(demo_plan):
    batch = invitations.issues(demo_plan)[-1]
    data = render_paper("giay-moi.docx", invitations.invitation_context(demo_plan, batch,
                                                                         "organisation"))
    text = _read(data)
    # UBND huyện's own leaders preside: never invited by its own giấy mời
    assert "Phan Quốc Khoa" not in text and "Phạm Quang Sự, Phó Chủ tịch" not in text
    assert "Thời gian: 07 giờ 30 phút, thứ Ba, ngày 05 tháng 12 năm 2023." in text
    assert "Rất mong các đồng chí đến dự" in text
    assert "ông (bà)" not in text.lower()
    convert_to_pdf_if_possible(data)
    listing = render_paper("danh-sach-dai-bieu.docx", lists.list_context(demo_plan))
    text = _read(listing, header_table=False)
    assert "Phan Quốc Khoa" in text  # they are on the list, its annex
    assert "(Kèm theo Giấy mời số 125/GM-UBND ngày 13/11/2023 của UBND huyện Bình Sơn)" in text
    assert "Đã gửi" not in text and "Chưa trả lời" not in text
    convert_to_pdf_if_possible(listing)
    signin = render_paper("danh-sach-ky-ten.docx", lists.signin_context(demo_plan))
    text = _read(signin, header_table=False)
    assert "DANH SÁCH ĐẠI BIỂU KÝ TÊN DỰ HỘI NGHỊ" in text and "Ký tên" in text
    convert_to_pdf_if_possible(signin)
    figures = render_paper("so-lieu-dai-bieu.docx", lists.attendance_context(demo_plan))
    text = _read(figures, header_table=False)
    assert "SỐ LIỆU ĐẠI BIỂU DỰ HỘI NGHỊ" in text and "\nCộng\n166\n" in text
    cards = render_paper("the-ten-dai-bieu.docx",
                         lists.name_cards_context(demo_plan, lists.front_row_ids(demo_plan)))
    text = _read(cards, landscape=True, header_table=False)
    assert "Chủ tịch UBND huyện" in text and "UBND huyện Bình Sơn" not in text
