"""Demo scenario of result reports and discussion papers (INVENTED figures: "Số liệu minh họa").

As of 15/11/2023: NN&PTNT, Châu Ổ and six other communes accepted, Y tế and Bình An submitted, Bình Châu returned
with a comment, VH&TT, Bình Chánh and Bình Hải drafting; MTTQ's paper submitted, Hội LHPN's
drafting. Everything goes through the services, so statuses, versions and the audit log are real.
"""
from types import SimpleNamespace

from ..auth.models import User
from ..core.roles import UnitKind
from ..duties.models import Assignment, Duty, Status
from ..extensions import db
from ..plan.loader import current_plan
from ..plan.models import Unit
from ..uploads.service import CheckedUpload
from . import document, queries, service

RESULTS = {
    "nnptnt": Status.ACCEPTED, "yte": Status.SUBMITTED, "vhtt": Status.DRAFTING,
    "chau-o": Status.ACCEPTED, "binh-an": Status.SUBMITTED, "binh-chanh": Status.DRAFTING,
    "binh-chau": Status.RETURNED, "binh-hai": Status.DRAFTING,
    # more communes done, so that the district tables and charts have something to show
    "binh-duong": Status.ACCEPTED, "binh-dong": Status.ACCEPTED, "binh-hiep": Status.ACCEPTED,
    "binh-khuong": Status.ACCEPTED, "binh-minh": Status.ACCEPTED, "binh-my": Status.SUBMITTED,
    "binh-thuan": Status.ACCEPTED, "binh-tri": Status.SUBMITTED,
}
PAPERS = {"mttq": Status.SUBMITTED, "hlhpn": Status.DRAFTING}
RETURN_COMMENT = ("Bổ sung số hộ cận nghèo năm 2022 và kinh phí đã giải ngân Tiểu dự án 2 - "
                  "Dự án 4 (dữ liệu minh họa).")
NOTE = "Số liệu minh họa (không phải số liệu thật của địa phương)."


def _actor(unit: Unit):
    """The unit's demo account, or a stand-in for units that have none in the demo."""
    user = db.session.query(User).filter_by(unit_id=unit.id).first()
    if user is not None:
        return user
    return SimpleNamespace(id=None, unit_id=unit.id, username="du-lieu-minh-hoa",
                           full_name="Dữ liệu minh họa", is_authenticated=True, role=unit.role)


def _m(amount: int) -> str:
    """Typed the Vietnamese way: 1200000 -> "1.200.000"."""
    return f"{amount:,}".replace(",", ".")


def commune_figures(unit: Unit) -> dict:
    """Invented, plausible and consistent figures for a commune (seeded by its position)."""
    seed = unit.position % 23
    households = 2400 + seed * 137
    poor = [140 + seed * 7, 112 + seed * 5, 86 + seed * 4]
    near = [180 + seed * 6, 165 + seed * 5, 150 + seed * 4]
    raw = {}
    for index, year in enumerate(("2021", "2022", "2023")):
        raw[f"pov.households.{year}"] = f"{households + index * 25:,}".replace(",", ".")
        raw[f"pov.poor.{year}"] = str(poor[index])
        raw[f"pov.near_poor.{year}"] = str(near[index])
    raw.update({"pov.escaped.2022": str(poor[0] - poor[1] + 6), "pov.new_poor.2022": "6",
                "pov.escaped.2023": str(poor[1] - poor[2] + 3), "pov.new_poor.2023": "3"})
    raw.update({
        "prj.DA4.TDA3.selected": "1",
        "prj.DA4.TDA3.target": "Hỗ trợ tư vấn, giới thiệu việc làm cho người lao động hộ nghèo, cận nghèo.",
        "prj.DA4.TDA3.result": f"Tư vấn, giới thiệu việc làm cho {40 + seed} lao động. {NOTE}",
        "prj.DA4.TDA3.beneficiaries": str(40 + seed),
        "prj.DA4.TDA3.evaluation": "Phần lớn lao động được giới thiệu có việc làm ổn định.",
        "prj.DA4.TDA3.fund.2023.central.allocated": "60.000.000",
        "prj.DA4.TDA3.fund.2023.central.disbursed": _m((30 + seed) * 1_000_000),
        "prj.DA6.TDA2.selected": "1",
        "prj.DA6.TDA2.result": "Tổ chức 04 hội nghị truyền thông về giảm nghèo đa chiều.",
        "prj.DA6.TDA2.beneficiaries": "320",
        "prj.DA6.TDA2.fund.2022.local.allocated": "15.000.000",
        "prj.DA6.TDA2.fund.2022.local.disbursed": "15.000.000",
        "prj.DA6.TDA2.fund.2023.local.allocated": "20.000.000",
        "prj.DA6.TDA2.fund.2023.local.disbursed": "12.500.000",
        "emu.models": str(2 + seed % 4), "emu.helped": str(25 + seed * 3),
        "emu.funds": _m((35 + seed * 4) * 1_000_000),
        "emu.examples": f"{EXAMPLES[seed]} {NOTE}",
    })
    return raw


