"""The meeting script (kịch bản điều hành) and the programme, as plain JSON-able contexts built
from the agenda, the speakers, the delegates and the reward decision. Reads only."""
import tomllib
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select

from ..awards.service import approved_awardees, get_decision, number_text
from ..core import clock, people
from ..core.formatting import ddmmyyyy, document_date
from ..delegates.invitations import meeting_time_text, time_text
from ..delegates.queries import introductions_by_name
from ..extensions import db
from ..plan.models import AgendaItem, Official, Plan, Unit
from .agenda import clock_text, schedule, start_time_of
from .memo import once_per_request
from .speakers import slots_of, speaker

HERE = Path(__file__).parent
SPEAKER_MARK = "{người phát biểu}"
# A name the văn thư or the MC fills in by hand: the paper never says what the app lacks.
BLANK = "……………………"


@lru_cache(maxsize=4)
def data_file(name: str) -> dict:
    """One of the conference's data files (conference.toml, papers.toml), read once."""
    with open(HERE / name, "rb") as fh:
        return tomllib.load(fh)


def _settings() -> dict:
    return data_file("conference.toml")


def conventions() -> dict:
    return _settings()["script"]


def invitation_settings() -> dict:
    return _settings().get("invitations", {})


def quoted(text: str) -> str:
    """“text”, its own quotations turned into single curly quotes (never nested “ “ ” ”)."""
    if '"' not in text and "“" not in text and "”" not in text:
        return "“" + text + "”"
    inner, opening = [], True
    for ch in text:
        if ch == '"':
            inner.append("‘" if opening else "’")
            opening = not opening
        elif ch == "“":
            inner.append("‘")
        elif ch == "”":
            inner.append("’")
        else:
            inner.append(ch)
    return "“" + "".join(inner) + "”"


@lru_cache(maxsize=4096)
def introduced(person: people.Person) -> str:
    """"đồng chí …, <title>" (webapp.core.people.introduction): a pure function of the
    person, so kept across requests (the script page names the same people on every view)."""
    return people.introduction(person)


def _invited(person: people.Person | None, fallback: str) -> str:
    """"đồng chí Phạm Quang Sự, Phó Chủ tịch UBND huyện," as the MC invites a named person."""
    if person is None:
        return "đồng chí " + fallback[:1].lower() + fallback[1:]
    return introduced(person) + ","


@lru_cache(maxsize=1)
def _officials_statement():
    """Built once (SQLAlchemy then keeps its compiled SQL): a statement is cheaper to run
    than to build."""
    return (select(Official.code, Official.full_name, Official.title, Unit.name, Official.address)
            .join(Unit, Official.unit_id == Unit.id))


def official(code: str) -> people.Person | None:
    """The office holder `code` as a Person: every official read once per request."""
    def everyone():
        return {code: people.Person(name, title, unit, address) for code, name, title, unit,
                address in db.session.execute(_officials_statement()).all()}
    return once_per_request("officials", everyone).get(code) if code else None


def item_speaker(item: AgendaItem) -> people.Person | None:
    return official(conventions().get("speakers", {}).get(item.code))


def mc_lines(item: AgendaItem, person: people.Person | None = None) -> list[str]:
    """The MC's lines of an item, the speaker named where the lines say {người phát biểu}
    (`person`: the item's speaker when the caller has it already)."""
    person = person if person is not None else item_speaker(item)
    text = item.mc_text.replace(SPEAKER_MARK, _invited(person, item.lead))
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


# --- introductions ---------------------------------------------------------------------------

