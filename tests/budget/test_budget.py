"""Budget: quantities x unit prices, the reward money for the plan's quota at the rules of the
decision date (19.440.000 đồng for 12 + 12 in December 2023) with what is approved so far apart,
totals by source in figures and words, audit, stale edits, who signs the Tờ trình."""
import pytest

from webapp.audit.models import AuditEntry
from webapp.budget import estimate, service
from webapp.budget.models import BudgetLine
from webapp.core.errors import DomainError, NotAllowed, StaleEdit
from webapp.extensions import db
from webapp.plan.loader import current_plan

from ..conftest import htmx, user_for


def sources():
    plan = current_plan()
    return plan, {s.code: s for s in plan.funding_sources}


def line(category, quantity, unit, price, source_id, description="", note=""):
    return service.LineData(category, description, quantity, unit, price, source_id, note)


@pytest.mark.parametrize("text,value", [
    ("1.500.000", 1_500_000), ("1500000", 1_500_000), (" 1 500 000 ", 1_500_000),
    ("1.080.000 đồng", 1_080_000), ("750.000đ", 750_000)])
def test_money_input_accepts_dot_thousands(text, value):
    assert service.parse_money(text) == value


@pytest.mark.parametrize("text, message", [
    ("", "Nhập đơn giá"), ("1,5", "không có phần lẻ"), ("1.50.000", "không hợp lệ"),
    ("abc", "không hợp lệ"), ("0", "lớn hơn 0"), ("-5", "không hợp lệ"),
    ("1.500.000,00", "không có phần lẻ")])
def test_money_input_refuses_what_is_not_whole_dong(text, message):
    with pytest.raises(DomainError, match=message) as exc:
        service.parse_money(text)
    assert exc.value.field == "unit_price"


@pytest.mark.parametrize("text, message", [("", "Nhập số lượng"), ("0", "lớn hơn 0"),
                                           ("1,5", "số nguyên"), ("1000001", "quá lớn")])
def test_quantity_input(text, message):
    with pytest.raises(DomainError, match=message):
        service.parse_quantity(text)


def test_the_estimate_covers_the_quota_at_the_rules_of_the_decision_date(app):
    """12 collectives x 1.080.000 + 12 individuals x 540.000 (Nghị định 91/2017, base salary
    1.800.000 from 01/7/2023), split half and half; nothing approved yet is shown apart."""
    plan, src = sources()
    reward = estimate.reward_estimate(plan)
    assert [(r.quantity, r.unit_price) for r in reward.lines] == [(12, 1_080_000), (12, 540_000)]
    assert reward.total == 19_440_000
    assert reward.by_source == {"DA6.TDA2": 9_720_000, "DA7.TDA1": 9_720_000}
    assert "Nghị định số 91/2017/NĐ-CP" in reward.basis and "1.800.000 đồng" in reward.basis
    assert reward.approved_total == 0


def test_totals_by_source_in_figures_and_words(app):
    plan, src = sources()
    office = user_for("office")
    service.add_line(plan, line("hall", 1, "gói", 3_500_000, src["DA7.TDA1"].id), actor=office)
    service.add_line(plan, line("banners", 2, "cái", 1_100_000, src["DA6.TDA2"].id), actor=office)
    service.add_line(plan, line("refreshments", 54, "người", 20_000, src["DA7.TDA1"].id),
                     actor=office)
    data = estimate.summary(plan)
    by_code = {s.source.code: s for s in data.sources}
    assert by_code["DA7.TDA1"].conference == 4_580_000
    assert by_code["DA7.TDA1"].total == 14_300_000
    assert by_code["DA6.TDA2"].total == 11_920_000
    assert by_code["DA7.TDA1"].words == "Mười bốn triệu ba trăm nghìn đồng"
    assert data.conference_total == 6_780_000 and data.reward_total == 19_440_000
    assert data.total == 26_220_000
    assert data.total_words == "Hai mươi sáu triệu hai trăm hai mươi nghìn đồng"


def test_leadership_reads_the_estimate_and_the_approved_apart(app, client, login_as):
    plan, src = sources()
    service.add_line(plan, line("hall", 1, "gói", 1_080_000, src["DA6.TDA2"].id, "Hội trường"),
                     actor=user_for("office"))
    db.session.commit()
    login_as("leadership")
    page = client.get("/kinh-phi").get_data(as_text=True)
    assert "19.440.000" in page and "Đến nay Phòng Nội vụ đã duyệt 0 tập thể" in page
    assert "Hai mươi triệu năm trăm hai mươi nghìn đồng" in page
    assert "Thêm khoản chi" not in page and 'id="budget-signer-form"' not in page, \
        "leadership only reads"
    # before anyone saved a signer, the head the units data names is the one shown
    assert "Người ký tờ trình: Nguyễn Thị Mẫu Thử." in page


