"""The reward papers read as a văn thư would before signing: the December 2023 list of 12
collectives and 12 individuals, the Tờ trình the decision cites, the biên bản of the meeting,
the receipt list, the Giấy khen, the spreadsheet and the forms the units fill."""
import io
import subprocess
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from webapp.awards import decision, documents, papers, papers_docs, unit_forms
from webapp.awards.queries import put_to_the_meeting
from webapp.core.errors import DomainError
from webapp.extensions import db
from webapp.plan.loader import current_plan
from webapp.plan.models import Unit

from ..docx_checks import all_text, assert_nd30, convert_to_pdf_if_possible
from .helpers import as_issued, collective, individual, nominate

WORKFLOW_WORDS = ("đã nộp", "chờ xét", "đã chọn", "đang soạn", "yêu cầu bổ sung", "ứng dụng")


def _pdf_pages(pdf: bytes) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                              capture_output=True, text=True).stdout
    return text.split("\f")


@pytest.fixture
def december_2023(users):
    """12 + 12 approved, the meeting held, the Tờ trình and the decision of 05/12/2023."""
    return _december_2023(users)


def _december_2023(users):
    kw = {"stage": "approved", "coordinator": users.coordinator, "home_affairs": users.home_affairs}
    for i in range(12):
        nominate(users.commune, collective(f"Tổ hợp tác số {i + 1:02d}"), **kw)
        nominate(users.department, individual(f"Cá Nhân Số {i + 1:02d}", 1960 + i,
                                              address="ong" if i == 0 else "dong_chi"), **kw)
    plan = current_plan()
    votes = {n.id: 7 for n in put_to_the_meeting(plan)}
    papers.save_meeting(plan, papers.MeetingData(
        held_at=datetime(2023, 11, 24, 8, 0), ended_at=datetime(2023, 11, 24, 10, 30),
        place="Phòng họp UBND huyện", chair="Phạm Quang Sự; Phó Chủ tịch UBND huyện, Trưởng Ban Chỉ đạo",
        secretary="Trần Văn Bình; Chuyên viên Phòng Nội vụ",
        attendees=["Lê Minh Tâm; Trưởng phòng Nội vụ", "Bà Đỗ Thị Hoa; Đại diện hộ gia đình"],
        members_total=9, members_present=8, votes=votes), actor=users.home_affairs)
    papers.save_proposal(plan, proposal_date=date(2023, 11, 27),
                         signer_title="Trưởng phòng", signer_name="Lê Minh Tâm",
                         actor=users.home_affairs)
    data = decision.proposed_decision(plan, date(2023, 12, 4))
    decision.save_decision(plan, data, actor=users.home_affairs)
    as_issued(plan, proposal_number=7, proposal_day=date(2023, 11, 28),
              decision_number=2150, decision_day=date(2023, 12, 5), clerk=users.office)
    db.session.flush()
    return plan


def _props(doc, title_part, author):
    props = doc.core_properties
    assert title_part in props.title and props.author == author
    assert props.created is not None and props.created.year == 2023
    assert "python-docx" not in (props.comments or "")


def test_decision_cites_the_proposal_and_the_rules_of_its_date(december_2023):
    make, name = documents.decision_file(december_2023)
    data = make()
    doc = assert_nd30(data)
    text = all_text(doc)
    assert ("Theo đề nghị của Trưởng phòng Nội vụ tại Tờ trình số 07/TTr-NV ngày 28/11/2023."
            in [p.text for p in doc.paragraphs])
    assert "Bình Sơn, ngày 05 tháng 12 năm 2023" in text and "Số: 2150/QĐ-UBND" in text
    assert "Nghị định số 91/2017/NĐ-CP" in text and "98/2023" not in text
    assert "mỗi tập thể được thưởng 1.080.000 đồng" in text
    assert "mỗi cá nhân được thưởng 540.000 đồng" in text
    assert "19.440.000 đồng (Bằng chữ: Mười chín triệu bốn trăm bốn mươi nghìn đồng)" in text
    assert "12 tập thể và 12 cá nhân" in text
    assert not any(w in text.casefold() for w in WORKFLOW_WORDS)
    _props(doc, "Quyết định khen thưởng 2150/QĐ-UBND", "Ủy ban nhân dân huyện Bình Sơn")
    pdf = convert_to_pdf_if_possible(data)
    if pdf is not None:
        pages = _pdf_pages(pdf)
        signing = next(p for p in pages if "Phạm Quang Sự" in p)
        assert "Điều 3." in signing  # the signature never stands alone on its page
        assert "DANH SÁCH TẬP THỂ, CÁ NHÂN" in pages[-2] or "DANH SÁCH TẬP THỂ, CÁ NHÂN" in pages[-3]