def _introduction_blocks(named: list[dict], together: list[tuple[str, int]],
                         shown: int | None = None) -> list[dict]:
    """By name up to the configured protocol rank (province, then the district standing
    committees), then the other compositions together with their numbers. `shown`: the page's
    preview names that many, then a note says how many more the paper names."""
    blocks: list[dict] = []
    heading = None
    for row in named[:shown]:
        text = {"province": "Về phía tỉnh:", "district": "Về phía huyện:"}.get(
            row["level"], f"{row['composition_label']}:")
        if text != heading:
            heading = text
            blocks.append({"style": "heading", "text": text})
        blocks.append({"style": "bullet", "text": people.capitalise(_introduced(row)) + ";"})
    if shown is not None and len(named) > shown:
        blocks.append({"style": "note", "text": f"… và {len(named) - shown} đại biểu khác được "
                                                "giới thiệu theo tên: kịch bản tải về in đủ."})
    if together:
        blocks.append({"style": "heading", "text": "Cùng dự hội nghị có:"})
        for label, count in together:
            blocks.append({"style": "bullet", "text": f"{label} ({count:02d} đại biểu);"})
    if not named and not together:
        # the page says why; the paper leaves the lines for the MC to fill in
        blocks.append({"style": "note", "text": "Chưa có đại biểu nào xác nhận tham dự: kịch "
                                                "bản in để trống các dòng giới thiệu."})
        blocks += [{"style": "bullet", "text": f"Đồng chí {BLANK}, {BLANK};"}] * 3
    blocks.append({"style": "line", "text": "Hội nghị trân trọng cảm ơn sự có mặt của các "
                                            "đồng chí đại biểu."})
    return blocks


def _introduced(row: dict) -> str:
    """"đồng chí …, <title>", formatted once for the paper and the diff (kept as "text")."""
    if "text" not in row:
        row["text"] = introduced(people.Person(
            row["full_name"], row["title"], row["organisation"], row["address"]))
    return row["text"]


def _programme_blocks(items: list[AgendaItem]) -> list[dict]:
    """"Thông qua chương trình": what follows the introductions."""
    rest = [i for i in items if i.kind != "introduction"]
    blocks = [{"style": "line", "text": "Kính thưa các đồng chí! Tôi xin thông qua chương trình "
                                        "hội nghị gồm các nội dung sau:"}]
    for n, item in enumerate(rest, start=1):
        blocks.append({"style": "bullet",
                       "text": item.title + ("." if n == len(rest) else ";")})
    return blocks


# --- speakers and rewards --------------------------------------------------------------------

def _speaker_entries(plan: Plan) -> list[dict]:
    entries = []
    for order, slot in enumerate(slots_of(plan), start=1):
        person = speaker(slot)
        entries.append({"order": order, "unit": slot.unit.name, "unit_short": slot.unit.short_name,
                        "name": slot.speaker_name, "title": slot.speaker_title,
                        "address": slot.speaker_address, "topic": slot.topic,
                        "official": people.mid_sentence(slot.unit.official_name),
                        "invited": _invited(person, "đại diện " + people.mid_sentence(
                            slot.unit.name)) if person else ""})
    return entries


def _speaker_blocks(speakers: list[dict]) -> list[dict]:
    """The MC's line for each paper; a speaker not named yet is a blank the MC fills in (the
    page notes who is missing, the paper does not)."""
    blocks = []
    for s in speakers:
        official = s.get("official") or people.mid_sentence(s["unit"])
        who = s["invited"] or f"đồng chí {BLANK}, đại diện {official},"
        blocks.append({"style": "line",
                       "text": f"Kính mời {who} trình bày tham luận {quoted(s['topic'])}."})
        if not s["name"]:
            blocks.append({"style": "note", "text": f"{people.capitalise(official)} chưa báo "
                                                    "tên người trình bày: kịch bản in để trống "
                                                    "tên."})
    return blocks


def reward_announcement(plan: Plan) -> dict:
    """The reward decision (webapp.awards) and its awardees; "pending" until the decision has
    its number and approved awardees."""
    return once_per_request(("rewards", plan.id), lambda: _reward_announcement(plan))


def _reward_announcement(plan: Plan) -> dict:
    decision = get_decision(plan)
    # The money follows the rules in force on the decision date, as
    # webapp.awards.decision.decision_date_of reads it (given here: the decision is read).
    on = (decision.decision_date if decision and decision.decision_date else None) \
        or plan.conference_date or clock.today()
    awardees = approved_awardees(plan, on=on)
    number = number_text(decision) if decision is not None and decision.number else ""
    return {"pending": not number or not awardees, "awardees": awardees, "number": number,
            "date": decision.decision_date if decision is not None else None}


def _award_entries(awardees: list) -> list[dict]:
    """Each awardee named once: a collective by its name, an individual by name and title."""
    entries = []
    for a in awardees:
        if a.kind == "collective":
            text = people.capitalise(people.mid_sentence(a.name))
        else:
            text = people.capitalise(" ".join(p for p in (a.salutation.lower(), a.name) if p))
            if a.title:
                text += ", " + a.title
        entries.append({"kind": a.kind, "name": a.name, "title": a.title, "text": text})
    return entries


