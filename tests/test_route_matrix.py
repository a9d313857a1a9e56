"""Every route of app.url_map, for every role, answers as the route rules say."""
import pytest

from webapp.core.permissions import route_rule
from webapp.extensions import db

from .route_rules import ALL_ROLES, collect

RULES = collect()


def test_every_route_has_a_declared_rule_and_an_expectation(app):
    missing_rule, missing_expectation = [], []
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if rule.endpoint != "static" and route_rule(view) is None:
            missing_rule.append(rule.endpoint)
        if rule.endpoint not in RULES:
            missing_expectation.append(rule.endpoint)
    assert not missing_rule, f"routes without @requires/@login_only/@public: {missing_rule}"
    assert not missing_expectation, f"routes missing from tests/route_rules: {missing_expectation}"
    stale = set(RULES) - {r.endpoint for r in app.url_map.iter_rules()}
    assert not stale, f"route rules for routes that no longer exist: {stale}"


def test_every_cell_states_its_exact_answer():
    """A status code or the login page for every role: no cell accepts "any answer"."""
    for endpoint, rule in RULES.items():
        assert set(rule.expect) == set(ALL_ROLES), f"{endpoint}: a role without expectation"
        for value in rule.expect.values():
            assert value == "login" or isinstance(value, int), f"{endpoint}: {value!r}"


def _answer_matches(expected, response) -> bool:
    location = response.headers.get("Location", "")
    to_login = response.status_code in (301, 302, 303) and "/dang-nhap" in location
    if expected == "login":
        return to_login or (response.status_code == 204 and "dang-nhap" in
                            response.headers.get("HX-Redirect", ""))
    if to_login:
        return False  # an exact 302 is never the login page
    return response.status_code == expected


@pytest.mark.parametrize("role", ALL_ROLES)
def test_route_matrix(app, client, login_as, role):
    if role != "anonymous":
        login_as(role)
    failures = []
    for endpoint, rule in sorted(RULES.items()):
        args = rule.args(db.session) if callable(rule.args) else rule.args
        data = rule.data(db.session) if callable(rule.data) else rule.data
        with app.test_request_context():
            from flask import url_for
            url = url_for(endpoint, **args)
        headers = {"HX-Request": "true"} if rule.htmx else {}
        if rule.method == "GET":
            response = client.get(url, headers=headers)
        else:
            response = client.open(url, method=rule.method, data=data, headers=headers)
        expected = rule.expect[role]
        if not _answer_matches(expected, response):
            failures.append(f"{rule.method} {endpoint} as {role}: expected {expected}, "
                            f"got {response.status_code} {response.headers.get('Location', '')}")
        response.close()
        db.session.rollback()
        # A state-changing request may have ended the session (logout): log in again.
        if role != "anonymous":
            login_as(role)
    assert not failures, "\n".join(failures)
