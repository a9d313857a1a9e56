"""Duties on the dashboards: deadlines, overdue, moving a status by htmx, review, the matrix."""
import re
from datetime import date
from io import BytesIO

from openpyxl import load_workbook

from webapp.audit import labels
from webapp.audit.models import AuditEntry
from webapp.duties import service
from webapp.duties.models import Assignment, Duty, Status
from webapp.extensions import db
from webapp.plan.models import Unit

from .conftest import htmx, manual_duty_for, user_for


def assignment(unit_code, duty_code) -> Assignment:
    return (db.session.query(Assignment).join(Assignment.duty).join(Assignment.unit)
            .filter(Unit.code == unit_code, Duty.code == duty_code).one())


def test_overdue_is_derived_from_the_deadline_and_today(app):
    a = assignment("binh-chanh", "bao-cao-ket-qua")
    assert service.days_left(a, date(2023, 11, 15)) == 7
    assert service.deadline_text(a, date(2023, 11, 15)) == "Còn 7 ngày"
    assert service.deadline_text(a, date(2023, 11, 22)) == "Hạn chót hôm nay"
    assert not service.is_overdue(a, date(2023, 11, 22))
    assert service.is_overdue(a, date(2023, 11, 25))
    assert service.deadline_text(a, date(2023, 11, 25)) == "Quá hạn 3 ngày"
    a.status = Status.SUBMITTED
    assert not service.is_overdue(a, date(2023, 11, 25)), "submitted work is not overdue"


def test_dashboard_counts_down_with_the_configured_date(app, client, login_as):
    login_as("commune")
    assert "Còn 7 ngày" in client.get("/viec-cua-toi").get_data(as_text=True)
    app.config["TODAY"] = "2023-11-24"
    page = client.get("/viec-cua-toi").get_data(as_text=True)
    assert "Quá hạn 2 ngày" in page and 'class="overdue"' in page


def test_a_commune_sees_its_own_duties_only(client, login_as):
    login_as("commune")
    page = client.get("/viec-cua-toi").get_data(as_text=True)
    assert "Báo cáo tham luận" in page  # Bình Chánh speaks (plan II.5)
    assert "Chuẩn bị hội trường" not in page
    other = assignment("binh-long", "bao-cao-ket-qua")
    assert client.get(f"/phan-cong/{other.id}").status_code == 404


def test_moving_a_manual_duty_by_htmx_returns_the_row_and_is_audited(client, login_as):
    user = login_as("office")
    a = assignment("vanphong", "hoi-truong")
    response = client.post(f"/phan-cong/{a.id}/trang-thai",
                           data={"status": "drafting", "version": a.version}, headers=htmx())
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<tr id="assignment-{a.id}"'), "only the row, not the page"
    assert "Đang soạn" in body and 'hx-swap-oob="beforeend"' in body
    assert response.headers["HX-Trigger"] == "duties-changed"
    db.session.rollback()
    assert db.session.get(Assignment, a.id).status == Status.DRAFTING
    entry = db.session.query(AuditEntry).filter_by(object_type="assignment", object_id=a.id).one()
    assert entry.user_id == user.id
    assert entry.before["status"] == "not_started" and entry.after["status"] == "drafting"


def test_a_stale_form_is_told_not_overwritten(client, login_as):
    login_as("office")
    a = assignment("vanphong", "hoi-truong")
    first = client.post(f"/phan-cong/{a.id}/trang-thai", data={"status": "drafting", "version": 1},
                        headers=htmx())
    assert first.status_code == 200
    stale = client.post(f"/phan-cong/{a.id}/trang-thai", data={"status": "submitted", "version": 1},
                        headers=htmx())
    assert stale.status_code == 409
    assert "vừa được người khác cập nhật" in stale.get_data(as_text=True)
    db.session.rollback()
    assert db.session.get(Assignment, a.id).status == Status.DRAFTING


def test_an_impossible_move_gets_a_message(client, login_as):
    login_as("office")
    a = assignment("vanphong", "hoi-truong")
    response = client.post(f"/phan-cong/{a.id}/trang-thai",
                           data={"status": "returned", "version": 1}, headers=htmx())
    assert response.status_code == 422
    assert "Không thể chuyển" in response.get_data(as_text=True)