def test_proposal_of_home_affairs_with_its_list(december_2023):
    make, name = papers_docs.proposal_file(december_2023)
    assert name == "Tờ trình đề nghị khen thưởng số 07-TTr-NV.docx"
    data = make()
    doc = assert_nd30(data)
    text = all_text(doc)
    header = doc.tables[0].rows[0].cells[0].paragraphs
    assert [p.text for p in header[:2]] == ["UBND HUYỆN BÌNH SƠN", "PHÒNG NỘI VỤ"]
    assert not any(r.font.bold for r in header[0].runs) and all(r.font.bold for r in header[1].runs)
    assert "Số: 07/TTr-NV" in text and "Bình Sơn, ngày 28 tháng 11 năm 2023" in text
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân huyện Bình Sơn." in text
    assert "Căn cứ Biên bản họp xét khen thưởng ngày 24/11/2023 của Ban Chỉ đạo" in text
    assert "tặng Giấy khen cho 12 tập thể và 12 cá nhân" in text
    assert "19.440.000 đồng (Bằng chữ: Mười chín triệu bốn trăm bốn mươi nghìn đồng)" in text
    assert "(Kèm theo Tờ trình số 07/TTr-NV ngày 28/11/2023 của Phòng Nội vụ)" in text
    assert "TRƯỞNG PHÒNG" in text and "Lê Minh Tâm" in text
    names = [r.cells[1].text for r in doc.tables[-1].rows]
    assert "Ông Cá Nhân Số 01" in names and "Đồng chí Cá Nhân Số 02" in names
    assert "ông (bà)" not in text.casefold()
    _props(doc, "Tờ trình", "Phòng Nội vụ huyện Bình Sơn")
    pdf = convert_to_pdf_if_possible(data)
    if pdf is not None:
        signing = next(p for p in _pdf_pages(pdf) if "Lê Minh Tâm" in p)
        assert "kính trình Chủ tịch UBND huyện xem xét, quyết định" in signing


def test_minutes_of_the_selection_meeting(december_2023):
    make, name = papers_docs.minutes_file(december_2023)
    assert name == "Biên bản họp xét khen thưởng ngày 24-11-2023.docx"
    data = make()
    doc = assert_nd30(data)
    text = all_text(doc)
    assert "Số:       /BB-BCĐ" in text and "BIÊN BẢN" in text  # the secretary writes it
    assert "Vào lúc 08 giờ 00 phút, ngày 24 tháng 11 năm 2023." in text
    assert "Chủ trì: Đồng chí Phạm Quang Sự, Phó Chủ tịch UBND huyện, Trưởng Ban Chỉ đạo." in text
    assert "Thư ký: Đồng chí Trần Văn Bình, Chuyên viên Phòng Nội vụ." in text
    assert "có mặt 08/09 thành viên, vắng 01" in text
    assert "- Đồng chí Lê Minh Tâm, Trưởng phòng Nội vụ;" in text
    assert "- Bà Đỗ Thị Hoa, Đại diện hộ gia đình." in text
    rows = [[c.text for c in r.cells] for r in doc.tables[-2].rows]
    assert ["1", "Tổ hợp tác số 01", "UBND xã Bình Chánh", "7/8", "87,5", "Đạt"] in rows
    assert "12 tập thể và 12 cá nhân đạt trên 50% số phiếu đồng ý" in text
    assert "Cuộc họp kết thúc vào lúc 10 giờ 30 phút cùng ngày." in text
    assert not any(w in text.casefold() for w in WORKFLOW_WORDS)
    _props(doc, "Biên bản họp xét khen thưởng", "Ban Chỉ đạo các Chương trình mục tiêu quốc gia huyện")
    pdf = convert_to_pdf_if_possible(data)
    if pdf is not None:
        signing = next(p for p in _pdf_pages(pdf) if "THƯ KÝ" in p)
        assert "biên bản đã được đọc lại" in " ".join(signing.split()).casefold()


