"""Reward money by the rules in force, and the documents of the decision."""
import io
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from webapp.awards import decision, documents, rules
from webapp.core.errors import DomainError
from webapp.core.formatting import amount_in_words
from webapp.plan.loader import current_plan

from ..docx_checks import all_text, assert_nd30, convert_to_pdf_if_possible
from .helpers import as_issued, collective, individual, nominate


@pytest.mark.parametrize("day, salary, individual_amount, collective_amount, basis", [
    (date(2023, 6, 30), 1_490_000, 450_000, 900_000, "nd91-2017"),
    (date(2023, 12, 5), 1_800_000, 540_000, 1_080_000, "nd91-2017"),
    (date(2024, 1, 1), 1_800_000, 540_000, 1_080_000, "nd98-2023"),
    (date(2024, 7, 1), 2_340_000, 710_000, 1_410_000, "nd98-2023"),
    (date(2025, 7, 1), 2_340_000, 710_000, 1_410_000, "nd152-2025"),
])
def test_rules_in_force_by_date(day, salary, individual_amount, collective_amount, basis):
    in_force = rules.rules_on(day)
    assert in_force.period.code == basis
    assert in_force.base_salary == salary
    assert in_force.amount("individual") == individual_amount   # 0.3 x, rounded up to 10.000
    assert in_force.amount("collective") == collective_amount


def test_legal_bases_follow_the_decision_date():
    bases_2023 = " ".join(rules.rules_on(date(2023, 12, 5)).period.legal_bases)
    assert "91/2017/NĐ-CP" in bases_2023 and "12/2019/TT-BNV" in bases_2023
    bases_2024 = " ".join(rules.rules_on(date(2024, 3, 1)).period.legal_bases)
    assert "98/2023/NĐ-CP" in bases_2024 and "91/2017" not in bases_2024
    assert "năm 2022" in bases_2024


def _twelve_and_twelve(users):
    kw = {"stage": "approved", "coordinator": users.coordinator, "home_affairs": users.home_affairs}
    for i in range(12):
        nominate(users.commune, collective(f"Tổ hợp tác số {i + 1}"), **kw)
        nominate(users.department, individual(f"Cá Nhân Số {i + 1}", 1960 + i), **kw)


def test_money_for_twelve_and_twelve_in_december_2023(users):
    _twelve_and_twelve(users)
    plan = current_plan()
    money = decision.money_summary(plan, date(2023, 12, 5))
    assert money.per_kind == {"collective": 1_080_000, "individual": 540_000}
    assert money.total == 19_440_000
    assert money.total_in_words == "Mười chín triệu bốn trăm bốn mươi nghìn đồng"
    # the plan's two sources, half each by default
    assert [(s["code"], s["amount"]) for s in money.by_source] == [
        ("DA6.TDA2", 9_720_000), ("DA7.TDA1", 9_720_000)]
    assert decision.reward_money_by_source(plan) == money.by_source  # decision date: today, 2023
    # in 2024 (after 01/7/2024) the same list costs more
    assert decision.money_summary(plan, date(2024, 12, 1)).total == 12 * 710_000 + 12 * 1_410_000


def test_split_by_source_keeps_the_total():
    class Source:
        def __init__(self, code):
            self.code, self.label = code, code
    rows = decision.split_amount(1_080_000 + 540_000 * 3, [Source("A"), Source("B"), Source("C")],
                                {"A": 33, "B": 33, "C": 34})
    assert sum(r["amount"] for r in rows) == 2_700_000
    assert amount_in_words(1_080_000) == "Một triệu không trăm tám mươi nghìn đồng"


def _decision(users, number=5, day=date(2023, 12, 5)):
    """Drafted by Phòng Nội vụ, then numbered and dated by the register when issued."""
    plan = current_plan()
    decision.save_decision(plan, decision.proposed_decision(plan, day), actor=users.home_affairs)
    as_issued(plan, decision_number=number, decision_day=day, clerk=users.office)
    return plan


