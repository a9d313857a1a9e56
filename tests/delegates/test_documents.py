"""Invitations, the delegate list and the name cards: Nghị định 30 format, data intact."""
from datetime import date

import pytest

from tests.docx_checks import all_text, assert_nd30, convert_to_pdf_if_possible
from tests.conftest import user_for
from webapp.delegates import invitations, lists
from webapp.delegates.models import Reply
from webapp.documents.service import render
from webapp.plan.loader import current_plan

from .factories import delegate


@pytest.fixture
def issued(app):
    plan = current_plan()
    plan.conference_date = date(2023, 12, 5)
    delegate("Trần Văn <Tâm>", "huyen-thuong-truc", rank=1, title="Bí thư Huyện ủy",
             organisation="Huyện ủy Bình Sơn", reply=Reply.ATTENDING)
    delegate("Lê Thị Hoa", "tinh-so-ldtbxh", title="Phó Giám đốc",
             organisation="Sở LĐ-TB&XH tỉnh Quảng Ngãi", reply=Reply.SUBSTITUTE,
             substitute_name="Ngô Văn Thay", substitute_title="Trưởng phòng")
    delegate("Nguyễn Văn An", "xa-lanh-dao", unit_code="binh-chanh", title="Chủ tịch UBND xã",
             organisation="Xã Bình Chánh")
    delegate("Phạm Thị Bé", "xa-thon", unit_code="binh-chanh", title="Trưởng thôn Phú Lễ",
             organisation="Xã Bình Chánh")
    batch = invitations.issue(plan, number=125, issued_on=date(2023, 11, 20),
                              meeting_time="07 giờ 30", only_new=False, actor=user_for("office"))
    return plan, batch


def test_invitations_one_page_per_invitee(issued):
    plan, batch = issued
    data = render("giay-moi.docx", invitations.invitation_context(plan, batch, "person"))
    doc = assert_nd30(data)
    text = all_text(doc)
    assert text.count("GIẤY MỜI") == 4
    assert "Số: 125/GM-UBND" in text
    assert "Bình Sơn, ngày 20 tháng 11 năm 2023" in text
    # one title that names the body, never the body again
    assert "Đồng chí Trần Văn <Tâm>, Bí thư Huyện ủy\n" in text
    assert "Huyện ủy, Huyện ủy" not in text and "Huyện ủy Bình Sơn" not in text
    assert "Đồng chí Lê Thị Hoa, Phó Giám đốc Sở LĐ-TB&XH tỉnh Quảng Ngãi" in text
    assert "Thời gian: 07 giờ 30 phút, thứ Ba, ngày 05 tháng 12 năm 2023." in text
    # the summary names the whole conference: the movement and the period
    assert ("Dự Hội nghị sơ kết giữa kỳ Chương trình mục tiêu quốc gia Giảm nghèo bền vững và "
            "phong trào thi đua “Bình Sơn vì người nghèo – Không để ai bị bỏ lại phía sau” giai "
            "đoạn 2021\u20112025") in text   # a year range never breaks (U+2011)
    assert "Rất mong đồng chí đến dự" in text
    assert "Địa điểm: Hội trường UBND huyện." in text
    assert "Phạm Quang Sự" in text
    # province first (protocol order), then the district, then the commune
    assert text.index("Lê Thị Hoa") < text.index("Trần Văn <Tâm>") < text.index("Nguyễn Văn An")
    # each invitation is its own section: no page number on any one-page invitation
    assert len(doc.sections) == 4 and all(s.different_first_page_header_footer for s in doc.sections)
    convert_to_pdf_if_possible(data)


def test_invitations_one_page_per_organisation(issued):
    plan, batch = issued
    doc = assert_nd30(render("giay-moi.docx",
                             invitations.invitation_context(plan, batch, "organisation")))
    text = all_text(doc)
    assert text.count("GIẤY MỜI") == 3  # the two Bình Chánh delegates share one page
    assert "- Đồng chí Phạm Thị Bé, Trưởng thôn Phú Lễ, xã Bình Chánh;" in text
    # several invitees of one organisation are addressed in the plural
    assert "\nXã Bình Chánh\n" in text and "Rất mong các đồng chí đến dự" in text


def test_delegate_list_groups_by_composition(issued):
    plan, batch = issued
    data = render("danh-sach-dai-bieu.docx", lists.list_context(plan, batch))
    # an annex of the invitations: no number, no header of its own, no reply column
    doc = assert_nd30(data, header_table=False)
    text = all_text(doc)
    assert "DANH SÁCH ĐẠI BIỂU" in text and "Số:" not in text
    assert "(Kèm theo Giấy mời số 125/GM-UBND ngày 20/11/2023 của UBND huyện Bình Sơn)" in text
    table = doc.tables[0]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["STT", "Họ và tên", "Chức vụ, đơn vị"]
    assert rows[1][0] == "I" and "Đại diện lãnh đạo Sở" in rows[1][1]
    assert rows[2] == ["1", "Lê Thị Hoa", "Phó Giám đốc Sở LĐ-TB&XH tỉnh Quảng Ngãi"]
    assert ["2", "Trần Văn <Tâm>", "Bí thư Huyện ủy"] in rows
    assert "Dự" not in [r[-1] for r in rows] and "Trả lời" not in text
    assert "Tổng số: 4 đại biểu./." in text


def test_name_cards_show_who_comes(issued):
    plan, _batch = issued
    ids = lists.front_row_ids(plan)
    data = render("the-ten-dai-bieu.docx", lists.name_cards_context(plan, ids))
    doc = assert_nd30(data, landscape=True, header_table=False)
    names = [p.text for p in doc.paragraphs if p.runs and p.runs[0].font.size
             and p.runs[0].font.size.pt == 60]
    assert names == ["Ngô Văn Thay", "Trần Văn <Tâm>"]
