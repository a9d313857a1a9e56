"""Demo scenario for the delegates (INVENTED names; no real person of Bình Sơn): as of
15/11/2023 the province and district seats are named, 15 of the 22 communes have named theirs,
Văn phòng issued the invitations on 13/11/2023 and some replies have come back; nobody is
checked in (the conference is on 05/12/2023)."""
import random
from datetime import date, datetime

from ..auth.models import User
from ..extensions import db
from ..plan.loader import current_plan
from ..plan.models import Unit
from ..core import people
from ..plan.models import Official
from . import invitations, service
from .models import Delegate, Reply

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE_M = ["Văn", "Minh", "Đức", "Quốc", "Thanh", "Hữu", "Công"]
MIDDLE_F = ["Thị", "Thị", "Ngọc", "Thu", "Kim"]
GIVEN_M = ["An", "Bảo", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Khoa", "Lâm", "Long", "Nam",
           "Phong", "Quang", "Sơn", "Tâm", "Thắng", "Toàn", "Trung", "Tuấn", "Vinh"]
GIVEN_F = ["Anh", "Châu", "Dung", "Hà", "Hạnh", "Hương", "Lan", "Liên", "Mai", "Ngọc", "Oanh",
           "Phượng", "Thảo", "Trang", "Vân", "Yến"]

# composition code -> [(title, organisation)] for the named seats (INVENTED persons).
DISTRICT_SEATS = {
    "tinh-ubnd": [("Phó Chủ tịch UBND tỉnh", "UBND tỉnh Quảng Ngãi")],
    "tinh-so-ldtbxh": [("Phó Giám đốc", "Sở Lao động – Thương binh và Xã hội tỉnh Quảng Ngãi"),
                       ("Trưởng phòng Bảo trợ xã hội và Giảm nghèo",
                        "Sở Lao động – Thương binh và Xã hội tỉnh Quảng Ngãi")],
    "huyen-thuong-truc": [("Bí thư Huyện ủy", "Huyện ủy Bình Sơn"),
                          ("Phó Bí thư Thường trực Huyện ủy", "Huyện ủy Bình Sơn"),
                          ("Chủ tịch HĐND huyện", "HĐND huyện Bình Sơn"),
                          ("Phó Chủ tịch HĐND huyện", "HĐND huyện Bình Sơn"),
                          ("Chủ tịch UBND huyện", "UBND huyện Bình Sơn"),
                          ("Phó Chủ tịch UBND huyện", "UBND huyện Bình Sơn"),
                          ("Phó Chủ tịch UBND huyện", "UBND huyện Bình Sơn"),
                          ("Chủ tịch Ủy ban MTTQ Việt Nam huyện", "Ủy ban MTTQ Việt Nam huyện"),
                          ("Phó Chủ tịch Ủy ban MTTQ Việt Nam huyện", "Ủy ban MTTQ Việt Nam huyện"),
                          ("Ủy viên Ban Thường vụ Huyện ủy", "Huyện ủy Bình Sơn")],
    "huyen-phong-ban": [("Chánh Văn phòng", "Văn phòng HĐND và UBND huyện")] + [
        ("Trưởng phòng", o) for o in (
        "Phòng Lao động, Thương binh và Xã hội", "Phòng Nội vụ",
        "Phòng Nông nghiệp và Phát triển nông thôn", "Phòng Văn hóa và Thông tin", "Phòng Y tế",
        "Phòng Giáo dục và Đào tạo", "Phòng Tài chính - Kế hoạch", "Phòng Tư pháp",
        "Phòng Dân tộc")] + [("Chủ tịch", "Hội Liên hiệp Phụ nữ huyện"),
                             ("Chủ tịch", "Hội Nông dân huyện"), ("Bí thư", "Huyện đoàn Bình Sơn"),
                             ("Giám đốc", "Phòng giao dịch Ngân hàng Chính sách xã hội huyện"),
                             ("Chủ tịch", "Liên đoàn Lao động huyện")],
    "huyen-bcd": [("Lãnh đạo", o) for o in (
        "Chi cục Thống kê huyện", "Trung tâm Y tế huyện", "Công an huyện",
        "Ban Chỉ huy Quân sự huyện", "Trung tâm Dịch vụ nông nghiệp huyện",
        "Bảo hiểm xã hội huyện")],
}
# The units whose invitees those organisations are (they answer for them), and the seats that
# the units data names (the same person in every document).
ORG_UNITS = {"UBND huyện Bình Sơn": "ubnd", "Huyện ủy Bình Sơn": "huyenuy",
             "HĐND huyện Bình Sơn": "hdnd", "Ủy ban MTTQ Việt Nam huyện": "mttq"}
