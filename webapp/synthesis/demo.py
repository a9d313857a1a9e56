"""Demo draft of the mid-term report (INVENTED text, for demonstration only)."""
from ..auth.models import User
from ..extensions import db
from ..plan.loader import current_plan
from ..plan.models import Unit
from . import service

SECTIONS = {
    "tinh_hinh": "Nội dung minh họa: huyện có 22 xã, thị trấn; đời sống một bộ phận người dân "
                 "vùng bãi ngang, ven biển còn khó khăn.",
    "chi_dao": "Nội dung minh họa: UBND huyện ban hành kế hoạch thực hiện Chương trình, kiện "
               "toàn Ban chỉ đạo các Chương trình mục tiêu quốc gia; tổ chức kiểm tra định kỳ.",
}


def build_scenario() -> None:
    plan = current_plan()
    if plan is None or service.get_draft(plan, service.MID_TERM) is not None:
        return
    actor = db.session.query(User).join(User.unit).filter(Unit.code == "ldtbxh").first()
    if actor is None:
        return
    service.save_draft(plan, service.MID_TERM, SECTIONS, "", actor=actor, expected_version=0)
