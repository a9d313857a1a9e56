"""The district reports as a văn thư reads them, on the demo data: results only (no workflow
state beside a unit), annexes "(Kèm theo Báo cáo số …)" with total rows, the emulation report
from what the units reported about the movement and the approved awards; every section written."""
from webapp.core import clock
from webapp.plan.loader import current_plan
from webapp.synthesis import documents, service

from ..demo_docs import assert_finished, build_demo
from ..docx_checks import all_text, assert_nd30, convert_to_pdf_if_possible

WORKFLOW_WORDS = ("chưa thực hiện", "đang soạn", "đã nộp", "chờ xét", "yêu cầu bổ sung",
                  "được tiếp nhận", "LĐTB&XH đã chọn", "Nội vụ duyệt", "ứng dụng")


def _render(kind):
    plan = current_plan()
    return documents.render(kind, documents.context_for(plan, kind, clock.today()))


def test_mid_term_report_on_the_demo_reads_as_results(app):
    build_demo()
    data = _render(service.MID_TERM)
    doc = assert_nd30(data)
    assert_finished(data, title="Báo cáo – Sơ kết giữa kỳ thực hiện Chương trình",
                    author="UBND huyện Bình Sơn")
    text = all_text(doc)
    assert "(Chưa soạn nội dung mục này.)" not in text and "…\n" not in text
    for word in WORKFLOW_WORDS:
        assert word not in text.lower(), word
    assert "Toàn huyện cuối năm 2021 có" in text and "Tỷ lệ hộ nghèo giảm từ" in text
    assert text.count("(Kèm theo Báo cáo số       /BC-UBND ngày … của UBND huyện Bình Sơn)") == 3
    poverty = next(t for t in doc.tables if t.rows[0].cells[1].text == "Xã, thị trấn")
    names = [r.cells[1].text for r in poverty.rows[1:-1]]
    assert names[0] == "Thị trấn Châu Ổ" and "Xã Bình Châu" in names and len(names) == 22
    assert poverty.rows[-1].cells[1].text == "Toàn huyện"
    bình_châu = next(r for r in poverty.rows if r.cells[1].text == "Xã Bình Châu")
    assert {c.text for c in bình_châu.cells[2:]} == {"–"}, "no figure, no state: a dash"
    projects = next(t for t in doc.tables if t.rows[0].cells[0].text == "Dự án, tiểu dự án"
                    and "phân bổ" in t.rows[0].cells[3].text)
    firsts = [r.cells[0].text for r in projects.rows]
    assert "Cộng A" in firsts and "Cộng B" in firsts
    assert "KT. CHỦ TỊCH" in text and "Phạm Quang Sự" in text and "Lưu: VT, LĐTBXH." in text
    convert_to_pdf_if_possible(data)


def test_emulation_report_on_the_demo_from_the_movement_and_the_awards(app):
    build_demo()
    data = _render(service.EMULATION)
    doc = assert_nd30(data)
    assert_finished(data, title="Báo cáo – Sơ kết giữa kỳ phong trào thi đua",
                    author="UBND huyện Bình Sơn")
    text = all_text(doc)
    for word in WORKFLOW_WORDS:
        assert word not in text.lower(), word
    assert "Kết quả đề nghị khen thưởng của các đơn vị" not in text
    assert "Hưởng ứng phong trào, 8 cơ quan, đơn vị, địa phương đã xây dựng, nhân rộng" in text
    assert "2. Gương điển hình tiên tiến, cách làm hay" in text and "- Xã Bình Đông:" in text
    assert "Chủ tịch UBND huyện khen thưởng" in text and "(danh sách tại Phụ lục II)" in text
    movement = next(t for t in doc.tables if t.rows[0].cells[1].text == "Đơn vị")
    assert movement.rows[-1].cells[1].text == "Tổng cộng"
    total = movement.rows[-1].cells[4].text
    assert total.endswith(".000") and total != "–"
    assert "DANH SÁCH TẬP THỂ, CÁ NHÂN CÓ THÀNH TÍCH XUẤT SẮC ĐƯỢC KHEN THƯỞNG" in text
    assert "I. TẬP THỂ" in text and "Lưu: VT, NV." in text
    convert_to_pdf_if_possible(data)
