"""What every logged-in page pays: the user (with its unit and the bell's count) in one
statement, the menu built once per request and per role, never shared between users whose
entries differ."""
from sqlalchemy import event

from webapp.extensions import db
from webapp.notifications.service import notify
from webapp.plan.models import Unit

from .conftest import statements_of


def test_the_password_page_reads_the_user_unit_and_bell_in_one_statement(app, client, login_as):
    unit = db.session.query(Unit).filter_by(code="binh-chanh").one()
    notify(unit.id, "returned", "Bổ sung số liệu")
    notify(unit.id, "due_soon", "Còn 3 ngày")
    db.session.commit()
    login_as("commune")
    response, statements = statements_of(client, "/tai-khoan/mat-khau")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'data-unread="2"' in page and "Bình Chánh" in page
    user_reads = [s for s in statements if "FROM user_account" in s]
    assert len(user_reads) == 1 and "notification" in user_reads[0] and "unit" in user_reads[0]
    # the count came with the user: no separate count of notifications
    assert not [s for s in statements if s.lstrip().startswith("SELECT count") ]


def test_a_stale_session_version_still_logs_out(app, client, login_as):
    user = login_as("commune")
    user.session_version += 1
    db.session.commit()
    response = client.get("/tai-khoan/mat-khau")
    assert response.status_code == 302 and "/dang-nhap" in response.headers["Location"]


def test_menus_differ_per_user_and_condition_though_built_once(client, login_as):
    login_as("mass_org")           # MTTQ has a speech slot: its speaker entry shows
    mttq = client.get("/viec-cua-toi").get_data(as_text=True)
    login_as("department")         # NN&PTNT has none, same role capabilities
    nnptnt = client.get("/viec-cua-toi").get_data(as_text=True)
    assert "Người trình bày tham luận" in mttq
    assert "Người trình bày tham luận" not in nnptnt
    login_as("coordinator")
    coordinator = client.get("/viec-cua-toi").get_data(as_text=True)
    assert "Tiến độ các đơn vị" in coordinator and "Tiến độ các đơn vị" not in nnptnt
    assert 'href="/tien-do"' in coordinator


def _counted(call):
    seen = []

    def _on(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", _on)
    try:
        return call(), seen
    finally:
        event.remove(db.engine, "before_cursor_execute", _on)


def test_whether_the_unit_speaks_at_the_conference_comes_with_the_user(app, login_as):
    """The menu's "Người trình bày tham luận" asks whether the unit has a speech slot: the
    answer is read with the user, not by a query of its own on every page."""
    from webapp.core.web import _load_user, unit_has_speech_slot
    mttq, department = login_as("mass_org"), login_as("department")
    for user, speaks in ((mttq, True), (department, False)):
        with app.test_request_context("/viec-cua-toi"):
            loaded, statements = _counted(lambda u=user: _load_user(u.get_id()))
            assert loaded.id == user.id and len(statements) == 1
            answer, statements = _counted(lambda u=loaded: unit_has_speech_slot(u))
            assert answer is speaks and statements == []
    with app.test_request_context("/viec-cua-toi"):
        _load_user(mttq.get_id())
        # another user than the request's: asked of the database
        answer, statements = _counted(lambda: unit_has_speech_slot(department))
        assert answer is False and len(statements) == 1
