"""The embedded database: an SQLite too old for the app's statements is refused at start with
a sentence saying what to do, not by a syntax error on the first district page."""
import sqlite3

import pytest

from webapp.core.database import SQLITE_AT_LEAST, _require_sqlite_version


def test_an_old_sqlite_is_refused_at_start_with_what_to_do():
    with pytest.raises(RuntimeError, match=r"SQLite 3\.26\.0 is too old: the app needs SQLite 3\.35\.0"):
        _require_sqlite_version((3, 26, 0))


def test_the_sqlite_of_this_python_is_accepted(app):
    assert sqlite3.sqlite_version_info >= SQLITE_AT_LEAST
    _require_sqlite_version(sqlite3.sqlite_version_info)
