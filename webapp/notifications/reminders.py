"""The daily reminder job (`flask reminders send`).

1. In-app: for every open assignment of the current plan whose deadline is in 3 days or fewer,
   a "due soon" notification; for every overdue one an "overdue" notification; and one summary
   for the coordinator. Each has a dedupe key per assignment and business day, so a re-run on
   the same day adds nothing.
2. E-mail: every unit's unread notifications of the last days that were not e-mailed yet (at
   once, after their request: webapp/notifications/mail.py) go,
   as one message per unit, to the unit's active accounts that have an address. With no SMTP
   server configured nothing is sent (and the command says so); with the server down the
   in-app notifications stay, the e-mails are retried at the next run, and the job ends normally.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy.orm import joinedload

from ..core import clock
from ..core.formatting import ddmmyyyy
from ..extensions import db
from . import mail
from .mail import EmailOutcome
from .models import Notification
from .service import link_to, notify, unit_in_sentence

DUE_SOON_DAYS = 3
EMAIL_WINDOW_DAYS = 7


@dataclass
class Due:
    assignment: object
    kind: str          # due_soon / overdue
    days_left: int


@dataclass
class RunResult:
    created: list[Notification] = field(default_factory=list)
    due_soon: int = 0
    overdue: int = 0
    email: EmailOutcome | None = None

    def lines(self, host: str | None, port: int) -> list[str]:
        out = [f"Đã tạo {len(self.created)} thông báo nhắc việc mới "
               f"({self.due_soon} sắp đến hạn, {self.overdue} quá hạn)."]
        email = self.email
        if email is None:
            return out
        if email.status == "disabled":
            out.append("Chưa cấu hình máy chủ thư (GNBV_SMTP_HOST): không gửi thư điện tử; "
                       "các thông báo vẫn hiện trong ứng dụng.")
        elif email.status == "failed":
            out.append(f"Không gửi được thư qua máy chủ {host}:{port} ({email.error}). "
                       "Các thông báo vẫn hiện trong ứng dụng; lần chạy sau sẽ gửi lại.")
        elif email.status == "nothing":
            out.append("Không có thông báo mới cần gửi thư.")
        else:
            out.append(f"Đã gửi {email.messages_sent} thư điện tử tới {email.units} đơn vị.")
        return out


def _open_assignments(today: date):
    from ..duties.models import OPEN_STATUSES, Assignment, Duty
    from ..plan.loader import current_plan
    from ..plan.models import Unit
    plan = current_plan()
    if plan is None:
        return []
    return (db.session.query(Assignment).join(Assignment.duty).join(Assignment.unit)
            .options(joinedload(Assignment.duty), joinedload(Assignment.unit))
            .filter(Duty.plan_id == plan.id, Duty.deadline.is_not(None),
                    Assignment.status.in_([s.value for s in OPEN_STATUSES]),
                    Unit.is_active.is_(True))
            .order_by(Unit.position, Duty.position).all())


def due_assignments(today: date | None = None) -> list[Due]:
    """Open assignments due in DUE_SOON_DAYS days or fewer, and the overdue ones."""
    from ..duties.service import days_left, is_overdue
    today = today or clock.today()
    found = []
    for a in _open_assignments(today):
        left = days_left(a, today)
        if is_overdue(a, today):
            found.append(Due(a, "overdue", left))
        elif left is not None and 0 <= left <= DUE_SOON_DAYS:
            found.append(Due(a, "due_soon", left))
    return found


def reminder_message(due: Due) -> str:
    duty = due.assignment.duty
    deadline = ddmmyyyy(duty.deadline)
    if due.kind == "overdue":
        return (f"Quá hạn {-due.days_left} ngày: “{duty.short_title}” (hạn {deadline}) "
                f"chưa được nộp. Đề nghị đơn vị khẩn trương hoàn thành.")
    when = ("hạn chót hôm nay" if due.days_left == 0 else
            "hạn chót ngày mai" if due.days_left == 1 else f"còn {due.days_left} ngày")
    return f"Nhắc việc: “{duty.short_title}” {when} (hạn {deadline})."


def create_reminders(today: date | None = None) -> RunResult:
    """Step 1: the in-app notifications (flushes; the caller commits)."""
    from ..plan.loader import current_plan
    today = today or clock.today()
    result = RunResult()
    overdue_units: dict[int, str] = {}
    for due in due_assignments(today):
        a = due.assignment
        note = notify(a.unit_id, due.kind, reminder_message(due),
                      link=link_to("duties.assignment_detail", assignment_id=a.id),
                      dedupe_key=f"reminder:{due.kind}:{a.id}:{today.isoformat()}")
        if due.kind == "overdue":
            overdue_units[a.unit_id] = unit_in_sentence(a.unit)
        if note is not None:
            result.created.append(note)
            if due.kind == "overdue":
                result.overdue += 1
            else:
                result.due_soon += 1
    plan = current_plan()
    if overdue_units and plan is not None:
        names = ", ".join(list(overdue_units.values())[:8])
        more = len(overdue_units) - 8
        message = (f"Ngày {ddmmyyyy(today)}: {len(overdue_units)} đơn vị có nhiệm vụ quá hạn "
                   f"({names}{f' và {more} đơn vị khác' if more > 0 else ''}). "
                   "Có thể soạn công văn đôn đốc.")
        note = notify(plan.coordinator_unit_id, "overdue_summary", message,
                      link=link_to("notifications.letter"),
                      dedupe_key=f"reminder:summary:{plan.id}:{today.isoformat()}")
        if note is not None:
            result.created.append(note)
    return result


# --- e-mail ----------------------------------------------------------------------------------

def _pending(today: date) -> list[Notification]:
    since = datetime.combine(today - timedelta(days=EMAIL_WINDOW_DAYS), datetime.min.time())
    return (db.session.query(Notification)
            .filter(Notification.emailed_at.is_(None), Notification.read_at.is_(None),
                    Notification.created_at >= since)
            .order_by(Notification.unit_id, Notification.created_at, Notification.id).all())


def send_emails(config, today: date | None = None, *, end_transaction=None) -> EmailOutcome:
    """Step 2: e-mail what is pending (what was not mailed at once). Never raises for a mail
    problem. The messages are prepared first, then the transaction ends (`end_transaction`)
    so that no database lock is held while the mail server answers; the sent ones are
    stamped after."""
    today = today or clock.today()
    if not config.get("SMTP_HOST"):
        return EmailOutcome("disabled")
    batches = mail.prepare(config, _pending(today), today)
    if not batches:
        return EmailOutcome("nothing")
    if end_transaction is not None:
        end_transaction()
    outcome, sent_ids = mail.deliver(config, batches)
    mail.stamp(sent_ids)
    return outcome


def run(config, today: date | None = None, *, commit) -> RunResult:
    """The whole job. `commit` is called after the in-app notifications are written (so that
    talking to the mail server never holds a write transaction) and again after e-mailing."""
    from ..audit.service import record
    today = today or clock.today()
    result = create_reminders(today)
    record("reminders.run", None, object_type="notification", object_id=None,
           after={"date": today.isoformat(), "created": len(result.created),
                  "due_soon": result.due_soon, "overdue": result.overdue},
           summary=f"Nhắc việc tự động ngày {ddmmyyyy(today)}: {len(result.created)} thông báo")
    commit()
    result.email = send_emails(config, today, end_transaction=commit)
    commit()
    return result