def department_figures(unit: Unit) -> dict:
    raw = {}
    for index, project in enumerate(p for p in queries.program_projects(unit) if p.led):
        prefix = f"prj.{project.code}"
        raw.update({
            f"{prefix}.selected": "1",
            f"{prefix}.target": f"Triển khai {project.short_label} trên địa bàn các xã.",
            f"{prefix}.result": f"Xây dựng {3 + index:02d} mô hình, hỗ trợ {150 + 40 * index} hộ. {NOTE}",
            f"{prefix}.beneficiaries": str(150 + 40 * index),
            f"{prefix}.evaluation": "Mô hình phù hợp, bước đầu nâng thu nhập của hộ tham gia.",
            f"{prefix}.fund.2022.central.allocated": _m((800 + 100 * index) * 1_000_000),
            f"{prefix}.fund.2022.central.disbursed": _m((760 + 90 * index) * 1_000_000),
            f"{prefix}.fund.2023.central.allocated": _m((900 + 100 * index) * 1_000_000),
            f"{prefix}.fund.2023.central.disbursed": _m((540 + 60 * index) * 1_000_000),
            f"{prefix}.fund.2023.local.allocated": "120.000.000",
            f"{prefix}.fund.2023.local.disbursed": "95.000.000",
        })
    example = DEPARTMENT_EXAMPLES.get(
        unit.code, f"{unit.name} giúp đỡ 10 hộ nghèo theo chức năng, nhiệm vụ được giao.")
    raw.update({"emu.models": "5", "emu.helped": "120", "emu.funds": "80.000.000",
                "emu.examples": f"{example} {NOTE}"})
    return raw


# One example per commune and per district office (INVENTED people and places): a commune's
# seed (its position modulo 23) picks its own line, so no two units tell the same story.
EXAMPLES = [
    "Hộ anh Trần Văn Hòa vay vốn Ngân hàng Chính sách xã hội nuôi bò sinh sản, thoát nghèo năm 2022.",
    "Tổ phụ nữ tiết kiệm thôn Tây giúp 06 hộ nghèo vốn không lãi để trồng rau an toàn.",
    "Chị Lê Thị Mến mở cơ sở may gia công, tạo việc làm cho 12 lao động hộ cận nghèo.",
    "Chi đoàn thanh niên thôn Đông góp công sửa 03 ngôi nhà cho hộ nghèo neo đơn.",
    "Ông Phạm Văn Lực nhường đất làm đường, vận động bà con góp 45 ngày công.",
    "Bà Nguyễn Thị Sen hướng dẫn 08 hộ nghèo làm nấm rơm, mỗi hộ thu thêm 2 triệu đồng mỗi tháng.",
    "Hộ anh Võ Văn Tài chuyển đổi 0,5 ha lúa kém hiệu quả sang trồng ớt, thoát nghèo năm 2023.",
    "Hội Cựu chiến binh thôn Nam lập tổ vay vốn, giúp 10 hội viên nghèo nuôi gà thả vườn.",
    "Anh Đỗ Minh Tuấn nhận 05 thanh niên hộ nghèo học nghề sửa xe máy miễn phí.",
    "Tổ hợp tác đánh bắt ven bờ thôn Hải Ninh giúp 07 hộ ngư dân nghèo có thêm ngư cụ.",
    "Chị Huỳnh Thị Thu vận động 14 hộ cận nghèo tham gia bảo hiểm y tế hộ gia đình.",
    "Ông Lê Văn Bảy hiến 300 m² đất để xây nhà văn hóa thôn, góp sức xây 02 nhà cho hộ nghèo.",
    "Hộ chị Phan Thị Hoa nuôi dê sinh sản từ vốn hỗ trợ sinh kế, thoát nghèo năm 2022.",
    "Chi hội nông dân thôn Thượng hướng dẫn 09 hộ nghèo trồng keo theo chuỗi liên kết.",
    "Anh Nguyễn Văn Hậu mở xưởng mộc, nhận 06 lao động hộ nghèo vào làm ổn định.",
    "Tổ liên gia thôn Trung góp 120 ngày công sửa đường nội đồng cho khu sản xuất của hộ nghèo.",
    "Bà Trương Thị Lài dạy nghề đan lát cho 11 phụ nữ hộ nghèo, bao tiêu toàn bộ sản phẩm.",
    "Hộ anh Bùi Văn Tín trồng rau thủy canh, chuyển giao cách làm cho 04 hộ cận nghèo.",
    "Đoàn viên thôn Phước Thọ quyên góp 150 bộ sách vở cho học sinh con hộ nghèo.",
    "Ông Trần Quang Vinh góp vốn lập tổ nuôi ong lấy mật, giúp 05 hộ nghèo có thu nhập.",
    "Chị Lý Thị Mai đưa 08 lao động hộ nghèo đi làm việc tại khu kinh tế Dung Quất.",
    "Hộ ông Đặng Văn Sáu cải tạo vườn tạp trồng bưởi, thoát nghèo và giúp 03 hộ làm theo.",
    "Tổ phụ nữ thôn An Lộc vận động 25 triệu đồng lập quỹ tiết kiệm xoay vòng cho hộ nghèo.",
]
DEPARTMENT_EXAMPLES = {
    "nnptnt": "Tổ hợp tác chăn nuôi bò cái sinh sản giúp 20 hộ nghèo.",
    "yte": "Trạm Y tế các xã khám, cấp thuốc miễn phí cho 350 người thuộc hộ nghèo.",
    "vhtt": "Đài Truyền thanh huyện mở chuyên mục “Gương thoát nghèo” phát hằng tuần.",
    "gddt": "Các trường học trao 200 suất học bổng cho học sinh con hộ nghèo.",
}


