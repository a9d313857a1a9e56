"""The nomination window: open until the duty's deadline, or until Phòng LĐTB&XH reopens it."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..audit.service import record, snapshot
from ..core import clock
from ..core.errors import DomainError, NotAllowed
from ..core.formatting import ddmmyyyy
from ..core.text import nfc
from ..duties.models import Duty
from ..extensions import db
from ..plan.models import Plan
from .closing import require_open as require_list_open
from .models import NominationWindow
from .policy import can_reopen

NOMINATION_DUTY = "bao-cao-thanh-tich"


def nomination_duty(plan: Plan) -> Duty | None:
    return db.session.query(Duty).filter_by(plan_id=plan.id, code=NOMINATION_DUTY).one_or_none()


def window(plan: Plan) -> NominationWindow | None:
    return db.session.query(NominationWindow).filter_by(plan_id=plan.id).one_or_none()


@dataclass
class WindowState:
    deadline: date | None
    reopened_until: date | None
    is_open: bool

    @property
    def text(self) -> str:
        if self.reopened_until and self.is_open and self.deadline and clock.today() > self.deadline:
            return f"Phòng LĐTB&XH đã mở lại việc nhận đề nghị đến hết ngày {ddmmyyyy(self.reopened_until)}."
        if self.is_open:
            return (f"Nhận đề nghị đến hết ngày {ddmmyyyy(self.deadline)}." if self.deadline
                    else "Đang nhận đề nghị.")
        return (f"Đã hết hạn nhận đề nghị (ngày {ddmmyyyy(self.deadline)}). Liên hệ Phòng "
                "LĐTB&XH nếu cần mở lại.")


def window_state(plan: Plan, today: date | None = None) -> WindowState:
    """The duty's deadline and the reopening, read in one statement."""
    today = today or clock.today()
    deadline, reopened = db.session.execute(select(
        select(Duty.deadline).where(Duty.plan_id == plan.id, Duty.code == NOMINATION_DUTY)
        .scalar_subquery(),
        select(NominationWindow.reopened_until).where(NominationWindow.plan_id == plan.id)
        .scalar_subquery())).one()
    is_open = (deadline is None or today <= deadline) or (reopened is not None and today <= reopened)
    return WindowState(deadline, reopened, is_open)


def require_open(plan: Plan, field_name: str | None = None) -> None:
    state = window_state(plan)
    if not state.is_open:
        raise DomainError(state.text, field=field_name)


def reopen(plan: Plan, until: date | None, note: str, *, actor) -> NominationWindow:
    """The coordinator reopens nominations until a date (None closes them again)."""
    require_list_open(plan, field="reopened_until")
    if not can_reopen(actor, plan):
        raise NotAllowed("Chỉ Phòng LĐTB&XH mở lại việc nhận đề nghị.")
    if until is not None and until < clock.today():
        raise DomainError("Ngày mở lại phải từ hôm nay trở đi.", field="reopened_until")
    w = window(plan)
    if w is None:
        w = NominationWindow(plan_id=plan.id, reopened_until=None, note="", version=1)
        db.session.add(w)
        db.session.flush()
    before = snapshot(w, ("reopened_until", "note"))
    w.reopened_until = until
    w.note = nfc((note or "").strip())
    w.version += 1
    db.session.flush()
    record("nomination_window.reopen", w, before=before,
           after=snapshot(w, ("reopened_until", "note")), actor=actor,
           summary=(f"Mở lại việc nhận đề nghị khen thưởng đến {ddmmyyyy(until)}" if until
                    else "Đóng việc nhận đề nghị khen thưởng theo thời hạn của kế hoạch"))
    return w
