"""Demo scenario for the delegates (INVENTED names; no real person of Bình Sơn): as of
15/11/2023 the province and district seats are named, 15 of the 22 communes have named theirs,
Văn phòng issued the invitations on 13/11/2023 and some replies have come back; nobody is
checked in (the conference is on 05/12/2023)."""
import random
from datetime import date, datetime

from ..auth.models import User
from ..extensions import db
from ..plan.loader import current_plan
from ..core import people
from ..plan.models import Official, Unit
from . import invitations, service
from .models import Delegate, Reply

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE_M = ["Văn", "Minh", "Đức", "Quốc", "Thanh", "Hữu", "Công"]
MIDDLE_F = ["Thị", "Thị", "Ngọc", "Thu", "Kim"]
GIVEN_M = ["An", "Bảo", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Khoa", "Lâm", "Long", "Nam",
           "Phong", "Quang", "Sơn", "Tâm", "Thắng", "Toàn", "Trung", "Tuấn", "Vinh"]
GIVEN_F = ["Anh", "Châu", "Dung", "Hà", "Hạnh", "Hương", "Lan", "Liên", "Mai", "Ngọc", "Oanh",
           "Phượng", "Thảo", "Trang", "Vân", "Yến"]

# composition code -> [(title, unit code or organisation)] of the named seats. A unit code
# takes its name from the units data, and the person from the directory there (the units
# data's officials, in its order) when it names one with that title; other seats get an
# INVENTED person.
DISTRICT_SEATS = {
    "tinh-ubnd": [("Phó Chủ tịch UBND tỉnh", "ubnd-tinh")],
    "tinh-so-ldtbxh": [("Phó Giám đốc", "so-ldtbxh"),
                       ("Trưởng phòng Bảo trợ xã hội và Giảm nghèo", "so-ldtbxh")],
    "huyen-thuong-truc": [("Bí thư Huyện ủy", "huyenuy"),
                          ("Phó Bí thư Thường trực Huyện ủy", "huyenuy"),
                          ("Chủ tịch HĐND huyện", "hdnd"), ("Phó Chủ tịch HĐND huyện", "hdnd"),
                          ("Chủ tịch UBND huyện", "ubnd"), ("Phó Chủ tịch UBND huyện", "ubnd"),
                          ("Phó Chủ tịch UBND huyện", "ubnd"),
                          ("Chủ tịch Ủy ban MTTQ Việt Nam huyện", "mttq"),
                          ("Phó Chủ tịch Ủy ban MTTQ Việt Nam huyện", "mttq"),
                          ("Ủy viên Ban Thường vụ Huyện ủy", "huyenuy")],
    "huyen-phong-ban": [("Chánh Văn phòng", "vanphong")] + [
        ("Trưởng phòng", code) for code in (
            "ldtbxh", "noivu", "nnptnt", "vhtt", "yte", "gddt", "tckh", "tuphap")] + [
        ("Trưởng phòng", "Phòng Dân tộc"), ("Chủ tịch", "hlhpn"), ("Chủ tịch", "hnd"),
        ("Bí thư", "huyendoan"), ("Giám đốc", "nhcsxh"), ("Chủ tịch", "ldld")],
    "huyen-bcd": [("Lãnh đạo", o) for o in (
        "Chi cục Thống kê huyện", "Trung tâm Y tế huyện", "Công an huyện",
        "Ban Chỉ huy Quân sự huyện", "Trung tâm Dịch vụ nông nghiệp huyện",
        "Bảo hiểm xã hội huyện")],
}
# The district's standing bodies: the units data groups their leaders as units ("Thường trực
# Huyện ủy"); a delegate's organisation is the body itself.
BODIES = {"huyenuy": "Huyện ủy Bình Sơn", "hdnd": "HĐND huyện Bình Sơn",
          "ubnd": "UBND huyện Bình Sơn"}
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


def _issue_invitations(office: User) -> None:
    """The invitations issued as Văn phòng does it: drafted, approved by the leadership,
    numbered and dated by the văn thư in the outgoing register (the number reaches every
    invited delegate and the units' incoming papers), the signed copy filed."""
    from .. import demo
    leader = db.session.query(User).filter_by(username="lanhdao").first()
    if leader is None:
        return
    demo.issue_on_paper("invitation", drafter=office, leader=leader, clerk=office)


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
    directory = db.session.query(Official).order_by(Official.position, Official.id).all()
    made: list[Delegate] = []
    taken: set[int] = set()
    for code, seats in DISTRICT_SEATS.items():
        comp = comps.get(code)
        if comp is None:
            continue
        for rank, (title, where) in enumerate(seats[:comp.planned], start=1):
            unit = units.get(where) or invitations.unit_of_organisation(where)
            organisation = BODIES.get(where) or (unit.name if where in units else where)
            official = next((o for o in directory if unit is not None and o.unit_id == unit.id
                             and o.id not in taken
                             and o.title.casefold() == title.casefold()), None)
            if official is not None:
                taken.add(official.id)
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
    _issue_invitations(office)
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
