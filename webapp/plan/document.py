"""The plan (KẾ HOẠCH) regenerated from the plan data, with the outline of §VI.1 (đề cương)
as its annex: what `flask plan load` read, in the words and order of the plan itself.

Only plan text is printed: the deadlines the plan fixes, never a working deadline set in the
app, no workflow state, every unit named once by its name in the units file.
"""
import re

from ..core.formatting import ddmmyyyy, document_date
from ..core.roles import UnitKind
from ..extensions import db

TEMPLATE = "ke-hoach.docx"
BLANK = "      "            # room to write a number or a day by hand
_PLACEHOLDER = re.compile(r"\{([a-z0-9_-]+)\}")
PLAN_FIELDS = {"movement": "movement_name", "program": "program_name", "period": "period"}


def plan_duties(plan):
    from ..duties.models import Duty
    return db.session.query(Duty).filter_by(plan_id=plan.id).order_by(Duty.position).all()


def _units():
    from .models import Unit
    return {u.code: u for u in db.session.query(Unit)}


def _fill(text: str, plan, units) -> str:
    """{code} -> the unit's name; {movement}, {program}, {period} -> the plan's own."""
    def one(match):
        key = match.group(1)
        if key in PLAN_FIELDS:
            return getattr(plan, PLAN_FIELDS[key])
        return units[key].name
    return _PLACEHOLDER.sub(one, text)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _end(text: str, mark: str) -> str:
    return text.rstrip(" .;:") + mark


def date_line(plan) -> str:
    """"Bình Sơn, ngày 05 tháng 9 năm 2023"; while undated, "ngày   tháng   năm 2023"."""
    if plan.issued_on or not plan.issue_year:
        return document_date(plan.place_of_issue, plan.issued_on)
    return f"{plan.place_of_issue}, ngày{BLANK}tháng{BLANK}năm {plan.issue_year}"


def reference(plan) -> str:
    """"Kế hoạch số 125/KH-UBND ngày 25/10/2023", blanks where the plan has none yet."""
    number = plan.number or BLANK
    if plan.issued_on:
        when = ddmmyyyy(plan.issued_on)
    else:
        when = f"{BLANK}/{BLANK}/{plan.issue_year}" if plan.issue_year else BLANK
    return f"Kế hoạch số {number}/KH-UBND ngày {when}"


def owners_text(duties, units) -> str:
    """The units that own the duties, in the plan's order; every commune and the town are
    "UBND các xã, thị trấn"."""
    owners = sorted({a.unit for d in duties for a in d.assignments}, key=lambda u: u.position)
    communes = [u for u in owners if u.kind == UnitKind.COMMUNE]
    all_communes = [u for u in units.values() if u.kind == UnitKind.COMMUNE and u.is_active]
    names = [u.name for u in owners if u.kind != UnitKind.COMMUNE]
    if communes and len(communes) == len(all_communes):
        names.append("UBND các xã, thị trấn")
    else:
        names += [u.official_name for u in communes]
    return ", ".join(names)


def implementation(plan, duties, units) -> list[dict]:
    """§VI numbered as the plan numbers it, from the plan's wording and its duties."""
    rows = []
    for number, row in enumerate((plan.wording or {}).get("implementation", []), start=1):
        mine = [d for d in duties if d.section == row["section"]]
        fixed = sorted(d.deadline for d in mine if d.deadline_fixed and d.deadline)
        deadline = f" trước ngày {ddmmyyyy(fixed[0])}" if fixed else ""
        who = _fill(row["who"], plan, units) if row.get("who") else owners_text(mine, units)
        entry = {"number": number, "who": who, "text": "", "paragraph": "", "items": [],
                 "note": _end(_fill(row["note"], plan, units), "") if row.get("note") else ""}
        if row.get("text"):
            entry["text"] = _end(_fill(row["text"], plan, units), "") + deadline + "."
        elif row.get("paragraph"):
            entry["paragraph"] = _end(_fill(row["paragraph"], plan, units), "") + deadline + "."
        else:
            items = [_end(_fill(i, plan, units), "") for i in row.get("items", [])]
            entry["items"] = [i + "." for i in items]
        rows.append(entry)
    return rows


def speeches(plan) -> list[dict]:
    rows = []
    for slot in plan.speech_slots:
        topic = slot.topic.rstrip(" .;")
        text = f"{slot.speaker_note} {_lower_first(topic)}" if slot.speaker_note else topic
        rows.append({"unit": slot.unit.official_name, "text": text})
    return rows


