"""E-mail of notifications: at once after the request that created them commits, and by the
daily job (reminders.py) for whatever is still unsent.

notify() queues the new notification's id on the request; after the request has committed
(teardown, never inside its transaction) the queued ones that exist (a refused request rolled
them back) are mailed, one message per unit, to the unit's active accounts that have an
address. No SMTP server configured: nothing is sent. The server down: the notifications stay,
`emailed_at` stays empty and the daily job sends them later.
"""
import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import g, has_request_context

from ..core import clock
from ..core.database import checkpoint
from ..core.formatting import ddmmyyyy
from ..extensions import db
from .models import Notification

log = logging.getLogger(__name__)
SMTP_TIMEOUT_S = 15
_QUEUE = "notifications_to_mail"


@dataclass
class EmailOutcome:
    status: str                      # disabled / sent / failed / nothing
    messages_sent: int = 0
    units: int = 0
    error: str = ""


def queue(note: Notification) -> None:
    """Mail `note` once this request has committed (outside a request: the daily job does)."""
    if has_request_context():
        g.setdefault(_QUEUE, []).append(note.id)


def recipients(unit_id: int) -> list[str]:
    from ..auth.models import User
    users = (db.session.query(User)
             .filter(User.unit_id == unit_id, User.active.is_(True), User.email != "")
             .order_by(User.id).all())
    return sorted({u.email.strip() for u in users if u.is_active and "@" in u.email})


def build_message(sender: str, to: list[str], unit_name: str, notes: list[Notification],
                  today, base_url: str = "") -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = (f"[Sơ kết GNBV] {notes[0].message[:90]}" if len(notes) == 1 else
                      f"[Sơ kết GNBV] {len(notes)} thông báo mới ngày {ddmmyyyy(today)}")
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=sender.split("@")[-1] or None)
    lines = [f"Kính gửi: {unit_name},", "",
             "Ứng dụng Sơ kết GNBV (UBND huyện Bình Sơn) có các thông báo sau cho đơn vị:", ""]
    for n in notes:
        lines.append(f"- {n.message}")
        if base_url and n.safe_link:
            lines.append(f"  Xem: {base_url.rstrip('/')}{n.safe_link}")
    lines += ["", "Vui lòng đăng nhập ứng dụng để xem chi tiết và cập nhật tình hình thực hiện.",
              "", "Thư này được gửi tự động; xin đừng trả lời thư."]
    msg.set_content("\n".join(lines))
    return msg


def prepare(config, notes: list[Notification], today, base_url: str = ""):
    """[(note ids, message)] per unit that has an address (reads the database)."""
    from ..plan.models import Unit
    sender = config.get("SMTP_SENDER") or "so-ket-gnbv@localhost"
    by_unit: dict[int, list[Notification]] = defaultdict(list)
    for note in notes:
        by_unit[note.unit_id].append(note)
    batches = []
    for unit_id, unit_notes in by_unit.items():
        to = recipients(unit_id)
        if to:
            unit = db.session.get(Unit, unit_id)
            batches.append(([n.id for n in unit_notes],
                            build_message(sender, to, unit.official_name, unit_notes, today, base_url)))
    return batches


def deliver(config, batches) -> tuple[EmailOutcome, list[int]]:
    """Talk to the mail server (no database here). Never raises for a mail problem."""
    host, port = config.get("SMTP_HOST"), int(config.get("SMTP_PORT") or 25)
    outcome, sent_ids = EmailOutcome("sent"), []
    try:
        with smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT_S) as smtp:
            for note_ids, message in batches:
                smtp.send_message(message)
                sent_ids += note_ids
                outcome.messages_sent += 1
                outcome.units += 1
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("Notification e-mail failed via %s:%s: %s", host, port, exc)
        outcome.status = "failed"
        outcome.error = str(exc) or exc.__class__.__name__
    return outcome, sent_ids


def stamp(note_ids: list[int]) -> None:
    if note_ids:
        (db.session.query(Notification).filter(Notification.id.in_(note_ids))
         .update({Notification.emailed_at: clock.now()}, synchronize_session=False))
        db.session.flush()


def send_queued(app, base_url: str) -> EmailOutcome | None:
    """After the request: mail what it queued and committed. Its own short transactions; the
    mail server is talked to with none open."""
    ids = g.pop(_QUEUE, None)
    if not ids or not app.config.get("SMTP_HOST"):
        return None
    notes = (db.session.query(Notification)
             .filter(Notification.id.in_(ids), Notification.emailed_at.is_(None))
             .order_by(Notification.unit_id, Notification.id).all())
    batches = prepare(app.config, notes, clock.today(), base_url)
    checkpoint()   # the reads end (on SQLite a POST's transaction holds the write lock)
    if not batches:
        return EmailOutcome("nothing")
    outcome, sent_ids = deliver(app.config, batches)
    stamp(sent_ids)
    db.session.commit()
    return outcome
