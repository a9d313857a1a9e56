"""Contexts of the conference's other papers: the programme, the drafts of the opening speech
and of the conclusion, the conclusion notice (…/TB-UBND, after the conference, drafted by
Văn phòng) and the discussion paper form a unit with a slot fills in. Reads only."""

from ..core import clock, people
from ..core.errors import NotFound
from ..core.formatting import ddmmyyyy, document_date
from ..delegates.invitations import presides
from ..delegates.queries import attendance, delegates_of, introduction_list
from ..plan.models import Plan, SpeechSlot
from .agenda import items_of
from .script import (BLANK, data_file, item_speaker, official, presiding, programme_context,
                     quoted, reward_announcement, summary_of)
from .speakers import speaker

OPENING_TEMPLATE = "phat-bieu-khai-mac.docx"
CONCLUSION_TEMPLATE = "ket-luan-hoi-nghi.docx"
NOTICE_TEMPLATE = "thong-bao-ket-luan.docx"
FORM_TEMPLATE = "mau-tham-luan.docx"


def _texts() -> dict:
    return data_file("papers.toml")


def _fill(text: str, plan: Plan) -> str:
    return (text.replace("{program}", plan.program_name)
            .replace("{movement}", quoted(plan.movement_name))
            .replace("{period}", plan.period).replace("{district}", plan.issuer))


def programme(plan: Plan) -> dict:
    return programme_context(plan)


def _item(plan: Plan, kind: str):
    return next((i for i in items_of(plan) if i.kind == kind), None)


def _greetings(plan: Plan, speaker: people.Person | None) -> list[str]:
    """"Kính thưa: …" — the guests of the province, then the district standing committees, by
    name; never the speaker; the issuing body's own leaders together, in their place
    ("Các đồng chí lãnh đạo UBND huyện"), since the speaker is one of them."""
    max_rank = int(_texts()["greetings"]["by_name_max_rank"])
    ranks = {c.label: c.protocol_rank for c in plan.compositions}
    own = {d.attendee_name for d in delegates_of(plan) if presides(d)}
    lines, own_left = [], []
    for row in introduction_list(plan):
        if ranks.get(row["composition_label"], max_rank + 1) > max_rank:
            continue
        if speaker is not None and row["full_name"] == speaker.name:
            continue
        person = people.Person(row["full_name"], row["title"], row["organisation"],
                               row["address"])
        line = people.introduction(person, start=True) + ";"
        if row["full_name"] in own:
            if not own_left:
                lines.append(None)  # the place of the group line
            own_left.append(line)
            continue
        lines.append(line)
    group = own_left[0] if len(own_left) == 1 else _texts()["greetings"]["own_leaders"] + ";"
    return [group if line is None else line for line in lines] + [
        _texts()["greetings"]["everyone"]]


def _speech(plan: Plan, kind: str, heading: str) -> dict:
    item = _item(plan, kind)
    person = item_speaker(item) if item is not None else None
    return {"heading": heading, "summary": summary_of(plan),
            "speaker": (people.capitalise(people.introduction(person)) if person else ""),
            "greetings": _greetings(plan, person), "author": plan.issuer,
            "title": f"{heading[:1]}{heading[1:].lower()} " + summary_of(plan),
            "place_date": document_date(plan.place_of_issue, plan.conference_date)}


def opening(plan: Plan) -> dict:
    ctx = _speech(plan, "opening", "PHÁT BIỂU KHAI MẠC")
    ctx["paragraphs"] = [_fill(p, plan) for p in _texts()["opening"]["paragraphs"]]
    ctx["tasks"], ctx["closing"] = [], ""
    return ctx


def conclusion(plan: Plan) -> dict:
    texts = _texts()["conclusion"]
    ctx = _speech(plan, "closing", "KẾT LUẬN HỘI NGHỊ")
    ctx["paragraphs"] = [_fill(p, plan) for p in texts["paragraphs"]]
    ctx["tasks"] = [_fill(t, plan) for t in texts["tasks"]]
    ctx["closing"] = _fill(texts["closing"], plan)
    return ctx


