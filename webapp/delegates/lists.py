"""Papers printed from the delegate list: the list (annex of the invitations), the sign-in
sheet of the day, the attendance figures after it, and the name cards. Reads only."""
from ..core import clock, people
from ..plan.models import Plan
from .invitations import common, issues, person_of, presides, presiding_unit_code, summary_of
from .models import COMING, Reply
from .queries import attendance, delegates_of

NOT_INVITED = "—"   # a figure that does not apply: the presiding leaders are not invited


def _roman(n: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


def _presiding_label() -> str:
    from ..conference.script import invitation_settings
    return invitation_settings().get("presiding_label", "Chủ trì hội nghị")


def invitee_label(label: str) -> str:
    """A composition's label without the presiding leaders it names ("Thường trực Huyện ủy,
    Thường trực HĐND huyện, lãnh đạo UBND huyện, …" -> without "lãnh đạo UBND huyện"): the
    UBND's own leaders preside, they are not among its invitees."""
    from ..conference.script import invitation_settings
    own = invitation_settings().get("presiding_in_labels", "").casefold()
    if not own:
        return label
    parts = label.split(", ")
    kept = [p for p in parts if p.casefold() != own]
    return ", ".join(kept) if kept else label


def _groups(delegates, person=person_of, first: tuple[str, list] | None = None
            ) -> tuple[list[dict], int]:
    """Rows by composition, numbered throughout; `first`: a group of its own before them
    (label, delegates)."""
    groups, index, current = [], 0, None

    def row(d):
        nonlocal index
        index += 1
        name, title = people.list_columns(person(d))
        return {"no": index, "name": name, "title": title}

    if first is not None and first[1]:
        groups.append({"id": None, "label": first[0], "rows": [row(d) for d in first[1]],
                       "roman": _roman(1)})
    for d in delegates:
        if current is None or current["id"] != d.composition_id:
            current = {"id": d.composition_id, "label": invitee_label(d.composition.label),
                       "rows": [],
                       "roman": _roman(len(groups) + 1)}
            groups.append(current)
        current["rows"].append(row(d))
    for g in groups:
        g.pop("id")
    return groups, index


def _attachment_line(plan: Plan) -> str:
    batches = [b for b in issues(plan)]
    if not batches:
        return "(Kèm theo Giấy mời số      /GM-UBND ngày      của UBND huyện Bình Sơn)"
    first = batches[-1]
    return (f"(Kèm theo Giấy mời số {first.number} ngày {first.issued_on:%d/%m/%Y} của "
            f"{plan.issuer})")


def list_context(plan: Plan, batch=None) -> dict:
    """The delegate list: an annex of the invitations, by composition, without replies. Only
    the invitees: the issuing body's own leaders preside, its giấy mời does not invite them."""
    code = presiding_unit_code()
    groups, total = _groups([d for d in delegates_of(plan)
                             if not d.walk_in and not presides(d, code)])
    return {**common(plan), "groups": groups, "total": total,
            "attachment_line": _attachment_line(plan), "summary": summary_of(plan),
            "title": "Danh sách đại biểu " + summary_of(plan)[:1].lower() + summary_of(plan)[1:]}


def _attendee(d) -> people.Person:
    return people.Person(d.attendee_name, d.attendee_title, d.organisation, d.address)


def signin_context(plan: Plan) -> dict:
    """The sign-in sheet of the day: who is expected (the substitute in the invitee's place),
    by composition, with a signature column; the presiding leaders first, in a group of
    their own (they attend, they are not invitees)."""
    code = presiding_unit_code()
    expected = [d for d in delegates_of(plan) if d.reply != Reply.DECLINED]
    chairs = [d for d in expected if presides(d, code)]
    groups, index = _groups([d for d in expected if not presides(d, code)], _attendee,
                            first=(_presiding_label(), chairs))
    return {**common(plan), "groups": groups, "total": index, "summary": summary_of(plan),
            "day": plan.conference_date.strftime("%d/%m/%Y") if plan.conference_date else "",
            "title": "Danh sách đại biểu ký tên " + summary_of(plan)[:1].lower()
                     + summary_of(plan)[1:]}


def attendance_context(plan: Plan) -> dict:
    """After the day: planned, invited, confirmed and present per composition, with totals.
    The presiding leaders are a row of their own, never counted as invited or confirming: a
    composition's planned seats are the plan's less the presiding leaders named in it."""
    code = presiding_unit_code()
    named = [d for d in delegates_of(plan) if not d.walk_in]
    chairs = [d for d in named if presides(d, code)]
    rows = []
    if chairs:
        rows.append({"label": _presiding_label(), "planned": len(chairs),
                     "named": NOT_INVITED, "coming": NOT_INVITED,
                     "present": sum(1 for d in chairs if d.checked_in_at is not None)})
    for c in plan.compositions:
        mine = [d for d in named if d.composition_id == c.id]
        invitees = [d for d in mine if not presides(d, code)]
        rows.append({"label": invitee_label(c.label),
                     "planned": max(0, c.planned - (len(mine) - len(invitees))),
                     "named": len(invitees),
                     "coming": sum(1 for d in invitees if d.reply in COMING),
                     "present": sum(1 for d in invitees if d.checked_in_at is not None)})
    counts = attendance(plan)
    totals = {k: sum(r[k] for r in rows if r[k] != NOT_INVITED)
              for k in ("planned", "named", "coming", "present")}
    return {**common(plan), "rows": rows, "totals": totals, "walk_ins": counts["walk_ins"],
            "present_all": counts["present"], "summary": summary_of(plan),
            "day": plan.conference_date.strftime("%d/%m/%Y") if plan.conference_date else "",
            "generated": clock.now().strftime("%H giờ %M, ngày %d/%m/%Y"),
            "title": "Số liệu đại biểu dự hội nghị"}


def name_cards_context(plan: Plan, composition_ids: list[int]) -> dict:
    """Name cards for the front rows: who is coming (the substitute in the invitee's place)."""
    cards = []
    for d in delegates_of(plan):
        if d.composition_id in composition_ids and d.reply != Reply.DECLINED:
            person = people.Person(d.attendee_name, d.attendee_title, d.organisation, d.address)
            cards.append(people.name_card(person))
    return {"cards": cards, "title": "Bảng tên đại biểu", "author": plan.issuer}


def front_row_ids(plan: Plan) -> list[int]:
    """By default: the province guests and the district's first composition."""
    chosen = [c.id for c in plan.compositions if c.level == "province"]
    district = sorted((c for c in plan.compositions if c.level == "district"),
                      key=lambda c: (c.protocol_rank, c.position))
    if district:
        chosen.append(district[0].id)
    return chosen
