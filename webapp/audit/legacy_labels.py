"""TRANSITIONAL: the labels of the time when one shared dictionary named every field.

Each feature moves the words of its own objects into its own `labels.py` (register_object,
register_actions) and deletes its object types from LEGACY_OBJECTS here; when the tuple is
empty this file goes.
"""
from .labels import register_object

FIELD_LABELS: dict[str, str] = {
    "status": "Trạng thái", "submitted_at": "Ngày nộp", "reviewed_at": "Ngày xem xét",
    "review_comment": "Yêu cầu bổ sung", "note": "Ghi chú", "username": "Tên đăng nhập",
    "full_name": "Họ và tên", "position": "Chức vụ", "email": "Thư điện tử",
    "unit_id": "Đơn vị", "active": "Đang hoạt động", "session_version": "Phiên đăng nhập",
    # delegates
    "title": "Chức vụ", "organisation": "Cơ quan, đơn vị", "composition_id": "Thành phần",
    "rank": "Thứ tự", "phone": "Điện thoại", "reply": "Trả lời", "substitute_name": "Người dự thay",
    "substitute_title": "Chức vụ người dự thay", "invitation_number": "Số giấy mời",
    "checked_in_at": "Có mặt lúc", "seat": "Chỗ ngồi",
    # nominations
    "kind": "Hình thức", "gender": "Giới tính", "birth_year": "Năm sinh", "workplace": "Nơi công tác",
    "collective_name": "Tên tập thể", "summary": "Tóm tắt thành tích",
    "report_file_id": "Báo cáo thành tích", "cover_letter_file_id": "Tờ trình",
    "review_note": "Ý kiến Phòng LĐTB&XH", "decision_reason": "Ý kiến Phòng Nội vụ",
    "decision_order": "Thứ tự trong quyết định",
    # budget
    "category": "Khoản chi", "description": "Nội dung", "amount": "Số tiền (đồng)",
    "funding_source_id": "Nguồn kinh phí",
}
VALUE_LABELS: dict[str, str] = {
    "not_started": "Chưa thực hiện", "drafting": "Đang soạn", "submitted": "Đã nộp",
    "accepted": "Đã tiếp nhận", "returned": "Yêu cầu bổ sung", "True": "Có", "False": "Không",
    "draft": "Nháp", "withdrawn": "Đã rút", "shortlisted": "Đã chọn trình duyệt",
    "approved": "Được duyệt", "rejected": "Không duyệt", "collective": "Tập thể",
    "individual": "Cá nhân", "pending": "Chưa trả lời", "attending": "Sẽ dự",
    "declined": "Không dự", "substitute": "Cử người dự thay",
}
OBJECT_LABELS: dict[str, str] = {
    # moved to their features: assignment, duty (duties/labels.py); user_account, unit, plan
    # (admin/labels.py); notification (notifications/labels.py)
    "report": "Báo cáo", "report_version": "Lần nộp báo cáo",
    "nomination": "Đề nghị khen thưởng", "reward_decision": "Quyết định khen thưởng",
    "nomination_window": "Thời hạn đề nghị", "delegate": "Đại biểu",
    "invitation_issue": "Phát hành giấy mời", "agenda_item": "Mục chương trình",
    "speech_slot": "Tham luận", "script_version": "Kịch bản", "readiness_tick": "Công tác chuẩn bị",
    "conference_setting": "Hội nghị", "budget_line": "Kinh phí", "synthesis_draft": "Dự thảo báo cáo",
}

LEGACY_OBJECTS = tuple(t for t in OBJECT_LABELS if t not in {  # moved to their features
    "delegate", "invitation_issue", "agenda_item", "speech_slot", "script_version",
    "readiness_tick", "conference_setting", "nomination", "reward_decision", "nomination_window",
    "report", "report_version", "budget_line", "synthesis_draft"})


def register_legacy() -> None:
    for object_type in LEGACY_OBJECTS:
        register_object(object_type, OBJECT_LABELS[object_type], fields=FIELD_LABELS,
                        values={name: VALUE_LABELS for name in FIELD_LABELS})
