
from flask_wtf.file import FileField
from wtforms import HiddenField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from ..conference.forms import ADDRESS_CHOICES, WholeNumberField
from ..core.forms import Form, PlainOptions
from .models import REPLY_LABELS


def _id(value) -> int:
    """A select's id: a tampered value becomes 0, which the service refuses in Vietnamese."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class _DelegateFields(Form):
    full_name = StringField("Họ và tên", validators=[InputRequired("Nhập họ và tên đại biểu."),
                                                     Length(max=120, message="Tối đa 120 ký tự.")])
    address = SelectField("Xưng hô", choices=ADDRESS_CHOICES, default="dong_chi",
                          validate_choice=False, widget=PlainOptions())
    title = StringField("Chức vụ", validators=[Optional(), Length(max=255, message="Tối đa 255 ký tự.")])
    organisation = StringField("Cơ quan, đơn vị", validators=[
        Optional(), Length(max=255, message="Tối đa 255 ký tự.")])
    # options written in one f-string each (PlainOptions): 220 communes at ten times the district
    composition_id = SelectField("Thành phần", coerce=_id, validate_choice=False,
                                 widget=PlainOptions())
    unit_id = SelectField("Xã, thị trấn", coerce=_id, validate_choice=False, default=0,
                          widget=PlainOptions())


class DelegateForm(_DelegateFields):
    rank = WholeNumberField("Thứ tự trong thành phần", default=100,
                            message="Nhập thứ tự (số nguyên).", validators=[
                                InputRequired("Nhập thứ tự (số nguyên)."),
                                NumberRange(0, 9999, "Thứ tự là số nguyên từ 0 đến 9999.")])
    phone = StringField("Điện thoại", validators=[Optional(), Length(max=32, message="Tối đa 32 ký tự.")])
    version = HiddenField()


class WalkInForm(_DelegateFields):
    """Somebody not on the list, added at the door (check-in)."""


class ReplyForm(Form):
    reply = RadioField("Trả lời", choices=[SelectChoice(k.value, v) for k, v in REPLY_LABELS.items()],
                       validators=[InputRequired("Chọn một câu trả lời.")])
    substitute_name = StringField("Họ tên người dự thay", validators=[Optional(), Length(max=120, message="Tối đa 120 ký tự.")])
    substitute_title = StringField("Chức vụ người dự thay", validators=[
        Optional(), Length(max=255, message="Tối đa 255 ký tự.")])
    version = HiddenField()


class VersionForm(Form):
    version = HiddenField()


class CheckinForm(Form):
    arrived = HiddenField(default="1")


class ImportForm(Form):
    file = FileField("Tệp Excel (.xlsx)")


class InvitationOptionsForm(Form):
    """What the giấy mời drafted through the register says (read from the page's query string,
    kept on the paper): the opening time and one page per delegate or per body."""

    class Meta:
        csrf = False

    meeting_time = StringField("Giờ khai mạc", validators=[
        InputRequired("Ghi giờ khai mạc, ví dụ “07 giờ 30” hoặc “7h30”."),
        Length(max=32, message="Tối đa 32 ký tự.")])
    mode = RadioField("Cách in giấy mời", validate_choice=False)


class SeatsForm(Form):
    per_row = WholeNumberField("Số ghế mỗi hàng", default=12, message="Nhập số ghế (số nguyên).",
                               validators=[InputRequired("Nhập số ghế mỗi hàng."),
                                           NumberRange(4, 40, "Từ 4 đến 40 ghế.")])
