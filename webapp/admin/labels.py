"""How accounts, units, the plan and sign-in events read in histories and the audit log."""
from ..audit.labels import register_actions, register_object, unit_name


register_object("user_account", "Tài khoản", fields={
    "username": "Tên đăng nhập", "full_name": "Họ và tên", "position": "Chức vụ",
    "email": "Thư điện tử", "unit_id": "Đơn vị", "active": "Tình trạng",
    "must_change_password": "Phải đổi mật khẩu khi đăng nhập",
    "session_version": "Phiên đăng nhập",
}, values={"active": {"True": "Đang hoạt động", "False": "Đã khóa"}},
    refs={"unit_id": unit_name,
          # a counter bumped to end every earlier session: read as "the sessions ended"
          "session_version": lambda v: f"lượt thứ {v}"})
register_object("unit", "Đơn vị", fields={"unread": "Số thông báo chưa đọc"})
register_object("plan", "Kế hoạch", fields={"number": "Số kế hoạch",
                                          "issued_on": "Ngày ban hành"})
register_actions({
    "account.created": "Tạo tài khoản",
    "account.password_reset": "Đặt lại mật khẩu",
    "account.password_changed": "Đổi mật khẩu",
    "account.activated": "Mở khóa tài khoản",
    "account.deactivated": "Khóa tài khoản",
    "auth.login": "Đăng nhập",
    "auth.logout": "Đăng xuất",
    "plan.issued": "Phát hành kế hoạch",
})
