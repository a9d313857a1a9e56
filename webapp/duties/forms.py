from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from .models import STATUS_LABELS


class StatusForm(FlaskForm):
    # "" is the placeholder the select starts on: the service refuses it with its own words.
    status = SelectField("Trạng thái", choices=[SelectChoice("", "— Chọn trạng thái mới —")] + [
        SelectChoice(s.value, label) for s, label in STATUS_LABELS.items()])
    version = IntegerField(validators=[InputRequired()], widget=None)


class ReviewForm(FlaskForm):
    decision = HiddenField(validators=[InputRequired()])
    comment = TextAreaField("Nội dung yêu cầu bổ sung",
                            validators=[Optional(), Length(max=2000, message="Tối đa 2.000 ký tự.")])
    version = IntegerField(validators=[InputRequired()])


class WorkingDeadlineForm(FlaskForm):
    """Typed dd/mm/yyyy (a browser date field shows the browser's own locale order)."""
    deadline = StringField("Hạn làm việc (dd/mm/yyyy)", validators=[Optional(), Length(max=10)])
    assignment_id = IntegerField(validators=[Optional()])