NARRATIVE = {
    "nar.results": f"{NOTE}\nCác chính sách giảm nghèo được triển khai kịp thời, đúng đối tượng; "
                   "tỷ lệ hộ nghèo giảm qua từng năm.",
    "nar.limitations": "Một số nội dung giải ngân chậm; mô hình sinh kế còn nhỏ lẻ.",
    "nar.causes": "Hướng dẫn thực hiện một số dự án ban hành chậm; đối ứng của người dân hạn chế.",
    "nar.lessons": "Phát huy vai trò của người dân; lồng ghép các chương trình trên địa bàn.",
    "nar.proposals": "Đề nghị UBND huyện sớm phân bổ vốn năm 2024 để chủ động triển khai.",
}


def _signed_file(assignment: Assignment) -> CheckedUpload:
    """The draft .docx stands in for the signed scan in the demo."""
    report = queries.report_of(assignment)
    outline = service.outline_for(report)
    checked = service.check(assignment, dict(report.data), outline)
    data = document.render(document.context(
        assignment, outline, checked, queries.program_projects(assignment.unit), current_plan()))
    return CheckedUpload(f"{document.download_base(assignment)} – đã ký.docx", "docx", data)


def _paper_file(assignment: Assignment) -> CheckedUpload:
    return CheckedUpload(f"Tham luận {assignment.unit.short_name}.docx", "docx", _signed_paper())


def _signed_paper() -> bytes:
    import io

    from docx import Document
    doc = Document()
    doc.add_paragraph("Bài tham luận (dữ liệu minh họa).")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _walk(assignment: Assignment, raw: dict, target: Status, coordinator) -> None:
    if target == Status.NOT_STARTED or assignment.status != Status.NOT_STARTED:
        return
    actor = _actor(assignment.unit)
    paper = service.kind_of(assignment) == service.ReportKind.PAPER
    service.save_draft(assignment, raw, actor=actor, expected_version=0)
    if target == Status.DRAFTING:
        return
    report = queries.report_of(assignment)
    upload = _paper_file(assignment) if paper else _signed_file(assignment)
    service.submit(assignment, upload, actor=actor, expected_version=report.draft_version)
    if target == Status.ACCEPTED:
        service.review(assignment, True, "", actor=coordinator, expected_version=assignment.version)
    elif target == Status.RETURNED:
        service.review(assignment, False, RETURN_COMMENT, actor=coordinator,
                       expected_version=assignment.version)


def build_scenario() -> None:
    plan = current_plan()
    coordinator = db.session.query(User).join(User.unit).filter(Unit.code == "ldtbxh").first()
    rows = (db.session.query(Assignment).join(Assignment.duty).join(Assignment.unit)
            .filter(Duty.plan_id == plan.id, Duty.code.in_(("bao-cao-ket-qua", "tham-luan"))).all())
    index = {(a.unit.code, a.duty.code): a for a in rows}
    for unit_code, target in RESULTS.items():
        a = index.get((unit_code, "bao-cao-ket-qua"))
        if a is None:
            continue
        raw = commune_figures(a.unit) if a.unit.kind == UnitKind.COMMUNE else department_figures(a.unit)
        _walk(a, {**raw, **NARRATIVE}, target, coordinator)
    for unit_code, target in PAPERS.items():
        a = index.get((unit_code, "tham-luan"))
        if a is None:
            continue
        slot = next((s for s in plan.speech_slots if s.unit_id == a.unit_id), None)
        user = db.session.query(User).filter_by(unit_id=a.unit_id).first()
        raw = {"paper.title": slot.topic if slot else "Tham luận",
               "paper.speaker": user.full_name if user else "Người trình bày (minh họa)",
               "paper.position": (user.position if user and user.position
                                  else f"Cán bộ {a.unit.name}"),
               "paper.summary": f"{NOTE} Tóm tắt kết quả và kinh nghiệm của đơn vị."}
        _walk(a, raw, target, coordinator)
