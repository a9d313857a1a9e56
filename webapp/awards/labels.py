"""How the audit log and histories name the objects of rewards: the pages' own words."""
from ..audit.labels import name_of as _name_of, register_actions, register_object
from ..extensions import db
from .models import ADDRESS_LABELS, GENDER_LABELS, KIND_LABELS, NOMINATION_STATUS_LABELS


def _file_name(value):
    return _name_of("webapp.uploads.models.StoredFile", "original_name")(value)


def _order(value):
    """The decision's order: [nomination ids] as the names in that order."""
    from .models import Nomination
    if isinstance(value, list):
        names = [getattr(db.session.get(Nomination, int(i)), "name", "(đã xóa)") for i in value]
        return "; ".join(names) or "—"
    return str(value)


def _sources(value):
    from ..plan.models import FundingSource
    if not isinstance(value, dict):
        return str(value)
    labels = {s.code: s.label.split(":")[0].strip() for s in db.session.query(FundingSource)}
    return "; ".join(f"{labels.get(code, 'Nguồn khác')}: {percent}%"
                     for code, percent in value.items()) or "—"


def _people(value):
    if isinstance(value, dict):
        value = [value]
    return "; ".join(f"{ADDRESS_LABELS.get(p.get('address'), '')} {p.get('name', '')}, "
                     f"{p.get('title', '')}".strip() for p in value or []) or "—"


def _votes(value):
    from .models import Nomination
    if not isinstance(value, dict):
        return str(value)
    return "; ".join(f"{getattr(db.session.get(Nomination, int(k)), 'name', '(đã xóa)')}: {v} phiếu"
                     for k, v in value.items()) or "—"


NOMINATION_FIELDS = {
    "kind": "Hình thức", "full_name": "Họ và tên", "address": "Xưng hô", "gender": "Giới tính",
    "birth_year": "Năm sinh", "position": "Chức vụ", "workplace": "Đơn vị công tác",
    "collective_name": "Tên tập thể", "summary": "Tóm tắt thành tích",
    "report_file_id": "Báo cáo thành tích", "cover_letter_file_id": "Tờ trình của đơn vị",
    "status": "Trạng thái", "review_note": "Ý kiến Phòng LĐTB&XH",
    "decision_reason": "Ý kiến Phòng Nội vụ", "decision_order": "Thứ tự trong quyết định",
    "order": "Thứ tự trong quyết định",
}


def register() -> None:
    register_object(
        "nomination", "Đề nghị khen thưởng", fields=NOMINATION_FIELDS,
        values={"status": NOMINATION_STATUS_LABELS, "kind": KIND_LABELS,
                "gender": GENDER_LABELS, "address": ADDRESS_LABELS},
        refs={"report_file_id": _file_name, "cover_letter_file_id": _file_name, "order": _order})
    register_object("plan", "Kế hoạch", fields={"order": "Thứ tự trong quyết định khen thưởng"},
                    refs={"order": _order})
    register_object(
        "reward_decision", "Quyết định khen thưởng", fields={
            "number": "Số quyết định", "decision_date": "Ngày quyết định",
            "legal_bases": "Căn cứ", "proposer_line": "Theo đề nghị của",
            "signer_authority": "Thẩm quyền ký", "signer_title": "Chức vụ người ký",
            "signer_name": "Người ký", "funding_split": "Tỷ lệ nguồn kinh phí",
            "recipients": "Nơi nhận"},
        refs={"funding_split": _sources})
    register_object("nomination_window", "Thời hạn nhận đề nghị khen thưởng", fields={
        "reopened_until": "Nhận đề nghị đến hết ngày", "note": "Lý do"})
    register_object("reward_proposal", "Tờ trình đề nghị khen thưởng", fields={
        "number": "Số tờ trình", "proposal_date": "Ngày tờ trình",
        "signer_title": "Chức vụ người ký", "signer_name": "Người ký"})
    register_object(
        "selection_meeting", "Biên bản họp xét khen thưởng", fields={
            "number": "Số biên bản", "body": "Cơ quan họp xét", "held_at": "Bắt đầu",
            "ended_at": "Kết thúc", "place": "Địa điểm", "chair": "Chủ trì",
            "secretary": "Thư ký", "attendees": "Thành viên dự họp",
            "members_total": "Tổng số thành viên", "members_present": "Số thành viên có mặt",
            "votes": "Số phiếu đồng ý", "conclusion": "Kết luận"},
        refs={"chair": _people, "secretary": _people, "attendees": _people, "votes": _votes})
    register_actions({
        "nomination.create": "Lập đề nghị khen thưởng",
        "nomination.update": "Sửa đề nghị khen thưởng",
        "nomination.submit": "Gửi đề nghị khen thưởng",
        "nomination.withdraw": "Rút đề nghị khen thưởng",
        "nomination.shortlist": "Chọn trình duyệt",
        "nomination.return": "Trả lại đề nghị để bổ sung",
        "nomination.approve": "Duyệt khen thưởng",
        "nomination.reject": "Không duyệt khen thưởng",
        "nomination.reconsider": "Xem xét lại đề nghị",
        "nomination.reorder": "Sắp xếp danh sách khen thưởng",
        "nomination_window.reopen": "Đổi thời hạn nhận đề nghị",
        "reward_decision.save": "Soạn quyết định khen thưởng",
        "reward_decision.issued": "Phát hành quyết định khen thưởng",
        "reward_decision.withdrawn": "Thu hồi quyết định khen thưởng",
        "reward_proposal.save": "Soạn tờ trình đề nghị khen thưởng",
        "selection_meeting.save": "Nhập biên bản họp xét khen thưởng",
        "reward_proposal.issued": "Ghi số, ngày tờ trình đề nghị khen thưởng từ sổ văn bản đi",
    })
