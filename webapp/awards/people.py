"""How rewards' papers name a person: the name with one title that already names the body
("đồng chí Nguyễn Văn A, Trưởng phòng Nội vụ"), "đồng chí" / "ông" / "bà" per person.

One function, kept here until the shared formatter (webapp.core.people) lands; the address
codes are the same ("dong_chi", "ong", "ba")."""
import re
import unicodedata

# Spellings of one body (Nghị định 30, Phụ lục III abbreviations and local usage).
_SAME = (
    ("phòng nông nghiệp và phát triển nông thôn", "phòng nn&ptnt"),
    ("ủy ban mặt trận tổ quốc việt nam", "ủy ban mttq việt nam"),
    ("mặt trận tổ quốc việt nam", "mttq việt nam"),
    ("hội liên hiệp phụ nữ", "hội lhpn"),
    ("ngân hàng chính sách xã hội", "nhcsxh"),
    ("lao động - thương binh và xã hội", "lđtb&xh"),
    ("lao động, thương binh và xã hội", "lđtb&xh"),
    ("ủy ban nhân dân", "ubnd"),
)


def _canon(text: str) -> str:
    text = " " + " ".join(unicodedata.normalize("NFC", text or "").casefold().split()) + " "
    for long, short in _SAME:
        text = text.replace(f" {long} ", f" {short} ")
    return re.sub(r"\s+", " ", text).strip()


def title_line(title: str, body: str = "") -> str:
    """One title that names the body: the title alone when it already does
    ("Chuyên viên Phòng NN&PTNT" of "Phòng Nông nghiệp và Phát triển nông thôn"), else the two
    joined by a comma ("Trưởng thôn Phước Hòa, xã Bình Chánh")."""
    title, body = " ".join((title or "").split()), " ".join((body or "").split())
    if not body:
        return title
    if not title:
        return body
    if f" {_canon(body)} " in f" {_canon(title)} ":
        return title
    return f"{title}, {body}"


def person_line(name: str, title: str = "", address: str = "dong_chi", *, start: bool = False) -> str:
    """"đồng chí Nguyễn Văn A, Trưởng phòng Nội vụ" (capitalised at the start of a line)."""
    from .models import ADDRESS_LABELS
    word = ADDRESS_LABELS.get(address or "dong_chi", "Đồng chí")
    text = f"{word if start else word.lower()} {name}".strip()
    return f"{text}, {title}" if title else text
