from flask_wtf import FlaskForm
from wtforms import DateField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from .letter import SCOPES


class MarkReadForm(FlaskForm):
    """A button-only form: marking read is a POST with its CSRF token."""


class LetterForm(FlaskForm):
    """Options of the follow-up letter, read from the query string (no state change)."""

    class Meta:
        csrf = False

    scope = SelectField("Gửi tới", choices=[SelectChoice(k, v) for k, v in SCOPES.items()], default="overdue")
    deadline = DateField("Hạn hoàn thành đề nghị trong công văn", validators=[Optional()],
                         format="%Y-%m-%d")
