"""The one place that reads the clock for business rules.

The demo runs "as of" a configured date (TODAY, 15/11/2023 by default) so the seed plan's
deadlines count down as they did for the district; production leaves TODAY unset and uses the
real date. now() keeps the real time of day on the business date, so that "submitted at" and
"deadline" compare on the same calendar.
"""
from datetime import date, datetime

from flask import current_app, has_app_context


def _configured_today() -> date | None:
    if not has_app_context():
        return None
    value = current_app.config.get("TODAY")
    if not value:
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def today() -> date:
    return _configured_today() or date.today()


def now() -> datetime:
    real = datetime.now().replace(microsecond=0)
    fixed = _configured_today()
    if fixed is None:
        return real
    return datetime.combine(fixed, real.time())
