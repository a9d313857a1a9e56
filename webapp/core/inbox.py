""""Chờ tôi xử lý": what waits for the current user's unit, gathered from every feature.

Each feature registers a provider at import of its views module:

    register_waiting("reports.review", provider)

where `provider(user)` returns a list of `Waiting` items for that user (an empty list when the
user's role has nothing to do there). The home page shows them with counts, oldest first, each
one click from its screen. Providers answer with a constant number of queries (counts and the
oldest date, not one query per row).

Several providers often need the same rows (the unit's own assignments, the submitted work per
duty): they read them through `shared(key, build)`, which builds each key once per
`waiting_for` call, and the page that already loaded some of them hands them in (`known=`).
"""
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Waiting:
    label: str            # "Báo cáo chờ tiếp nhận", in Vietnamese, says what to do
    count: int
    url: str              # the screen where it is done
    oldest: date | datetime | None = None   # when the oldest item started waiting

    @property
    def oldest_date(self) -> date | None:
        return self.oldest.date() if isinstance(self.oldest, datetime) else self.oldest


_PROVIDERS: dict[str, Callable] = {}
_SHARED: ContextVar[dict | None] = ContextVar("inbox_shared", default=None)


def register_waiting(name: str, provider: Callable) -> None:
    _PROVIDERS[name] = provider


def shared(key, build: Callable):
    """What several providers read: built once per `waiting_for` call (a provider called on
    its own builds it every time)."""
    reads = _SHARED.get()
    if reads is None:
        return build()
    if key not in reads:
        reads[key] = build()
    return reads[key]


def waiting_for(user, known: dict | None = None) -> list[Waiting]:
    """Every non-empty item waiting for `user`, the longest-waiting first. `known`: reads the
    page has already made, under the keys the providers ask `shared` for."""
    token = _SHARED.set(dict(known or {}))
    try:
        items = [item for provider in _PROVIDERS.values() for item in provider(user)
                 if item.count]
    finally:
        _SHARED.reset(token)
    return sorted(items, key=lambda i: (i.oldest_date is None, i.oldest_date or date.max, i.label))
