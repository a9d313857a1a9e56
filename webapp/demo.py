"""The demo: one account per role and an invented scenario as the plan looked mid-way.

Everything here is INVENTED for demonstration; no real person or figure of Bình Sơn is used.
Each capability adds its part of the scenario in its own `demo.py` (listed in SCENARIOS).
"""
import importlib

from .auth.models import User
from .admin.service import create_account
from .core import people
from .extensions import db
from .plan.models import Unit

DEMO_PASSWORD = "demo-gnbv-2023"

# (role label, unit code, username, full name, position) — README lists the same table. A full
# name written "@code" is the person the units data names by that code (the name is never typed
# twice: the papers they sign name them from the same directory).
DEMO_ACCOUNTS = [
    ("Điều phối", "ldtbxh", "ldtbxh", "Nguyễn Thị Hạnh", "Chuyên viên Phòng LĐTB&XH"),
    ("Phòng Nội vụ", "noivu", "noivu", "@chuyen-vien-noi-vu", "Chuyên viên Phòng Nội vụ"),
    ("Văn phòng", "vanphong", "vanphong", "Lê Thị Thu", "Chuyên viên Văn phòng HĐND và UBND"),
    ("Phòng ban", "nnptnt", "nnptnt", "Phạm Văn Đức", "Chuyên viên Phòng NN&PTNT"),
    ("Phòng ban", "yte", "yte", "Võ Thị Mai", "Chuyên viên Phòng Y tế"),
    ("Xã, thị trấn", "binh-chanh", "binhchanh", "Đặng Văn Lợi", "Công chức LĐTB&XH xã Bình Chánh"),
    ("Xã, thị trấn", "binh-long", "binhlong", "Huỳnh Thị Lan", "Công chức LĐTB&XH xã Bình Long"),
    ("Xã, thị trấn", "chau-o", "chauo", "Bùi Văn Ân", "Công chức LĐTB&XH thị trấn Châu Ổ"),
    ("Đoàn thể", "mttq", "mttq", "Ngô Thị Xuân", "Cán bộ Ủy ban MTTQ Việt Nam huyện"),
    ("Đoàn thể", "hlhpn", "hlhpn", "Đỗ Thị Hoa", "Cán bộ Hội LHPN huyện"),
    ("Lãnh đạo", "ubnd", "lanhdao", "@pho-chu-tich-ubnd", "Phó Chủ tịch UBND huyện"),
    ("Quản trị", "quantri", "admin", "Quản trị hệ thống", "Quản trị hệ thống"),
]

SCENARIOS = [
    "webapp.duties.demo",
    "webapp.conference.demo_speakers",  # the papers name the slots' speakers
    "webapp.reports.demo",
    "webapp.awards.demo",
    "webapp.notifications.demo",
    "webapp.budget.demo",
    "webapp.synthesis.demo",
    "webapp.delegates.demo",
    # after delegates and awards: the script it keeps as version 1 includes them
    "webapp.conference.demo",
    "webapp.issuing.demo",   # last: it issues the reward decision the others prepared
]


def create_demo_accounts() -> list[User]:
    users = []
    units = {u.code: u for u in db.session.query(Unit)}
    for _label, unit_code, username, full_name, position in DEMO_ACCOUNTS:
        user = db.session.query(User).filter_by(username=username).one_or_none()
        if full_name.startswith("@"):
            full_name = people.official(full_name[1:]).name
        if user is None:
            user = create_account(unit_id=units[unit_code].id, username=username,
                                  full_name=full_name, position=position,
                                  password=DEMO_PASSWORD, must_change_password=False)
        users.append(user)
    return users


def run_scenarios() -> list[str]:
    done = []
    for module_name in SCENARIOS:
        module = importlib.import_module(module_name)
        module.build_scenario()
        db.session.flush()
        done.append(module_name)
    return done
