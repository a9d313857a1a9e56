"""The budget papers on the demo data: Phòng LĐTB&XH's Tờ trình (…/TTr-LĐTBXH, its superior
body in regular capitals, itself in bold, the signer named) with the Dự toán attached, the
Quyết định phê duyệt dự toán of the district chair, and the .xlsx with formulas."""
import io

from openpyxl import load_workbook

from webapp.budget import documents, estimate, spreadsheet
from webapp.core import clock
from webapp.plan.loader import current_plan

from ..demo_docs import assert_finished, build_demo
from ..docx_checks import all_text, assert_nd30, convert_to_pdf_if_possible


def test_the_proposal_with_the_estimate_attached(app):
    build_demo()
    plan = current_plan()
    data = documents.render_proposal(documents.budget_context(plan, estimate.summary(plan),
                                                              clock.today()))
    doc = assert_nd30(data)
    assert_finished(data, title="Tờ trình – Về việc phê duyệt dự toán",
                    author="Phòng Lao động - Thương binh và Xã hội")
    header = doc.tables[0].rows[0].cells[0].paragraphs
    superior = next(p for p in header if p.text == "UBND HUYỆN BÌNH SƠN")
    body = next(p for p in header if p.text == "PHÒNG LAO ĐỘNG -")
    assert not any(r.font.bold for r in superior.runs) and all(r.font.bold for r in body.runs)
    text = all_text(doc)
    assert "TỜ TRÌNH" in text and "/TTr-LĐTBXH" in text and "DT-" not in text
    assert "Kính gửi: Ủy ban nhân dân huyện Bình Sơn." in text
    assert "Căn cứ Thông tư số 40/2017/TT-BTC" in text
    assert "12 tập thể và 12 cá nhân" in text and "19.440.000 đồng" in text
    assert "Nghị định số 91/2017/NĐ-CP" in text and "1.800.000 đồng" in text
    assert "TRƯỞNG PHÒNG" in text and "Nguyễn Thị Mẫu Thử" in text
    assert "(Kèm theo Tờ trình số       /TTr-LĐTBXH ngày … của Phòng Lao động - Thương binh và Xã hội)" in text
    annex = next(t for t in doc.tables if t.rows[0].cells[1].text == "Nội dung chi")
    rows = [[c.text for c in r.cells] for r in annex.rows]
    documents_row = next(r for r in rows if r[1] == "Tài liệu hội nghị")
    assert documents_row[2:6] == ["bộ", "166", "30.000", "4.980.000"]
    assert "Thông tư số 40/2017/TT-BTC" in documents_row[7]
    assert ["", "TỔNG CỘNG (I + II)", "", "", "", "35.290.000", "", ""] in rows
    convert_to_pdf_if_possible(data)


def test_the_decision_approving_the_estimate(app):
    build_demo()
    plan = current_plan()
    data = documents.render_decision(documents.decision_context(plan, estimate.summary(plan),
                                                                clock.today()))
    doc = assert_nd30(data)
    assert_finished(data, title="Quyết định – Về việc phê duyệt dự toán",
                    author="UBND huyện Bình Sơn")
    text = all_text(doc)
    assert "QUYẾT ĐỊNH" in text and "/QĐ-UBND" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN" in text
    assert "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;" in text
    assert "Theo đề nghị của Trưởng phòng Lao động - Thương binh và Xã hội tại Tờ trình số" in text
    assert "Điều 1. Phê duyệt dự toán" in text and "35.290.000 đồng" in text
    assert "Ba mươi lăm triệu hai trăm chín mươi nghìn đồng" in text
    assert "KT. CHỦ TỊCH" in text and "Phạm Quang Sự" in text and "Như Điều 3;" in text
    assert "(Kèm theo Quyết định số       /QĐ-UBND ngày … của Chủ tịch UBND huyện Bình Sơn)" in text
    convert_to_pdf_if_possible(data)


def test_the_spreadsheet_sums_with_formulas_and_keeps_text_as_text(app):
    build_demo()
    plan = current_plan()
    from webapp.auth.models import User
    from webapp.budget import service
    from webapp.extensions import db
    office = db.session.query(User).filter_by(username="vanphong").one()
    service.add_line(plan, service.LineData("other", '=HYPERLINK("http://x","y")\x01', 1, "gói",
                                            10_000, plan.funding_sources[0].id), actor=office)
    data = spreadsheet.budget_workbook(plan, estimate.summary(plan), clock.today())
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    assert ws.freeze_panes == "C5" and ws.print_title_rows == "$4:$4"
    assert ws.column_dimensions["B"].width == 46
    cells = {c.coordinate: c for row in ws.iter_rows() for c in row}
    formulas = [c.value for c in cells.values() if c.data_type == "f"]
    assert formulas and all(f.startswith("=SUM(") for f in formulas), "totals follow the lines"
    assert "=SUM(F6:F11)" in formulas   # part I: the six lines
    hostile = next(c for c in cells.values() if isinstance(c.value, str) and "HYPERLINK" in c.value)
    assert hostile.data_type == "s" and hostile.quotePrefix and "\x01" not in hostile.value
    assert wb.properties.creator == "Phòng Lao động - Thương binh và Xã hội"


def test_the_proposer_and_its_head_come_from_the_units_data(app):
    """Phòng LĐTB&XH's name and its Trưởng phòng are read from the units data, never typed in
    the budget: a renamed phòng (one line in the header) and a new head reach every paper."""
    from webapp.extensions import db
    from webapp.plan.models import Official
    plan = current_plan()
    plan.coordinator_unit.name = "Phòng Nội vụ và Lao động"
    db.session.query(Official).filter_by(code="truong-phong-ldtbxh").one().full_name = \
        "Trần Thị Thử Nghiệm"
    db.session.flush()
    data = documents.render_proposal(documents.budget_context(plan, estimate.summary(plan),
                                                              clock.today()))
    doc = assert_nd30(data)
    assert_finished(data, title="Tờ trình – Về việc phê duyệt dự toán",
                    author="Phòng Nội vụ và Lao động")
    header = [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs if p.text]
    assert header == ["UBND HUYỆN BÌNH SƠN", "PHÒNG NỘI VỤ VÀ LAO ĐỘNG"]
    text = all_text(doc)
    assert "Thương binh" not in text
    assert "Phòng Nội vụ và Lao động kính trình UBND huyện xem xét, phê duyệt./." in text
    assert "(Kèm theo Tờ trình số       /TTr-LĐTBXH ngày … của Phòng Nội vụ và Lao động)" in text
    assert "Trần Thị Thử Nghiệm" in text, "the head the units data names signs"
    decision = all_text(assert_nd30(documents.render_decision(documents.decision_context(
        plan, estimate.summary(plan), clock.today()))))
    assert "Theo đề nghị của Trưởng phòng Nội vụ và Lao động tại Tờ trình số" in decision
    assert ("Chánh Văn phòng HĐND và UBND huyện, Trưởng phòng Tài chính - Kế hoạch, Trưởng "
            "phòng Nội vụ và Lao động và Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách "
            "nhiệm thi hành") in decision
    wb = load_workbook(io.BytesIO(spreadsheet.budget_workbook(plan, estimate.summary(plan),
                                                              clock.today())))
    assert wb.properties.creator == "Phòng Nội vụ và Lao động"
    assert wb.active["A2"].value.startswith("Phòng Nội vụ và Lao động · số liệu đến ngày")
