"""Papers printed from the delegate list: the list (annex of the invitations), the sign-in
sheet of the day, the attendance figures after it, and the name cards. Reads only."""
from ..core import clock, people
from ..plan.models import Plan
from .invitations import common, issues, person_of, summary_of
from .models import Reply
from .queries import attendance, delegates_of, seat_counts


def _roman(n: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


def _groups(delegates) -> tuple[list[dict], int]:
    groups, index, current = [], 0, None
    for d in delegates:
        if current is None or current["id"] != d.composition_id:
            current = {"id": d.composition_id, "label": d.composition.label, "rows": [],
                       "roman": _roman(len(groups) + 1)}
            groups.append(current)
        index += 1
        name, title = people.list_columns(person_of(d))
        current["rows"].append({"no": index, "name": name, "title": title})
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
    """The delegate list: an annex of the invitations, by composition, without replies. The
    presiding leaders are on it (they are not invited, but they attend)."""
    groups, total = _groups([d for d in delegates_of(plan) if not d.walk_in])
    return {**common(plan), "groups": groups, "total": total,
            "attachment_line": _attachment_line(plan), "summary": summary_of(plan),
            "title": "Danh sách đại biểu " + summary_of(plan)[:1].lower() + summary_of(plan)[1:]}


def signin_context(plan: Plan) -> dict:
    """The sign-in sheet of the day: who is expected (the substitute in the invitee's place),
    by composition, with a signature column."""
    rows = []
    for d in delegates_of(plan):
        if d.reply == Reply.DECLINED:
            continue
        rows.append(d)
    groups, index, current = [], 0, None
    for d in rows:
        if current is None or current["id"] != d.composition_id:
            current = {"id": d.composition_id, "label": d.composition.label, "rows": [],
                       "roman": _roman(len(groups) + 1)}
            groups.append(current)
        index += 1
        person = people.Person(d.attendee_name, d.attendee_title, d.organisation, d.address)
        name, title = people.list_columns(person)
        current["rows"].append({"no": index, "name": name, "title": title})
    for g in groups:
        g.pop("id")
    return {**common(plan), "groups": groups, "total": index, "summary": summary_of(plan),
            "day": plan.conference_date.strftime("%d/%m/%Y") if plan.conference_date else "",
            "title": "Danh sách đại biểu ký tên " + summary_of(plan)[:1].lower()
                     + summary_of(plan)[1:]}


def attendance_context(plan: Plan) -> dict:
    """After the day: planned, invited, confirmed and present per composition, with totals."""
    rows = []
    for c in seat_counts(plan):
        rows.append({"label": c.composition.label, "planned": c.planned, "named": c.named,
                     "coming": c.coming, "present": c.present})
    counts = attendance(plan)
    totals = {k: sum(r[k] for r in rows) for k in ("planned", "named", "coming", "present")}
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
