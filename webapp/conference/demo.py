"""Demo scenario of the conference (INVENTED names): start time 7h30, the speakers the units
chose, a first script version downloaded, then a speaker named and two MC lines edited so the
script page shows what changed; a few readiness lines ticked."""
from ..auth.models import User
from ..extensions import db
from ..plan.loader import current_plan
from ..plan.models import AgendaItem, SpeechSlot, Unit
from . import agenda, readiness, speakers, versions

# unit code -> (speaker, title, form of address): INVENTED people. A citizen has no office:
# what is said of them is a description, in lower case mid-sentence ("Kính mời ông …,
# người lao động …"), never capitalised as a title.
SPEAKERS_FIRST = {
    "mttq": ("Trương Thị Ngọc Hân", "Phó Chủ tịch Ủy ban MTTQ Việt Nam huyện"),
    "hlhpn": ("Lương Thị Kim Oanh", "Chủ tịch Hội Liên hiệp Phụ nữ huyện"),
    "binh-chanh": ("Tạ Văn Khải", "Phó Chủ tịch UBND xã Bình Chánh"),
    "binh-chau": ("Mai Văn Thịnh", "người lao động đi làm việc ở nước ngoài trở về, thôn An "
                                   "Hải, xã Bình Châu", "ong"),
}
SPEAKERS_LATER = {
    "binh-long": ("Đinh Thị Bích Trâm", "chủ hộ sản xuất, kinh doanh giỏi thôn Long Yên, xã "
                                        "Bình Long", "ba"),
}
MC_EDITS = {
    "khai-mac": "Kính mời {người phát biểu} Trưởng Ban Chỉ đạo các chương trình mục tiêu quốc "
                "gia huyện, phát biểu khai mạc hội nghị.",
    "thao-luan": "Để hội nghị thêm phong phú, kính mời các đồng chí đại biểu phát biểu thảo luận, "
                 "chia sẻ kinh nghiệm giảm nghèo tại địa phương (mỗi ý kiến không quá 5 phút).",
}
TICKS = {"tham-luan-nhan-du": ("ldtbxh", False, "Còn chờ Hội Nông dân, NHCSXH và 3 xã"),
         "hoi-truong": ("vanphong", False, "Đã liên hệ âm thanh, máy chiếu")}


def _user(unit_code: str) -> User | None:
    return db.session.query(User).join(User.unit).filter(Unit.code == unit_code).first()


def _name(plan, table) -> None:
    coordinator = _user("ldtbxh")
    slots = {s.unit.code: s for s in db.session.query(SpeechSlot).filter_by(plan_id=plan.id)}
    for code, (full_name, title, *address) in table.items():
        slot = slots.get(code)
        if slot is not None and not slot.speaker_name:
            speakers.update_speaker(slot, name=full_name, title=title,
                                    address=address[0] if address else None,
                                    actor=_user(code) or coordinator, expected_version=None)


def name_first_speakers() -> None:
    """Before the units' papers (webapp.reports.demo): the speakers the units chose first."""
    plan = current_plan()
    if plan is not None and _user("ldtbxh") is not None:
        _name(plan, SPEAKERS_FIRST)


def build_scenario() -> None:
    plan = current_plan()
    coordinator = _user("ldtbxh")
    if coordinator is None or versions.last_version(plan) is not None:
        return
    if agenda.start_time_of(plan) is None:
        agenda.set_start_time(plan, "7h30", actor=coordinator)
    _name(plan, SPEAKERS_FIRST)
    versions.save_version(plan, actor=coordinator)
    _name(plan, SPEAKERS_LATER)
    items = {i.code: i for i in db.session.query(AgendaItem).filter_by(plan_id=plan.id)}
    for code, text in MC_EDITS.items():
        if code in items:
            agenda.update_mc(items[code], text, actor=coordinator, expected_version=None)
    for code, (unit_code, done, note) in TICKS.items():
        actor = _user(unit_code)
        if actor is not None:
            readiness.tick(plan, code, done=done, note=note, actor=actor, expected_version=None)
