"""The lists printed from the delegates (issue 11): the issuing body's own leaders preside, so
the list annexed to its giấy mời and the figures of who was invited never count them as
invitees; the sign-in sheet and the figures show them apart."""
import io
from datetime import datetime

from docx import Document

from webapp.delegates import lists
from webapp.delegates.models import Reply
from webapp.documents.service import render
from webapp.plan.loader import current_plan

from ..docx_checks import all_text, assert_nd30
from .factories import delegate


def _people():
    delegate("Phan Quốc Khoa", "huyen-thuong-truc", unit_code="ubnd", rank=5,
             title="Chủ tịch UBND huyện", organisation="UBND huyện Bình Sơn",
             reply=Reply.ATTENDING, checked_in_at=datetime(2023, 12, 5, 7, 10))
    delegate("Phạm Quang Sự", "huyen-thuong-truc", unit_code="ubnd", rank=6,
             title="Phó Chủ tịch UBND huyện", organisation="UBND huyện Bình Sơn",
             reply=Reply.ATTENDING)
    delegate("Võ Thanh Mẫu", "huyen-thuong-truc", unit_code="huyenuy", rank=1,
             title="Bí thư Huyện ủy", organisation="Huyện ủy Bình Sơn", reply=Reply.ATTENDING,
             checked_in_at=datetime(2023, 12, 5, 7, 20))
    delegate("Võ Văn Khách", "huyen-phong-ban", title="Trưởng phòng", organisation="Phòng Y tế",
             reply=Reply.DECLINED)


def test_the_list_annexed_to_the_invitations_has_only_invitees(app):
    _people()
    data = render("danh-sach-dai-bieu.docx", lists.list_context(current_plan()))
    text = all_text(assert_nd30(data, header_table=False))
    assert "Phan Quốc Khoa" not in text and "Phạm Quang Sự" not in text
    assert "Võ Thanh Mẫu" in text and "Võ Văn Khách" in text
    assert "Tổng số: 2 đại biểu./." in text


def test_the_figures_never_count_the_presiding_leaders_as_invited(app):
    _people()
    plan = current_plan()
    ctx = lists.attendance_context(plan)
    rows = {r["label"]: r for r in ctx["rows"]}
    chairs = rows["Lãnh đạo UBND huyện chủ trì hội nghị"]
    assert (chairs["planned"], chairs["named"], chairs["coming"], chairs["present"]) == \
        (2, "—", "—", 1)
    standing = next(r for label, r in rows.items() if label.startswith("Thường trực Huyện ủy"))
    planned = next(c.planned for c in plan.compositions if c.code == "huyen-thuong-truc")
    # the composition's seats less the two presiding leaders; only the invitee counted
    assert (standing["planned"], standing["named"], standing["coming"], standing["present"]) \
        == (planned - 2, 1, 1, 1)
    # the totals: the plan's seats, the invitees, who confirmed, who was there (all)
    assert ctx["totals"] == {"planned": sum(c.planned for c in plan.compositions),
                             "named": 2, "coming": 1, "present": 2}
    data = render("so-lieu-dai-bieu.docx", ctx)
    table = Document(io.BytesIO(data)).tables[0]
    assert [c.text for c in table.rows[1].cells] == \
        ["Lãnh đạo UBND huyện chủ trì hội nghị", "2", "—", "—", "1"]
    assert "tổng số đại biểu có mặt: 2./." in all_text(assert_nd30(data, header_table=False))


def test_the_sign_in_sheet_puts_the_presiding_leaders_first_apart(app):
    _people()
    groups = lists.signin_context(current_plan())["groups"]
    assert [(g["roman"], g["label"]) for g in groups][0] == \
        ("I", "Lãnh đạo UBND huyện chủ trì hội nghị")
    assert [r["name"] for r in groups[0]["rows"]] == ["Phan Quốc Khoa", "Phạm Quang Sự"]
    # numbered throughout; the declined invitee is not expected
    names = [(r["no"], r["name"]) for g in groups for r in g["rows"]]
    assert names == [(1, "Phan Quốc Khoa"), (2, "Phạm Quang Sự"), (3, "Võ Thanh Mẫu")]
    assert groups[1]["roman"] == "II"
