"""Vietnamese text: NFC storage and collation (PyICU's vi collator: a < ă < â, d < đ ...)."""
import re
import unicodedata
from functools import lru_cache

import icu


@lru_cache(maxsize=1)
def _collator():
    return icu.Collator.createInstance(icu.Locale("vi_VN"))


def nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def fold(text: str) -> str:
    """Lower case without diacritics (đ -> d): what people type on a phone in a hurry."""
    decomposed = unicodedata.normalize("NFD", (text or "").lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


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


# Characters no typed text needs and that break or disguise what is shown: C0 and C1 controls
# (tab and newline are kept where text may have them), DEL, the bidi embeddings, overrides and
# isolates (U+202E makes "gpj.exe" read as "exe.jpg"), lone surrogates and the non-characters
# (U+FDD0-U+FDEF and U+xFFFE/U+xFFFF of every plane; XML refuses U+FFFE and U+FFFF).
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
_UNWANTED = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff{_NONCHARACTERS}]")
_UNWANTED_IN_NAMES = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff{_NONCHARACTERS}]")


def strip_controls(text: str, *, keep_tab_newline: bool = True) -> str:
    """The text without control, bidi-override and non-characters (carriage returns go too:
    a line ends with a newline). With keep_tab_newline=False tabs and newlines go as well
    (file names, one-line labels)."""
    pattern = _UNWANTED if keep_tab_newline else _UNWANTED_IN_NAMES
    return pattern.sub("", text.replace("\r\n", "\n"))


def clean_input(text):
    """What a text field keeps of typed or pasted text: NFC, no control characters.
    A value that is not text (None for no data, an int a form was filled with `obj=`) is
    left as it is."""
    if not isinstance(text, str):
        return text
    return strip_controls(unicodedata.normalize("NFC", text))
