"""How audit entries read on pages: Vietnamese field names and values, only what changed."""
from datetime import date, datetime

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
    "assignment": "Nhiệm vụ của đơn vị", "user_account": "Tài khoản", "unit": "Đơn vị",
    "plan": "Kế hoạch", "report": "Báo cáo", "report_version": "Lần nộp báo cáo",
    "nomination": "Đề nghị khen thưởng", "reward_decision": "Quyết định khen thưởng",
    "nomination_window": "Thời hạn đề nghị", "delegate": "Đại biểu",
    "invitation_issue": "Phát hành giấy mời", "agenda_item": "Mục chương trình",
    "speech_slot": "Tham luận", "script_version": "Kịch bản", "readiness_tick": "Công tác chuẩn bị",
    "conference_setting": "Hội nghị", "budget_line": "Kinh phí", "synthesis_draft": "Dự thảo báo cáo",
    "notification": "Thông báo",
}


def register_labels(fields: dict[str, str] | None = None, values: dict[str, str] | None = None,
                    objects: dict[str, str] | None = None):
    """Features add the names of their own fields, values and object types."""
    FIELD_LABELS.update(fields or {})
    VALUE_LABELS.update(values or {})
    OBJECT_LABELS.update(objects or {})


def object_label(object_type: str) -> str:
    return OBJECT_LABELS.get(object_type, object_type)


def _show(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        for parse, fmt in ((datetime.fromisoformat, "%H:%M %d/%m/%Y"),):
            if len(value) >= 16 and value[4] == "-" and value[10] in " T":
                try:
                    return parse(value).strftime(fmt)
                except ValueError:
                    pass
        if len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:
                return date.fromisoformat(value).strftime("%d/%m/%Y")
            except ValueError:
                pass
    text = str(value)
    return VALUE_LABELS.get(text, text)


def changes(entry) -> list[tuple[str, str, str]]:
    """(field label, before, after) for the fields that changed (all fields on creation)."""
    before = entry.before or {}
    after = entry.after or {}
    rows = []
    for key in list(dict.fromkeys([*before.keys(), *after.keys()])):
        old, new = before.get(key), after.get(key)
        if key in before and key in after and old == new:
            continue
        if key not in before and new in (None, ""):
            continue  # a new object's empty fields say nothing
        rows.append((FIELD_LABELS.get(key, key), _show(old) if key in before else "",
                     _show(new) if key in after else ""))
    return rows
