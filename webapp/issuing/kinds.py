"""The kinds of paper the app issues, registered by adapters (webapp/issuing/adapters/).

A kind says what the paper is (label, document type, which body issues it, which unit drafts
it) and how to build its .docx: `context(plan, params)` reads the feature's data as its page
shows it (number blank), `fill(context, number_text, on, plan)` puts the register's number and
date in, and the feature's template renders it. `on_issued(paper, actor)` lets the feature
record the number on its own object (the decision, the invitations, the plan);
`on_withdrawn(paper, reason, actor)` lets it undo that when the văn thư withdraws the paper.
"""
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from ..core.errors import DomainError
from ..core.formatting import ddmmyyyy, document_date


def default_fill(context: dict, number_text: str, on: date | None, plan) -> dict:
    filled = dict(context)
    filled["number_text"] = number_text
    filled["number"] = number_text.split("/")[0].strip()
    filled["place_date"] = document_date(plan.place_of_issue, on)
    filled["date_short"] = ddmmyyyy(on) if on else "…"
    return filled


@dataclass(frozen=True)
class PaperKind:
    code: str
    label: str                      # "Quyết định khen thưởng"
    doc_type: str                   # "QĐ" (registers.toml); "" for a working paper (no number)
    issuer: str                     # body code in registers.toml ("ubnd", "ldtbxh"...)
    drafter: str                    # unit code of the drafting unit ("noivu")
    template: str                   # .docx template of webapp/documents/templates
    context: Callable               # (plan, params) -> dict (JSON-able)
    page_endpoint: str              # the feature's page where the paper is drafted
    summary: Callable               # (plan, params) -> trích yếu
    fill: Callable = default_fill
    default_units: Callable = field(default=lambda plan, params: [])  # recipient unit codes
    on_issued: Callable | None = None
    on_withdrawn: Callable | None = None
    filename: str = ""              # base of the downloaded files ("Quyết định khen thưởng")
    # Options the feature's page carries in its query string (the letter's scope, deadline):
    # kept with the paper so that its text is the one the page showed.
    param_names: tuple[str, ...] = ()

    @property
    def numbered(self) -> bool:
        return bool(self.doc_type)


_KINDS: dict[str, PaperKind] = {}


def register(kind: PaperKind) -> PaperKind:
    _KINDS[kind.code] = kind
    return kind


def get(code: str) -> PaperKind:
    load_adapters()
    try:
        return _KINDS[code]
    except KeyError:
        raise DomainError("Loại văn bản này không có trong ứng dụng.") from None


def all_kinds() -> list[PaperKind]:
    load_adapters()
    return list(_KINDS.values())


def load_adapters() -> None:
    from . import adapters  # noqa: F401  (each adapter module registers its kinds)
