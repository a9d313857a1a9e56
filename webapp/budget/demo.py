"""Demo cost lines (INVENTED amounts, for demonstration only)."""
from ..auth.models import User
from ..extensions import db
from ..plan.loader import current_plan
from ..plan.models import Unit
from . import service
from .models import BudgetLine

LINES = [
    ("hall", "Trang trí hội trường, âm thanh, ánh sáng", 3_500_000, "DA7.TDA1", "Dữ liệu minh họa"),
    ("documents", "Tài liệu hội nghị (166 bộ)", 4_980_000, "DA7.TDA1", "Dữ liệu minh họa"),
    ("banners", "Pa nô, khẩu hiệu hội nghị", 2_200_000, "DA6.TDA2", "Dữ liệu minh họa"),
    ("refreshments", "Nước uống đại biểu (166 người)", 3_320_000, "DA7.TDA1", "Dữ liệu minh họa"),
    ("printing", "In giấy mời, giấy khen, phôi khung", 1_850_000, "DA6.TDA2", "Dữ liệu minh họa"),
]


def build_scenario() -> None:
    plan = current_plan()
    if plan is None or db.session.query(BudgetLine).filter_by(plan_id=plan.id).first():
        return
    actor = db.session.query(User).join(User.unit).filter(Unit.code == "vanphong").first()
    sources = {s.code: s.id for s in plan.funding_sources}
    for category, description, amount, source, note in LINES:
        service.add_line(plan, service.LineData(category, description, amount, sources[source],
                                                note), actor=actor)
