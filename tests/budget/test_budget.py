"""Budget: money input, totals by funding source in figures and words, the reward money
(or "chưa có dữ liệu"), audit, stale edits, .xlsx and .docx."""
import io

import pytest
from openpyxl import load_workbook

from webapp.audit.models import AuditEntry
from webapp.budget import service
from webapp.budget.models import BudgetLine
from webapp.core.errors import DomainError
from webapp.extensions import db
from webapp.plan.loader import current_plan

from ..conftest import htmx, user_for
from ..docx_checks import all_text, assert_nd30, convert_to_pdf_if_possible


def sources():
    plan = current_plan()
    return plan, {s.code: s for s in plan.funding_sources}


@pytest.mark.parametrize("text,value", [
    ("1.500.000", 1_500_000), ("1500000", 1_500_000), (" 1 500 000 ", 1_500_000),
    ("1.080.000 đồng", 1_080_000), ("750.000đ", 750_000)])
def test_money_input_accepts_dot_thousands(text, value):
    assert service.parse_money(text) == value


@pytest.mark.parametrize("text", ["", "1,5", "1.50.000", "abc", "0", "-5", "1.500.000,00"])
def test_money_input_refuses_what_is_not_whole_dong(text):
    with pytest.raises(DomainError) as exc:
        service.parse_money(text)
    assert exc.value.field == "amount"


def test_totals_by_source_in_figures_and_words(app, monkeypatch):
    plan, src = sources()
    office = user_for("office")
    for category, amount, code in [("hall", 3_500_000, "DA7.TDA1"), ("banners", 2_200_000, "DA6.TDA2"),
                                   ("refreshments", 1_080_000, "DA7.TDA1")]:
        service.add_line(plan, service.LineData(category, "", amount, src[code].id), actor=office)
    # the reward money comes from the rewards capability: 12 + 12 Giấy khen, half each source
    monkeypatch.setattr(service, "reward_money", lambda plan: service.RewardMoney(
        True, {"DA6.TDA2": 9_720_000, "DA7.TDA1": 9_720_000}))
    data = service.summary(plan)
    by_code = {s.source.code: s for s in data.sources}
    assert by_code["DA7.TDA1"].conference == 4_580_000
    assert by_code["DA7.TDA1"].total == 14_300_000
    assert by_code["DA6.TDA2"].total == 11_920_000
    assert by_code["DA7.TDA1"].words == "Mười bốn triệu ba trăm nghìn đồng"
    assert data.conference_total == 6_780_000 and data.reward_total == 19_440_000
    assert data.total == 26_220_000
    assert data.total_words == "Hai mươi sáu triệu hai trăm hai mươi nghìn đồng"


def test_without_reward_data_the_page_says_so_and_counts_no_zero(app, client, login_as, monkeypatch):
    plan, src = sources()
    service.add_line(plan, service.LineData("hall", "Hội trường", 1_080_000, src["DA6.TDA2"].id),
                     actor=user_for("office"))
    db.session.commit()
    monkeypatch.setattr(service, "reward_money", lambda plan: service.RewardMoney(
        False, note="Chưa có dữ liệu khen thưởng."))
    login_as("leadership")
    page = client.get("/kinh-phi").get_data(as_text=True)
    assert "chưa có dữ liệu" in page and "Chưa có dữ liệu khen thưởng." in page
    assert "Một triệu không trăm tám mươi nghìn đồng" in page
    assert "Thêm khoản chi" not in page, "leadership only reads"


