"""The delegates to introduce at the opening (used by the meeting script)."""
from datetime import datetime

from webapp.delegates.models import Reply
from webapp.delegates.queries import introduction_list
from webapp.plan.loader import current_plan

from .factories import delegate


def test_introductions_follow_protocol_and_replies(app):
    # inserted in the wrong order on purpose
    delegate("Nguyễn Văn Ấn", "xa-lanh-dao", unit_code="binh-chanh", reply=Reply.ATTENDING,
             title="Chủ tịch UBND xã", organisation="UBND xã Bình Chánh")
    delegate("Trần Thị Yến", "huyen-thuong-truc", rank=2, reply=Reply.ATTENDING,
             title="Phó Chủ tịch HĐND huyện")
    delegate("Lê Văn Đức", "huyen-thuong-truc", rank=1, reply=Reply.ATTENDING,
             title="Bí thư Huyện ủy")
    delegate("Phạm Văn Bình", "huyen-thuong-truc", rank=2, reply=Reply.ATTENDING,
             title="Chủ tịch Ủy ban MTTQ")
    delegate("Võ Thị Cúc", "tinh-ubnd", reply=Reply.SUBSTITUTE,
             substitute_name="Hồ Văn Thế", substitute_title="Chánh Văn phòng UBND tỉnh",
             title="Phó Chủ tịch UBND tỉnh")
    delegate("Đặng Văn Không", "tinh-so-ldtbxh", reply=Reply.DECLINED)
    delegate("Bùi Thị Chưa", "tinh-so-ldtbxh", reply=Reply.PENDING)

    people = introduction_list(current_plan())
    names = [p["full_name"] for p in people]
    # province first (the substitute in place of the invitee), then the district standing
    # committee by rank, equal ranks by Vietnamese name order (Bình < Yến), then the commune
    assert names == ["Hồ Văn Thế", "Lê Văn Đức", "Phạm Văn Bình", "Trần Thị Yến", "Nguyễn Văn Ấn"]
    assert people[0]["title"] == "Chánh Văn phòng UBND tỉnh"
    assert people[0]["composition_label"] == "Đại diện lãnh đạo UBND tỉnh"
    assert people[1] == {"full_name": "Lê Văn Đức", "title": "Bí thư Huyện ủy", "organisation": "",
                         "composition_label": people[1]["composition_label"], "rank": 1, "address": "dong_chi",
                         "protocol_rank": people[1]["protocol_rank"], "level": "district",
                         "attending": True, "present": False}


def test_introductions_of_those_present(app):
    delegate("Lê Văn Đức", "huyen-thuong-truc", rank=1, reply=Reply.ATTENDING)
    late = delegate("Trần Thị Yến", "huyen-thuong-truc", rank=2, reply=Reply.PENDING)
    late.checked_in_at = datetime(2023, 12, 5, 7, 40)
    people = introduction_list(current_plan(), present_only=True)
    assert [(p["full_name"], p["attending"], p["present"]) for p in people] == [
        ("Trần Thị Yến", False, True)]
