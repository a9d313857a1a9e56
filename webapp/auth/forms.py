from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from ..core.forms import Form


class LoginForm(Form):
    username = StringField("Tên đăng nhập", validators=[DataRequired("Nhập tên đăng nhập.")])
    password = PasswordField("Mật khẩu", validators=[DataRequired("Nhập mật khẩu.")])


class ChangePasswordForm(Form):
    current_password = PasswordField("Mật khẩu hiện tại",
                                     validators=[DataRequired("Nhập mật khẩu hiện tại.")])
    new_password = PasswordField("Mật khẩu mới", validators=[
        DataRequired("Nhập mật khẩu mới."),
        Length(min=10, message="Mật khẩu mới cần ít nhất 10 ký tự.")])
    confirm = PasswordField("Nhập lại mật khẩu mới", validators=[
        DataRequired("Nhập lại mật khẩu mới."),
        EqualTo("new_password", message="Hai lần nhập mật khẩu mới không khớp.")])


class EmptyForm(Form):
    """For button-only POSTs: CSRF protection and nothing else."""
