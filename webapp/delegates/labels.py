"""How the delegates' audited objects read in histories (webapp.audit.labels)."""
from ..audit.labels import name_of, register_actions, register_object, unit_name
from ..core.people import ADDRESS_LABELS
from ..plan.models import DelegateComposition
from .models import REPLY_LABELS

register_object("delegate", "Đại biểu", fields={
    "full_name": "Họ và tên", "title": "Chức vụ", "organisation": "Cơ quan, đơn vị",
    "address": "Xưng hô", "composition_id": "Thành phần", "unit_id": "Xã, thị trấn",
    "rank": "Thứ tự", "phone": "Điện thoại", "reply": "Trả lời",
    "substitute_name": "Người dự thay", "substitute_title": "Chức vụ người dự thay",
    "invitation_number": "Số giấy mời", "checked_in_at": "Có mặt lúc", "seat": "Chỗ ngồi"},
    values={"reply": {k.value: v for k, v in REPLY_LABELS.items()},
            "address": dict(ADDRESS_LABELS)},
    refs={"composition_id": name_of(DelegateComposition, "label"), "unit_id": unit_name})
register_object("invitation_issue", "Phát hành giấy mời", fields={
    "number": "Số giấy mời", "issued_on": "Ngày ban hành", "meeting_time": "Giờ khai mạc",
    "delegate_count": "Số đại biểu được mời"})
register_actions({
    "delegate.create": "Thêm đại biểu", "delegate.update": "Sửa đại biểu",
    "delegate.delete": "Xóa đại biểu", "delegate.reply": "Ghi nhận trả lời",
    "delegate.checkin": "Điểm danh có mặt", "delegate.checkin_undo": "Hủy điểm danh",
    "delegate.walk_in": "Thêm đại biểu tại cửa", "delegate.import": "Nhập từ Excel",
    "delegate.seats": "Xếp chỗ ngồi", "invitation.issue": "Phát hành giấy mời",
})