def test_the_status_select_starts_on_a_placeholder_and_an_empty_choice_moves_nothing(
        client, login_as):
    """One click on "Cập nhật" must not move a duty: the select offers no status until the
    user picks one, forward moves first; "Cập nhật" alone is refused on the row."""
    login_as("office")
    a = assignment("vanphong", "hoi-truong")
    service.set_status(a, Status.DRAFTING, actor=user_for("office"))
    db.session.commit()
    page = client.get("/viec-cua-toi").get_data(as_text=True)
    row = page[page.index(f'<tr id="assignment-{a.id}"'):]
    row = row[:row.index("</tr>")]
    options = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', row)
    assert options[0] == ("", " selected", "— Chọn trạng thái mới —")
    assert [o[2] for o in options[1:]] == ["Đã hoàn thành", "Chưa thực hiện"]
    assert not any(o[1] for o in options[1:]), "no real status is pre-selected"
    response = client.post(f"/phan-cong/{a.id}/trang-thai",
                           data={"status": "", "version": a.version}, headers=htmx())
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Chọn trạng thái mới trong danh sách" in body
    assert f'aria-describedby="assignment-{a.id}-error"' in body
    db.session.rollback()
    assert db.session.get(Assignment, a.id).status == Status.DRAFTING


def test_a_duty_sent_to_no_unit_is_completed_by_its_own_unit(client, login_as):
    """Văn phòng's duties have no receiving unit: a "Đã nộp" would wait for nobody. The unit
    marks it "Đã hoàn thành" (counted done like accepted work), even one handed in before."""
    login_as("office")
    a = assignment("vanphong", "dieu-kien-phuc-vu")
    assert a.duty.receiver_unit_id is None
    service.set_status(a, Status.SUBMITTED, actor=user_for("office"))
    db.session.commit()
    response = client.post(f"/phan-cong/{a.id}/trang-thai",
                           data={"status": "accepted", "version": a.version}, headers=htmx())
    assert response.status_code == 200
    assert "Đã hoàn thành" in response.get_data(as_text=True)
    db.session.rollback()
    assert db.session.get(Assignment, a.id).status == Status.ACCEPTED
    entry = (db.session.query(AuditEntry).filter_by(object_type="assignment", object_id=a.id)
             .order_by(AuditEntry.id.desc()).first())
    assert entry.after["status"] == "accepted", "stored as accepted: every count counts it done"
    assert labels.changes(entry)[0] == ("Trạng thái", "Đã nộp", "Đã hoàn thành"), \
        "the audit log words it as the page does"
    assert labels.action_label(entry.action) == "Cập nhật tiến độ nhiệm vụ không gửi đơn vị nào"
    page = client.get(f"/phan-cong/{a.id}").get_data(as_text=True)
    facts = page[page.index('<dl class="facts">'):page.index("</dl>")]
    assert "Đã hoàn thành" in facts and "Đã nộp" not in facts
    assert "đơn vị thực hiện tự đánh dấu “Đã hoàn thành”" in facts
    assert "<dt>Thời hạn</dt><dd>Trước ngày tổ chức hội nghị</dd>" in facts, "printed once"
    refused = client.post(f"/phan-cong/{a.id}/trang-thai",
                          data={"status": "submitted", "version": a.version}, headers=htmx())
    assert refused.status_code == 422, "nobody would receive it: it is not submitted"
    login_as("coordinator")
    matrix = client.get("/tien-do?kind=office").get_data(as_text=True)
    assert f'{a.id}">Đã hoàn thành</a>' in matrix


def test_without_javascript_the_move_redirects_to_the_dashboard(client, login_as):
    login_as("office")
    a = assignment("vanphong", "hoi-truong")
    response = client.post(f"/phan-cong/{a.id}/trang-thai", data={"status": "drafting", "version": 1})
    assert response.status_code == 302 and response.headers["Location"] == "/viec-cua-toi"
    page = client.get("/viec-cua-toi").get_data(as_text=True)
    assert "Đã chuyển" in page and "<html" in page


def test_coordinator_returns_a_submitted_manual_duty_with_a_comment(app, client, login_as):
    # A duty sent to Phòng LĐTB&XH whose deliverable no capability reviews: reviewed by hand.
    a = manual_duty_for("binh-chanh")
    service.set_status(a, Status.SUBMITTED, actor=user_for("commune"))
    db.session.commit()
    login_as("coordinator")
    refused = client.post(f"/phan-cong/{a.id}/tiep-nhan",
                          data={"decision": "return", "comment": "", "version": a.version})
    assert refused.status_code == 422 and "Ghi rõ nội dung" in refused.get_data(as_text=True)
    done = client.post(f"/phan-cong/{a.id}/tiep-nhan",
                       data={"decision": "return", "comment": "Thiếu số liệu năm 2022",
                             "version": a.version})
    assert done.status_code == 302
    again = client.post(f"/phan-cong/{a.id}/tiep-nhan",
                        data={"decision": "accept", "version": a.version + 1})
    assert again.status_code == 422, "only submitted work is reviewed"
    login_as("commune")
    page = client.get("/viec-cua-toi").get_data(as_text=True)
    assert "Yêu cầu bổ sung" in page and "Thiếu số liệu năm 2022" in page


