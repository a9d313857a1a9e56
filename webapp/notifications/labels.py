"""How notifications and the daily reminder job read in histories and the audit log."""
from ..audit.labels import register_actions, register_object

register_object("notification", "Thông báo", fields={
    "read_at": "Đã đọc lúc", "date": "Ngày nhắc việc", "created": "Số thông báo tạo mới",
    "due_soon": "Sắp đến hạn", "overdue": "Quá hạn",
})
register_actions({
    "notification.read": "Đánh dấu đã đọc",
    "notification.read_all": "Đánh dấu đã đọc tất cả",
    "reminders.run": "Nhắc việc tự động",
})
