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
from webapp.issuing.models import Paper
from webapp.plan.loader import current_plan
from webapp.plan.models import SpeechSlot, Unit

# Converted at the end: a run without LibreOffice (or the PostgreSQL run) skips the conversion,
# never the checks of the papers after the first one.
PDFS: list[bytes] = []
PROGRAM_WORDS = ("đã nộp", "đang soạn", "chờ xét", "yêu cầu bổ sung", "ứng dụng", "pending",
                 "attending", "dong_chi", "None", "ông (bà)", "Ông (bà)", "{người phát biểu}",
                 "chưa báo tên", "đang chờ", "(Chưa", "7h30", "thứ ba")


def test_every_paper_on_the_demo(app):
    """The demo is built once (it takes a while) and each paper is read in turn."""
    PDFS.clear()
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
    check_notice_after_check_in(plan)
    for data in PDFS:
        convert_to_pdf_if_possible(data)


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
    # the speakers, each with their own form of address; a citizen's description is not a
    # title: lower case mid-sentence
    assert ("Kính mời ông Mai Văn Thịnh, người lao động đi làm việc ở nước ngoài trở về, thôn "
            "An Hải, xã Bình Châu, trình bày tham luận") in text
    assert "Kính mời bà Đinh Thị Bích Trâm, chủ hộ sản xuất, kinh doanh giỏi thôn Long Yên" in text
    assert "ông (bà)" not in text
    # no introduction capitalises a description mid-sentence
    for line in text.splitlines():
        if line.startswith("Kính mời ông ") or line.startswith("Kính mời bà "):
            described = line.split(", ")[1]
            assert described[:1].islower() or described.split()[0] in ("Chủ", "Phó", "Trưởng"), \
                line
    # a speaker not named yet: the line the MC reads, with a blank; what is missing is said
    # on the page, never in the paper
    assert ("Kính mời đồng chí ……………………, đại diện Hội Nông dân huyện, trình bày tham luận "
            "“Đẩy mạnh phong trào nông dân") in text
    assert "Hội Nông dân huyện chưa báo tên" not in text and "NHCSXH huyện chưa" not in text
    page_notes = [b["text"] for i in ctx["items"] for b in i["blocks"] if b["style"] == "note"]
    assert "Hội Nông dân huyện chưa báo tên người trình bày: kịch bản in để trống tên." in \
        page_notes
    # who does each item, named; the time in the Nghị định 30 form
    assert "Thời gian: 07 giờ 30 phút, thứ Ba, ngày 05 tháng 12 năm 2023." in text
    assert "Chủ trì hội nghị: Đồng chí Phan Quốc Khoa, Chủ tịch UBND huyện." in text
    assert ("Thời gian: 07 giờ 40 – 07 giờ 50 (10 phút). Người thực hiện: Đồng chí Phạm Quang "
            "Sự, Phó Chủ tịch UBND huyện.") in text
    assert "Người thực hiện: Lãnh đạo" not in text and "Người thực hiện: Thường trực" not in text
    # the reward decision announced once
    assert text.count("lên công bố Quyết định") <= 1
    PDFS.append(render_paper(SCRIPT_TEMPLATE, ctx))


