""""Chờ tôi xử lý": what waits for the current user's unit, gathered from every feature.

Each feature registers a provider at import of its views module:

    register_waiting("reports.review", provider)

where `provider(user)` returns a list of `Waiting` items for that user (an empty list when the
user's role has nothing to do there). The home page shows them with counts, oldest first, each
one click from its screen. Providers answer with a constant number of queries (counts and the
oldest date, not one query per row).
"""
from collections.abc import Callable
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


def register_waiting(name: str, provider: Callable) -> None:
    _PROVIDERS[name] = provider


def waiting_for(user) -> list[Waiting]:
    """Every non-empty item waiting for `user`, the longest-waiting first."""
    items = [item for provider in _PROVIDERS.values() for item in provider(user) if item.count]
    return sorted(items, key=lambda i: (i.oldest_date is None, i.oldest_date or date.max, i.label))
