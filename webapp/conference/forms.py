from wtforms import BooleanField, HiddenField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from ..core.errors import DomainError
from ..core.forms import Form
from ..core.people import ADDRESS_LABELS

INT_MESSAGE = "Nhập số phút (số nguyên)."
ADDRESS_CHOICES = [SelectChoice(code, label) for code, label in ADDRESS_LABELS.items()]


class WholeNumberField(IntegerField):
    """An integer field whose conversion error is in Vietnamese (the message is the field's)."""

    def __init__(self, label=None, validators=None, message="Nhập một số nguyên.", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.number_message = message

    def process_formdata(self, valuelist):
        if not valuelist or valuelist[0] in ("", None):
            self.data = None
            return
        try:
            self.data = int(str(valuelist[0]).strip())
        except ValueError:
            self.data = None
            raise ValueError(self.number_message) from None


STALE_PAGE = "Biểu mẫu không hợp lệ, vui lòng tải lại trang."


def require_submitted(form) -> None:
    """A button-only form (CSRF, a hidden choice) that does not validate was opened on a page
    too old to act on: refused with a message (422) for the error handler to answer."""
    if not form.validate_on_submit():
        raise DomainError(STALE_PAGE)


def field_errors(form) -> dict:
    """{field name: [messages]} of the fields that have any, for a row's editor."""
    return {name: list(field.errors) for name, field in form._fields.items() if field.errors}


def all_errors(form) -> list[str]:
    return [e for field in form._fields.values() for e in field.errors]


class StartTimeForm(Form):
    start_time = StringField("Giờ bắt đầu", validators=[
        InputRequired("Nhập giờ bắt đầu."), Length(max=16, message="Tối đa 16 ký tự.")])


class MoveForm(Form):
    """Button-only form (CSRF): up or down."""
    direction = HiddenField(validators=[InputRequired("Chọn hướng di chuyển.")])


class ItemForm(Form):
    duration_minutes = WholeNumberField("Thời lượng (phút)", message=INT_MESSAGE, validators=[
        InputRequired(INT_MESSAGE), NumberRange(1, 240, "Thời lượng từ 1 đến 240 phút.")])
    lead = StringField("Người thực hiện", validators=[
        InputRequired("Ghi rõ ai thực hiện mục này."), Length(max=255, message="Tối đa 255 ký tự.")])
    version = HiddenField()


class McForm(Form):
    mc_text = TextAreaField("Lời dẫn", validators=[
        InputRequired("Lời dẫn không được để trống."), Length(max=4000, message="Tối đa 4.000 ký tự.")])
    version = HiddenField()


class SpeakerForm(Form):
    speaker_address = RadioField("Xưng hô", choices=ADDRESS_CHOICES, default="dong_chi",
                                 validate_choice=False, validators=[Optional()])
    speaker_name = StringField("Họ và tên người trình bày", validators=[
        Optional(), Length(max=120, message="Tối đa 120 ký tự.")])
    speaker_title = StringField("Chức vụ / nơi công tác", validators=[
        Optional(), Length(max=255, message="Tối đa 255 ký tự.")])
    topic = TextAreaField("Chủ đề tham luận", validators=[
        Optional(), Length(max=2000, message="Tối đa 2.000 ký tự.")])
    version = HiddenField()


class DownloadForm(Form):
    present_only = BooleanField("Giới thiệu đại biểu theo danh sách có mặt (ngày hội nghị)")


class FinalForm(Form):
    pass


class TickForm(Form):
    done = BooleanField("Đã xong")
    note = StringField("Ghi chú", validators=[Optional(), Length(max=500, message="Tối đa 500 ký tự.")])
    version = HiddenField()
