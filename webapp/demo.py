"""The demo: one account per role and an invented scenario as the plan looked mid-way.

Everything here is INVENTED for demonstration; no real person or figure of Bình Sơn is used.
Each capability adds its part of the scenario in its own `demo.py` (listed in SCENARIOS).
"""
import importlib
import io

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
    "webapp.demo",   # the plan issued through the register before any paper cites it
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


def _stand_in_scan(text: str) -> bytes:
    """A one-page PDF standing for the signed and sealed paper copy the văn thư scans (the demo
    has no scanner; rendering the .docx again would cost a LibreOffice run per demo build)."""
    from pathlib import Path

    from PIL import Image, ImageDraw, ImageFont

    from .issuing.signing import FONT_CANDIDATES
    path = next((f for f in FONT_CANDIDATES if Path(f).exists()), None)
    font = ImageFont.truetype(path, 18) if path else ImageFont.load_default(size=18)
    page = Image.new("RGB", (595, 842), "white")
    ImageDraw.Draw(page).multiline_text((60, 80), text, fill="black", font=font, spacing=8)
    out = io.BytesIO()
    page.save(out, "PDF", resolution=72)
    return out.getvalue()


def issue_on_paper(kind_code: str, *, drafter: User, leader: User, clerk: User):
    """A paper of `kind_code` issued through the outgoing register as the demo's offices do it
    for a paper signed by hand: drafted, put up for sign-off, approved by the leadership,
    numbered and dated by the văn thư, then the signed and sealed copy filed (issuing's
    on_issued hook records the number on the feature's own object)."""
    from .issuing import kinds, papers, render
    from .plan.loader import current_plan
    plan, kind = current_plan(), kinds.get(kind_code)
    paper = papers.create(plan, kind, actor=drafter)
    context = papers.frozen(render.live_context(kind, plan, paper.params))
    papers.submit(paper, context, render.draft_job(kind, plan, context, paper).docx(),
                  actor=drafter, expected_version=None)
    papers.approve(paper, actor=leader, comment="Đồng ý.", expected_version=None)
    papers.allocate_number(paper, actor=clerk, expected_version=None)
    papers.choose_route(paper, "paper", actor=clerk, expected_version=None)
    scan = _stand_in_scan(f"{kind.label} số {paper.number_text}\n"
                          f"ngày {paper.entry.issued_on:%d/%m/%Y}\n\n"
                          "(Bản giấy đã ký, đóng dấu: bản quét minh họa.)")
    papers.issue(paper, scan, actor=clerk, expected_version=None, scan=True)
    db.session.flush()
    return paper


def build_scenario() -> None:
    """The plan (Kế hoạch) issued by UBND huyện through its register, so that every paper
    cites it as "Kế hoạch số NN/KH-UBND ngày dd/mm/2023"."""
    from .issuing import papers
    from .plan.loader import current_plan
    plan = current_plan()
    if plan is None or plan.number or papers.paper_for(plan, "plan") is not None:
        return
    users = {u.username: u for u in db.session.query(User)}
    issue_on_paper("plan", drafter=users["ldtbxh"], leader=users["lanhdao"],
                   clerk=users["vanphong"])


def run_scenarios(*, skip: str = "", only: str = "") -> list[str]:
    """Build every scenario in order; the bench's data set runs the last one (issuing the
    reward decision, which closes the list) apart, after its own nominations."""
    done = []
    for module_name in SCENARIOS:
        if module_name == skip or (only and module_name != only):
            continue
        module = importlib.import_module(module_name)
        module.build_scenario()
        db.session.flush()
        done.append(module_name)
    return done