def _greetings(text: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index("Kính thưa:") + 1
    end = lines.index("- Thưa toàn thể hội nghị!")
    return lines[start:end]


def check_programme_and_speeches(demo_plan):
    data = render_paper(PROGRAMME_TEMPLATE, papers.programme(demo_plan))
    text = _read(data)
    assert "Thời gian: 07 giờ 30 phút, thứ Ba, ngày 05 tháng 12 năm 2023." in text
    rows = [[c.text for c in r.cells] for r in Document(io.BytesIO(data)).tables[1].rows]
    leads = {r[1].split("\n")[0]: r[2] for r in rows[1:]}
    # each item's performer named as the script names them
    assert leads["Phát biểu khai mạc của lãnh đạo UBND huyện"] == \
        "Đồng chí Phạm Quang Sự, Phó Chủ tịch UBND huyện"
    assert leads["Kết luận hội nghị"] == "Đồng chí Phan Quốc Khoa, Chủ tịch UBND huyện"
    assert leads["Tuyên bố lý do, giới thiệu đại biểu"] == \
        "Đồng chí Lý Thị Tạm Thời, Phó Chánh Văn phòng HĐND và UBND huyện"
    assert leads["Phát biểu chỉ đạo của Thường trực Huyện ủy"] == \
        "Đồng chí Đặng Văn Minh Họa, Phó Bí thư Thường trực Huyện ủy"
    assert rows[1][0] == "07 giờ 30 – 07 giờ 40"
    assert not any(v.startswith("Lãnh đạo") or v == "Người dẫn chương trình"
                   for v in leads.values()), leads
    assert ("- Ủy ban Mặt trận Tổ quốc Việt Nam huyện: Công tác chăm lo cho người nghèo và công "
            "tác vận động “Quỹ vì người nghèo” trên địa bàn huyện (đồng chí Trương Thị Ngọc "
            "Hân trình bày)") in text
    assert "(ông Mai Văn Thịnh trình bày)" in text
    PDFS.append(data)
    speakers = {"phat-bieu-khai-mac": "Phạm Quang Sự", "ket-luan-hoi-nghi": "Phan Quốc Khoa"}
    for kind, heading in (("phat-bieu-khai-mac", "PHÁT BIỂU KHAI MẠC"),
                          ("ket-luan-hoi-nghi", "KẾT LUẬN HỘI NGHỊ")):
        template, build = papers.paper(kind)
        data = render_paper(template, build(demo_plan))
        text = _read(data, header_table=False)
        assert heading in text and "Kính thưa:" in text
        greetings = _greetings(text)
        # the guests by name, in protocol order; never the speaker himself; the UBND's own
        # leaders (the speaker's colleagues) in one line, in their place
        assert greetings[0] == "- Đồng chí Nguyễn Công Trung, Phó Chủ tịch UBND tỉnh;"
        assert not any(speakers[kind] in g for g in greetings), greetings
        assert not any("UBND huyện;" in g and g.startswith("- Đồng chí") for g in greetings)
        assert greetings.count("- Các đồng chí lãnh đạo UBND huyện;") == 1
        assert greetings.index("- Đồng chí Bùi Thanh Hùng, Phó Chủ tịch HĐND huyện;") < \
            greetings.index("- Các đồng chí lãnh đạo UBND huyện;") < \
            greetings.index("- Đồng chí Huỳnh Văn Giả Định, Chủ tịch Ủy ban MTTQ Việt Nam huyện;")
        # who speaks is said once, under the heading
        assert text.count(speakers[kind]) == 1
        PDFS.append(data)
    template, build = papers.paper("ket-luan-hoi-nghi")
    assert "(Đồng chí Phan Quốc Khoa, Chủ tịch UBND huyện)" in _read(
        render_paper(template, build(demo_plan)), header_table=False)


def check_conclusion_notice(demo_plan):
    template, build = papers.paper("thong-bao-ket-luan")
    data = render_paper(template, build(demo_plan))
    text = _read(data)
    assert "Số:       /TB-UBND" in text and "THÔNG BÁO" in text
    assert "Kết luận của Chủ tịch UBND huyện tại hội nghị sơ kết giữa kỳ" in text
    assert "Đồng chí Phan Quốc Khoa, Chủ tịch UBND huyện, chủ trì hội nghị." in text
    # a notice of Văn phòng reports the chair's conclusion in the third person
    assert " tôi " not in text and "Thay mặt" not in text
    assert "Sau khi nghe các ý kiến, Chủ tịch UBND huyện kết luận như sau:" in text
    assert "Chủ tịch UBND huyện ghi nhận, biểu dương sự nỗ lực" in text
    # nobody checked in yet: the figure is a blank for the văn thư, never the confirmations
    assert "Dự hội nghị có …………………… đại biểu của tỉnh, huyện" in text
    assert "Bình Sơn, ngày      tháng      năm 2023" in text
    assert "TL. CHỦ TỊCH" in text and "CHÁNH VĂN PHÒNG" in text and "Ngô Đức Tạm" in text
    assert text.rstrip().count("./.") == 1
    PDFS.append(data)


def check_discussion_paper_form(demo_plan):
    slot = (db.session.query(SpeechSlot).join(SpeechSlot.unit)
            .filter(Unit.code == "binh-chau").one())
    data = render_paper(papers.FORM_TEMPLATE, papers.discussion_form(demo_plan, slot))
    text = _read(data)
    assert "BÁO CÁO THAM LUẬN" in text and "XÃ BÌNH CHÂU" in text
    assert "Người trình bày: Ông Mai Văn Thịnh" in text
    assert "3. Cách làm hay, kinh nghiệm" in text
    PDFS.append(data)


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
    PDFS.append(data)
    listing = render_paper("danh-sach-dai-bieu.docx", lists.list_context(demo_plan))
    text = _read(listing, header_table=False)
    # the annex of the giấy mời lists its invitees: never the UBND's own leaders
    for leader in ("Phan Quốc Khoa", "Phạm Quang Sự", "Lê Minh Thử"):
        assert leader not in text, leader
    assert "Đồng chí Võ Thanh Mẫu" not in text and "Võ Thanh Mẫu" in text
    # the number and date the outgoing register gave the demo's giấy mời, never typed
    paper = db.session.query(Paper).filter_by(kind="invitation", state="issued").one()
    assert (batch.number, batch.issued_on) == (paper.number_text, paper.entry.issued_on)
    assert (f"(Kèm theo Giấy mời số {paper.number_text} ngày "
            f"{paper.entry.issued_on:%d/%m/%Y} của UBND huyện Bình Sơn)") in text
    assert "Đã gửi" not in text and "Chưa trả lời" not in text
    assert "Tổng số: 121 đại biểu./." in text  # 124 named, less the 3 presiding
    PDFS.append(listing)
    signin = render_paper("danh-sach-ky-ten.docx", lists.signin_context(demo_plan))
    doc = Document(io.BytesIO(signin))
    text = _read(signin, header_table=False)
    assert "DANH SÁCH ĐẠI BIỂU KÝ TÊN DỰ HỘI NGHỊ" in text and "Ký tên" in text
    # who attends: the presiding leaders first, in a group of their own, not as invitees
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows[1][:2] == ["I", "Lãnh đạo UBND huyện chủ trì hội nghị"]
    assert [r[1] for r in rows[2:5]] == ["Phan Quốc Khoa", "Phạm Quang Sự", "Lê Minh Thử"]
    assert rows[5][0] == "II" and sum(1 for r in rows if r[1] == "Phan Quốc Khoa") == 1
    PDFS.append(signin)
    figures = render_paper("so-lieu-dai-bieu.docx", lists.attendance_context(demo_plan))
    text = _read(figures, header_table=False)
    assert "SỐ LIỆU ĐẠI BIỂU DỰ HỘI NGHỊ" in text and "\nCộng\n166\n" in text
    rows = [[c.text for c in r.cells] for r in Document(io.BytesIO(figures)).tables[0].rows]
    # the presiding leaders are a row of their own, not invited and not confirming
    assert rows[1] == ["Lãnh đạo UBND huyện chủ trì hội nghị", "3", "—", "—", "0"]
    assert rows[4][0].startswith("Thường trực Huyện ủy") and rows[4][1:3] == ["7", "7"]
    # beside the presiding row, the composition no longer names the UBND's leaders
    assert rows[4][0] == ("Thường trực Huyện ủy, Thường trực HĐND huyện, Thường trực Ủy ban "
                          "MTTQ Việt Nam huyện")
    assert rows[-1][:3] == ["Cộng", "166", "121"]
    PDFS.append(figures)
    cards = render_paper("the-ten-dai-bieu.docx",
                         lists.name_cards_context(demo_plan, lists.front_row_ids(demo_plan)))
    text = _read(cards, landscape=True, header_table=False)
    assert "Chủ tịch UBND huyện" in text and "UBND huyện Bình Sơn" not in text


def check_notice_after_check_in(demo_plan):
    """Once check-in has data the notice says how many were present."""
    from datetime import datetime

    from webapp.delegates.models import Delegate
    for d in db.session.query(Delegate).filter_by(plan_id=demo_plan.id).limit(12):
        d.checked_in_at = datetime(2023, 12, 5, 7, 15)
    db.session.flush()
    template, build = papers.paper("thong-bao-ket-luan")
    text = _read(render_paper(template, build(demo_plan)))
    assert "Dự hội nghị có 12 đại biểu của tỉnh, huyện và các xã, thị trấn." in text
