"""Forms of reports. The figures of the outline are read from request.form by the names the
outline gives (see outline.py); the FlaskForm carries the CSRF token and the draft version."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, IntegerField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional


class DraftForm(FlaskForm):
    draft_version = IntegerField(validators=[InputRequired()])


class SubmitForm(FlaskForm):
    draft_version = IntegerField(validators=[InputRequired()])
    file = FileField("Tệp báo cáo đã ký (PDF hoặc Word .docx)")


class ReviewForm(FlaskForm):
    decision = HiddenField(validators=[InputRequired()])
    comment = TextAreaField("Nội dung yêu cầu bổ sung",
                            validators=[Optional(), Length(max=2000, message="Tối đa 2.000 ký tự.")])
    version = IntegerField(validators=[InputRequired()])
