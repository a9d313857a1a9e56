"""Demo scenario for rewards (INVENTED people and achievements, no real names): as of
15/11/2023 nominations are at every stage — drafts, submitted, returned, shortlisted, approved,
rejected, withdrawn — with one person proposed by two units (flagged as a duplicate).

The selection meeting of 14/11 voted on what Phòng LĐTB&XH had shortlisted by then; Phòng Nội
vụ approved whom it passed and rejected whom it did not, and its Tờ trình of 15/11 (numbered
in its register) proposes exactly those. Those Phòng LĐTB&XH shortlisted after the meeting
Phòng Nội vụ does not approve (the meeting did not vote on them, the Tờ trình does not name
them): it rejects them with that reason, so that nothing waits for it when the issuing demo
issues the decision (which then closes the list) and the decision rewards what the papers
name. Everyone the papers name is a person of the
units data (webapp/core/people.official), never typed here."""
from types import SimpleNamespace

from ..auth.models import User
from ..core import people
from ..core.roles import ROLE_OF_KIND, UnitKind
from ..extensions import db
from ..plan.loader import current_plan
from ..plan.models import Unit
from ..uploads.service import CheckedUpload
from datetime import datetime

from . import flow, papers
from .flow import NominationData
from .models import Nomination

# (unit code, kind, name or (name, gender, year, position, workplace), stage, note)
SCENARIO = [
    ("binh-chanh", "collective", "Hội Nông dân xã Bình Chánh", "approved", ""),
    ("binh-chanh", "individual", ("Trương Văn Khải", "male", 1971, "Trưởng thôn Phước Hòa", "xã Bình Chánh"), "approved", ""),
    ("binh-chanh", "individual", ("Lý Thị Ngọc Hân", "female", 1988, "Công chức Văn hóa - Xã hội", "UBND xã Bình Chánh"), "draft", ""),
    ("binh-long", "collective", "Chi hội Phụ nữ thôn Long Yên, xã Bình Long", "approved", ""),
    ("binh-long", "individual", ("Huỳnh Thị Mỹ Duyên", "female", 1982, "Chi hội trưởng Chi hội Phụ nữ thôn Long Yên", "xã Bình Long"), "shortlisted", ""),
    ("hlhpn", "individual", ("Huỳnh Thị Mỹ Duyên", "female", 1982, "Chi hội trưởng Chi hội Phụ nữ thôn Long Yên", "xã Bình Long"), "submitted", ""),
    ("chau-o", "collective", "Tổ dân phố Phú Vinh, thị trấn Châu Ổ", "approved", ""),
    ("chau-o", "individual", ("Phùng Văn Thạnh", "male", 1965, "Tổ trưởng Tổ dân phố Phú Vinh", "thị trấn Châu Ổ"), "approved", ""),
    ("chau-o", "individual", ("Kiều Thị Bích", "female", 1979, "Hộ kinh doanh", "Tổ dân phố 3, thị trấn Châu Ổ"), "returned",
     "Bổ sung xác nhận của UBND thị trấn về kết quả giúp hộ nghèo (dữ liệu minh họa)."),
    ("binh-chau", "collective", "Ban Công tác Mặt trận thôn Châu Me, xã Bình Châu", "shortlisted", ""),
    ("binh-chau", "individual", ("Mạc Văn Toàn", "male", 1990, "người lao động về nước, chủ mô hình nuôi trồng", "thôn Châu Me, xã Bình Châu"), "approved", ""),
    ("binh-hai", "collective", "UBND xã Bình Hải", "submitted", ""),
    ("binh-thanh", "individual", ("Tôn Nữ Diệu Hiền", "female", 1985, "Phó Chủ tịch Hội Phụ nữ xã", "xã Bình Thạnh"), "rejected",
     "Thành tích chưa nổi bật so với các đề nghị khác (dữ liệu minh họa)."),
    ("binh-trung", "collective", "Hợp tác xã Nông nghiệp Bình Trung", "withdrawn", ""),
    ("nnptnt", "collective", "Trạm Khuyến nông huyện", "approved", ""),
    ("nnptnt", "individual", ("Đàm Quốc Việt", "male", 1977, "Chuyên viên Phòng NN&PTNT", "Phòng Nông nghiệp và Phát triển nông thôn"), "shortlisted", ""),
    ("yte", "individual", ("Lạc Thị Thu Trang", "female", 1986, "Y sĩ Trạm Y tế xã Bình An", "Trung tâm Y tế huyện"), "submitted", ""),
    ("mttq", "collective", "Ban Thường trực Ủy ban MTTQ Việt Nam xã Bình Dương", "approved", ""),
    ("mttq", "individual", ("Ông Văn Lành", "male", 1958, "Trưởng Ban công tác Mặt trận thôn Đông Yên", "xã Bình Dương"), "shortlisted", ""),
    ("hnd", "collective", "Chi hội Nông dân thôn Tân Hy, xã Bình Minh", "shortlisted", ""),
    ("nhcsxh", "collective", "Tổ Tiết kiệm và vay vốn thôn Mỹ Thạnh, xã Bình Thuận", "approved", ""),
    ("hlhpn", "individual", ("Quách Thị Kim Oanh", "female", 1980, "Chủ nhiệm Tổ hợp tác may gia công", "xã Bình Hiệp"), "approved", ""),
    ("gddt", "collective", "Trường Tiểu học Bình Tân Phú", "submitted", ""),
]

# Why Phòng Nội vụ does not approve what was shortlisted after the selection meeting.
AFTER_THE_MEETING = ("Phòng LĐTB&XH trình sau cuộc họp xét chọn ngày 14/11/2023; không có trong "
                     "Tờ trình đề nghị khen thưởng của Phòng Nội vụ (dữ liệu minh họa).")

