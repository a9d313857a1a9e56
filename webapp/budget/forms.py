from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from .models import CATEGORIES


class LineForm(FlaskForm):
    category = SelectField("Khoản chi", choices=[SelectChoice(k, v) for k, v in CATEGORIES.items()],
                           validators=[InputRequired("Chọn khoản chi.")])
    description = StringField("Nội dung", validators=[
        Optional(), Length(max=500, message="Tối đa 500 ký tự.")])
    amount = StringField("Số tiền (đồng)", validators=[InputRequired("Nhập số tiền (đồng).")])
    funding_source_id = SelectField("Nguồn kinh phí", coerce=int,
                                    validators=[InputRequired("Chọn nguồn kinh phí.")])
    note = StringField("Ghi chú", validators=[Optional(), Length(max=500, message="Tối đa 500 ký tự.")])
    version = IntegerField(validators=[Optional()])

    def set_sources(self, plan):
        self.funding_source_id.choices = [SelectChoice(s.id, s.label) for s in plan.funding_sources]
        return self


class DeleteForm(FlaskForm):
    version = IntegerField(validators=[InputRequired()])
