"""How duties and assignments read in histories and the audit log."""
from ..audit.labels import register_actions, register_object
from .models import COMPLETED_LABEL, STATUS_LABELS, Status

_STATUS_WORDS = {s.value: label for s, label in STATUS_LABELS.items()}
register_object(
    "assignment", "Nhiệm vụ của đơn vị",
    fields={"status": "Trạng thái", "submitted_at": "Ngày nộp", "reviewed_at": "Ngày xem xét",
            "review_comment": "Yêu cầu bổ sung", "note": "Ghi chú"},
    values={"status": _STATUS_WORDS},
    # a duty sent to no unit (Duty.completes_itself) ends "Đã hoàn thành", as its page says
    action_values={"assignment.progress": {
        "status": {**_STATUS_WORDS, Status.ACCEPTED.value: COMPLETED_LABEL}}})
register_object("duty", "Nhiệm vụ của kế hoạch", fields={"deadline": "Hạn làm việc"})
register_actions({
    "assignment.status": "Đổi trạng thái nhiệm vụ",
    "assignment.progress": "Cập nhật tiến độ nhiệm vụ không gửi đơn vị nào",
    "assignment.note": "Ghi chú nhiệm vụ",
    "duty.deadline": "Đặt hạn làm việc",
})
