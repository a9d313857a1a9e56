"""The outgoing register: which sequence numbers a paper (data in registers.toml), taking the
next number without gaps or duplicates under concurrent issuing, and reading the register.

Concurrency: the counter row of (body, register, year) is created if missing (INSERT ... ON
CONFLICT DO NOTHING, so two first numbers of a year cannot both create it) and then locked
(SELECT ... FOR UPDATE on PostgreSQL; SQLite write requests already hold the database lock
from BEGIN IMMEDIATE). The unique constraint on the register line is the last guard.
"""
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..core import clock
from ..core.errors import DomainError
from ..extensions import db
from .models import Paper, RegisterCounter, RegisterEntry

REGISTERS_FILE = Path(__file__).with_name("registers.toml")


@dataclass(frozen=True)
class Register:
    code: str
    label: str
    types: tuple[str, ...]


@dataclass(frozen=True)
class Body:
    code: str
    own_name: str        # the name registers.toml gives ("UBND huyện Bình Sơn")
    clerk_unit: str
    suffix: str
    registers: tuple[Register, ...]
    unit: str = ""       # the body is this unit of the units data: its name is the unit's

    @property
    def name(self) -> str:
        """"Phòng Lao động - Thương binh và Xã hội": a body that is a unit is named as the units
        data names it (written once, there)."""
        if not self.unit:
            return self.own_name
        names = _unit_names()
        if self.unit not in names:
            raise DomainError(f"Sổ văn bản đi: không có đơn vị mã “{self.unit}” trong dữ liệu "
                              "đơn vị.")
        return names[self.unit]

    def register_for(self, doc_type: str) -> Register:
        for register in self.registers:
            if doc_type in register.types:
                return register
        raise DomainError(f"Sổ văn bản đi của {self.name} chưa có sổ cho loại văn bản "
                          f"“{TYPES().get(doc_type, doc_type)}”: bổ sung tệp cấu hình sổ.")


@cache
def _data(path: str = str(REGISTERS_FILE)) -> dict:
    with open(path, "rb") as f:
        return tomllib.load(f)


def _unit_names() -> dict[str, str]:
    """The names of the units that are issuing bodies, read once per request."""
    from flask import g

    from ..plan.models import Unit
    if "issuing_unit_names" not in g:
        codes = [b["unit"] for b in _data()["body"].values() if b.get("unit")]
        g.issuing_unit_names = dict(db.session.query(Unit.code, Unit.name)
                                    .filter(Unit.code.in_(codes)).all())
    return g.issuing_unit_names


def TYPES() -> dict[str, str]:  # noqa: N802  (a table of data, read like a constant)
    return dict(_data()["types"])


def bodies() -> dict[str, Body]:
    raw = _data()
    out = {}
    for code, body in raw["body"].items():
        registers = tuple(Register(r["code"], r["label"], tuple(r["types"]))
                          for r in body.get("register", []))
        out[code] = Body(code, body.get("name", ""), body["clerk_unit"], body["suffix"],
                         registers, body.get("unit", ""))
    return out


def body(code: str) -> Body:
    try:
        return bodies()[code]
    except KeyError:
        raise DomainError(f"Chưa khai báo cơ quan ban hành “{code}” trong sổ văn bản đi.") from None


def symbol(issuer: str, doc_type: str, drafter_code: str) -> str:
    """"QĐ-UBND"; a công văn: "UBND-LĐTBXH" (the drafting unit's abbreviation)."""
    b = body(issuer)
    if doc_type == "CV":
        drafter = _data().get("drafters", {}).get(drafter_code, "")
        return f"{b.suffix}-{drafter}" if drafter and drafter != b.suffix else b.suffix
    return f"{doc_type}-{b.suffix}"


def format_number(number: int, sym: str) -> str:
    """"05/QĐ-UBND": numbers below 10 with a leading 0 (Nghị định 30)."""
    return f"{number:02d}/{sym}"


def blank_number(sym: str) -> str:
    """The number line of a draft: "      /QĐ-UBND" (the văn thư fills it in)."""
    return f"      /{sym}"


def _ensure_counter(issuer: str, register: str, year: int) -> None:
    values = {"issuer": issuer, "register": register, "year": year, "last_number": 0}
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        stmt = pg_insert(RegisterCounter).values(**values).on_conflict_do_nothing(
            index_elements=["issuer", "register", "year"])
    else:
        stmt = sqlite_insert(RegisterCounter).values(**values).on_conflict_do_nothing(
            index_elements=["issuer", "register", "year"])
    db.session.execute(stmt)


def take_number(issuer: str, register: str, year: int) -> int:
    """The next number of the register in the year; the caller's transaction holds the lock
    until it commits, so nobody else can take the same one."""
    _ensure_counter(issuer, register, year)
    counter = db.session.execute(
        select(RegisterCounter).filter_by(issuer=issuer, register=register, year=year)
        .with_for_update().execution_options(populate_existing=True)).scalar_one()
    counter.last_number += 1
    db.session.flush()
    return counter.last_number


def register_paper(paper: Paper, *, actor, on: date | None = None) -> RegisterEntry:
    """Give the paper its number and date in its body's register (one line, for good)."""
    on = on or clock.today()
    b = body(paper.issuer)
    register = b.register_for(paper.doc_type)
    number = take_number(b.code, register.code, on.year)
    sym = symbol(b.code, paper.doc_type, paper.drafting_unit.code)
    entry = RegisterEntry(paper_id=paper.id, issuer=b.code, register=register.code,
                          year=on.year, number=number, symbol=sym,
                          number_text=format_number(number, sym), issued_on=on,
                          registered_at=clock.now(), registered_by_id=getattr(actor, "id", None))
    db.session.add(entry)
    db.session.flush()
    return entry


@dataclass
class RegisterFilter:
    issuer: str
    year: int
    register: str = ""
    doc_type: str = ""
    text: str = ""


def entries(f: RegisterFilter) -> list[RegisterEntry]:
    query = (db.session.query(RegisterEntry).join(RegisterEntry.paper)
             .filter(RegisterEntry.issuer == f.issuer, RegisterEntry.year == f.year))
    if f.register:
        query = query.filter(RegisterEntry.register == f.register)
    if f.doc_type:
        query = query.filter(Paper.doc_type == f.doc_type)
    rows = query.order_by(RegisterEntry.register, RegisterEntry.number).all()
    if f.text:
        from ..core.text import nfc
        needle = nfc(f.text).casefold()
        rows = [e for e in rows if needle in e.paper.summary.casefold()
                or needle in e.number_text.casefold()]
    return rows


def years(issuer: str) -> list[int]:
    found = {y for (y,) in db.session.query(RegisterEntry.year)
             .filter(RegisterEntry.issuer == issuer).distinct()}
    found.add(clock.today().year)
    return sorted(found, reverse=True)
