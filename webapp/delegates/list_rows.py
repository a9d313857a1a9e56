"""The cells of a page of the delegate list, formatted once in Python in one pass: the
template writes them as they are (no filter, property or macro per cell)."""
from typing import NamedTuple

from flask import current_app
from jinja2.filters import do_truncate

from ..core import people
from .models import REPLY_LABELS, Reply


class ListRow(NamedTuple):
    id: int
    number: int
    full_name: str
    walk_in: bool
    phone: str
    title: str                # "—" when empty
    organisation: str         # as it reads after a title ("xã Bình Chánh"), "—" when empty
    composition_label: str
    composition_short: str    # cut at a word before 60 characters, with "…"
    rank: int
    reply: str
    reply_label: str
    substitute: str | None    # "name, title" of the substitute sent (None: no substitute)
    invitation: str           # the invitation's number, "—" when none
    edit_url: str             # "" when the user may not edit the delegate
    delete_url: str


def list_rows(delegates, first_number: int, editable: set[int], edit_url, delete_url
              ) -> list[ListRow]:
    env = current_app.jinja_env
    short: dict[int, str] = {}        # per composition: a page has a few
    in_sentence: dict[str, str] = {}  # per organisation: a commune's delegates share theirs
    rows = []
    for number, d in enumerate(delegates, start=first_number):
        comp = d.composition
        if comp.id not in short:
            short[comp.id] = do_truncate(env, comp.label, 60, False, "…", 0)
        organisation = d.organisation
        if organisation not in in_sentence:
            in_sentence[organisation] = people.mid_sentence(organisation) if organisation else ""
        substitute = None
        if d.reply == Reply.SUBSTITUTE.value:
            substitute = (f"{d.substitute_name}, {d.substitute_title}" if d.substitute_title
                          else d.substitute_name)
        mine = d.id in editable
        rows.append(ListRow(
            d.id, number, d.full_name, d.walk_in, d.phone, d.title or "—",
            in_sentence[organisation] or "—", comp.label, short[comp.id], d.rank, d.reply,
            REPLY_LABELS[Reply(d.reply)], substitute, d.invitation_number or "—",
            edit_url(d.id) if mine else "", delete_url(d.id) if mine else ""))
    return rows
