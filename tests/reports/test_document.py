"""The draft .docx of a result report: Nghị định 30 format, the unit's figures in place, and
names with "&" and "<" intact (autoescape)."""
import io

from docx import Document

from webapp.reports import document, queries, service
from webapp.plan.loader import current_plan

from ..demo_docs import assert_finished, build_demo
from ..docx_checks import all_text, assert_nd30, convert_to_pdf_if_possible
from .helpers import COMMUNE_DRAFT, assignment


def _render(unit_code, raw):
    a = assignment(unit_code)
    outline = service.outline_for(None)
    checked = service.check(a, raw, outline)
    context = document.context(a, outline, checked, queries.program_projects(a.unit), current_plan())
    return document.render(context)


def test_commune_report_docx_has_the_format_and_the_figures(app):
    raw = {**COMMUNE_DRAFT,
           "prj.DA4.TDA3.result": "Hợp tác xã Bình Chánh & Cộng sự <Mới> hỗ trợ 120 lao động",
           "nar.proposals": "Đề nghị hỗ trợ vốn cho hộ < 3 lao động & hộ neo đơn\nDòng thứ hai"}
    data = _render("binh-chanh", raw)
    doc = assert_nd30(data)
    text = all_text(doc)
    header = doc.tables[0].rows[0].cells[0].text
    assert "ỦY BAN NHÂN DÂN" in header and "XÃ BÌNH CHÁNH" in header
    assert "Số:       /BC-UBND" in doc.tables[0].rows[1].cells[0].text
    assert "Bình Chánh, ngày" in doc.tables[0].rows[1].cells[1].text
    assert "BÁO CÁO" in text
    assert "Hợp tác xã Bình Chánh & Cộng sự <Mới> hỗ trợ 120 lao động" in text
    assert "Đề nghị hỗ trợ vốn cho hộ < 3 lao động & hộ neo đơn" in text and "Dòng thứ hai" in text
    poverty = doc.tables[1]
    assert [c.text for c in poverty.rows[1].cells] == ["Tổng số hộ dân cư", "hộ", "2.000", "2.010", "2.020"]
    assert [c.text for c in poverty.rows[3].cells][2:] == ["5,00", "3,98", "2,97"]
    funds = doc.tables[2]
    assert [c.text for c in funds.rows[1].cells] == [
        "Tiểu dự án 3 - Dự án 4", "2023", "Ngân sách trung ương", "150.000.000", "120.500.000", "80,33"]
    signature = doc.tables[-1]
    assert "UBND huyện (qua Phòng LĐTB&XH)" in signature.rows[0].cells[0].text
    assert "CHỦ TỊCH" in signature.rows[0].cells[1].text
    assert text.rstrip().count("./.") == 1
    convert_to_pdf_if_possible(data)


def test_department_report_docx_header_and_signature(app):
    data = _render("nnptnt", {"prj.DA2.selected": "1", "prj.DA2.result": "03 mô hình"})
    doc = Document(io.BytesIO(assert_nd30(data) and data))
    header = doc.tables[0].rows[0].cells[0].text
    assert "UBND HUYỆN BÌNH SƠN" in header and "PHÒNG NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN" in header
    assert "/BC-NNPTNT" in doc.tables[0].rows[1].cells[0].text
    assert "TRƯỞNG PHÒNG" in doc.tables[-1].rows[0].cells[1].text
    assert "TÌNH HÌNH HỘ NGHÈO" not in all_text(doc)
    assert "I. KẾT QUẢ THỰC HIỆN CÁC DỰ ÁN" in all_text(doc)
    # a phòng's paper: its superior body in regular capitals, the phòng itself in bold
    lines = doc.tables[0].rows[0].cells[0].paragraphs
    superior = next(p for p in lines if p.text == "UBND HUYỆN BÌNH SƠN")
    body = next(p for p in lines if p.text.startswith("PHÒNG NÔNG NGHIỆP"))
    assert not any(r.font.bold for r in superior.runs) and all(r.font.bold for r in body.runs)
    assert_finished(data, title="Báo cáo – Kết quả thực hiện",
                    author="Phòng Nông nghiệp và Phát triển nông thôn")


def test_commune_report_on_the_demo_is_issued_in_its_own_name(app):
    build_demo()
    a = assignment("chau-o")
    report = queries.report_of(a)
    outline = service.outline_for(report)
    context = document.context(a, outline, service.check(a, dict(report.data), outline),
                               queries.program_projects(a.unit), current_plan())
    data = document.render(context)
    doc = assert_nd30(data)
    assert_finished(data, title="Báo cáo – Kết quả thực hiện", author="UBND thị trấn Châu Ổ")
    header = doc.tables[0].rows[0].cells[0].text
    assert header.split("\n")[:2] == ["ỦY BAN NHÂN DÂN", "THỊ TRẤN CHÂU Ổ"]
    assert "UBND HUYỆN" not in header
    text = all_text(doc)
    assert "Số:       /BC-UBND" in text and "TM. ỦY BAN NHÂN DÂN" in text and "CHỦ TỊCH" in text
    # the demo issues the plan through the register: cited by its number and date
    assert "Thực hiện Kế hoạch số 01/KH-UBND ngày 15/11/2023 của UBND huyện Bình Sơn" in text
    assert "PHONG TRÀO THI ĐUA “BÌNH SƠN VÌ NGƯỜI NGHÈO" in text
    assert "Số mô hình, cách làm hay giúp người nghèo:" in text
    assert "(vốn, con giống" not in text, "form hints stay on the form"
    convert_to_pdf_if_possible(data)


def _demo_draft(unit_code):
    a = assignment(unit_code)
    report = queries.report_of(a)
    outline = service.outline_for(report)
    context = document.context(a, outline, service.check(a, dict(report.data), outline),
                               queries.program_projects(a.unit), current_plan())
    return document.render(context)


def test_a_draft_on_the_demo_is_signed_by_the_head_the_directory_names(app):
    """Bình Chánh's draft as its văn thư reads it: the Chủ tịch UBND xã named under the
    signature when the units data knows them (blank for the signer to write otherwise), one
    unit per figure, every rate with two decimals."""
    import re

    from webapp.extensions import db
    from webapp.plan.models import Official
    build_demo()
    data = _demo_draft("binh-chanh")
    doc = assert_nd30(data)
    lines = [p.text for p in doc.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn Thành"]
    db.session.delete(db.session.query(Official).filter_by(code="chu-tich-ubnd-binh-chanh").one())
    db.session.flush()
    lines = [p.text for p in assert_nd30(_demo_draft("binh-chanh")).tables[-1].rows[0].cells[1]
             .paragraphs]
    assert [t for t in lines if t] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], \
        "nobody named in the data: the name is left to the signer"
    text = all_text(doc)
    assert "người/hộ" not in text and "- Số đối tượng được hưởng lợi: 46 người" in text
    poverty = doc.tables[1]
    rates = [c.text for r in poverty.rows if r.cells[0].text.startswith("Tỷ lệ")
             for c in r.cells[2:]]
    assert rates == ["5,65", "4,37", "3,36", "6,70", "6,01", "5,32"]
    funds = next(t for t in doc.tables if t.rows[0].cells[-1].text == "Tỷ lệ (%)")
    assert [r.cells[-1].text for r in funds.rows[1:]] == ["60,00", "100,00", "62,50"]
    assert all(re.fullmatch(r"\d+,\d\d", rate) for rate in rates)
    convert_to_pdf_if_possible(data)
