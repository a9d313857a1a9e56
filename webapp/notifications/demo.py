"""Demo notifications (INVENTED): today's reminders and a few events of the scenario."""
from ..core import clock
from ..extensions import db
from ..plan.models import Unit
from . import reminders
from .service import notify

EVENTS = [
    ("binh-chau", "returned", "Báo cáo kết quả theo đề cương bị trả lại: bổ sung số liệu hộ cận "
     "nghèo năm 2022 (dữ liệu minh họa).", "/viec-cua-toi"),
    ("chau-o", "accepted", "Phòng LĐTB&XH đã tiếp nhận báo cáo kết quả của đơn vị "
     "(dữ liệu minh họa).", "/viec-cua-toi"),
    ("binh-chanh", "due_soon", "Nhắc việc: “Báo cáo kết quả theo đề cương” còn 7 ngày "
     "(hạn 22/11/2023) (dữ liệu minh họa).", "/viec-cua-toi"),
]


def build_scenario() -> None:
    units = {u.code: u.id for u in db.session.query(Unit)}
    for code, kind, message, link in EVENTS:
        if code in units:
            notify(units[code], kind, message, link=link, dedupe_key=f"demo:{kind}:{code}")
    reminders.create_reminders(clock.today())
