"""Every audit entry reads as Vietnamese prose: on the whole demo and the main actions, each
audited field has a label and each action a name (every feature names its own words in its
labels.py; no shared dictionary is left to fall back on)."""
from webapp.audit import labels
from webapp.audit.models import AuditEntry
from webapp.auth.models import User
from webapp.duties.models import Assignment, Duty
from webapp.extensions import db
from webapp.plan.models import Unit

DEMO_PASSWORD = "demo-gnbv-2023"



def _drive_the_main_actions(app):
    """As each person in turn, the actions of the shared features (the demo did the rest)."""
    from .conftest import IsolatedClient
    app.test_client_class = IsolatedClient  # each request in its own context, as in production

    def as_user(username):
        client = app.test_client()
        response = client.post("/dang-nhap", data={"username": username,
                                                   "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        return client

    admin = as_user("admin")
    unit = db.session.query(Unit).filter_by(code="binh-long").one()
    assert admin.post("/quan-tri/tai-khoan", data={
        "unit_id": unit.id, "username": "binhlong2", "full_name": "Nguyễn Văn Thử",
        "position": "Công chức", "email": "thu@example.test",
        "password": "mat-khau-ban-dau"}).status_code == 302
    db.session.rollback()  # see what the requests committed
    target = db.session.query(User).filter_by(username="binhlong2").one()
    assert admin.post(f"/quan-tri/tai-khoan/{target.id}/dat-lai-mat-khau", data={
        "password": "mat-khau-dat-lai", "version": target.session_version}).status_code == 302
    db.session.rollback()
    for _ in ("lock", "unlock"):
        version = db.session.get(User, target.id).session_version
        assert admin.post(f"/quan-tri/tai-khoan/{target.id}/khoa",
                          data={"version": version}).status_code == 302
        db.session.rollback()
    first = app.test_client()
    first.post("/dang-nhap", data={"username": "binhlong2", "password": "mat-khau-dat-lai"})
    assert first.post("/tai-khoan/mat-khau", data={
        "current_password": "mat-khau-dat-lai", "new_password": "mat-khau-cua-toi",
        "confirm": "mat-khau-cua-toi"}).status_code == 302
    first.post("/dang-xuat")

    coordinator = as_user("ldtbxh")
    hall = db.session.query(Duty).filter_by(code="dieu-kien-phuc-vu").one()
    assert coordinator.post(f"/nhiem-vu/{hall.id}/han-lam-viec",
                            data={"deadline": "30/11/2023"}).status_code == 302
    coordinator.post("/thong-bao/da-doc-tat-ca")
    office = as_user("vanphong")
    a = (db.session.query(Assignment).join(Assignment.duty)
         .filter(Duty.code == "dieu-kien-phuc-vu").one())
    assert office.post(f"/phan-cong/{a.id}/trang-thai",
                       data={"status": "drafting", "version": a.version}).status_code == 302
    from webapp.notifications.models import Notification
    db.session.rollback()
    note = db.session.query(Notification).filter_by(unit_id=a.unit_id, read_at=None).first()
    assert office.post(f"/thong-bao/{note.id}/da-doc").status_code == 302
    db.session.rollback()
    result = app.test_cli_runner().invoke(args=["reminders", "send"])
    assert result.exit_code == 0, result.output


def test_every_audited_field_and_action_of_the_demo_has_its_words(app, runner):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    db.session.remove()
    _drive_the_main_actions(app)
    db.session.remove()
    missing, seen = [], set()
    for entry in db.session.query(AuditEntry).order_by(AuditEntry.id):
        seen.add(entry.action)
        if not labels.action_label(entry.action):
            missing.append(f"action {entry.action!r} ({entry.object_type}) has no name")
        for name in labels.unlabelled_fields(entry):
            missing.append(f"{entry.object_type}.{name} ({entry.action}) has no label")
        for label, old, new in labels.changes(entry):
            for shown in (old, new):
                assert shown not in ("True", "False", "None"), f"{entry.action}: {label} {shown}"
    assert {"account.created", "account.password_reset", "account.deactivated",
            "account.activated", "account.password_changed", "auth.login", "auth.logout",
            "assignment.status", "duty.deadline", "notification.read",
            "notification.read_all", "reminders.run"} <= seen, "the main actions were driven"
    assert not missing, "\n".join(sorted(set(missing)))


def test_the_audit_log_filters_name_actions_and_objects_in_vietnamese(app, client, login_as):
    login_as("admin")
    page = client.get("/quan-tri/nhat-ky").get_data(as_text=True)
    import re
    assert re.search(r'<option value="assignment.status"\s*>Đổi trạng thái nhiệm vụ</option>',
                     page)
    assert re.search(r'<option value="user_account"\s*>Tài khoản</option>', page)
    assert ">account.created<" not in page and ">assignment<" not in page
    assert "Nhiệm vụ của đơn vị" in page and "Tài khoản" in page