def test_decision_docx_layout_names_order_money(users):
    kw = {"stage": "approved", "coordinator": users.coordinator, "home_affairs": users.home_affairs}
    tricky = 'Hợp tác xã "Đồng Tâm" & <Bình Sơn>'
    nominate(users.commune, collective(tricky), **kw)                        # commune: later
    nominate(users.mass_org, collective("Chi hội Cựu chiến binh thôn Ba"), **kw)  # mass org: earlier
    nominate(users.commune, individual("Trần Thị O'Lan", 1980, gender="female", address="ba"), **kw)
    nominate(users.department, individual("Võ Văn Ất", 1970, address="dong_chi"), **kw)
    plan = _decision(users)
    make, filename = documents.decision_file(plan)
    content = make()
    assert "05-QĐ-UBND" in filename and filename.endswith(".docx")
    doc = assert_nd30(content)
    text = all_text(doc)
    assert "Số: 05/QĐ-UBND" in text
    assert "Bình Sơn, ngày 05 tháng 12 năm 2023" in text
    paragraphs = [p.text for p in doc.paragraphs]
    for expected in ("QUYẾT ĐỊNH", "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN", "QUYẾT ĐỊNH:"):
        assert expected in paragraphs
    bases = [p for p in doc.paragraphs if p.text.startswith("Căn cứ")]
    assert bases and all(r.font.italic for p in bases for r in p.runs if r.text.strip())
    assert all(p.text.endswith(";") for p in bases[:-1]) and bases[-1].text.endswith(".")
    assert any("Nghị định số 91/2017/NĐ-CP" in p.text for p in bases)
    assert any(p.startswith("Theo đề nghị của Trưởng phòng Nội vụ") for p in paragraphs)
    article_1 = next(p for p in doc.paragraphs if p.text.startswith("Điều 1."))
    assert article_1.runs[0].bold and "02 tập thể và 02 cá nhân" in article_1.text
    article_2 = next(p.text for p in doc.paragraphs if p.text.startswith("Điều 2."))
    assert "mỗi tập thể được thưởng 1.080.000 đồng" in article_2
    assert "mỗi cá nhân được thưởng 540.000 đồng" in article_2
    assert "3.240.000 đồng (Bằng chữ: Ba triệu hai trăm bốn mươi nghìn đồng)" in article_2
    assert "Tiểu dự án 2 - Dự án 6 (1.620.000 đồng)" in article_2
    assert any(p.text.startswith("Điều 3.") and p.text.endswith("./.") for p in doc.paragraphs)
    assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text and "- Lưu: VT, NV." in text
    # the annex: on a new page, its title, reference in italics, rows in order, money, total
    body = doc.element.body.xml
    assert body.index('w:type="page"') < body.index("DANH SÁCH TẬP THỂ, CÁ NHÂN")
    ref = next(p for p in doc.paragraphs if p.text.startswith("(Kèm theo Quyết định số 05/QĐ-UBND"))
    assert all(r.font.italic for r in ref.runs) and "ngày 05/12/2023" in ref.text
    annex = doc.tables[-1]
    rows = [[c.text for c in r.cells] for r in annex.rows]
    names = [r[1] for r in rows[1:]]
    assert names == ["TẬP THỂ (2)", "Chi hội Cựu chiến binh thôn Ba", tricky, "CÁ NHÂN (2)",
                     "Đồng chí Võ Văn Ất", "Bà Trần Thị O'Lan", "Tổng cộng"]
    assert rows[2][3] == "1.080.000" and rows[5][3] == "540.000"
    assert rows[-1][3] == "3.240.000"
    assert "(Bằng chữ: Ba triệu hai trăm bốn mươi nghìn đồng)" in text
    convert_to_pdf_if_possible(content)


def test_decision_for_2024_uses_the_2022_law(users):
    nominate(users.commune, collective("Tổ hợp tác A"), stage="approved",
             coordinator=users.coordinator, home_affairs=users.home_affairs)
    plan = _decision(users, number=17, day=date(2024, 12, 2))
    doc = Document(io.BytesIO(documents.decision_file(plan)[0]()))
    text = all_text(doc)
    assert "98/2023/NĐ-CP" in text and "91/2017" not in text
    assert "1.410.000" in text and "Số: 17/QĐ-UBND" in text


def test_certificates_and_list(users):
    kw = {"stage": "approved", "coordinator": users.coordinator, "home_affairs": users.home_affairs}
    nominate(users.commune, collective("Tổ A & B"), **kw)
    nominate(users.commune, individual("Đinh Thị Thơ", 1979, gender="female", address="ba"), **kw)
    plan = _decision(users, number=2150)
    make, filename = documents.certificates_file(plan)
    content = make()
    assert "2150-QĐ-UBND" in filename
    doc = Document(io.BytesIO(content))  # a certificate: no header table, no page numbers
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert {r.font.name for p in doc.paragraphs for r in p.runs if r.text.strip()} == {"Times New Roman"}
    text = all_text(doc)
    assert text.count("GIẤY KHEN") == 2 and "Tổ A & B" in text and "Bà Đinh Thị Thơ" in text
    assert doc.element.body.xml.count('w:type="page"') == 1  # one page per awardee
    make_list, xlsx_name = documents.awardees_file(plan)
    data = make_list()
    assert xlsx_name.endswith(".xlsx") and "2150" in xlsx_name
    ws = load_workbook(io.BytesIO(data)).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    total_row = next(row for row in values if row[1] == "Tổng cộng")
    assert total_row[7] == "=SUM(H5,H7)"  # the sums of the two sections, as formulas
    assert any(row[2] == "Đinh Thị Thơ" and row[7] == 540_000 for row in values)


def test_no_document_without_awardees(users):
    plan = current_plan()
    with pytest.raises(DomainError, match="Chưa có tập thể, cá nhân nào được duyệt"):
        documents.decision_file(plan)
