"""The base form cleans typed and pasted text before validation; passwords stay as typed."""
import unicodedata

from werkzeug.datastructures import MultiDict
from wtforms import HiddenField, PasswordField, StringField, TextAreaField

from webapp.auth.models import User
from webapp.core.forms import Form
from webapp.extensions import db


class _Sample(Form):
    name = StringField("Họ và tên")
    note = TextAreaField("Ghi chú", filters=[lambda v: v.upper() if v else v])
    secret = PasswordField("Mật khẩu")


def test_text_fields_lose_controls_bidi_and_noncharacters_and_are_nfc(app):
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    with app.test_request_context():
        form = _Sample(formdata=MultiDict({
            "name": f"\u202e{decomposed}\x01\x7f\x85\ufffe\u2066",
            "note": "dòng 1\r\n\tdòng 2\x0b", "secret": "mật\x01khẩu\u202e"}), meta={"csrf": False})
    assert form.name.data == "Nguyễn Thị Ánh"
    assert unicodedata.is_normalized("NFC", form.name.data)
    assert form.note.data == "DÒNG 1\n\tDÒNG 2", "tab and newline kept; the field's own filter after"
    assert form.secret.data == "mật\x01khẩu\u202e", "a password is exactly what was typed"


def test_a_form_filled_from_an_object_keeps_its_numbers(app):
    """An edit form opened from a stored row (obj=): its version is a number, not text."""
    class _Edit(Form):
        name = StringField("Họ và tên")
        version = HiddenField()

    class _Row:
        name, version = "Nguyễn Thị Ánh", 3

    with app.test_request_context():
        form = _Edit(obj=_Row(), meta={"csrf": False})
    assert (form.name.data, form.version.data) == ("Nguyễn Thị Ánh", 3)


def test_an_account_created_with_a_disguised_name_is_stored_clean(client, login_as):
    login_as("admin")
    from webapp.plan.models import Unit
    unit = db.session.query(Unit).filter_by(code="binh-long").one()
    response = client.post("/quan-tri/tai-khoan", data={
        "unit_id": unit.id, "username": "binhlong3\u200f", "full_name": "Lê Văn\u202e Nam\x01",
        "position": "Công chức\ufffe", "email": "", "password": "mat-khau\u202e-ban-dau"})
    assert response.status_code == 302
    db.session.rollback()
    user = db.session.query(User).filter_by(username="binhlong3").one()
    assert (user.full_name, user.position) == ("Lê Văn Nam", "Công chức")
    assert user.check_password("mat-khau\u202e-ban-dau")


def test_login_with_a_pasted_control_character_in_the_name(client):
    response = client.post("/dang-nhap", data={"username": "t-binhchanh\u200e",
                                               "password": "mat-khau-thu-nghiem"})
    assert response.status_code == 302


def test_a_page_with_several_forms_repeats_no_id(app, client, login_as):
    """The admin's account page holds two forms (reset the password, lock the account): each
    carries its CSRF token, and no element id appears twice (a label or a screen reader would
    find the wrong one)."""
    import re
    from collections import Counter
    app.config["WTF_CSRF_ENABLED"] = True
    login_as("admin")
    target = User.query.filter(User.username != "admin").first()
    html = client.get(f"/quan-tri/tai-khoan/{target.id}").get_data(as_text=True)
    assert html.count('name="csrf_token"') >= 2
    repeated = [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', html)).items() if n > 1]
    assert repeated == []
