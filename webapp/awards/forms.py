from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (DateField, DateTimeField, HiddenField, IntegerField, RadioField, SelectField,
                     StringField, TextAreaField)
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import TextInput
from wtforms.validators import InputRequired, Length, Optional, Regexp

from .models import ADDRESS_LABELS, GENDER_LABELS


def _in_vietnamese(field_class, message: str, text_widget: bool = True):
    """`field_class` whose parse error reads `message` (dates typed as text, as pages show them)."""

    class Field(field_class):
        if text_widget:
            widget = TextInput()

        def process_formdata(self, valuelist):
            try:
                super().process_formdata(valuelist)
            except ValueError:
                self.data = None
                raise ValueError(message) from None

    Field.__name__ = f"Vn{field_class.__name__}"
    return Field


VnDateField = _in_vietnamese(DateField, "Ngày không hợp lệ (dạng dd/mm/yyyy).")
VnDateTimeField = _in_vietnamese(DateTimeField, "Thời gian không hợp lệ (dạng hh:mm dd/mm/yyyy).")
VnIntegerField = _in_vietnamese(IntegerField, "Nhập một số nguyên.", text_widget=False)


class NominationForm(FlaskForm):
    kind = RadioField("Đề nghị khen thưởng cho", choices=[
        SelectChoice("individual", "Cá nhân"), SelectChoice("collective", "Tập thể")],
        default="individual", validators=[InputRequired("Chọn tập thể hoặc cá nhân.")])
    full_name = StringField("Họ và tên", validators=[Optional(), Length(max=120, message="Tối đa 120 ký tự.")])
    gender = SelectField("Giới tính", choices=[SelectChoice("", "— chọn —")] + [
        SelectChoice(k, v) for k, v in GENDER_LABELS.items()], validators=[Optional()])
    address = SelectField("Xưng hô trên giấy tờ", choices=[SelectChoice("", "— chọn —")] + [
        SelectChoice(k, v) for k, v in ADDRESS_LABELS.items()], validators=[Optional()])
    birth_year = StringField("Năm sinh", validators=[Optional()],
                             render_kw={"inputmode": "numeric", "maxlength": 4})
    position = StringField("Chức vụ", validators=[Optional(), Length(max=255, message="Tối đa 255 ký tự.")])
    workplace = StringField("Đơn vị công tác / nơi cư trú",
                            validators=[Optional(), Length(max=255, message="Tối đa 255 ký tự.")])
    collective_name = StringField("Tên đầy đủ của tập thể",
                                  validators=[Optional(), Length(max=255, message="Tối đa 255 ký tự.")])
    summary = TextAreaField("Tóm tắt thành tích", validators=[
        Optional(), Length(max=4000, message="Tối đa 4.000 ký tự.")])
    report = FileField("Báo cáo thành tích (PDF hoặc Word)")
    cover_letter = FileField("Tờ trình/công văn đề nghị của đơn vị (PDF hoặc Word)")
    version = HiddenField()


class ActionForm(FlaskForm):
    """Button forms: submit, withdraw, shortlist/return, approve/reject, move."""
    decision = HiddenField()
    note = TextAreaField("Ghi chú", validators=[Optional(), Length(max=2000, message="Tối đa 2.000 ký tự.")])
    version = HiddenField()


class ReopenForm(FlaskForm):
    reopened_until = VnDateField("Nhận đề nghị đến hết ngày", format="%d/%m/%Y",
                               validators=[Optional()],
                               render_kw={"placeholder": "dd/mm/yyyy"})
    note = StringField("Lý do", validators=[Optional(), Length(max=500)])


def decision_form_class(sources):
    """The decision form, with one percentage field per funding source of the plan. No number:
    the register gives it when the paper is issued."""

    class DecisionForm(FlaskForm):
        decision_date = VnDateField("Ngày quyết định", format="%d/%m/%Y",
                                  validators=[InputRequired("Nhập ngày quyết định (dd/mm/yyyy).")],
                                  render_kw={"placeholder": "dd/mm/yyyy"})
        legal_bases = TextAreaField("Căn cứ (mỗi dòng một căn cứ)",
                                    validators=[InputRequired("Cần ít nhất một căn cứ.")])
        signer_authority = StringField("Thẩm quyền ký", validators=[Optional(), Length(max=64)])
        signer_title = StringField("Chức vụ người ký", validators=[Optional(), Length(max=120)])
        signer_name = StringField("Họ tên người ký", validators=[Optional(), Length(max=120)])
        recipients = TextAreaField("Nơi nhận (mỗi dòng một nơi; dòng cuối “Lưu: VT, NV”)",
                                   validators=[Optional()])
        version = HiddenField()

    for index, source in enumerate(sources):
        setattr(DecisionForm, f"split_{index}", StringField(
            f"{source.label} (%)", validators=[
                InputRequired("Nhập tỷ lệ (0–100)."),
                Regexp(r"^\s*(100|\d{1,2})\s*$", message="Tỷ lệ là số nguyên từ 0 đến 100.")],
            render_kw={"inputmode": "numeric"}))
    return DecisionForm


class ProposalForm(FlaskForm):
    proposal_date = VnDateField("Ngày tờ trình", format="%d/%m/%Y",
                                validators=[InputRequired("Nhập ngày tờ trình (dd/mm/yyyy).")],
                                render_kw={"placeholder": "dd/mm/yyyy"})
    signer_title = StringField("Chức vụ người ký", default="TRƯỞNG PHÒNG",
                               validators=[Optional(), Length(max=120)])
    signer_name = StringField("Họ tên Trưởng phòng Nội vụ", validators=[Optional(), Length(max=120)])
    version = HiddenField()


def meeting_form_class(nominees):
    """The selection meeting's form, with one "votes in favour" field per nominee."""

    class MeetingForm(FlaskForm):
        body = StringField("Cơ quan họp xét", validators=[Optional(), Length(max=255)])
        held_at = VnDateTimeField("Bắt đầu lúc", format="%H:%M %d/%m/%Y",
                                  validators=[InputRequired("Nhập thời gian bắt đầu (hh:mm dd/mm/yyyy).")],
                                  render_kw={"placeholder": "08:00 20/11/2023"})
        ended_at = VnDateTimeField("Kết thúc lúc", format="%H:%M %d/%m/%Y", validators=[Optional()],
                                   render_kw={"placeholder": "10:30 20/11/2023"})
        place = StringField("Địa điểm", validators=[Optional(), Length(max=255)])
        chair = StringField("Chủ trì (họ tên; chức vụ)", validators=[Optional(), Length(max=300)])
        secretary = StringField("Thư ký (họ tên; chức vụ)", validators=[Optional(), Length(max=300)])
        attendees = TextAreaField("Thành viên dự họp (mỗi dòng: họ tên; chức vụ)",
                                  validators=[Optional(), Length(max=8000)])
        members_total = VnIntegerField("Tổng số thành viên", validators=[Optional()],
                                     render_kw={"inputmode": "numeric"})
        members_present = VnIntegerField("Số thành viên có mặt", validators=[Optional()],
                                       render_kw={"inputmode": "numeric"})
        conclusion = TextAreaField("Ý kiến khác, kết luận (nếu có)", validators=[Optional(), Length(max=4000)])
        version = HiddenField()

    for n in nominees:
        setattr(MeetingForm, f"votes_{n.id}", VnIntegerField(
            f"Số phiếu đồng ý: {n.name}", validators=[Optional()],
            render_kw={"inputmode": "numeric"}))
    return MeetingForm
