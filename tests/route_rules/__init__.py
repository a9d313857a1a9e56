"""Expected answers of every route for every role, one module per feature.

Each module defines RULES: {endpoint: Rule(...)}. test_route_matrix.py walks app.url_map and
fails for any endpoint that no module describes, so a new route cannot land without its rule.

Expectations per role, exact:
- a status code (200, 204, 302, 403, 404, 409, 422...): the answer's status, nothing else;
- "login": the login page (a redirect to it; for htmx, 204 with HX-Redirect to it).

Set `htmx=True` on a route that the pages call by htmx (a fragment, a row, a polled
counter): the matrix then sends `HX-Request: true`, as the browser does.
"""
import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Callable

ALL_ROLES = ("anonymous", "coordinator", "home_affairs", "office", "department", "commune",
             "mass_org", "leadership", "admin")


@dataclass
class Rule:
    expect: dict                       # role -> expected answer
    method: str = "GET"
    args: Callable | dict = field(default_factory=dict)   # url arguments, or f(db_session) -> dict
    data: dict | Callable = field(default_factory=dict)    # form data for POST
    htmx: bool = False                 # the pages call it by htmx: send HX-Request


def everyone(value, **overrides) -> dict:
    expect = {role: value for role in ALL_ROLES}
    expect.update(overrides)
    return expect


def only(roles, allowed, others=403, anonymous="login") -> dict:
    """`allowed` (exactly: 200, 302…) for `roles`, `others` for every other role, "login" for
    the anonymous."""
    expect = {role: (allowed if role in roles else others) for role in ALL_ROLES}
    expect["anonymous"] = anonymous
    return expect


def modules() -> dict[str, dict]:
    """{module name: its RULES}."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        found[info.name] = importlib.import_module(f"{__name__}.{info.name}").RULES
    return found


def collect() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for module_rules in modules().values():
        for endpoint, rule in module_rules.items():
            assert endpoint not in rules, f"{endpoint} described twice"
            rules[endpoint] = rule
    return rules
