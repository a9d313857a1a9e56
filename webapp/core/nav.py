"""Main navigation entries that feature packages add for themselves."""
from dataclasses import dataclass
from typing import Callable

from flask import g, request, url_for
from flask_login import current_user

from .permissions import ROLE_CAPS, Cap


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


# Menus of the top bar, in one place: an entry whose endpoint is not listed stands alone.
GROUPS: dict[str, str] = {
    "duties.matrix": "Tiến độ", "synthesis.overview": "Tiến độ",
    "reports.overview": "Báo cáo", "reports.totals": "Báo cáo",
    "synthesis.mid_term": "Báo cáo", "synthesis.emulation": "Báo cáo",
    "awards.unit": "Khen thưởng", "awards.review": "Khen thưởng",
    "conference.index": "Hội nghị", "conference.speakers": "Hội nghị",
    "delegates.index": "Hội nghị", "delegates.mine": "Hội nghị", "delegates.checkin": "Hội nghị",
    "delegates.replies": "Hội nghị",
    "notifications.letter": "Đôn đốc, kinh phí", "budget.index": "Đôn đốc, kinh phí",
    "admin.plan": "Kế hoạch", "admin.units": "Kế hoạch",
    "admin.accounts": "Quản trị", "admin.audit_log": "Quản trị",
}


def feature_nav() -> list[dict]:
    """The user's menu: [{label, url, endpoints}] for a single entry, or
    {label, items: [...], endpoints} for a group (a dropdown), in order of their first entry.

    Computed once per request, and built once per process for each role and answer of the
    entries' `when` conditions: the URLs take no arguments, so url_for runs once per entry."""
    if "feature_nav" not in g:
        user = current_user
        role_items = _items_for_role(user.role) if user.is_authenticated else ()
        shown = tuple(item for item in role_items if item.when is None or item.when(user))
        key = (request.script_root, shown)
        menu = _MENUS.get(key)
        if menu is None:
            menu = _MENUS[key] = _build_menu(shown)
        g.feature_nav = menu
    return g.feature_nav


# Built from the registry only (code, not data): safe to keep per process.
_MENUS: dict[tuple, list[dict]] = {}
_ROLE_ITEMS: dict[tuple, tuple[NavItem, ...]] = {}


def _items_for_role(role) -> tuple[NavItem, ...]:
    key = (role, len(_ITEMS))
    if key not in _ROLE_ITEMS:
        caps = ROLE_CAPS.get(role, frozenset())
        _ROLE_ITEMS[key] = tuple(item for item in _ITEMS if item.cap in caps)
    return _ROLE_ITEMS[key]


def _build_menu(items: tuple[NavItem, ...]) -> list[dict]:
    menu: list[dict] = []
    groups: dict[str, dict] = {}
    for item in items:
        entry = {"label": item.label, "url": url_for(item.endpoint), "endpoints": item.endpoints}
        group = GROUPS.get(item.endpoint)
        if group is None:
            menu.append(entry)
        elif group in groups:
            groups[group]["items"].append(entry)
            groups[group]["endpoints"] += item.endpoints
        else:
            groups[group] = {"label": group, "items": [entry], "endpoints": item.endpoints}
            menu.append(groups[group])
    # A group of one is shown as its entry.
    return [m["items"][0] if len(m.get("items", [])) == 1 else m for m in menu]