def test_meeting_needs_every_vote_and_sane_numbers(users):
    nominate(users.commune, collective("Tổ A"), stage="shortlisted", coordinator=users.coordinator)
    plan = current_plan()
    data = papers.MeetingData(held_at=datetime(2023, 11, 24, 8), place="Hội trường",
                              chair="Người A; Phó Chủ tịch UBND huyện", secretary="Người B; Chuyên viên",
                              attendees=["Người C; Trưởng phòng"], members_total=5, members_present=6)
    with pytest.raises(DomainError, match="Số thành viên có mặt từ 1 đến 5."):
        papers.save_meeting(plan, data, actor=users.home_affairs)
    data.members_present = 4
    with pytest.raises(DomainError, match="Nhập số phiếu đồng ý của mọi tập thể, cá nhân đưa ra xét."):
        papers.save_meeting(plan, data, actor=users.home_affairs)
    data.attendees = ["Người C không có chức vụ"]
    with pytest.raises(DomainError, match="ghi họ tên, dấu chấm phẩy, rồi chức vụ"):
        papers.save_meeting(plan, data, actor=users.home_affairs)


def test_receipt_list_names_amounts_total_in_words(december_2023):
    make, name = papers_docs.receipt_file(december_2023)
    data = make()
    doc = assert_nd30(data)
    text = all_text(doc)
    assert "DANH SÁCH KÝ NHẬN TIỀN THƯỞNG" in text
    table = doc.tables[-2]
    assert [c.text for c in table.rows[0].cells] == ["TT", "Tên tập thể, họ và tên cá nhân", "Đơn vị",
                                                     "Số tiền (đồng)", "Ký nhận"]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert ["1", "Tổ hợp tác số 01", "UBND xã Bình Chánh", "1.080.000", ""] in rows
    assert ["", "Tổng cộng", "", "19.440.000", ""] in rows
    assert "Tổng số tiền bằng chữ: Mười chín triệu bốn trăm bốn mươi nghìn đồng." in text
    assert "TRƯỞNG PHÒNG NỘI VỤ" in text and "Lê Minh Tâm" in text  # the Tờ trình's signer
    convert_to_pdf_if_possible(data)


def test_certificates_one_per_landscape_page(december_2023):
    make, name = documents.certificates_file(december_2023)
    data = make()
    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    assert section.page_width > section.page_height   # A4 landscape
    text = all_text(doc)
    for words in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                  "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN", "TẶNG", "Số sổ vàng:"):
        assert text.count(words) == 24
    assert text.count("GIẤY KHEN") == 24 and "Ông Cá Nhân Số 01" in text
    assert text.count("Quyết định số 2150/QĐ-UBND ngày 05/12/2023") == 24
    assert "Đã có thành tích xuất sắc trong công tác giảm nghèo" in text
    _props(doc, "Giấy khen", "Ủy ban nhân dân huyện Bình Sơn")
    pdf = convert_to_pdf_if_possible(data)
    if pdf is not None:
        pages = [p for p in _pdf_pages(pdf) if p.strip()]
        assert len(pages) == 24 and all(p.count("GIẤY KHEN") == 1 for p in pages)


def test_spreadsheet_totals_are_formulas_and_text_stays_text(users):
    # shortlisted before the decision is issued: once issued, the list is closed
    nominate(users.mass_org, collective('=HYPERLINK("http://x","y")'), stage="shortlisted",
             coordinator=users.coordinator)
    december_2023 = _december_2023(users)
    make, name = documents.awardees_file(december_2023)
    wb = load_workbook(io.BytesIO(make()))
    ws = wb.active
    assert ws.freeze_panes == "A5" and ws.print_title_rows in ("4:4", "$4:$4")
    assert ws.column_dimensions["C"].width == 36
    values = {c.coordinate: c.value for row in ws.iter_rows() for c in row}
    assert values["H5"] == "=SUM(H6:H17)" and values["H18"] == "=SUM(H19:H30)"
    assert values["H31"] == "=SUM(H5,H18)" and values["B32"].startswith("Bằng chữ: Mười chín triệu")
    assert wb.properties.creator == "Ủy ban nhân dân huyện Bình Sơn"


