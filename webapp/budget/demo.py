"""Demo cost lines and the signer of the Tờ trình (INVENTED amounts, for demonstration only;
the signer is the Trưởng phòng LĐTB&XH of the units data, never typed here)."""
from ..auth.models import User
from ..extensions import db
from ..plan.loader import current_plan
from ..plan.models import Unit
from . import service
from .models import BudgetLine

# (category, description, quantity, unit, unit price, funding source, note)
LINES = [
    ("hall", "Trang trí hội trường, âm thanh, ánh sáng", 1, "gói", 3_500_000, "DA7.TDA1", ""),
    ("documents", "Tài liệu hội nghị", 166, "bộ", 30_000, "DA7.TDA1", ""),
    ("banners", "Pa nô, khẩu hiệu hội nghị", 2, "cái", 1_100_000, "DA6.TDA2", ""),
    ("refreshments", "Nước uống đại biểu", 166, "người", 20_000, "DA7.TDA1", ""),
    ("printing", "In giấy mời, giấy khen, phôi khung", 1, "gói", 1_850_000, "DA6.TDA2", ""),
]


def _user(unit_code: str):
    return db.session.query(User).join(User.unit).filter(Unit.code == unit_code).first()


def build_scenario() -> None:
    plan = current_plan()
    if plan is None or db.session.query(BudgetLine).filter_by(plan_id=plan.id).first():
        return
    office, coordinator = _user("vanphong"), _user("ldtbxh")
    sources = {s.code: s.id for s in plan.funding_sources}
    for category, description, quantity, unit, price, source, note in LINES:
        service.add_line(plan, service.LineData(category, description, quantity, unit, price,
                                                sources[source], note), actor=office)
    service.save_signer(plan, "", service.head_of_proposer(plan), actor=coordinator,
                        expected_version=0)
