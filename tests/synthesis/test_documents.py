"""The district reports as a văn thư reads them, on the demo data: results only (no workflow
state beside a unit), annexes "(Kèm theo Báo cáo số …)" with total rows, the emulation report
from what the units reported about the movement and the approved awards; every section written."""
from webapp.core import clock
from webapp.extensions import db
from webapp.plan.loader import current_plan
from webapp.plan.models import Unit
from webapp.synthesis import documents, service
from webapp.synthesis.figures import CommuneRow, DistrictTables

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
    # 7 of 22 communes reported: a sum of theirs, said so, never "Toàn huyện"
    assert "Tổng hợp từ báo cáo của 7/22 xã, thị trấn: cuối năm 2021 có 1.435 hộ nghèo" in text
    assert "Toàn huyện cuối năm" not in text and "(Số liệu tổng hợp của" not in text
    # a fall of a rate is in percentage points
    assert ("Tỷ lệ hộ nghèo của các xã, thị trấn này giảm từ 5,58% (cuối năm 2021) còn 3,31% "
            "(ước năm 2023), bình quân mỗi năm giảm 1,14 điểm phần trăm.") in text
    assert "giảm 1,14%" not in text
    assert text.count("(Kèm theo Báo cáo số       /BC-UBND ngày … của UBND huyện Bình Sơn)") == 3
    poverty = next(t for t in doc.tables if t.rows[0].cells[1].text == "Xã, thị trấn")
    # two header rows: each period over its three columns (merged), then the columns
    top, sub = [c.text for c in poverty.rows[0].cells], [c.text for c in poverty.rows[1].cells]
    assert top == ["TT", "Xã, thị trấn"] + ["Cuối năm 2021"] * 3 + ["Cuối năm 2022"] * 3 + [
        "Ước năm 2023"] * 3
    assert sub[2:] == ["Tổng số hộ", "Số hộ nghèo", "Tỷ lệ"] * 3 and not any(":" in c for c in top)
    assert len(poverty.rows[0]._tr.tc_lst) == 5, "the period cells are merged, not repeated"
    names = [r.cells[1].text for r in poverty.rows[2:-1]]
    assert names[0] == "Thị trấn Châu Ổ" and "Xã Bình Châu" in names and len(names) == 22
    assert poverty.rows[-1].cells[1].text == "Cộng 7/22 xã, thị trấn"
    # Phụ lục III: every unit by its full name, the form Phụ lục I uses
    targets = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:2]
                   == ["Dự án, tiểu dự án", "Đơn vị"])
    units = {r.cells[1].text for r in targets.rows[1:]}
    full_names = {u.name for u in db.session.query(Unit)}
    assert units <= full_names and {"Thị trấn Châu Ổ", "Xã Bình Dương"} <= units
    assert "Phòng Nông nghiệp và Phát triển nông thôn" in units
    assert "Đối tượng hưởng lợi (người)" in text
    bình_châu = next(r for r in poverty.rows if r.cells[1].text == "Xã Bình Châu")
    assert {c.text for c in bình_châu.cells[2:]} == {"–"}, "no figure, no state: a dash"
    projects = next(t for t in doc.tables if t.rows[0].cells[0].text == "Dự án, tiểu dự án"
                    and t.rows[1].cells[3].text == "Phân bổ")
    assert [c.text for c in projects.rows[0].cells][3:] == [
        "Ngân sách trung ương"] * 2 + ["Ngân sách địa phương"] * 2 + ["Vốn huy động"] * 2
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
    # each unit its own examples: no story told for two communes
    examples = [line.split(": ", 1)[1] for line in text.split("\n")
                if line.startswith("- ") and (line.startswith("- Xã ") or
                                              line.startswith(("- Thị trấn ", "- Phòng ")))]
    assert len(examples) == 8 and len(set(examples)) == len(examples)
    assert "Chủ tịch UBND huyện khen thưởng" in text and "(danh sách tại Phụ lục II)" in text
    movement = next(t for t in doc.tables if t.rows[0].cells[1].text == "Đơn vị")
    assert movement.rows[-1].cells[1].text == "Tổng cộng"
    total = movement.rows[-1].cells[4].text
    assert total.endswith(".000") and total != "–"
    assert "DANH SÁCH TẬP THỂ, CÁ NHÂN CÓ THÀNH TÍCH XUẤT SẮC ĐƯỢC KHEN THƯỞNG" in text
    assert "I. TẬP THỂ" in text and "Lưu: VT, NV." in text
    convert_to_pdf_if_possible(data)


def _tables(accepted: list[bool], totals: dict) -> DistrictTables:
    communes = [CommuneRow(Unit(name=f"Xã {i}", kind="commune"), "", ok)
                for i, ok in enumerate(accepted)]
    return DistrictTables(True, periods=[("2021", "Cuối năm 2021"), ("2022", "Cuối năm 2022"),
                                         ("2023", "Ước năm 2023")],
                          communes=communes, totals=totals)


def test_every_commune_reported_is_the_district_and_a_rise_is_said_so():
    totals = {"2021": {"poor": 100, "poor_rate": 2.5}, "2022": {"poor": 110, "poor_rate": 2.75},
              "2023": {"poor": 120, "poor_rate": 3.0}}
    lines = documents.results_summary(_tables([True, True], totals))
    assert lines[0] == ("Toàn huyện cuối năm 2021 có 100 hộ nghèo (tỷ lệ 2,50%); cuối năm 2022 "
                        "có 110 hộ nghèo (tỷ lệ 2,75%); ước năm 2023 có 120 hộ nghèo (tỷ lệ 3,00%).")
    assert lines[1] == ("Tỷ lệ hộ nghèo tăng từ 2,50% (cuối năm 2021) lên 3,00% (ước năm 2023), "
                        "bình quân mỗi năm tăng 0,25 điểm phần trăm.")
    partial = documents.results_summary(_tables([True, False], totals))
    assert partial[0].startswith("Tổng hợp từ báo cáo của 1/2 xã, thị trấn: cuối năm 2021 có")
