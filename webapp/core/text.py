"""Vietnamese text: NFC storage and collation (PyICU's vi collator: a < ă < â, d < đ ...)."""
import unicodedata
from functools import lru_cache

import icu


@lru_cache(maxsize=1)
def _collator():
    return icu.Collator.createInstance(icu.Locale("vi_VN"))


def nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def sort_key(text: str) -> bytes:
    return _collator().getSortKey(nfc(text))


def person_sort_key(full_name: str) -> tuple[bytes, bytes, bytes]:
    """Vietnamese order of people: given name (last word), then family name, then middle names."""
    words = nfc(full_name).split()
    if not words:
        return (b"", b"", b"")
    given = words[-1]
    family = words[0] if len(words) > 1 else ""
    middle = " ".join(words[1:-1])
    return (sort_key(given), sort_key(family), sort_key(middle))