def test_matrix_filters_and_counters(app, client, login_as):
    service.set_status(assignment("yte", "bao-cao-ket-qua"), Status.SUBMITTED,
                       actor=user_for("department"))
    returned = assignment("binh-chau", "bao-cao-ket-qua")
    service.set_status(returned, Status.SUBMITTED, actor=user_for("commune"))
    service.set_status(returned, Status.RETURNED, actor=user_for("coordinator"), reason="Bổ sung")
    db.session.commit()
    login_as("coordinator")
    full = client.get("/tien-do").get_data(as_text=True)
    assert "Bình Châu" in full and "Phòng Y tế" in full
    part = client.get("/tien-do?kind=department", headers=htmx())
    body = part.get_data(as_text=True)
    assert part.status_code == 200 and "<html" not in body
    assert "Phòng Y tế" in body and "Bình Châu" not in body
    assert 'id="matrix-counters"' in body and 'hx-swap-oob="true"' in body
    returned_only = client.get("/tien-do?status=returned", headers=htmx()).get_data(as_text=True)
    assert "Bình Châu" in returned_only and "Phòng Y tế" not in returned_only
    app.config["TODAY"] = "2023-11-30"
    overdue = client.get("/tien-do?overdue=1&kind=department", headers=htmx()).get_data(as_text=True)
    assert "Phòng GD&amp;ĐT" in overdue, "not submitted, past the deadline"
    assert "cell status-submitted" not in overdue, "Y tế's submitted report is not overdue"


def test_matrix_export_is_a_workbook_of_units_and_duties(client, login_as):
    service.set_status(assignment("yte", "bao-cao-ket-qua"), Status.SUBMITTED,
                       actor=user_for("department"))
    db.session.commit()
    login_as("leadership")
    response = client.get("/tien-do/xuat-excel?kind=department")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[3]
    assert header[1] == "Đơn vị" and any("VI.1" in (h or "") for h in header)
    by_unit = {r[1]: r for r in rows[4:]}
    col = next(i for i, h in enumerate(header) if h and h.startswith("VI.1"))
    assert by_unit["Phòng Y tế"][col] == "Đã nộp"
    assert "Xã Bình Chánh" not in by_unit


def test_leadership_reads_but_cannot_move(client, login_as):
    login_as("leadership")
    a = assignment("vanphong", "hoi-truong")
    assert client.get(f"/phan-cong/{a.id}").status_code == 200
    assert client.post(f"/phan-cong/{a.id}/trang-thai",
                       data={"status": "drafting", "version": 1}).status_code == 403


def test_coordinator_sets_a_working_deadline_where_the_plan_gives_none(app, client, login_as):
    from webapp.notifications.models import Notification
    from webapp.plan import loader
    hall = assignment("vanphong", "hoi-truong")
    assert hall.duty.deadline is None and not hall.duty.deadline_fixed
    login_as("coordinator")
    url = f"/nhiem-vu/{hall.duty_id}/han-lam-viec"
    bad = client.post(url, data={"deadline": "31/02/2023", "assignment_id": hall.id})
    assert bad.status_code == 422 and "dd/mm/yyyy" in bad.get_data(as_text=True)
    past = client.post(url, data={"deadline": "10/11/2023", "assignment_id": hall.id})
    assert past.status_code == 422 and "không được trước ngày 15/11/2023" in past.get_data(as_text=True)
    assert client.post(url, data={"deadline": "20/11/2023", "assignment_id": hall.id}).status_code == 302
    db.session.rollback()
    assert db.session.get(Assignment, hall.id).duty.deadline == date(2023, 11, 20)
    note = db.session.query(Notification).filter_by(unit_id=hall.unit_id, kind="deadline").one()
    assert "20/11/2023" in note.message
    # it counts down and turns overdue like a plan deadline, and survives a plan reload
    loader.load_all()
    db.session.commit()
    assert db.session.get(Assignment, hall.id).duty.deadline == date(2023, 11, 20)
    app.config["TODAY"] = "2023-11-22"
    login_as("office")
    assert "Quá hạn 2 ngày" in client.get("/viec-cua-toi").get_data(as_text=True)


def test_a_plan_deadline_cannot_be_changed_and_only_the_coordinator_sets_one(client, login_as):
    report = assignment("binh-chanh", "bao-cao-ket-qua")
    assert report.duty.deadline_fixed
    login_as("coordinator")
    refused = client.post(f"/nhiem-vu/{report.duty_id}/han-lam-viec",
                          data={"deadline": "30/11/2023", "assignment_id": report.id})
    assert refused.status_code == 422 and "do Kế hoạch quy định" in refused.get_data(as_text=True)
    hall = assignment("vanphong", "hoi-truong")
    login_as("office")
    assert client.post(f"/nhiem-vu/{hall.duty_id}/han-lam-viec",
                       data={"deadline": "30/11/2023"}).status_code == 403


