from wtforms import IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp

from ..core.forms import Form, PlainOptions


class AccountForm(Form):
    unit_id = SelectField("Đơn vị", coerce=int, validators=[InputRequired("Chọn đơn vị.")],
                          widget=PlainOptions())
    username = StringField("Tên đăng nhập", validators=[
        DataRequired("Nhập tên đăng nhập."), Length(min=3, max=64, message="Từ 3 đến 64 ký tự."),
        Regexp(r"^[a-z0-9._-]+$", message="Chỉ dùng chữ thường không dấu, số và . _ -")])
    full_name = StringField("Họ và tên", validators=[
        DataRequired("Nhập họ và tên."), Length(max=120, message="Tối đa 120 ký tự.")])
    position = StringField("Chức vụ", validators=[Optional(), Length(max=120)])
    email = StringField("Thư điện tử", validators=[
        Optional(), Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message="Địa chỉ thư điện tử không hợp lệ."),
        Length(max=255)])
    password = PasswordField("Mật khẩu ban đầu", validators=[
        DataRequired("Nhập mật khẩu ban đầu."),
        Length(min=10, message="Mật khẩu cần ít nhất 10 ký tự.")])


class ResetPasswordForm(Form):
    password = PasswordField("Mật khẩu mới", validators=[
        DataRequired("Nhập mật khẩu mới."), Length(min=10, message="Mật khẩu cần ít nhất 10 ký tự.")])
    version = IntegerField(validators=[InputRequired()])


class ToggleActiveForm(Form):
    version = IntegerField(validators=[InputRequired()])
