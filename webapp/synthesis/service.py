"""Drafts of the district mid-term report (Phòng LĐTB&XH) and the emulation movement report
(Phòng Nội vụ): narrative sections autosaved with an optimistic lock, completed in the same
step that saves what was typed, the duty's status following the work, leadership told."""
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import Integer, String, bindparam, select
from sqlalchemy.orm import contains_eager, joinedload

from ..audit.service import parse_version
from ..core import clock
from ..core.errors import DomainError, NotAllowed, StaleEdit
from ..core.permissions import Cap
from ..core.text import clean_input
from ..duties.models import Assignment, Duty, Status
from ..duties.service import set_status
from ..extensions import db
from ..notifications.service import link_to, notify_holders
from ..plan.models import Plan
from ..reports.drafts import who_saved, write_keyed
from .models import SynthesisDraft
from .policy import can_edit

SECTION_MAX = 30_000


@dataclass(frozen=True)
class Section:
    code: str
    heading: str
    hint: str
    required: bool = True

    @property
    def label(self) -> str:
        """"III. KẾT QUẢ THỰC HIỆN" -> "Kết quả thực hiện" (a history's words)."""
        text = self.heading.split(". ", 1)[-1]
        return text[:1] + text[1:].lower()


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


PLAN, CODE = bindparam("plan_id", type_=Integer), bindparam("code", type_=String)


@lru_cache(maxsize=1)
def _assignment_statement():
    return (select(Assignment).join(Assignment.duty)
            .options(contains_eager(Assignment.duty), joinedload(Assignment.unit))
            .where(Duty.plan_id == PLAN, Duty.deliverable == CODE).limit(1))


@lru_cache(maxsize=1)
def _draft_statement():
    return (select(SynthesisDraft).options(joinedload(SynthesisDraft.updated_by))
            .where(SynthesisDraft.plan_id == PLAN, SynthesisDraft.kind == CODE))


def assignment_for(plan, kind: ReportKind) -> Assignment | None:
    """The report's duty assignment (the drafting unit's), with its duty and unit; the
    statements here are built once (the plan and the kind are bound parameters)."""
    return db.session.execute(_assignment_statement(),
                              {"plan_id": plan.id, "code": kind.deliverable}).scalars().first()


def get_draft(plan, kind: ReportKind) -> SynthesisDraft | None:
    """The draft with who saved it last (its page names them)."""
    return db.session.execute(_draft_statement(),
                              {"plan_id": plan.id, "code": kind.code}).scalars().one_or_none()


def sections_of(draft: SynthesisDraft | None, kind: ReportKind) -> dict[str, str]:
    stored = (draft.sections if draft else None) or {}
    return {s.code: stored.get(s.code, "") for s in kind.sections}


def clean_sections(kind: ReportKind, sections: dict[str, str], number: str) -> tuple[dict, str]:
    """The texts as stored (newlines normalised, trimmed), checked before anything changes."""
    clean = {s.code: clean_input(sections.get(s.code) or "").replace("\r\n", "\n").strip()
             for s in kind.sections}
    for s in kind.sections:
        if len(clean[s.code]) > SECTION_MAX:
            raise DomainError(f"{s.label}: tối đa {SECTION_MAX:,} ký tự.".replace(",", "."),
                              field=s.code)
    number = (number or "").strip()
    if len(number) > 32:
        raise DomainError("Số văn bản tối đa 32 ký tự.", field="number")
    return clean, number


def _locked_draft(plan, kind: ReportKind) -> SynthesisDraft:
    """The draft row, created on the first save; creating it is serialised on the plan row
    (PostgreSQL FOR UPDATE; SQLite write transactions are already serialised)."""
    draft = get_draft(plan, kind)
    if draft is None:
        db.session.query(Plan).filter_by(id=plan.id).with_for_update().one()
        draft = (db.session.query(SynthesisDraft).filter_by(plan_id=plan.id, kind=kind.code)
                 .populate_existing().one_or_none())
    if draft is None:
        draft = SynthesisDraft(plan_id=plan.id, kind=kind.code, sections={}, number="", version=0)
        db.session.add(draft)
        db.session.flush()
    return draft


