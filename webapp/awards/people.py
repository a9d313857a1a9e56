"""How rewards' papers name a person: the name with one title that already names the body
("đồng chí Nguyễn Văn A, Trưởng phòng Nội vụ"), "đồng chí" / "ông" / "bà" per person.

One function, kept here until the shared formatter (webapp.core.people) lands; the address
codes are the same ("dong_chi", "ong", "ba")."""
from .models import ADDRESS_LABELS


def person_line(name: str, title: str = "", address: str = "dong_chi", *, start: bool = False) -> str:
    """"đồng chí Nguyễn Văn A, Trưởng phòng Nội vụ" (capitalised at the start of a line)."""
    word = ADDRESS_LABELS.get(address or "dong_chi", "Đồng chí")
    text = f"{word if start else word.lower()} {name}".strip()
    return f"{text}, {title}" if title else text
