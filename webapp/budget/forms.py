from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from ..core.forms import Form
from .models import CATEGORIES
from .service import AUTHORITIES


class LineForm(Form):
    """A conference cost line: quantity x unit price (the amount is computed). The version the
    form was opened with travels as a hidden field read by the view (audit.service.parse_version)."""

    category = SelectField("Khoản chi", choices=[SelectChoice(k, v) for k, v in CATEGORIES.items()],
                           validators=[InputRequired("Chọn khoản chi.")])
    description = StringField("Nội dung", validators=[
        Optional(), Length(max=500, message="Tối đa 500 ký tự.")])
    quantity = StringField("Số lượng", default="1", validators=[InputRequired("Nhập số lượng.")])
    unit = StringField("Đơn vị tính", validators=[
        Optional(), Length(max=32, message="Tối đa 32 ký tự.")])
    unit_price = StringField("Đơn giá (đồng)", validators=[InputRequired("Nhập đơn giá (đồng).")])
    funding_source_id = SelectField("Nguồn kinh phí", coerce=int,
                                    validators=[InputRequired("Chọn nguồn kinh phí.")])
    note = StringField("Ghi chú", validators=[Optional(), Length(max=500, message="Tối đa 500 ký tự.")])

    def set_sources(self, plan):
        self.funding_source_id.choices = [SelectChoice(s.id, s.label) for s in plan.funding_sources]
        return self


class DeleteForm(Form):
    """A button-only form (CSRF); the version the page showed comes as a hidden field."""


class SignerForm(Form):
    authority = SelectField("Cách ký", choices=[SelectChoice(k, v) for k, v in AUTHORITIES.items()],
                            validate_choice=False)
    name = StringField("Họ và tên người ký tờ trình", validators=[
        InputRequired("Nhập họ và tên người ký."), Length(max=120, message="Tối đa 120 ký tự.")])