def _present_text(plan: Plan) -> str:
    """Delegates present, once check-in has data; else a blank the văn thư fills in (never
    the number of confirmations as attendance)."""
    present = attendance(plan)["present"]
    return f"{present:02d}" if present else BLANK


def notice(plan: Plan) -> dict:
    """Thông báo kết luận: what the conference did (figures of the day) and the chair's
    conclusion, reported in the third person by Văn phòng HĐND và UBND huyện."""
    texts = _texts()["notice"]
    chair = presiding()
    signer = official(texts["signer"])
    rewards = reward_announcement(plan)
    collectives = sum(1 for a in rewards["awardees"] if a.kind == "collective")
    individuals = len(rewards["awardees"]) - collectives
    day = ddmmyyyy(plan.conference_date) if plan.conference_date else BLANK
    chair_text = (people.introduction(chair) + "," if chair else
                  "đồng chí Chủ tịch UBND huyện")
    summary = summary_of(plan)[:1].lower() + summary_of(plan)[1:]
    body = [
        f"Ngày {day}, tại {plan.venue[:1].lower()}{plan.venue[1:]}, UBND huyện tổ chức "
        f"{summary}. {people.capitalise(chair_text)} chủ trì hội nghị. Dự hội nghị có "
        f"{_present_text(plan)} đại biểu của tỉnh, huyện và các xã, thị trấn.",
        f"Hội nghị đã nghe báo cáo sơ kết giữa kỳ, {len(plan.speech_slots):02d} ý kiến tham "
        "luận và các ý kiến thảo luận của đại biểu"
        + (f"; công bố quyết định khen thưởng {collectives:02d} tập thể và {individuals:02d} cá "
           "nhân có thành tích xuất sắc" if not rewards["pending"] else "") + ".",
        f"Sau khi nghe các ý kiến, {texts['chair']} kết luận như sau:",
    ] + [_fill(p, plan) for p in texts["paragraphs"]]
    tasks = [_fill(t, plan) for t in _texts()["conclusion"]["tasks"]]
    year = plan.conference_date.year if plan.conference_date else clock.today().year
    return {"number_text": "      /TB-UBND",
            "place_date": document_date(plan.place_of_issue, None, year=year),
            "summary": f"Kết luận của Chủ tịch UBND huyện tại {summary}",
            "body": body, "tasks": tasks, "closing": texts["closing"],
            "recipients": texts["recipients"], "archive": texts["archive"],
            "signer_authority": texts["signer_authority"],
            "signer_title": (signer.title.upper() if signer else "CHÁNH VĂN PHÒNG"),
            "signer_name": signer.name if signer else "",
            "author": plan.issuer, "title": "Thông báo kết luận hội nghị"}


def discussion_form(plan: Plan, slot: SpeechSlot) -> dict:
    person = speaker(slot)
    return {"unit_name": slot.unit.name.upper(), "topic": slot.topic,
            "summary": summary_of(plan), "note": slot.speaker_note,
            "speaker": people.capitalise(people.introduction(person)) if person else "",
            "headings": [f"{n}. {h}" for n, h in
                         enumerate(_texts()["paper_form"]["headings"], start=1)],
            "place_date": document_date(plan.place_of_issue, clock.today()),
            "author": slot.unit.name, "title": "Báo cáo tham luận: " + slot.topic}


PAPERS = {"phat-bieu-khai-mac": (OPENING_TEMPLATE, opening),
          "ket-luan-hoi-nghi": (CONCLUSION_TEMPLATE, conclusion),
          "thong-bao-ket-luan": (NOTICE_TEMPLATE, notice)}


def paper(kind: str):
    if kind not in PAPERS:
        raise NotFound("Không có văn bản này.")
    return PAPERS[kind]