# Individuals who hold no office: "ông" / "bà" on the papers; the others are "đồng chí".
PRIVATE_PERSONS = {"Kiều Thị Bích", "Mạc Văn Toàn", "Quách Thị Kim Oanh"}
SUMMARY = ("Dữ liệu minh họa: vận động, giúp đỡ nhiều hộ nghèo, cận nghèo tiếp cận vốn vay, "
           "chuyển đổi sinh kế; góp phần giảm tỷ lệ hộ nghèo trên địa bàn giai đoạn 2021-2023.")
DEMO_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
            b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def _actor(unit: Unit):
    user = db.session.query(User).filter_by(unit_id=unit.id).first()
    if user is not None:
        return user
    # Units without a demo account: an actor standing for the unit (shown as "minh họa").
    return SimpleNamespace(id=None, unit_id=unit.id, username="minh-hoa", is_authenticated=True,
                           role=ROLE_OF_KIND[UnitKind(unit.kind)])


def _staff(code: str):
    return db.session.query(User).join(User.unit).filter(Unit.code == code).first()


def build_scenario() -> None:
    plan = current_plan()
    if db.session.query(Nomination).filter_by(plan_id=plan.id).first():
        return
    units = {u.code: u for u in db.session.query(Unit)}
    coordinator, home_affairs = _staff("ldtbxh"), _staff("noivu")
    after_the_meeting = []
    for unit_code, kind, who, stage, note in SCENARIO:
        unit = units[unit_code]
        actor = _actor(unit)
        data = NominationData(kind=kind, summary=SUMMARY)
        if kind == "individual":
            data.full_name, data.gender, data.birth_year, data.position, data.workplace = who
            data.address = (("ong" if data.gender == "male" else "ba") if who[0] in PRIVATE_PERSONS
                            else "dong_chi")
            file_name = f"Báo cáo thành tích - {who[0]}.pdf"
        else:
            data.collective_name = who
            file_name = f"Báo cáo thành tích - {who}.pdf"
        report = CheckedUpload(file_name, "pdf", DEMO_PDF)
        cover = (CheckedUpload(f"Tờ trình đề nghị khen thưởng - {unit.short_name}.pdf",
                               "pdf", DEMO_PDF) if stage != "returned" else None)
        n = flow.create_nomination(data, actor=actor, report=report, cover_letter=cover, plan=plan)
        if stage == "draft":
            continue
        flow.submit(n, actor=actor)
        if stage == "withdrawn":
            flow.withdraw(n, actor=actor)
        elif stage == "returned":
            flow.return_nomination(n, note, actor=coordinator)
        elif stage == "shortlisted":
            after_the_meeting.append(n)
        elif stage in ("approved", "rejected"):
            flow.shortlist(n, actor=coordinator)
            if stage == "approved":
                flow.approve(n, "Thành tích tiêu biểu (dữ liệu minh họa).", actor=home_affairs)
            elif stage == "rejected":
                flow.reject(n, note, actor=home_affairs)
    db.session.flush()
    _meeting(plan, home_affairs)
    for n in after_the_meeting:
        flow.shortlist(n, actor=coordinator)
    _proposal(plan, home_affairs)
    for n in after_the_meeting:
        flow.reject(n, AFTER_THE_MEETING, actor=home_affairs)
    db.session.flush()


def _member(code: str, role: str = "") -> str:
    """A person of the units data as the meeting form takes them: "Name; title[, role]"."""
    person = people.official(code)
    prefix = "" if person.address == people.COMRADE else people.ADDRESS_LABELS[person.address] + " "
    return f"{prefix}{person.name}; {people.capitalise(people.full_title(person))}" + (
        f", {role}" if role else "")


def _meeting(plan, home_affairs) -> None:
    """The selection meeting of 14/11/2023: what was shortlisted by then, the approved ones
    passed (6 of 7 present), the rejected one did not (3 of 7)."""
    from .queries import put_to_the_meeting
    nominees = put_to_the_meeting(plan)
    papers.save_meeting(plan, papers.MeetingData(
        number="", body=papers.DEFAULT_BODY, held_at=datetime(2023, 11, 14, 8, 0),
        ended_at=datetime(2023, 11, 14, 10, 30), place="Phòng họp số 2, UBND huyện Bình Sơn",
        chair=_member("pho-chu-tich-ubnd", "Trưởng Ban Chỉ đạo"),
        secretary=_member("chuyen-vien-noi-vu"),
        attendees=[_member(code) for code in ("truong-phong-noi-vu", "truong-phong-ldtbxh",
                                              "pho-chu-tich-mttq", "chu-tich-hlhpn",
                                              "truong-phong-tckh")],
        members_total=9, members_present=7,
        votes={n.id: (6 if n.status == "approved" else 3) for n in nominees},
        conclusion="Các thành viên thống nhất với kết quả biểu quyết nêu trên."),
        actor=home_affairs)


def _proposal(plan, home_affairs) -> None:
    """Phòng Nội vụ's Tờ trình, signed by its Trưởng phòng and numbered in its register."""
    from .. import demo
    head = people.official("truong-phong-noi-vu")
    papers.save_proposal(plan, proposal_date=datetime(2023, 11, 15).date(),
                         signer_title="TRƯỞNG PHÒNG", signer_name=head.name, actor=home_affairs)
    db.session.flush()
    leader = db.session.query(User).filter_by(username="lanhdao").one()
    demo.issue_on_paper("award_proposal", drafter=home_affairs, leader=leader, clerk=home_affairs)
