"""The two columns that let SQL search and order the delegates: `search_text` (every word a
person may type at the door or on the phone, lower case without diacritics: the names, then
NAMES_END, then the title and organisation, so SQL can tell a name from a title) and `name_key`
(the Vietnamese order of people as text that sorts byte by byte). Kept up to date by the
model's insert/update events, so every way of writing a delegate keeps them right."""
from ..core.text import fold, nfc, person_sort_key

NAME_KEY_LENGTH = 1024


NAMES_END = "|"


def _folded(*texts: str) -> str:
    return fold(" ".join(nfc(t) for t in texts if t)).replace(NAMES_END, " ")


def search_text(full_name: str, substitute_name: str, title: str, organisation: str) -> str:
    """"ho kim lan | pho chu tich ubnd xa xa binh chanh": the invitee's and the substitute's
    names before NAMES_END, the title and organisation after it."""
    return f"{_folded(full_name, substitute_name)} {NAMES_END} {_folded(title, organisation)}"


def name_key(full_name: str) -> str:
    """person_sort_key as one string: the ICU keys (each ends with a 0 byte and has no other)
    in hex, given name first, so comparing the strings compares the keys in turn."""
    return "".join(part.hex() for part in person_sort_key(full_name))[:NAME_KEY_LENGTH]


def words_of(text: str) -> list[str]:
    """The folded words of a search box, with LIKE's wildcards taken literally (and without
    NAMES_END, which only the column may hold)."""
    return [fold(w).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            for w in nfc(text).replace(NAMES_END, " ").split()]
