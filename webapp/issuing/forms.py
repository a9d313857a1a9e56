"""Forms of the issuing pages (every POST through a form, button-only ones too): the house's
Form, so a summary or a recipient pasted from elsewhere is cleaned before it is validated."""
from flask_wtf.file import FileField
from wtforms import (HiddenField, IntegerField, PasswordField, SelectField,
                     SelectMultipleField, StringField, TextAreaField)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..core.forms import Form


class VersionedForm(Form):
    version = IntegerField(validators=[Optional()])


class ActionForm(VersionedForm):
    """A button: approve, take a number, render again, issue the paper way."""


class CreateForm(Form):
    kind = HiddenField(validators=[InputRequired()])


class DraftForm(VersionedForm):
    summary = TextAreaField("Trích yếu", validators=[Length(max=2000)])
    signer_authority = StringField("Thẩm quyền ký", validators=[Length(max=64)])
    signer_title = StringField("Chức vụ người ký", validators=[Length(max=120)])
    signer_name = StringField("Họ tên người ký", validators=[Length(max=120)])
    unit_ids = SelectMultipleField("Đơn vị nhận trong ứng dụng", coerce=int,
                                   widget=ListWidget(prefix_label=False),
                                   option_widget=CheckboxInput())
    external = TextAreaField("Nơi nhận ngoài ứng dụng (mỗi dòng một nơi)",
                             validators=[Length(max=4000)])


class CommentForm(VersionedForm):
    comment = TextAreaField("Ý kiến của lãnh đạo", validators=[Length(max=2000)])


class PassphraseForm(VersionedForm):
    passphrase = PasswordField("Mật khẩu khóa ký số (hoặc mã PIN của USB token)",
                               validators=[Length(max=256)])


class WithdrawForm(VersionedForm):
    reason = TextAreaField("Lý do thu hồi", validators=[Length(max=2000)])


class RouteForm(VersionedForm):
    route = SelectField("Cách phát hành", choices=[
        SelectChoice("digital", "Văn bản điện tử, ký số"),
        SelectChoice("paper", "Bản giấy: tải lên bản đã ký, đóng dấu (scan PDF)")])


class ScanForm(VersionedForm):
    file = FileField("Bản quét văn bản đã ký, đóng dấu (PDF)")


class VerifyForm(Form):
    file = FileField("Tệp PDF cần kiểm tra")