def _stale(kind: ReportKind, clean: dict, actor):
    def build(draft: SynthesisDraft, stored: dict) -> StaleEdit:
        changes = {s.heading: (stored.get(s.code, ""), clean[s.code]) for s in kind.sections
                   if stored.get(s.code, "") != clean[s.code]}
        when = draft.updated_at.strftime("%H:%M %d/%m/%Y") if draft.updated_at else ""
        who = who_saved("dự thảo này", draft.updated_by_id, draft.updated_by, when, actor)
        return StaleEdit(f"{who}, sau khi trang này được mở. Nội dung bạn vừa sửa CHƯA được "
                         "lưu; hãy tải lại trang rồi sửa tiếp.", current=draft, changes=changes)
    return build


def _may_edit(user, kind: ReportKind) -> None:
    if not can_edit(user, kind):
        raise NotAllowed("Bạn không soạn báo cáo này.")


def _write(plan, kind: ReportKind, clean: dict, number: str, *, actor,
           expected) -> tuple[SynthesisDraft, list[str]]:
    draft = _locked_draft(plan, kind)
    keys = write_keyed(draft, clean, attr="sections", version_attr="version", expected_version=expected,
                action="synthesis.save", stale=_stale(kind, clean, actor),
                extra={"number": number, "updated_at": clock.now(),
                       "updated_by_id": getattr(actor, "id", None)},
                audited_extra=("number",),
                summary=lambda keys: f"{kind.title}: lưu dự thảo ({len(keys)} mục thay đổi)")
    return draft, keys


def save_draft(plan, kind: ReportKind, sections: dict[str, str], number: str, *, actor,
               expected_version) -> SynthesisDraft:
    """Store the sections (autosave); a save on a stale version raises StaleEdit naming what
    changed. Editing a completed draft takes it back to "đang soạn"."""
    _may_edit(actor, kind)
    clean, number = clean_sections(kind, sections, number)
    expected = parse_version(expected_version)
    draft, changed = _write(plan, kind, clean, number, actor=actor, expected=expected)
    assignment = assignment_for(plan, kind)
    if changed and assignment is not None and assignment.status in (
            Status.NOT_STARTED, Status.RETURNED, Status.SUBMITTED):
        set_status(assignment, Status.DRAFTING, actor=actor)
    return draft


def complete(plan, kind: ReportKind, sections: dict[str, str], number: str, *, actor,
             expected_version) -> Assignment:
    """Save what the page holds and put the draft before UBND huyện ("đã nộp"); leadership is
    told. Every rule is checked before anything changes."""
    _may_edit(actor, kind)
    clean, number = clean_sections(kind, sections, number)
    expected = parse_version(expected_version)
    empty = [s.heading for s in kind.sections if s.required and not clean[s.code]]
    if empty:
        raise DomainError("Còn mục chưa viết: " + "; ".join(empty) + ".", field="sections")
    assignment = assignment_for(plan, kind)
    if assignment is None:
        raise DomainError("Kế hoạch không có nhiệm vụ này.", field="sections")
    if assignment.status == Status.SUBMITTED:
        raise DomainError("Dự thảo đã được hoàn tất, trình UBND huyện.", field="sections")
    _write(plan, kind, clean, number, actor=actor, expected=expected)
    if assignment.status == Status.NOT_STARTED:
        set_status(assignment, Status.DRAFTING, actor=actor)
    set_status(assignment, Status.SUBMITTED, actor=actor)
    notify_holders(Cap.DISTRICT_REPORTS_READ, "district_report_ready",
                   f"{assignment.unit.short_name} đã hoàn tất dự thảo “{kind.title}”, trình "
                   "lãnh đạo UBND huyện xem xét.", link_to(kind.endpoint))
    return assignment