def compositions(plan) -> list[dict]:
    """§III.4 by level: the plan's heading of each level, and its lines."""
    levels = (plan.wording or {}).get("composition_level", [])
    groups = []
    for level in levels:
        lines = [level.get("item_prefix", "") + (_lower_first(c.label) if level.get("item_prefix")
                                                  else c.label)
                 for c in plan.compositions if c.level == level["level"]]
        if lines:
            groups.append({"heading": level["heading"], "lines": lines})
    known = {level["level"] for level in levels}
    rest = [c.label for c in plan.compositions if c.level not in known]
    if rest:
        groups.append({"heading": "", "lines": rest})
    # each line ends ";", the last of all "."
    for group in groups:
        group["lines"] = [_end(line, ";") for line in group["lines"]]
    if groups:
        groups[-1]["lines"][-1] = _end(groups[-1]["lines"][-1], ".")
    return groups


def attached_line(number_text: str, on, plan) -> str:
    """"(Kèm theo Kế hoạch số 05/KH-UBND ngày 20/10/2023 của UBND huyện)" once numbered."""
    when = ddmmyyyy(on) if on else f"{BLANK}/{BLANK}/{plan.issue_year or ''}"
    return f"(Kèm theo Kế hoạch số {number_text} ngày {when} của UBND huyện)"


def outline_annex(plan) -> dict:
    """The đề cương that §VI.1 attaches, from the outline data the unit reports follow."""
    from ..reports.outline import DEFAULT_OUTLINE, load_outline
    from .models import ProgramProject
    outline = load_outline(DEFAULT_OUTLINE)
    all_periods = [p.code for p in outline.periods]
    poverty = []
    for item in outline.poverty:
        periods = outline.poverty_periods(item)
        when = "" if [p.code for p in periods] == all_periods else \
            "; " + ", ".join(_lower_first(p.label) for p in periods)
        poverty.append(f"{item.label} ({item.unit}{when})" if item.unit else item.label)
    projects = [{"label": p.short_label, "title": p.title, "sub": bool(p.parent_code)}
                for p in db.session.query(ProgramProject).order_by(ProgramProject.position)]
    funds = ", ".join(s.label.lower() for s in outline.fund_sources)
    years = ", ".join(f"năm {y}" for y in outline.fund_years)
    project_fields = [f.label for f in outline.project_fields]
    if outline.fund_years:
        project_fields.append(f"Kinh phí được phân bổ và kinh phí đã giải ngân {years} "
                              f"({outline.money_unit}), theo từng nguồn: {funds}")
    return {
        "subject": outline.report_subject,
        "attached_to": f"(Kèm theo {reference(plan)} của UBND huyện)",
        "periods": ", ".join(_lower_first(p.label) for p in outline.periods),
        "poverty": poverty, "project_fields": project_fields, "projects": projects,
        "narrative": [n.label for n in outline.narrative],
    }


def plan_context(plan) -> dict:
    """Context of the plan template (webapp/plan/template.py)."""
    units = _units()
    duties = plan_duties(plan)
    quotas = {q.kind: q.quota for q in plan.reward_quotas}
    agenda = []
    for item in plan.agenda_items:
        agenda.append({"title": item.title.rstrip(" .;:"), "kind": item.kind})
    return {
        "number_text": f"{plan.number or BLANK}/KH-UBND",
        "place_date": date_line(plan),
        "title": plan.title,
        "legal_bases": [b.rstrip(" .;") for b in plan.legal_bases],
        "purposes": plan.purposes,
        "requirements": [r.rstrip(" .;") for r in plan.requirements],
        "agenda": agenda, "speeches": speeches(plan),
        "duration_text": plan.duration_text, "venue": plan.venue,
        "delegates_total": plan.delegates_total, "compositions": compositions(plan),
        "rewards_text": (f"Khen thưởng {quotas.get('collective', 0)} tập thể và "
                         f"{quotas.get('individual', 0)} cá nhân có thành tích xuất sắc trong "
                         f"công tác giảm nghèo và phong trào thi đua “{plan.movement_name}” "
                         f"giai đoạn {plan.period}."),
        "funding_note": plan.funding_note,
        "implementation": implementation(plan, duties, units),
        "program_name": plan.program_name, "movement_name": plan.movement_name,
        "period": plan.period,
        "recipients": [r for r in plan.recipients if not r.startswith("Lưu")],
        "archive": next((r.removeprefix("Lưu:").strip() for r in plan.recipients
                         if r.startswith("Lưu")), "VT"),
        "signer_authority": plan.signer_authority, "signer_title": plan.signer_title,
        "signer_name": plan.signer_name,
        "annex": outline_annex(plan),
        "doc_title": f"Kế hoạch {_lower_first(plan.title)}", "doc_author": plan.issuer,
    }


def render_plan(plan) -> bytes:
    from ..documents.service import render
    return render(TEMPLATE, plan_context(plan))