NAMED_SEATS = {("Bí thư Huyện ủy", "huyenuy"): "bi-thu-huyen-uy",
               ("Phó Bí thư Thường trực Huyện ủy", "huyenuy"): "pho-bi-thu-huyen-uy",
               ("Chủ tịch HĐND huyện", "hdnd"): "chu-tich-hdnd",
               ("Chủ tịch UBND huyện", "ubnd"): "chu-tich-ubnd",
               ("Phó Chủ tịch UBND huyện", "ubnd"): "pho-chu-tich-ubnd",
               ("Chủ tịch Ủy ban MTTQ Việt Nam huyện", "mttq"): "chu-tich-mttq",
               ("Chánh Văn phòng", "vanphong"): "chanh-van-phong",
               ("Trưởng phòng", "ldtbxh"): "truong-phong-ldtbxh",
               ("Trưởng phòng", "noivu"): "truong-phong-noi-vu",
               ("Giám đốc", "nhcsxh"): "giam-doc-nhcsxh", ("Chủ tịch", "hlhpn"): "chu-tich-hlhpn",
               ("Chủ tịch", "hnd"): "chu-tich-hnd"}
COMMUNES_NOT_YET = {"binh-hai", "binh-hoa", "binh-khuong", "binh-my", "binh-phuoc",
                    "binh-thanh", "binh-tri"}   # 7 communes still to name theirs


def _name(rng: random.Random, used: set) -> str:
    while True:
        if rng.random() < 0.6:
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"
        else:
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"
        if name not in used:
            used.add(name)
            return name


def build_scenario() -> None:
    plan = current_plan()
    if plan is None or db.session.query(Delegate).filter_by(plan_id=plan.id).count():
        return
    if plan.conference_date is None:
        plan.conference_date = date(2023, 12, 5)
    office = db.session.query(User).join(User.unit).filter(Unit.code == "vanphong").first()
    if office is None:
        return
    rng = random.Random(20231115)
    used: set[str] = set()
    comps = {c.code: c for c in plan.compositions}
    units = {u.code: u for u in db.session.query(Unit)}
    officials = {o.code: o for o in db.session.query(Official)}
    made: list[Delegate] = []
    taken: set[str] = set()
    for code, seats in DISTRICT_SEATS.items():
        comp = comps.get(code)
        if comp is None:
            continue
        for rank, (title, organisation) in enumerate(seats[:comp.planned], start=1):
            unit = units.get(ORG_UNITS.get(organisation, "")) or \
                invitations.unit_of_organisation(organisation)
            official = officials.get(NAMED_SEATS.get((title, unit.code if unit else ""), ""))
            if official is not None and official.code not in taken:
                taken.add(official.code)
                full_name, address = official.full_name, official.address
            else:
                full_name = _name(rng, used)
                address = people.COMRADE
            made.append(service.create(plan, service.DelegateData(
                full_name, comp.id, unit_id=unit.id if unit else None, title=title,
                organisation=organisation, rank=rank, address=address,
                phone=f"0905 {rng.randint(100, 999)} {rng.randint(100, 999)}"), actor=office))
    village_titles = ["Trưởng thôn", "Trưởng Ban công tác Mặt trận thôn", "Trưởng thôn",
                      "Trưởng Ban công tác Mặt trận thôn"]
    villages = ["An Điềm", "Phú Lễ", "Tân Hy", "Mỹ Long", "Đông Yên", "Vạn Tường", "Thanh Thủy",
                "Long Yên", "Phước Thiện", "Trung An"]
    for unit in db.session.query(Unit).filter_by(kind="commune").order_by(Unit.position):
        if unit.code in COMMUNES_NOT_YET:
            continue
        commune_user = db.session.query(User).filter_by(unit_id=unit.id).first() or office
        lead_titles = [f"Phó Chủ tịch UBND {unit.level}", f"Chủ tịch Ủy ban MTTQ Việt Nam {unit.level}"]
        for code, titles in (("xa-lanh-dao", lead_titles), ("xa-thon", village_titles)):
            comp = comps.get(code)
            if comp is None:
                continue
            for rank, title in enumerate(titles[:comp.per_unit], start=1):
                if code == "xa-thon":
                    title = f"{title} {rng.choice(villages)}"
                made.append(service.create(plan, service.DelegateData(
                    _name(rng, used), comp.id, unit_id=unit.id, title=title, rank=rank),
                    actor=commune_user))
    db.session.flush()
    invitations.issue(plan, number=125, issued_on=date(2023, 11, 13), meeting_time="07 giờ 30",
                      only_new=False, actor=office)
    presiding = invitations.presiding_unit_code()
    for d in made:
        if (d.unit is not None and d.unit.code == presiding) or d.composition.protocol_rank <= 30:
            service.set_reply(d, Reply.ATTENDING, actor=office)  # they preside, or lead the guests
            continue
        roll = rng.random()
        if roll < 0.45:
            service.set_reply(d, Reply.ATTENDING, actor=office)
        elif roll < 0.50:
            service.set_reply(d, Reply.DECLINED, actor=office)
        elif roll < 0.55:
            service.set_reply(d, Reply.SUBSTITUTE, actor=office,
                              substitute_name=_name(rng, used),
                              substitute_title=d.title if d.title.startswith("Phó")
                              else f"Phó {d.title[0].lower()}{d.title[1:]}")
        d.replied_at = datetime(2023, 11, rng.randint(13, 15), rng.randint(7, 16), rng.randint(0, 59))
    db.session.flush()
