from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

INT_MESSAGE = "Nhập số phút (số nguyên)."


class StartTimeForm(FlaskForm):
    start_time = StringField("Giờ bắt đầu", validators=[
        InputRequired("Nhập giờ bắt đầu."), Length(max=16)])


class MoveForm(FlaskForm):
    """Button-only form (CSRF): up or down."""
    direction = HiddenField(validators=[InputRequired()])


class ItemForm(FlaskForm):
    duration_minutes = IntegerField("Thời lượng (phút)", validators=[
        InputRequired(INT_MESSAGE), NumberRange(1, 240, "Thời lượng từ 1 đến 240 phút.")])
    lead = StringField("Người thực hiện", validators=[
        InputRequired("Ghi rõ ai thực hiện mục này."), Length(max=255, message="Tối đa 255 ký tự.")])
    version = IntegerField(validators=[InputRequired()])


class McForm(FlaskForm):
    mc_text = TextAreaField("Lời dẫn", validators=[
        InputRequired("Lời dẫn không được để trống."), Length(max=4000, message="Tối đa 4.000 ký tự.")])
    version = IntegerField(validators=[InputRequired()])


class SpeakerForm(FlaskForm):
    speaker_name = StringField("Họ và tên người trình bày", validators=[
        Optional(), Length(max=120, message="Tối đa 120 ký tự.")])
    speaker_title = StringField("Chức vụ / nơi công tác", validators=[
        Optional(), Length(max=255, message="Tối đa 255 ký tự.")])
    topic = TextAreaField("Chủ đề tham luận", validators=[Optional(), Length(max=2000)])
    version = IntegerField(validators=[InputRequired()])


class DownloadForm(FlaskForm):
    present_only = BooleanField("Giới thiệu đại biểu theo danh sách có mặt (ngày hội nghị)")


class FinalForm(FlaskForm):
    pass


class TickForm(FlaskForm):
    done = BooleanField("Đã xong")
    note = StringField("Ghi chú", validators=[Optional(), Length(max=500, message="Tối đa 500 ký tự.")])
    version = IntegerField(validators=[InputRequired()])
