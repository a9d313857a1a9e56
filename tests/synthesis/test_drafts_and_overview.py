"""Report drafts (saved, optimistic lock, the duty follows, .docx in the Nghị định 30 layout)
and the leadership overview page."""
from webapp.audit.models import AuditEntry
from webapp.duties.models import Status
from webapp.extensions import db
from webapp.synthesis import service
from webapp.synthesis.models import SynthesisDraft

from ..conftest import htmx, user_for
from ..docx_checks import all_text, assert_nd30, convert_to_pdf_if_possible
from .factories import assignment, commune_raw, report


def mid_term_form(version=0, **sections):
    data = {"version": version, "number": ""}
    for s in service.MID_TERM.sections:
        data[s.code] = sections.get(s.code, f"Nội dung {s.code} (thử).")
    return data


def test_saving_the_draft_moves_the_duty_and_is_audited(client, login_as):
    login_as("coordinator")
    response = client.post("/tong-hop/so-ket/luu", data=mid_term_form(), headers=htmx())
    assert response.status_code == 200
    assert 'id="draft-form"' in response.get_data(as_text=True)
    db.session.rollback()
    draft = db.session.query(SynthesisDraft).filter_by(kind="mid_term").one()
    assert draft.version == 1 and draft.sections["tinh_hinh"] == "Nội dung tinh_hinh (thử)."
    assert assignment("ldtbxh", "bao-cao-so-ket").status == Status.DRAFTING
    assert db.session.query(AuditEntry).filter_by(action="synthesis.save").count() == 1
    # the dashboard links the duty to this page
    page = client.get("/viec-cua-toi").get_data(as_text=True)
    assert "Soạn báo cáo sơ kết" in page and "/tong-hop/so-ket" in page


def test_a_stale_save_answers_409_and_keeps_what_was_saved(client, login_as, make_user):
    login_as("coordinator")
    assert client.post("/tong-hop/so-ket/luu", data=mid_term_form(tinh_hinh="Bản A")).status_code == 302
    stale = client.post("/tong-hop/so-ket/luu", data=mid_term_form(tinh_hinh="Bản B"), headers=htmx())
    assert stale.status_code == 409
    body = stale.get_data(as_text=True)
    assert "CHƯA được lưu" in body and "Bản B" in body, "what the user typed is kept on the page"
    db.session.rollback()
    assert db.session.query(SynthesisDraft).one().sections["tinh_hinh"] == "Bản A"


def test_completing_needs_the_required_sections_then_submits_the_duty(client, login_as):
    login_as("coordinator")
    client.post("/tong-hop/so-ket/luu", data=mid_term_form(han_che=""))
    response = client.post("/tong-hop/so-ket/hoan-tat", data={"version": 1})
    assert response.status_code == 303
    db.session.rollback()
    assert assignment("ldtbxh", "bao-cao-so-ket").status == Status.DRAFTING
    assert "TỒN TẠI" in client.get("/tong-hop/so-ket").get_data(as_text=True)  # the toast says which
    client.post("/tong-hop/so-ket/luu", data=mid_term_form(version=1))
    assert client.post("/tong-hop/so-ket/hoan-tat", data={"version": 2}).status_code == 302
    db.session.rollback()
    assert assignment("ldtbxh", "bao-cao-so-ket").status == Status.SUBMITTED


def test_home_affairs_cannot_touch_the_mid_term_report(client, login_as):
    login_as("home_affairs")
    assert client.post("/tong-hop/so-ket/luu", data=mid_term_form()).status_code == 403
    assert client.get("/tong-hop/thi-dua").status_code == 200


def test_mid_term_docx_has_the_tables_and_the_missing_units(app, client, login_as, make_user):
    coordinator = user_for("coordinator")
    from . import factories
    factories._users.clear()
    report("binh-chanh", commune_raw([1000, 1000, 1000], [100, 80, 60], [50, 50, 40]),
           make_user, coordinator)
    report("binh-long", commune_raw([3000, 3000, 3000], [60, 50, 40], [150, 120, 90]),
           make_user, coordinator)
    login_as("coordinator")
    page = client.get("/tong-hop/so-ket").get_data(as_text=True)
    assert "Ý kiến trong báo cáo của các đơn vị" in page and "Kết quả (dữ liệu thử)." in page
    client.post("/tong-hop/so-ket/luu", data=mid_term_form(ket_qua="Đánh giá & <kết quả> chung."))
    response = client.get("/tong-hop/so-ket/tai-ve")
    assert response.status_code == 200
    doc = assert_nd30(response.data)
    text = all_text(doc)
    assert "BÁO CÁO" in text and "Sơ kết giữa kỳ thực hiện Chương trình" in text
    assert "/BC-UBND" in doc.tables[0].rows[1].cells[0].text
    assert "Đánh giá & <kết quả> chung." in text
    assert "2/22 xã, thị trấn" in text and "160 hộ nghèo (tỷ lệ 4,00%)" in text
    assert "Toàn huyện (2/22)" in text
    assert "Bình An (chưa thực hiện)" in text, "a missing commune is named, not zero"
    assert "PHỤ LỤC I" in text and "PHỤ LỤC II" in text
    poverty = next(t for t in doc.tables if t.rows[0].cells[1].text == "Xã, thị trấn")
    total_row = [c.text for c in poverty.rows[-1].cells]
    assert total_row[2:4] == ["160", "4,00%"]
    assert doc.sections[1].orientation == 1, "annexes in landscape"
    assert "{{" not in text and "{%" not in text and "./." in text
    convert_to_pdf_if_possible(response.data)


def test_emulation_docx(client, login_as):
    login_as("home_affairs")
    data = {"version": 0, "number": "125", **{s.code: "Nội dung thử." for s in service.EMULATION.sections}}
    assert client.post("/tong-hop/thi-dua/luu", data=data).status_code == 302
    response = client.get("/tong-hop/thi-dua/tai-ve")
    doc = assert_nd30(response.data)
    text = all_text(doc)
    assert "Số: 125/BC-UBND" in text and "phong trào thi đua" in text
    assert "Kết quả đề nghị khen thưởng của các đơn vị" in text
    assert "Lưu: VT, NV." in text


def test_overview_for_leadership_shows_progress_charts_and_missing_units(app, client, login_as,
                                                                      make_user):
    from . import factories
    factories._users.clear()
    report("binh-chanh", commune_raw([1000, 1000, 1000], [100, 80, 60], [50, 50, 40]),
           make_user, user_for("coordinator"))
    login_as("leadership")
    page = client.get("/tong-quan").get_data(as_text=True)
    assert "Báo cáo kết quả theo đề cương" in page
    assert page.count('<svg class="chart"') == 2
    assert "chưa có báo cáo được tiếp nhận" in page
    assert "Bình Chánh – Cuối năm 2021: 10,00%" in page
    assert 'id="nominations"' in page and 'id="delegates"' in page
    assert "<script" not in page.split("</head>")[1], "no inline script (CSP)"
    assert 'style="' not in page
