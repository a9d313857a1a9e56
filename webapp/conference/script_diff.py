"""What changed between two kept script contexts, as Vietnamese sentences with their section
(the script page shows them before a new version is downloaded)."""
from ..core import people
from .script import introduced, quoted


def _short(text: str, limit: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _person(p: dict) -> str:
    """"đồng chí …, <title>": as the script formatted it (kept with the version), else now."""
    if p.get("text"):
        return p["text"]
    return introduced(people.Person(p["name"], p.get("title", ""), p.get("organisation", ""),
                                    p.get("address", people.DEFAULT_ADDRESS)))


class _Changes(list):
    def add(self, section, kind, text, before="", after=""):
        self.append({"section": section, "kind": kind, "text": text, "before": before,
                     "after": after})


def _items(old: dict, new: dict, add) -> None:
    old_items = {i["code"]: i for i in old.get("items", [])}
    new_items = {i["code"]: i for i in new.get("items", [])}
    for item in new.get("items", []):
        before = old_items.get(item["code"])
        name = quoted(_short(item["title"], 60))
        if before is None:
            add("Chương trình", "added", f"Thêm mục {name}")
            continue
        if before["number"] != item["number"]:
            add("Chương trình", "moved", f"Mục {name} chuyển từ vị trí {before['number']} sang "
                                         f"vị trí {item['number']}",
                str(before["number"]), str(item["number"]))
        if before["duration"] != item["duration"]:
            add("Chương trình", "edited", f"Mục {name}: thời lượng {before['duration']} → "
                                          f"{item['duration']} phút",
                str(before["duration"]), str(item["duration"]))
        if before["lead"] != item["lead"]:
            add("Chương trình", "edited", f"Mục {name}: người thực hiện {quoted(before['lead'])}"
                                          f" → {quoted(item['lead'])}", before["lead"], item["lead"])
        if before["mc_text"] != item["mc_text"]:
            add("Lời dẫn", "edited", f"Sửa lời dẫn mục {name}", before["mc_text"], item["mc_text"])
    for code, item in old_items.items():
        if code not in new_items:
            add("Chương trình", "removed", f"Bỏ mục {quoted(_short(item['title'], 60))}")


def _speakers(old: dict, new: dict, add) -> None:
    old_speakers = {s["unit"]: s for s in old.get("speakers", [])}
    new_speakers = {s["unit"]: s for s in new.get("speakers", [])}
    for s in new.get("speakers", []):
        before = old_speakers.get(s["unit"])
        who = s["unit_short"]
        if before is None:
            add("Tham luận", "added", f"Thêm tham luận của {who}: {quoted(_short(s['topic']))}")
            continue
        if before["name"] != s["name"]:
            if not before["name"]:
                add("Tham luận", "added", f"{who} đã báo người trình bày: {s['name']}, {s['title']}",
                    "", s["name"])
            elif not s["name"]:
                add("Tham luận", "removed", f"{who} bỏ người trình bày {before['name']}",
                    before["name"], "")
            else:
                add("Tham luận", "replaced", f"Thay người trình bày tham luận của {who}: "
                                             f"{before['name']} → {s['name']}",
                    before["name"], s["name"])
        elif before["title"] != s["title"]:
            add("Tham luận", "edited", f"Chức vụ người trình bày của {who}: {before['title']} → "
                                       f"{s['title']}", before["title"], s["title"])
        if before["topic"] != s["topic"]:
            add("Tham luận", "edited", f"Sửa chủ đề tham luận của {who}", before["topic"],
                s["topic"])
        if before["order"] != s["order"]:
            add("Tham luận", "moved", f"Tham luận của {who} chuyển từ thứ {before['order']} sang "
                                      f"thứ {s['order']}", str(before["order"]), str(s["order"]))
    for unit, s in old_speakers.items():
        if unit not in new_speakers:
            add("Tham luận", "removed", f"Bỏ tham luận của {s['unit_short']}")


def _introductions(old: dict, new: dict, add) -> None:
    """Who the script names, and how many of each composition introduced together. A version
    kept before the script counted those (it listed everyone) is read the same way."""
    def key(p):
        return (p["name"], p["organisation"])

    together_now = new.get("introduced_together", {})
    together_then = old.get("introduced_together")
    old_list = old.get("introductions", [])
    if together_then is None:
        together_then = {}
        for p in old_list:
            if p["composition"] in together_now:
                together_then[p["composition"]] = together_then.get(p["composition"], 0) + 1
        old_list = [p for p in old_list if p["composition"] not in together_now]
    old_people = {key(p): p for p in old_list}
    new_people = {key(p): p for p in new.get("introductions", [])}
    for k, p in new_people.items():
        if k not in old_people:
            add("Đại biểu", "added", "Thêm đại biểu được giới thiệu: " + _person(p))
        elif old_people[k]["title"] != p["title"]:
            add("Đại biểu", "edited", f"Chức vụ của đại biểu {p['name']}: "
                                      f"{old_people[k]['title']} → {p['title']}")
    for k, p in old_people.items():
        if k not in new_people:
            add("Đại biểu", "removed", "Bỏ đại biểu khỏi danh sách giới thiệu: " + _person(p))
    for label in [*together_now, *(c for c in together_then if c not in together_now)]:
        then, now = together_then.get(label, 0), together_now.get(label, 0)
        if then != now:
            add("Đại biểu", "edited", f"{label}: {then:02d} → {now:02d} đại biểu", str(then),
                str(now))


def _rewards(old: dict, new: dict, add) -> None:
    old_r, new_r = old.get("rewards", {}), new.get("rewards", {})
    if old_r.get("pending") and not new_r.get("pending"):
        add("Khen thưởng", "added", f"Đã có Quyết định khen thưởng số {new_r.get('number')} "
                                    f"ngày {new_r.get('date')}")
    elif not old_r.get("pending") and new_r.get("pending"):
        add("Khen thưởng", "removed", "Quyết định khen thưởng chưa còn: danh sách đang chờ")
    elif (old_r.get("number"), old_r.get("date")) != (new_r.get("number"), new_r.get("date")):
        add("Khen thưởng", "edited", f"Quyết định khen thưởng: số {old_r.get('number')} → "
                                     f"{new_r.get('number')}, ngày {new_r.get('date')}")

    def key(a):
        return (a["kind"], a["name"])

    def text(a):
        return ("tập thể " if a["kind"] == "collective" else "cá nhân ") + a.get("text", a["name"])

    old_awards = {key(a): a for a in old_r.get("awardees", [])}
    new_awards = {key(a): a for a in new_r.get("awardees", [])}
    for k, a in new_awards.items():
        if k not in old_awards:
            add("Khen thưởng", "added", "Thêm " + text(a) + " được khen thưởng")
    for k, a in old_awards.items():
        if k not in new_awards:
            add("Khen thưởng", "removed", "Bỏ " + text(a) + " khỏi danh sách khen thưởng")


def diff(old: dict, new: dict) -> list[dict]:
    changes = _Changes()
    add = changes.add
    if old.get("start_time") != new.get("start_time") or \
            old.get("conference_date") != new.get("conference_date"):
        add("Thời gian", "edited", f"Thời gian hội nghị: {old.get('when')} → {new.get('when')}",
            old.get("when", ""), new.get("when", ""))
    if old.get("present_only") != new.get("present_only"):
        add("Đại biểu", "edited", "Giới thiệu đại biểu: " + (
            "theo danh sách có mặt" if new.get("present_only") else "theo danh sách xác nhận dự"))
    _items(old, new, add)
    _speakers(old, new, add)
    _introductions(old, new, add)
    _rewards(old, new, add)
    return list(changes)