def test_office_adds_a_line_by_htmx_audited_and_bad_amount_is_kept(app, client, login_as):
    plan, src = sources()
    login_as("office")
    bad = client.post("/kinh-phi/them", headers=htmx(), data={
        "category": "printing", "description": "In giấy mời", "amount": "1,5 triệu",
        "funding_source_id": src["DA6.TDA2"].id})
    assert bad.status_code == 422
    body = bad.get_data(as_text=True)
    assert "Số tiền tính bằng đồng" in body and 'value="1,5 triệu"' in body
    assert 'value="In giấy mời"' in body
    ok = client.post("/kinh-phi/them", headers=htmx(), data={
        "category": "printing", "description": "In giấy mời", "amount": "1.500.000",
        "funding_source_id": src["DA6.TDA2"].id})
    assert ok.status_code == 200
    assert 'id="budget-panel"' in ok.get_data(as_text=True)
    assert "Một triệu năm trăm nghìn đồng" in ok.get_data(as_text=True)
    db.session.rollback()
    line = db.session.query(BudgetLine).one()
    assert line.amount == 1_500_000
    entry = db.session.query(AuditEntry).filter_by(action="budget.add", object_id=line.id).one()
    assert entry.after["amount"] == 1_500_000 and entry.username == user_for("office").username


def test_a_source_of_another_plan_is_refused(app, client, login_as):
    login_as("coordinator")
    response = client.post("/kinh-phi/them", data={
        "category": "hall", "amount": "1.000.000", "funding_source_id": 9999})
    assert response.status_code == 422
    assert db.session.query(BudgetLine).count() == 0


def test_stale_edit_answers_409_and_keeps_the_newer_amount(app, client, login_as):
    plan, src = sources()
    line = service.add_line(plan, service.LineData("hall", "Hội trường", 1_000_000,
                                                   src["DA7.TDA1"].id), actor=user_for("office"))
    db.session.commit()
    line_id = line.id
    login_as("coordinator")
    form = {"category": "hall", "description": "Hội trường", "funding_source_id": src["DA7.TDA1"].id}
    first = client.post(f"/kinh-phi/{line_id}/sua", data={**form, "amount": "1.200.000", "version": 1})
    assert first.status_code == 302
    second = client.post(f"/kinh-phi/{line_id}/sua", data={**form, "amount": "900.000", "version": 1})
    assert second.status_code == 409
    assert "vừa được người khác sửa" in second.get_data(as_text=True)
    db.session.rollback()
    assert db.session.get(BudgetLine, line_id).amount == 1_200_000
    entry = db.session.query(AuditEntry).filter_by(action="budget.update", object_id=line_id).one()
    assert entry.before["amount"] == 1_000_000 and entry.after["amount"] == 1_200_000
    # deleting is audited too
    assert client.post(f"/kinh-phi/{line_id}/xoa", data={"version": 2}).status_code == 302
    db.session.rollback()
    assert db.session.get(BudgetLine, line_id) is None
    assert db.session.query(AuditEntry).filter_by(action="budget.delete", object_id=line_id).count() == 1


def test_xlsx_and_docx(app, client, login_as):
    plan, src = sources()
    service.add_line(plan, service.LineData("hall", "Âm thanh & ánh sáng <A>", 3_500_000,
                                            src["DA7.TDA1"].id, "Hợp đồng"), actor=user_for("office"))
    service.add_line(plan, service.LineData("banners", "", 2_200_000, src["DA6.TDA2"].id),
                     actor=user_for("office"))
    db.session.commit()
    login_as("home_affairs")
    x = client.get("/kinh-phi/xuat-excel")
    assert x.status_code == 200
    ws = load_workbook(io.BytesIO(x.data)).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    flat = [v for row in values for v in row if v is not None]
    assert "Âm thanh & ánh sáng <A>" in flat and 3_500_000 in flat and 2_200_000 in flat
    assert any(str(v).startswith("=SUM(E5:E") for v in flat)  # the total follows the lines if a clerk edits one
    d = client.get("/kinh-phi/tai-ve")
    assert d.status_code == 200
    doc = assert_nd30(d.data)
    text = all_text(doc)
    assert "DỰ TOÁN" in text and "Âm thanh & ánh sáng <A>" in text
    assert "3.500.000" in text and "Tổng cộng: 5.700.000 đồng" in text
    assert "Bằng chữ: Năm triệu bảy trăm nghìn đồng" in text
    assert "{{" not in text and "{%" not in text
    table = doc.tables[1]
    assert table.rows[0].cells[1].text == "Nội dung chi"
    convert_to_pdf_if_possible(d.data)
