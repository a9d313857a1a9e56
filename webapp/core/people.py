"""People in pages and documents: one formatter decides, per context, what to print.

A person is a name, a title, the body they belong to and a form of address (DESIGN.md,
"Protocol"): "đồng chí" for officials and members of the political system, "ông"/"bà" for
others — a field per person, never "ông (bà)". Title and body are kept apart and joined here
once, so that a document never says the body twice:

    >>> p = Person("Phan Quốc Khoa", "Chủ tịch UBND huyện", "UBND huyện Bình Sơn")
    >>> introduction(p)
    'đồng chí Phan Quốc Khoa, Chủ tịch UBND huyện'
    >>> title_line("Trưởng phòng", "Phòng Nội vụ")
    'Trưởng phòng Nội vụ'
    >>> title_line("Chánh Văn phòng", "Văn phòng HĐND và UBND huyện")
    'Chánh Văn phòng HĐND và UBND huyện'

Contexts: `address_line` (the addressee of an invitation, a line of its own), `introduction`
(mid-sentence: "Kính mời đồng chí …, … phát biểu"), `list_columns` (name and title columns of a
list), `name_card` (the card on the table). `mid_sentence` writes the category of an
administrative unit in lower case ("xã Bình Hiệp", "thị trấn Châu Ổ"; Nghị định 30, Phụ lục II).
"""
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .text import nfc

# Form of address: stored code -> how it reads mid-sentence.
COMRADE, MR, MRS = "dong_chi", "ong", "ba"
ADDRESS_WORDS = {COMRADE: "đồng chí", MR: "ông", MRS: "bà"}
ADDRESS_LABELS = {COMRADE: "Đồng chí", MR: "Ông", MRS: "Bà"}
DEFAULT_ADDRESS = COMRADE

# Abbreviations of Nghị định 30, Phụ lục III and local usage, as equal spellings of one body.
_SAME = (
    ("ủy ban mặt trận tổ quốc việt nam", "ủy ban mttq việt nam"),
    ("mặt trận tổ quốc việt nam", "mttq việt nam"),
    ("ủy ban nhân dân", "ubnd"),
    ("hội đồng nhân dân", "hđnd"),
    ("ngân hàng chính sách xã hội", "nhcsxh"),
    ("lao động – thương binh và xã hội", "lđtb&xh"),
    ("lao động - thương binh và xã hội", "lđtb&xh"),
    ("lao động, thương binh và xã hội", "lđtb&xh"),
    ("ban chỉ đạo", "bcđ"),
    ("phòng nông nghiệp và phát triển nông thôn", "phòng nn&ptnt"),
    ("hội liên hiệp phụ nữ", "hội lhpn"),
)
# Words that name a place after the body ("UBND huyện Bình Sơn"): a title names the body
# without them ("Chủ tịch UBND huyện").
_PLACES = ("bình sơn", "quảng ngãi")
# Words that name a group of a body's leaders ("Lãnh đạo UBND huyện", "Thường trực Huyện ủy"):
# a leader's title names the body itself.
_GROUPS = ("lãnh đạo ", "ban thường trực ", "thường trực ")
# The category of an administrative unit before its proper name ("Xã Bình Hiệp").
_CATEGORY = re.compile(r"(^|(?<=\s))(Xã|Thị trấn|Thị Trấn|Huyện|Tỉnh|Thôn|Phường|Tổ dân phố)"
                       r" (?=\w)")


@dataclass(frozen=True)
class Person:
    name: str
    title: str = ""        # "Chủ tịch UBND huyện", "Trưởng phòng", "Trưởng thôn Phú Lễ"
    body: str = ""         # "UBND huyện Bình Sơn", "Phòng Nội vụ", "Xã Bình Chánh"
    address: str = DEFAULT_ADDRESS

    @property
    def address_word(self) -> str:
        return address_word(self.address)


def address_word(code: str | None) -> str:
    return ADDRESS_WORDS.get(code or DEFAULT_ADDRESS, ADDRESS_WORDS[DEFAULT_ADDRESS])


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def mid_sentence(name: str) -> str:
    """A unit's name as it reads inside a sentence or after a title: "Xã Bình Hiệp" ->
    "xã Bình Hiệp", "UBND Thị trấn Châu Ổ" -> "UBND thị trấn Châu Ổ"."""
    name = " ".join(nfc(name).split())

    def lower(match):
        rest = name[match.end():]
        # only before a proper name: "Huyện đoàn", "Huyện ủy" are names of their own
        return match.group(0).lower() if rest[:1].isupper() else match.group(0)

    return _CATEGORY.sub(lower, name)


