from wtforms import HiddenField, IntegerField, StringField
from wtforms.validators import InputRequired, Length, Optional

from ..core.forms import Form


class DraftForm(Form):
    """The sections are read from the request by their codes (they are data of the report kind);
    this form carries the CSRF token, the document number and the version of the draft. The
    same form saves ("Lưu dự thảo", autosave) and completes ("Hoàn tất dự thảo")."""

    number = StringField("Số văn bản (nếu đã có)", validators=[
        Optional(), Length(max=32, message="Tối đa 32 ký tự.")])
    version = IntegerField(validators=[InputRequired()])
    # Where a refusal about the sections themselves is put (core.htmx.form_error); never sent.
    sections = HiddenField()
