"""Drafts of the district mid-term report (Phòng LĐTB&XH) and the emulation movement report
(Phòng Nội vụ): narrative sections saved with an optimistic lock, the duty's status following
the work, and the automatic summary of the figures."""
from dataclasses import dataclass

from sqlalchemy.orm import joinedload

from ..audit.service import record
from ..core import clock
from ..core.errors import DomainError, NotAllowed, StaleEdit
from ..core.permissions import Cap, has_cap
from ..duties.models import Assignment, Duty, Status
from ..duties.service import set_status
from ..extensions import db
from .figures import DistrictTables, rate_text
from .models import SynthesisDraft

SECTION_MAX = 30_000


@dataclass(frozen=True)
class Section:
    code: str
    heading: str
    hint: str
    required: bool = True


@dataclass(frozen=True)
class ReportKind:
    code: str
    deliverable: str
    cap: Cap
    endpoint: str
    title: str            # page title
    summary: str          # the "trích yếu" under BÁO CÁO
    template: str
    sections: tuple[Section, ...]
    filename: str


MID_TERM = ReportKind(
    "mid_term", "synthesis_report", Cap.SYNTHESIS_EDIT, "synthesis.mid_term",
    "Báo cáo sơ kết giữa kỳ Chương trình",
    "Sơ kết giữa kỳ thực hiện Chương trình mục tiêu quốc gia Giảm nghèo bền vững "
    "giai đoạn 2021-2025 trên địa bàn huyện Bình Sơn",
    "bao-cao-so-ket.docx",
    (
        Section("tinh_hinh", "I. ĐẶC ĐIỂM TÌNH HÌNH",
                "Đặc điểm kinh tế - xã hội, thuận lợi và khó khăn của huyện khi triển khai Chương trình."),
        Section("chi_dao", "II. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TỔ CHỨC THỰC HIỆN",
                "Ban hành văn bản, kiện toàn Ban chỉ đạo, tuyên truyền, kiểm tra, giám sát."),
        Section("ket_qua", "III. KẾT QUẢ THỰC HIỆN",
                "Đánh giá chung kết quả các mục tiêu, chỉ tiêu và các dự án. Bảng số liệu "
                "tổng hợp từ báo cáo được tiếp nhận tự động đưa vào văn bản."),
        Section("han_che", "IV. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "Tồn tại, hạn chế; nguyên nhân khách quan, chủ quan."),
        Section("bai_hoc", "V. BÀI HỌC KINH NGHIỆM", "Những bài học rút ra trong chỉ đạo, điều hành.", False),
        Section("phuong_huong", "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP GIAI ĐOẠN 2024-2025",
                "Mục tiêu, nhiệm vụ và giải pháp trọng tâm thời gian tới."),
        Section("kien_nghi", "VII. ĐỀ XUẤT, KIẾN NGHỊ", "Kiến nghị với UBND tỉnh, các sở, ngành.", False),
    ),
    "bao-cao-so-ket-giua-ky",
)

EMULATION = ReportKind(
    "emulation", "emulation_report", Cap.EMULATION_REPORT_EDIT, "synthesis.emulation",
    "Báo cáo phong trào thi đua",
    "Sơ kết giữa kỳ phong trào thi đua “Bình Sơn vì người nghèo – Không để ai bị bỏ lại "
    "phía sau” giai đoạn 2021-2025",
    "bao-cao-thi-dua.docx",
    (
        Section("to_chuc", "I. CÔNG TÁC TRIỂN KHAI, PHÁT ĐỘNG PHONG TRÀO",
                "Văn bản phát động, hình thức tuyên truyền, sự hưởng ứng của các đơn vị."),
        Section("ket_qua", "II. KẾT QUẢ THỰC HIỆN PHONG TRÀO",
                "Kết quả nổi bật, mô hình, điển hình tiên tiến. Số liệu đề nghị khen thưởng "
                "tự động đưa vào văn bản."),
        Section("han_che", "III. TỒN TẠI, HẠN CHẾ", "Tồn tại, hạn chế và nguyên nhân."),
        Section("phuong_huong", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
                "Nhiệm vụ, giải pháp đẩy mạnh phong trào giai đoạn 2024-2025."),
        Section("kien_nghi", "V. ĐỀ XUẤT, KIẾN NGHỊ", "Đề xuất, kiến nghị.", False),
    ),
    "bao-cao-phong-trao-thi-dua",
)

KINDS = {k.code: k for k in (MID_TERM, EMULATION)}


def assignment_for(plan, kind: ReportKind) -> Assignment | None:
    return (db.session.query(Assignment).join(Assignment.duty)
            .options(joinedload(Assignment.duty), joinedload(Assignment.unit))
            .filter(Duty.plan_id == plan.id, Duty.deliverable == kind.deliverable).first())


def get_draft(plan, kind: ReportKind) -> SynthesisDraft | None:
    return db.session.query(SynthesisDraft).filter_by(plan_id=plan.id, kind=kind.code).one_or_none()


def sections_of(draft: SynthesisDraft | None, kind: ReportKind) -> dict[str, str]:
    stored = (draft.sections if draft else None) or {}
    return {s.code: stored.get(s.code, "") for s in kind.sections}


def _may_edit(user, kind: ReportKind) -> None:
    if not has_cap(user, kind.cap):
        raise NotAllowed("Bạn không soạn báo cáo này.")


def save_draft(plan, kind: ReportKind, sections: dict[str, str], number: str, *, actor,
               expected_version: int | None) -> SynthesisDraft:
    """Store the sections; a save on a stale version raises StaleEdit naming what changed."""
    _may_edit(actor, kind)
    draft = get_draft(plan, kind)
    current = draft.version if draft else 0
    clean = {s.code: (sections.get(s.code) or "").replace("\r\n", "\n").strip()
             for s in kind.sections}
    for s in kind.sections:
        if len(clean[s.code]) > SECTION_MAX:
            raise DomainError(f"Tối đa {SECTION_MAX:,} ký tự.".replace(",", "."), field=s.code)
    number = (number or "").strip()
    if len(number) > 32:
        raise DomainError("Số văn bản tối đa 32 ký tự.", field="number")
    if expected_version is None or expected_version != current:
        stored = sections_of(draft, kind)
        changes = {s.heading: (stored[s.code], clean[s.code]) for s in kind.sections
                   if stored[s.code] != clean[s.code]}
        who = draft.updated_by.full_name if draft and draft.updated_by else "Người khác"
        when = draft.updated_at.strftime("%H:%M %d/%m/%Y") if draft and draft.updated_at else ""
        raise StaleEdit(f"{who} đã lưu dự thảo này lúc {when}, sau khi bạn mở trang. Nội dung "
                        "bạn vừa sửa CHƯA được lưu; hãy tải lại trang rồi sửa tiếp.",
                        current=draft, changes=changes)
    if draft is None:
        draft = SynthesisDraft(plan_id=plan.id, kind=kind.code, sections={}, version=0)
        db.session.add(draft)
    before = {"number": draft.number or "", **sections_of(draft, kind)}
    after = {"number": number, **clean}
    changed = [k for k in after if before.get(k) != after[k]]
    draft.sections = clean
    draft.number = number
    draft.updated_at = clock.now()
    draft.updated_by_id = getattr(actor, "id", None)
    draft.version = current + 1
    db.session.flush()
    if changed:
        record("synthesis.save", draft, actor=actor,
               before={k: before.get(k) for k in changed}, after={k: after[k] for k in changed},
               summary=f"{kind.title}: lưu dự thảo ({len(changed)} mục thay đổi)")
    assignment = assignment_for(plan, kind)
    if assignment is not None and assignment.status in (Status.NOT_STARTED, Status.RETURNED,
                                                        Status.SUBMITTED):
        set_status(assignment, Status.DRAFTING, actor=actor)
    return draft


def complete(plan, kind: ReportKind, *, actor, expected_version: int | None) -> Assignment:
    """The draft is ready for UBND huyện: the duty becomes "đã nộp"."""
    _may_edit(actor, kind)
    draft = get_draft(plan, kind)
    if draft is None:
        raise DomainError("Chưa có dự thảo: soạn và lưu các mục trước.", field="sections")
    if expected_version is not None and expected_version != draft.version:
        raise StaleEdit("Dự thảo vừa được lưu lại sau khi bạn mở trang; tải lại trang rồi "
                        "hoàn tất.", current=draft)
    empty = [s.heading for s in kind.sections if s.required and not draft.sections.get(s.code)]
    if empty:
        raise DomainError("Còn mục chưa viết: " + "; ".join(empty) + ".", field="sections")
    assignment = assignment_for(plan, kind)
    if assignment is None:
        raise DomainError("Kế hoạch không có nhiệm vụ này.", field="sections")
    if assignment.status == Status.SUBMITTED:
        raise DomainError("Dự thảo đã được hoàn tất, trình UBND huyện.", field="sections")
    if assignment.status == Status.NOT_STARTED:
        set_status(assignment, Status.DRAFTING, actor=actor)
    set_status(assignment, Status.SUBMITTED, actor=actor)
    return assignment


# --- the automatic summary of the figures ----------------------------------------------------

def poverty_summary(tables: DistrictTables) -> list[str]:
    """Sentences stating the district figures and who is not counted (never as zero)."""
    if not tables.available:
        return [tables.note]
    total_communes = len(tables.communes)
    counted = tables.communes_accepted
    lines = []
    if counted == 0:
        lines.append(f"Chưa có báo cáo kết quả nào của {total_communes} xã, thị trấn được tiếp "
                     "nhận: chưa tổng hợp được số liệu hộ nghèo, hộ cận nghèo toàn huyện.")
    else:
        parts = []
        for code, label in tables.periods:
            poor = tables.total(code, "poor")
            rate = tables.total(code, "poor_rate")
            near = tables.total(code, "near_poor")
            near_rate = tables.total(code, "near_poor_rate")
            if poor is None:
                continue
            from ..core.formatting import number
            text = f"{label.lower()}: {number(poor)} hộ nghèo"
            if rate is not None:
                text += f" (tỷ lệ {rate_text(rate)})"
            if near is not None:
                text += f", {number(near)} hộ cận nghèo"
                if near_rate is not None:
                    text += f" (tỷ lệ {rate_text(near_rate)})"
            parts.append(text)
        lines.append(f"Tổng hợp từ báo cáo đã được tiếp nhận của {counted}/{total_communes} xã, "
                     f"thị trấn: " + "; ".join(parts) + ". Tỷ lệ toàn huyện tính từ tổng số hộ "
                     "của các xã, thị trấn này.")
    missing = tables.missing_communes
    if missing:
        names = ", ".join(u.short_name for u, _s in missing)
        lines.append(f"Chưa có báo cáo được tiếp nhận ({len(missing)} xã, thị trấn, không tính "
                     f"vào số liệu trên): {names}.")
    departments = tables.missing_departments
    if departments:
        lines.append("Phòng, ban chưa có báo cáo được tiếp nhận: "
                     + ", ".join(u.short_name for u, _s in departments) + ".")
    return lines
