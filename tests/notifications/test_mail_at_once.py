"""E-mail at once: a notification created by a request is mailed to the unit's accounts with
an address right after that request commits; a refused request mails nothing; the mail
server down keeps the notification for the daily job."""
import time
from webapp.duties.models import Assignment, Status
from webapp.duties.service import set_status
from webapp.extensions import db
from webapp.notifications.models import Notification

from ..conftest import manual_duty_for, user_for
from .test_reminders import free_port, give_email, run_cli, smtp_sink  # noqa: F401


def submitted_manual_duty() -> Assignment:
    """A duty sent to Phòng LĐTB&XH that no capability reviews, submitted by Bình Chánh."""
    a = manual_duty_for("binh-chanh")
    set_status(a, Status.SUBMITTED, actor=user_for("commune"))
    db.session.commit()
    return a


def wait_for(sink, count: int = 1):
    deadline = time.time() + 5
    while len(sink.messages) < count and time.time() < deadline:
        time.sleep(0.05)
    return sink.messages


def smtp(app, port):
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port)


def test_a_return_is_mailed_to_the_unit_right_after_the_request(app, client, login_as,
                                                                  smtp_sink):
    give_email("binh-chanh", "loi.bc@example.test")
    a = submitted_manual_duty()
    smtp(app, smtp_sink.port)
    login_as("coordinator")
    response = client.post(f"/phan-cong/{a.id}/tiep-nhan",
                           data={"decision": "return", "comment": "Thiếu số liệu năm 2022",
                                 "version": a.version})
    assert response.status_code == 302
    [envelope] = wait_for(smtp_sink)
    assert envelope.rcpt_tos == ["loi.bc@example.test"]
    from email import message_from_bytes, policy
    msg = message_from_bytes(envelope.content, policy=policy.default)
    assert "Thiếu số liệu năm 2022" in msg["Subject"] + msg.get_content()
    assert f"http://localhost/phan-cong/{a.id}" in msg.get_content(), "one click to the work"
    db.session.rollback()
    note = db.session.query(Notification).filter_by(kind="returned",
                                                    unit_id=a.unit_id).one()
    assert note.emailed_at is not None
    # the daily job does not send it again
    again = run_cli(app, client.application.test_cli_runner(), "2023-11-15",
                    SMTP_HOST="127.0.0.1", SMTP_PORT=smtp_sink.port)
    assert "Không có thông báo mới cần gửi thư" in again.output, again.output
    assert len(smtp_sink.messages) == 1


def test_a_refused_request_mails_nothing(app, client, login_as, smtp_sink):
    give_email("binh-chanh", "loi.bc@example.test")
    a = submitted_manual_duty()
    smtp(app, smtp_sink.port)
    login_as("coordinator")
    refused = client.post(f"/phan-cong/{a.id}/tiep-nhan",
                          data={"decision": "return", "comment": "", "version": a.version})
    assert refused.status_code == 422
    time.sleep(0.3)
    assert smtp_sink.messages == []
    assert db.session.query(Notification).filter_by(kind="returned").count() == 0


def test_the_mail_server_down_keeps_the_notification_for_the_daily_job(app, client, login_as,
                                                                       runner, smtp_sink):
    give_email("binh-chanh", "loi.bc@example.test")
    a = submitted_manual_duty()
    smtp(app, free_port())  # nothing listens there
    login_as("coordinator")
    done = client.post(f"/phan-cong/{a.id}/tiep-nhan",
                       data={"decision": "accept", "version": a.version})
    assert done.status_code == 302, "the work is accepted even though no mail went"
    db.session.rollback()
    note = db.session.query(Notification).filter_by(kind="accepted", unit_id=a.unit_id).one()
    assert note.emailed_at is None
    retry = run_cli(app, runner, "2023-11-15", SMTP_PORT=smtp_sink.port)
    assert "Đã gửi 1 thư điện tử" in retry.output, retry.output
    db.session.rollback()
    assert db.session.get(Notification, note.id).emailed_at is not None
