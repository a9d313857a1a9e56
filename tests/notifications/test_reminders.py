"""The daily reminder job: due soon, overdue, a re-run the same day, e-mail through SMTP
(none configured, a local sink, the server down)."""
import socket
import time
from datetime import date

import pytest

from webapp.duties.models import Assignment, Duty, Status
from webapp.duties.service import set_status
from webapp.extensions import db
from webapp.notifications import reminders
from webapp.notifications.models import Notification
from webapp.plan.models import Unit

from ..conftest import user_for


def assignment(unit_code, duty_code) -> Assignment:
    return (db.session.query(Assignment).join(Assignment.duty).join(Assignment.unit)
            .filter(Unit.code == unit_code, Duty.code == duty_code).one())


def notes_of(unit_code, kind=None) -> list[Notification]:
    q = db.session.query(Notification).join(Unit, Unit.id == Notification.unit_id).filter(
        Unit.code == unit_code)
    if kind:
        q = q.filter(Notification.kind == kind)
    return q.order_by(Notification.id).all()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_sink():
    """A local SMTP server collecting what it receives."""
    from aiosmtpd.controller import Controller

    class Collector:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(envelope)
            return "250 OK"

    handler = Collector()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    handler.port = port
    yield handler
    controller.stop()


def give_email(unit_code: str, address: str):
    user = user_for({"binh-chanh": "commune", "binh-long": None}.get(unit_code) or "commune")
    user.email = address
    db.session.commit()
    return user


def run_cli(app, runner, today: str, **config):
    app.config["TODAY"] = today
    app.config.update(config)
    result = runner.invoke(args=["reminders", "send"])
    db.session.rollback()
    return result


def test_due_soon_reminder_three_days_before_and_not_for_submitted_work(app):
    bl = assignment("binh-long", "bao-cao-ket-qua")
    set_status(bl, Status.SUBMITTED, actor=user_for("commune"))
    db.session.commit()
    # 18/11: four days left, nothing yet
    assert reminders.create_reminders(date(2023, 11, 18)).created == []
    result = reminders.create_reminders(date(2023, 11, 19))
    db.session.commit()
    mine = notes_of("binh-chanh", "due_soon")
    assert [n.message for n in mine if "Báo cáo kết quả" in n.message] == [
        "Nhắc việc: “Báo cáo kết quả theo đề cương” còn 3 ngày (hạn 22/11/2023)."]
    assert mine[0].link.startswith("/phan-cong/")
    assert not any("Báo cáo kết quả" in n.message for n in notes_of("binh-long")), \
        "submitted work gets no reminder"
    assert result.due_soon == len(result.created) > 20 and result.overdue == 0


def test_overdue_reminder_and_coordinator_summary_and_rerun_adds_nothing(app):
    first = reminders.create_reminders(date(2023, 11, 24))
    db.session.commit()
    overdue = notes_of("binh-chanh", "overdue")
    assert any(n.message.startswith("Quá hạn 2 ngày: “Báo cáo kết quả theo đề cương”")
               for n in overdue)
    summary = notes_of("ldtbxh", "overdue_summary")
    late_units = {n.unit_id for n in db.session.query(Notification).filter_by(kind="overdue")}
    assert len(summary) == 1
    assert summary[0].message.startswith(
        f"Ngày 24/11/2023: {len(late_units)} đơn vị có nhiệm vụ quá hạn (Phòng NN&PTNT")
    assert first.overdue > 0 and first.due_soon == 0
    total = db.session.query(Notification).count()
    again = reminders.create_reminders(date(2023, 11, 24))
    db.session.commit()
    assert again.created == [] and db.session.query(Notification).count() == total
    # the next day is a new reminder
    assert reminders.create_reminders(date(2023, 11, 25)).created


def test_cli_without_smtp_creates_notifications_and_says_no_mail(app, runner):
    result = run_cli(app, runner, "2023-11-20", SMTP_HOST=None)
    assert result.exit_code == 0, result.output
    assert "Chưa cấu hình máy chủ thư" in result.output
    assert "sắp đến hạn" in result.output
    assert notes_of("binh-chanh", "due_soon")
    assert all(n.emailed_at is None for n in notes_of("binh-chanh"))


def test_cli_emails_each_unit_through_smtp_once(app, runner, smtp_sink):
    from webapp.notifications.service import notify
    give_email("binh-chanh", "loi.bc@example.test")
    # an event of the day (another capability's notify) goes in the same e-mail
    notify(db.session.query(Unit).filter_by(code="binh-chanh").one().id, "approved",
           "Nội vụ đã duyệt đề nghị khen thưởng Ông Nguyễn Văn A.")
    db.session.commit()
    result = run_cli(app, runner, "2023-11-20", SMTP_HOST="127.0.0.1", SMTP_PORT=smtp_sink.port)
    assert result.exit_code == 0, result.output
    assert "Đã gửi 1 thư điện tử tới 1 đơn vị" in result.output
    deadline = time.time() + 5
    while not smtp_sink.messages and time.time() < deadline:
        time.sleep(0.05)
    [envelope] = smtp_sink.messages
    assert envelope.rcpt_tos == ["loi.bc@example.test"]
    body = envelope.content.decode("utf-8", "replace")
    assert "Subject:" in body
    from email import message_from_bytes, policy
    msg = message_from_bytes(envelope.content, policy=policy.default)
    assert "Báo cáo kết quả theo đề cương" in msg.get_content()
    assert "Kính gửi: UBND xã Bình Chánh," in msg.get_content()
    assert "Nội vụ đã duyệt đề nghị khen thưởng Ông Nguyễn Văn A." in msg.get_content()
    assert all(n.emailed_at is not None for n in notes_of("binh-chanh"))
    # a re-run the same day creates and sends nothing more
    again = run_cli(app, runner, "2023-11-20")
    assert "Đã tạo 0 thông báo" in again.output
    assert "Không có thông báo mới cần gửi thư" in again.output
    assert len(smtp_sink.messages) == 1


def test_cli_with_smtp_down_keeps_notifications_and_retries_later(app, runner, smtp_sink):
    give_email("binh-chanh", "loi.bc@example.test")
    closed = free_port()  # nothing listens there
    result = run_cli(app, runner, "2023-11-24", SMTP_HOST="127.0.0.1", SMTP_PORT=closed)
    assert result.exit_code == 0, result.output
    assert f"Không gửi được thư qua máy chủ 127.0.0.1:{closed}" in result.output
    kept = notes_of("binh-chanh", "overdue")
    assert kept and all(n.emailed_at is None for n in kept)
    # the server is back: the next run sends what was not sent
    retry = run_cli(app, runner, "2023-11-24", SMTP_PORT=smtp_sink.port)
    assert "Đã gửi 1 thư điện tử" in retry.output, retry.output
    assert all(n.emailed_at is not None for n in notes_of("binh-chanh", "overdue"))


def test_a_commune_is_named_with_its_category_mid_sentence(app):
    """"Đã trả lại Bình Chánh" reads as a person's name: a commune is "xã Bình Chánh",
    "thị trấn Châu Ổ"; a district office keeps its short name."""
    from webapp.notifications.service import unit_in_sentence
    from webapp.plan.models import Unit
    units = {u.code: u for u in db.session.query(Unit)}
    town = next(u for u in units.values() if u.name.startswith("Thị trấn"))
    assert unit_in_sentence(units["binh-chanh"]) == "xã Bình Chánh"
    assert unit_in_sentence(town) == "thị trấn " + town.name.removeprefix("Thị trấn ")
    assert unit_in_sentence(units["nnptnt"]) == "Phòng NN&PTNT"
