"""Expected answers of every route for every role, one module per feature.

Each module defines RULES: {endpoint: Rule(...)}. test_route_matrix.py walks app.url_map and
fails for any endpoint that no module describes, so a new route cannot land without its rule.

Expectations per role: 200, 403, 404, "login" (redirect to the login page), "ok" (the role may
use it: any answer but 401/403/404/405/500 and not the login page), or a redirect code (302).
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
    htmx: bool = False


def everyone(value, **overrides) -> dict:
    expect = {role: value for role in ALL_ROLES}
    expect.update(overrides)
    return expect


def only(roles, allowed="ok", others=403, anonymous="login") -> dict:
    expect = {role: (allowed if role in roles else others) for role in ALL_ROLES}
    expect["anonymous"] = anonymous
    return expect


def collect() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for endpoint, rule in module.RULES.items():
            assert endpoint not in rules, f"{endpoint} described twice"
            rules[endpoint] = rule
    return rules
