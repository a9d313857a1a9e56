from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from .letter import KINDS, SCOPES


class MarkReadForm(FlaskForm):
    """A button-only form: marking read is a POST with its CSRF token."""


class LetterForm(FlaskForm):
    """Options of the follow-up letter, read from the query string (no state change)."""

    class Meta:
        csrf = False

    kind = SelectField("Đôn đốc theo", choices=[SelectChoice(k, v) for k, v in KINDS.items()],
                       default="plan")
    scope = SelectField("Gửi tới", choices=[SelectChoice(k, v) for k, v in SCOPES.items()],
                        default="overdue")
    deadline = DateField("Hạn hoàn thành đề nghị trong công văn", validators=[Optional()],
                         format="%Y-%m-%d")
    signer_name = StringField("Họ tên Trưởng phòng ký công văn (theo danh bạ đơn vị nếu để trống)", validators=[
        Optional(), Length(max=120, message="Tối đa 120 ký tự.")])