def _reward_blocks(plan: Plan, item: AgendaItem, rewards: dict, awardees: list[dict],
                   announcer: people.Person | None) -> list[dict]:
    """The decision announced once, then the awardees in groups; before the decision is issued
    its number and date are blanks and the awardees are called as those the decision names."""
    pending = rewards["pending"]
    number = rewards["number"] if rewards["number"] else f"{BLANK}/QĐ-UBND"
    if rewards.get("date") and rewards["number"]:
        when = f" ngày {ddmmyyyy(rewards['date'])}"
    else:
        when = f" ngày {BLANK}"
    blocks = [{"style": "line", "text": (
        f"Kính mời {_invited(announcer, item.lead)} lên công bố Quyết định số "
        f"{number}{when} của Chủ tịch {plan.issuer} về việc khen thưởng các tập "
        "thể, cá nhân có thành tích xuất sắc trong công tác giảm nghèo và phong trào thi đua "
        f"{quoted(plan.movement_name)} giai đoạn {plan.period}.")}]
    code = conventions().get("award_presenter", "")
    presenter = _invited(official(code), "lãnh đạo UBND huyện")
    if pending:
        return [{"style": "note", "text": "Chưa có Quyết định khen thưởng của Chủ tịch UBND "
                                          "huyện: kịch bản in để trống số, ngày của Quyết định "
                                          "và chưa chia đợt lên nhận Giấy khen."}] + blocks + [
            {"style": "line", "text": "Kính mời đại diện các tập thể và các cá nhân có tên trong "
                                      "Quyết định lên nhận Giấy khen của Chủ tịch UBND huyện."},
            {"style": "line", "text": f"Kính mời {presenter} lên trao Giấy khen cho các tập thể, "
                                      "cá nhân."}]
    size = max(1, int(conventions().get("awards_per_group", 6)))
    groups = []
    for kind in ("collective", "individual"):
        of_kind = [a for a in awardees if a["kind"] == kind]
        groups += [(kind, of_kind[i:i + size]) for i in range(0, len(of_kind), size)]
    for number, (kind, group) in enumerate(groups, start=1):
        what = (f"{len(group):02d} tập thể" if kind == "collective" else
                f"{len(group):02d} cá nhân")
        lead = "đại diện " if kind == "collective" else ""
        blocks.append({"style": "heading", "text": f"Đợt {number}: kính mời {lead}{what} sau "
                                                   "lên nhận Giấy khen của Chủ tịch UBND huyện:"})
        for n, a in enumerate(group, start=1):
            blocks.append({"style": "bullet", "text": a["text"] + ("." if n == len(group) else ";")})
        whom = "các tập thể" if kind == "collective" else "các cá nhân"
        blocks.append({"style": "line", "text": f"Kính mời {presenter} lên trao Giấy khen "
                                                f"cho {whom}."})
    return blocks


# --- the whole script ------------------------------------------------------------------------

def _when(plan: Plan) -> str:
    """"07 giờ 30 phút, thứ Ba, ngày 05 tháng 12 năm 2023", as the giấy mời writes it; what
    is not set yet is a blank."""
    start, day = start_time_of(plan), plan.conference_date
    hour = meeting_time_text(clock_text(start)) if start else f"{BLANK} giờ"
    if day is None:
        return f"{hour}, ngày {BLANK}"
    return time_text(hour, day)


def _hour(value) -> str:
    return f"{value.hour:02d} giờ {value.minute:02d}"


def _clock(slot) -> str:
    """"07 giờ 30 – 07 giờ 40": an item's time in a paper."""
    return f"{_hour(slot.start)} – {_hour(slot.end)}" if slot.start is not None else ""


def _performer(item: AgendaItem, person: people.Person | None, mc: people.Person | None) -> str:
    """Who does an item, named: the item's speaker, the MC for the introductions, else the
    item's lead as the plan gives it ("Phòng VH&TT", "Đại biểu dự hội nghị")."""
    if item.kind == "introduction" and mc is not None:
        person = mc
    return people.capitalise(introduced(person)) if person else item.lead


def presiding() -> people.Person | None:
    """The leader who presides over the conference (conference.toml [script] presiding)."""
    return official(conventions().get("presiding", ""))