def test_office_adds_a_line_by_htmx_audited_and_bad_input_is_kept(app, client, login_as):
    plan, src = sources()
    login_as("office")
    form = {"category": "documents", "description": "Tài liệu hội nghị", "quantity": "166",
            "unit": "bộ", "funding_source_id": src["DA7.TDA1"].id}
    bad = client.post("/kinh-phi/them", headers=htmx(), data={**form, "unit_price": "30,5"})
    assert bad.status_code == 422
    body = bad.get_data(as_text=True)
    assert "Số tiền tính bằng đồng" in body and 'value="30,5"' in body
    assert 'value="Tài liệu hội nghị"' in body and 'value="166"' in body
    ok = client.post("/kinh-phi/them", headers=htmx(), data={**form, "unit_price": "30.000"})
    assert ok.status_code == 200
    assert 'id="budget-panel"' in ok.get_data(as_text=True)
    assert "4.980.000" in ok.get_data(as_text=True)
    db.session.rollback()
    added = db.session.query(BudgetLine).one()
    assert (added.quantity, added.unit_price, added.amount) == (166, 30_000, 4_980_000)
    entry = db.session.query(AuditEntry).filter_by(action="budget.add", object_id=added.id).one()
    assert entry.after["amount"] == 4_980_000 and entry.username == user_for("office").username
    assert entry.summary == ("Thêm khoản chi Tài liệu hội nghị: 166 bộ × 30.000 = 4.980.000 đồng "
                             "(Tiểu dự án 1 - Dự án 7)")
    no_unit = service.add_line(plan, line("hall", 2, "", 150_000, src["DA6.TDA2"].id, "Âm thanh"),
                               actor=user_for("office"))
    summary = db.session.query(AuditEntry).filter_by(action="budget.add",
                                                     object_id=no_unit.id).one().summary
    assert "Âm thanh: 2 × 150.000 = 300.000 đồng" in summary, "no blank unit in the sentence"


def test_a_source_of_another_plan_is_refused(app, client, login_as):
    login_as("coordinator")
    response = client.post("/kinh-phi/them", data={
        "category": "hall", "quantity": "1", "unit_price": "1.000.000", "funding_source_id": 9999})
    assert response.status_code == 422
    assert db.session.query(BudgetLine).count() == 0


def test_services_refuse_exactly(app):
    plan, src = sources()
    with pytest.raises(NotAllowed, match="Bạn không sửa kinh phí"):
        service.add_line(plan, line("hall", 1, "", 1_000, src["DA7.TDA1"].id),
                         actor=user_for("leadership"))
    with pytest.raises(DomainError, match="Chọn khoản chi"):
        service.add_line(plan, line("cake", 1, "", 1_000, src["DA7.TDA1"].id),
                         actor=user_for("office"))
    with pytest.raises(DomainError, match="Nhập họ và tên người ký"):
        service.save_signer(plan, "", " ", actor=user_for("coordinator"), expected_version=0)


def test_stale_edit_answers_409_and_keeps_the_newer_amount(app, client, login_as):
    plan, src = sources()
    added = service.add_line(plan, line("hall", 1, "gói", 1_000_000, src["DA7.TDA1"].id,
                                        "Hội trường"), actor=user_for("office"))
    db.session.commit()
    line_id = added.id
    login_as("coordinator")
    form = {"category": "hall", "description": "Hội trường", "quantity": "1", "unit": "gói",
            "funding_source_id": src["DA7.TDA1"].id}
    first = client.post(f"/kinh-phi/{line_id}/sua", data={**form, "unit_price": "1.200.000",
                                                          "version": 1})
    assert first.status_code == 302
    second = client.post(f"/kinh-phi/{line_id}/sua", data={**form, "unit_price": "900.000",
                                                           "version": 1})
    assert second.status_code == 409
    assert "vừa được người khác sửa (hiện là 1.200.000 đồng)" in second.get_data(as_text=True)
    tampered = client.post(f"/kinh-phi/{line_id}/sua", data={**form, "unit_price": "900.000",
                                                             "version": "abc"})
    assert tampered.status_code == 422 and "Biểu mẫu không hợp lệ" in tampered.get_data(as_text=True)
    db.session.rollback()
    assert db.session.get(BudgetLine, line_id).amount == 1_200_000
    entry = db.session.query(AuditEntry).filter_by(action="budget.update", object_id=line_id).one()
    assert entry.before["amount"] == 1_000_000 and entry.after["amount"] == 1_200_000
    # deleting at an old version is refused, at the current one audited
    assert client.post(f"/kinh-phi/{line_id}/xoa", data={"version": 1}).status_code == 409
    assert client.post(f"/kinh-phi/{line_id}/xoa", data={"version": 2}).status_code == 302
    db.session.rollback()
    assert db.session.get(BudgetLine, line_id) is None
    assert db.session.query(AuditEntry).filter_by(action="budget.delete", object_id=line_id).count() == 1


def test_the_signer_of_the_proposal_is_saved_with_a_version(app, client, login_as):
    plan, _src = sources()
    login_as("coordinator")
    saved = client.post("/kinh-phi/nguoi-ky", headers=htmx(),
                        data={"authority": "", "name": "Nguyễn  Văn Thành", "version": 0})
    assert saved.status_code == 200 and "Đã lưu người ký tờ trình" in saved.get_data(as_text=True)
    db.session.rollback()
    signer = service.signer_of(plan)
    assert (signer.name, signer.title, signer.version) == ("Nguyễn Văn Thành", "TRƯỞNG PHÒNG", 1)  # as typed, spaces folded
    with pytest.raises(StaleEdit, match="Người ký vừa được người khác đổi"):
        service.save_signer(plan, "KT. TRƯỞNG PHÒNG", "Lê Văn B", actor=user_for("coordinator"),
                            expected_version=0)
    # saved again as it is: told it is saved, nothing written, nothing in the history
    again = client.post("/kinh-phi/nguoi-ky", headers=htmx(),
                        data={"authority": "", "name": "Nguyễn Văn Thành", "version": 1})
    assert again.status_code == 200 and "Đã lưu người ký tờ trình" in again.get_data(as_text=True)
    db.session.rollback()
    assert service.signer_of(plan).version == 1
    assert db.session.query(AuditEntry).filter_by(action="budget.signer").count() == 1
    with pytest.raises(StaleEdit, match="Người ký vừa được người khác đổi"):
        service.save_signer(plan, "", "Nguyễn Văn Thành", actor=user_for("coordinator"),
                            expected_version=0)
