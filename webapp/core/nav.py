"""Main navigation entries that feature packages add for themselves."""
from dataclasses import dataclass
from typing import Callable

from flask import url_for
from flask_login import current_user

from .permissions import Cap, has_cap


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    cap: Cap
    endpoints: tuple[str, ...]
    order: int
    # Optional extra condition on the user (e.g. "the unit has a speech slot").
    when: Callable | None = None


_ITEMS: list[NavItem] = []


def register_nav(label: str, endpoint: str, cap: Cap, *, also: tuple[str, ...] = (),
                 order: int = 50, when: Callable | None = None) -> None:
    if any(item.endpoint == endpoint for item in _ITEMS):
        return
    _ITEMS.append(NavItem(label, endpoint, cap, (endpoint, *also), order, when))
    _ITEMS.sort(key=lambda item: item.order)


def feature_nav() -> list[dict]:
    return [{"label": item.label, "url": url_for(item.endpoint), "endpoints": item.endpoints}
            for item in _ITEMS if has_cap(current_user, item.cap)
            and (item.when is None or item.when(current_user))]