def summary_of(plan: Plan) -> str:
    return (f"Hội nghị sơ kết giữa kỳ {plan.program_name} và phong trào thi đua "
            f"{quoted(plan.movement_name)} giai đoạn {plan.period}")


def script_context(plan: Plan, present_only: bool = False, preview: bool = False) -> dict:
    """Everything the script shows, as plain JSON-able data (kept with each version).
    `preview`: for the page, which names the first preview_by_name delegates and says how
    many more the paper names (what changed is still compared for all of them)."""
    named, together = introductions_by_name(
        plan, int(conventions().get("introduce_by_name_max_rank", 30)), present_only)
    shown = int(conventions().get("preview_by_name", 30)) if preview else None
    intro_blocks = _introduction_blocks(named, together, shown)
    # kept as the script prints them: who is named, and how many of each other composition;
    # the paper's ones formatted for it, the diff formats any other it reports
    kept = [{"name": p["full_name"], "title": p["title"] or "",
             "organisation": p["organisation"] or "", "composition": p["composition_label"],
             "address": p["address"], **({"text": p["text"]} if "text" in p else {})}
            for p in named]
    speakers = _speaker_entries(plan)
    rewards = reward_announcement(plan)
    awardees = _award_entries(rewards["awardees"]) if not rewards["pending"] else []
    slots = schedule(plan)
    ordered = [slot.item for slot in slots]
    mc = official(conventions().get("mc", ""))
    items = []
    for number, slot in enumerate(slots, start=1):
        item = slot.item
        person = item_speaker(item)
        if item.kind == "introduction":
            blocks = intro_blocks + _programme_blocks(ordered)
        elif item.kind == "discussion_papers":
            blocks = _speaker_blocks(speakers)
        elif item.kind == "rewards":
            blocks = _reward_blocks(plan, item, rewards, awardees, person)
        else:
            blocks = []
        items.append({
            "id": item.id, "code": item.code, "number": number, "title": item.title,
            "kind": item.kind, "lead": item.lead, "duration": item.duration_minutes,
            "clock": _clock(slot), "start": clock_text(slot.start), "mc_text": item.mc_text,
            "performer": _performer(item, person, mc),
            "mc_lines": mc_lines(item, person), "blocks": blocks,
        })
    start = start_time_of(plan)
    chair = presiding()
    return {
        "place_date": document_date(plan.place_of_issue, clock.today()),
        "number_text": "", "summary": summary_of(plan), "when": _when(plan),
        "presiding": people.capitalise(introduced(chair)) if chair else "",
        "venue": plan.venue, "start_time": clock_text(start),
        "conference_date": ddmmyyyy(plan.conference_date), "present_only": present_only,
        "opening_lines": list(conventions().get("opening_lines", [])),
        "closing_lines": list(conventions().get("closing_lines", [])),
        "items": items, "speakers": speakers, "introductions": kept,
        "introduced_together": dict(together),
        "rewards": {"pending": rewards["pending"], "number": rewards["number"],
                    "date": ddmmyyyy(rewards["date"]) if rewards.get("date") else "",
                    "awardees": awardees},
        "author": plan.coordinator_unit.name, "title": "Kịch bản điều hành " + summary_of(plan),
    }


def _paper_line(s: dict) -> str:
    """"Ủy ban Mặt trận Tổ quốc Việt Nam huyện: <topic> (đồng chí … trình bày)": the unit
    just named, the speaker by name (the script gives the title)."""
    line = f"{people.capitalise(people.mid_sentence(s['unit']))}: {s['topic']}"
    if s["name"]:
        line += f" ({people.address_word(s['address'])} {s['name']} trình bày)"
    return line


def programme_context(plan: Plan) -> dict:
    """The programme: each item's time and who does it, by name (as the script has them)."""
    ctx = script_context(plan)
    speakers = [_paper_line(s) for s in ctx["speakers"]]
    rows = [{"clock": i["clock"] or "", "title": i["title"], "lead": i["performer"],
             "subs": speakers if i["kind"] == "discussion_papers" else []} for i in ctx["items"]]
    return {"place_date": ctx["place_date"], "number_text": "", "summary": ctx["summary"],
            "when": ctx["when"], "venue": ctx["venue"], "rows": rows,
            "presiding": ctx["presiding"],
            "author": ctx["author"], "title": "Chương trình " + ctx["summary"]}
