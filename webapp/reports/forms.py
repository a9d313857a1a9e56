"""Forms of reports. The figures of the outline are read from request.form by the names the
outline gives (see outline.py); the form carries the CSRF token and the draft version."""
from flask_wtf.file import FileField
from wtforms import HiddenField, IntegerField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from ..core.forms import Form


class DraftForm(Form):
    draft_version = IntegerField(validators=[InputRequired()])


class SubmitForm(Form):
    draft_version = IntegerField(validators=[InputRequired()])
    file = FileField("Tệp báo cáo đã ký (PDF hoặc Word .docx)")


class ReviewForm(Form):
    decision = HiddenField(validators=[InputRequired()])
    comment = TextAreaField("Nội dung yêu cầu bổ sung",
                            validators=[Optional(), Length(max=2000, message="Tối đa 2.000 ký tự.")])
    version = IntegerField(validators=[InputRequired()])