def _canon(text: str) -> str:
    text = " " + " ".join(nfc(text).casefold().split()) + " "
    for long, short in _SAME:
        text = text.replace(f" {long} ", f" {short} ")
    return text.strip()


def _core_of_body(body: str) -> str:
    """The body without the place after it: "ubnd huyện bình sơn" -> "ubnd huyện"."""
    core = _canon(body)
    for place in _PLACES:
        if core.endswith(" " + place):
            core = core[: -len(place) - 1].strip()
    for group in _GROUPS:
        if core.startswith(group):
            core = core[len(group):]
    return core


def names_body(title: str, body: str) -> bool:
    """Whether the title already names the body ("Chủ tịch UBND huyện" of "UBND huyện Bình
    Sơn", "Chủ tịch Ủy ban MTTQ Việt Nam huyện" of "Ủy ban Mặt trận Tổ quốc Việt Nam huyện")."""
    if not title or not body:
        return bool(title)
    core, spoken = _core_of_body(body), _canon(title)
    if not core:
        return True
    return f" {core} " in f" {spoken} "


@lru_cache(maxsize=8192)
def title_line(title: str, body: str = "") -> str:
    """One title that names the body: the title alone when it does, else the two joined
    without repeating the words they share ("Trưởng phòng" + "Phòng Nội vụ"). A pure function
    of two strings, asked for every person of every list: kept per process."""
    title, body = " ".join(nfc(title).split()), " ".join(nfc(body).split())
    if not body:
        return title
    if not title:
        return mid_sentence(body)
    if names_body(title, body):
        return title
    t_words, b_words = title.split(), mid_sentence(body).split()
    for size in range(min(len(t_words), len(b_words)), 0, -1):
        if [w.casefold() for w in t_words[-size:]] == [w.casefold() for w in b_words[:size]]:
            return " ".join(t_words + b_words[size:])
    last = t_words[-1]
    # a title ending with a proper name ("Trưởng thôn Phú Lễ") takes the body after a comma
    joiner = ", " if last[:1].isupper() and not last.isupper() and len(t_words) > 1 else " "
    return title + joiner + " ".join(b_words)


def full_title(person: Person) -> str:
    return title_line(person.title, person.body)


def introduction(person: Person, *, start: bool = False) -> str:
    """"đồng chí Phan Quốc Khoa, Chủ tịch UBND huyện" (capitalised when it starts a line)."""
    text = person.address_word + " " + person.name
    title = full_title(person)
    if title:
        text += ", " + title
    return capitalise(text) if start else text


def address_line(person: Person) -> str:
    """The addressee of an invitation: a line of its own, capitalised."""
    return introduction(person, start=True)


def list_columns(person: Person) -> tuple[str, str]:
    """(name, title) columns of a list: the title names the body once."""
    return person.name, capitalise(full_title(person))


def name_card(person: Person) -> dict:
    return {"name": person.name, "title": capitalise(full_title(person))}


def plural_address(people: Iterable[Person]) -> str:
    """How several invitees of one organisation are addressed together: "các đồng chí",
    "các ông", "các bà", "các ông, bà"; one person: their own form."""
    people = list(people)
    forms = {p.address or DEFAULT_ADDRESS for p in people}
    if len(people) == 1:
        return people[0].address_word
    if COMRADE in forms or not forms:
        return "các đồng chí"
    if forms == {MR}:
        return "các ông"
    if forms == {MRS}:
        return "các bà"
    return "các ông, bà"


def official(code: str) -> Person | None:
    """The office holder the units data names `code` ("chu-tich-ubnd"), as a Person."""
    from ..extensions import db
    from ..plan.models import Official
    row = db.session.query(Official).filter_by(code=code).one_or_none()
    return of_official(row) if row is not None else None


def of_official(row) -> Person:
    return Person(row.full_name, row.title, row.unit.name, row.address)


def officials_of(unit_code: str) -> list[Person]:
    """The named office holders of a unit, in the data file's order."""
    from ..extensions import db
    from ..plan.models import Official, Unit
    rows = (db.session.query(Official).join(Official.unit).filter(Unit.code == unit_code)
            .order_by(Official.position).all())
    return [of_official(r) for r in rows]


def head_of(unit_code: str, *titles: str) -> Person | None:
    """The first office holder of the unit (data file order) whose title is one of `titles`
    ("Trưởng phòng"; "Chủ tịch", "Chủ tịch UBND xã"), compared without case; None when the
    units data names nobody (a document then leaves the name for the signer to write)."""
    wanted = {nfc(t).casefold() for t in titles}
    return next((p for p in officials_of(unit_code) if nfc(p.title).casefold() in wanted), None)
