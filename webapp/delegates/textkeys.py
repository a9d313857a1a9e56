"""The two columns that let SQL search and order the delegates: `search_text` (every word a
person may type at the door or on the phone, lower case without diacritics) and `name_key`
(the Vietnamese order of people as text that sorts byte by byte). Kept up to date by the
model's insert/update events, so every way of writing a delegate keeps them right."""
import unicodedata

from ..core.text import nfc, person_sort_key

NAME_KEY_LENGTH = 1024


def fold(text: str) -> str:
    """Lower case without diacritics (đ -> d): what people type on a phone in a hurry."""
    decomposed = unicodedata.normalize("NFD", (text or "").lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_text(full_name: str, substitute_name: str, title: str, organisation: str) -> str:
    return fold(" ".join(nfc(t) for t in (full_name, substitute_name, title, organisation) if t))


def name_key(full_name: str) -> str:
    """person_sort_key as one string: the ICU keys (each ends with a 0 byte and has no other)
    in hex, given name first, so comparing the strings compares the keys in turn."""
    return "".join(part.hex() for part in person_sort_key(full_name))[:NAME_KEY_LENGTH]


def words_of(text: str) -> list[str]:
    """The folded words of a search box, with LIKE's wildcards taken literally."""
    return [fold(w).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            for w in nfc(text).split()]