def test_the_export_exports_what_the_filters_show_and_the_controls_follow_the_url(client,
                                                                                   login_as):
    """The export link was rendered once with the page and ignored the filters chosen since;
    after Back the controls showed one filter and the table another. The panel (controls,
    export link, table) now comes from the URL in one piece."""
    login_as("coordinator")
    panel = client.get("/tien-do?kind=department&status=not_started",
                       headers=htmx()).get_data(as_text=True)
    assert panel.lstrip().startswith('<div id="matrix-panel">')
    assert '<option value="department" selected>' in panel
    assert '<option value="not_started" selected>' in panel
    assert 'href="/tien-do/xuat-excel?kind=department&amp;status=not_started"' in panel
    assert 'hx-push-url="true"' in panel
    full = client.get("/tien-do?kind=department").get_data(as_text=True)
    assert '<option value="department" selected>' in full, "a reload or Back shows the URL's"
    sheet = load_workbook(BytesIO(client.get(
        "/tien-do/xuat-excel?kind=department&status=not_started").data)).active
    assert "Lọc: Phòng, ban huyện; trạng thái “Chưa thực hiện”" in sheet["A2"].value
    units = {row[1] for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert "Phòng Y tế" in units and not any("Xã" in (u or "") for u in units)


def test_a_stale_form_whose_step_is_now_impossible_is_told_it_is_stale(client, login_as):
    """A colleague moved the duty meanwhile: the old form is stale (409), not "impossible"."""
    login_as("office")
    a = assignment("vanphong", "hoi-truong")
    service.set_status(a, Status.DRAFTING, actor=user_for("office"))
    db.session.commit()
    stale = client.post(f"/phan-cong/{a.id}/trang-thai",
                        data={"status": "drafting", "version": 1}, headers=htmx())
    assert stale.status_code == 409
    assert "vừa được người khác cập nhật" in stale.get_data(as_text=True)


def test_a_time_that_moves_only_within_its_minute_is_not_a_change_in_the_history(
        app, monkeypatch):
    """Returned, resubmitted and accepted within one minute: the history says what changed
    (the status), not "Ngày xem xét 10:05 → 10:05"; a later minute is a change again."""
    from datetime import datetime

    from webapp.audit.labels import changes
    from webapp.audit.service import history
    from webapp.core import clock
    a = manual_duty_for("binh-chanh")
    unit, coordinator = user_for("commune"), user_for("coordinator")
    at = {"now": None}
    monkeypatch.setattr(clock, "now", lambda: at["now"])

    def move(to, actor, when, reason=""):
        at["now"] = datetime(2023, 11, 15, *when)
        service.set_status(a, to, actor=actor, reason=reason)
    move(Status.SUBMITTED, unit, (10, 5, 1))
    move(Status.RETURNED, coordinator, (10, 5, 10), "Thiếu số liệu")
    move(Status.SUBMITTED, unit, (10, 5, 30))
    move(Status.ACCEPTED, coordinator, (10, 5, 50))
    accepted = history("assignment", a.id)[0]
    assert changes(accepted) == [("Trạng thái", "Đã nộp", "Đã tiếp nhận")]
    assert a.reviewed_at == datetime(2023, 11, 15, 10, 5, 50), "the time itself is kept exact"
    move(Status.RETURNED, coordinator, (10, 7, 5), "Bổ sung thêm")
    returned = history("assignment", a.id)[0]
    assert ("Ngày xem xét", "10:05 15/11/2023", "10:07 15/11/2023") in changes(returned)


def test_a_units_own_overdue_and_due_soon_duties_wait_for_it(app, client, login_as):
    """Văn phòng's "Chờ tôi xử lý" lists its own late or nearly due duties, not only its
    letters; a duty done, or due later, is not there."""
    login_as("office")
    app.config["TODAY"] = "2023-11-15"
    hall, service_conditions = (assignment("vanphong", "hoi-truong"),
                                assignment("vanphong", "dieu-kien-phuc-vu"))
    hall.duty.deadline = date(2023, 11, 14)
    service_conditions.duty.deadline = date(2023, 11, 17)
    db.session.commit()
    page = client.get("/viec-cua-toi").get_data(as_text=True)
    box = page[page.index('id="waiting"'):page.index("</section>", page.index('id="waiting"'))]
    assert "Chuẩn bị hội trường – Quá hạn 1 ngày" in box
    assert "Điều kiện phục vụ sơ kết – Còn 2 ngày" in box
    assert f'href="/phan-cong/{hall.id}"' in box
    service_conditions.duty.deadline = date(2023, 11, 30)
    service.set_status(hall, Status.ACCEPTED, actor=user_for("office"))
    db.session.commit()
    box = client.get("/viec-cua-toi").get_data(as_text=True)
    assert "Chuẩn bị hội trường –" not in box and "Điều kiện phục vụ sơ kết –" not in box
