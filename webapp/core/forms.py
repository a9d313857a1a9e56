"""The base of every form: typed or pasted text is cleaned before any validator sees it.

    from ..core.forms import Form

    class DelegateForm(Form):
        full_name = StringField("Họ và tên", validators=[DataRequired("Nhập họ và tên.")])

Every text field (StringField, TextAreaField, SearchField... any StringField but a password)
gets webapp.core.text.clean_input as its first filter: NFC, and no C0/C1 control character
(tab and newline kept), no bidi embedding, override or isolate (U+202A-U+202E,
U+2066-U+2069), no non-character (U+FFFE...). Such characters break documents and
spreadsheets (XML refuses them) or disguise a name on a page. Passwords are left exactly as
typed. A form with only buttons (CSRF and nothing else) is `Form` too.
"""
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import PasswordField, StringField
from wtforms.csrf.core import CSRFTokenField
from wtforms.widgets import Select

from .text import clean_input


class Form(FlaskForm):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            field_class = unbound_field.field_class
            if issubclass(field_class, CSRFTokenField):
                # no id: a page holds several forms, and each would print id="csrf_token"
                return unbound_field.bind(form=form, render_kw={"id": False}, **options)
            if issubclass(field_class, StringField) and not issubclass(field_class, PasswordField):
                filters = [clean_input, *unbound_field.kwargs.get("filters", ())]
                return unbound_field.bind(form=form, filters=filters, **options)
            return unbound_field.bind(form=form, **options)


class PlainOptions(Select):
    """A select whose options carry only a value (and `selected`): each written in one
    f-string, not through wtforms' general attribute writer (the unit list has one option per
    unit: 240 at ten times the district)."""

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw or isinstance(choice.value, bool):
            return super().render_option(choice, **kwargs)
        selected = " selected" if choice.selected else ""
        return Markup(f'<option value="{escape(choice.value)}"{selected}>'
                      f"{escape(choice.label or choice.value)}</option>")