def test_forms_the_units_fill_follow_the_rules_of_the_date(app, users):
    plan = current_plan()
    unit = db.session.get(Unit, users.commune.unit_id)
    make, name = unit_forms.achievement_form_file(plan, "individual", unit)
    doc = assert_nd30(make())
    text = all_text(doc)
    assert "Mẫu số 02, Phụ lục ban hành kèm theo Nghị định số 91/2017/NĐ-CP" in text
    assert "I. SƠ LƯỢC LÝ LỊCH" in text and "NGƯỜI BÁO CÁO THÀNH TÍCH" in text
    make, name = unit_forms.achievement_form_file(plan, "collective", unit)
    text = all_text(Document(io.BytesIO(make())))
    assert "Mẫu số 01" in text and "THỦ TRƯỞNG ĐƠN VỊ" in text and "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in text
    assert "98/2023" in unit_forms.form_on(date(2024, 3, 1), "collective")["reference"]


def test_a_title_that_names_the_body_is_not_followed_by_it_again():
    from webapp.awards.papers_docs import person_line
    from webapp.core.people import title_line
    assert title_line("Chuyên viên Phòng NN&PTNT",
                      "Phòng Nông nghiệp và Phát triển nông thôn") == "Chuyên viên Phòng NN&PTNT"
    assert title_line("Phó Chủ tịch Ủy ban MTTQ Việt Nam huyện",
                      "Ủy ban Mặt trận Tổ quốc Việt Nam huyện") == "Phó Chủ tịch Ủy ban MTTQ Việt Nam huyện"
    assert title_line("Trưởng thôn Phước Hòa", "xã Bình Chánh") == "Trưởng thôn Phước Hòa, xã Bình Chánh"
    assert person_line("Lê Minh Tâm", "Trưởng phòng Nội vụ") == "đồng chí Lê Minh Tâm, Trưởng phòng Nội vụ"
    assert person_line("Đỗ Thị Hoa", "Hộ kinh doanh", "ba", start=True) == "Bà Đỗ Thị Hoa, Hộ kinh doanh"


def _coordinator_renamed(plan):
    """Phòng LĐTB&XH as the units data might name it next year: the papers follow the data."""
    unit = plan.coordinator_unit
    unit.name, unit.short_name = "Phòng Lao động - Việc làm", "Phòng LĐ-VL"
    db.session.flush()


def test_the_papers_name_phong_ldtbxh_as_the_units_data_does(december_2023):
    plan = december_2023
    # as loaded: the short name the app prints elsewhere, in every "Nơi nhận"
    recipients = decision.proposed_decision(plan).recipients
    assert recipients[2:4] == ["Phòng LĐTB&XH", "Phòng TC-KH"]
    assert papers_docs.proposal_context(plan)["recipients"] == ["Như trên", "Phòng LĐTB&XH"]
    text = all_text(assert_nd30(documents.decision_file(plan)[0]()))
    assert "- Phòng LĐTB&XH;" in text and "LĐ-TB&XH" not in text
    assert "Trưởng phòng Lao động - Thương binh và Xã hội, Trưởng phòng Tài chính" in text
    minutes = all_text(assert_nd30(papers_docs.minutes_file(plan)[0]()))
    assert "Phòng Lao động - Thương binh và Xã hội và Phòng Nội vụ trình bày" in minutes
    # renamed in the units data: no paper keeps the old name
    _coordinator_renamed(plan)
    assert decision.proposed_decision(plan).recipients[2] == "Phòng LĐ-VL"
    assert papers_docs.proposal_context(plan)["recipients"] == ["Như trên", "Phòng LĐ-VL"]
    assert ("Trưởng phòng Lao động - Việc làm, Trưởng phòng Tài chính"
            in documents.decision_context(plan)["article_3"])
    minutes = all_text(assert_nd30(papers_docs.minutes_file(plan)[0]()))
    assert "Phòng Lao động - Việc làm và Phòng Nội vụ trình bày" in minutes
    assert "Thương binh" not in minutes
