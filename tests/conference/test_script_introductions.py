"""The script's introductions at any size: the database counts the compositions introduced
together, the kept version holds what the script prints, the page's statements do not grow
with the delegates, and a version kept before (with everyone listed) still compares."""

from webapp.conference import script, script_diff, versions
from webapp.delegates.queries import introduction_list, introductions_by_name
from webapp.extensions import db

from ..conftest import statements_of, user_for
from ..delegates.factories import delegate
from .helpers import plan


def _people():
    delegate("Lê Văn Tỉnh", "tinh-ubnd", title="Phó Chủ tịch UBND tỉnh",
             organisation="UBND tỉnh Quảng Ngãi", reply="attending")
    delegate("Võ Thị Cúc", "tinh-ubnd", reply="substitute", substitute_name="Hồ Văn Thế",
             substitute_title="Chánh Văn phòng UBND tỉnh", title="Phó Chủ tịch UBND tỉnh")
    delegate("Phan Văn Huyện", "huyen-thuong-truc", title="Phó Bí thư Thường trực Huyện ủy",
             reply="attending")
    for n in range(3):
        delegate(f"Trưởng Thôn {n}", "xa-thon", unit_code="binh-chanh", title="Trưởng thôn",
                 reply="attending")
    delegate("Không Đến", "xa-thon", unit_code="binh-chanh", reply="declined")
    db.session.flush()


def _together_label():
    return next(c.label for c in plan().compositions if c.code == "xa-thon")


def test_named_ones_one_by_one_and_the_others_counted(app):
    _people()
    max_rank = int(script.conventions()["introduce_by_name_max_rank"])
    named, together = introductions_by_name(plan(), max_rank)
    everyone = introduction_list(plan())
    # the named ones exactly as the full list has them, in the same protocol order
    assert named == [{k: p[k] for k in named[0]} for p in everyone
                     if p["protocol_rank"] <= max_rank]
    assert [p["full_name"] for p in named] == ["Hồ Văn Thế", "Lê Văn Tỉnh", "Phan Văn Huyện"]
    assert named[0]["title"] == "Chánh Văn phòng UBND tỉnh"
    assert together == [(_together_label(), 3)]


def test_the_kept_version_holds_what_is_printed_and_counts_compare(app):
    _people()
    p = plan()
    kept = versions.save_version(p, actor=user_for("coordinator"))
    assert [x["name"] for x in kept.context["introductions"]] == [
        "Hồ Văn Thế", "Lê Văn Tỉnh", "Phan Văn Huyện"]
    assert kept.context["introduced_together"] == {_together_label(): 3}
    delegate("Trưởng Thôn Mới", "xa-thon", unit_code="binh-chanh", reply="attending")
    db.session.flush()
    changes = [c["text"] for c in script_diff.diff(kept.context, script.script_context(p))]
    assert changes == [f"{_together_label()}: 03 → 04 đại biểu"]


def test_a_version_kept_with_everyone_listed_compares_without_false_changes(app):
    _people()
    p = plan()
    now = script.script_context(p)
    label = _together_label()
    legacy = {k: v for k, v in now.items() if k != "introduced_together"}
    legacy["introductions"] = now["introductions"] + [
        {"name": f"Trưởng Thôn {n}", "title": "Trưởng thôn", "organisation": "",
         "composition": label, "address": "dong_chi"} for n in range(3)]
    assert script_diff.diff(legacy, now) == []
    legacy["introductions"] = legacy["introductions"][:-1]
    assert [c["text"] for c in script_diff.diff(legacy, now)] == [f"{label}: 02 → 03 đại biểu"]


def _statements(client, url):
    response, seen = statements_of(client, url)
    assert response.status_code == 200
    return len(seen)


def test_script_page_statements_do_not_grow_with_the_delegates(app, client, login_as):
    login_as("coordinator")
    _people()
    db.session.commit()
    assert client.post("/hoi-nghi/kich-ban/tai-ve").status_code == 303
    db.session.rollback()
    before = _statements(client, "/hoi-nghi/kich-ban")
    for n in range(40):
        delegate(f"Đại Biểu Thêm {n}", "xa-thon", unit_code="binh-chanh", reply="attending")
    delegate("Trần Văn Tỉnh", "tinh-ubnd", title="Giám đốc Sở", reply="attending")
    db.session.commit()
    assert _statements(client, "/hoi-nghi/kich-ban") == before
    page = client.get("/hoi-nghi/kich-ban").get_data(as_text=True)
    assert f"{_together_label()}: 03 → 43 đại biểu" in page
    assert "Thêm đại biểu được giới thiệu: đồng chí Trần Văn Tỉnh" in page


def test_the_page_names_the_first_thirty_and_the_paper_all_of_them(app, client, login_as):
    login_as("coordinator")
    for n in range(33):
        delegate(f"Đại Biểu Tỉnh {n:02d}", "tinh-so-ldtbxh", rank=n, title="Chuyên viên",
                 organisation="Sở Lao động – Thương binh và Xã hội tỉnh Quảng Ngãi",
                 reply="attending")
    db.session.commit()
    page = client.get("/hoi-nghi/kich-ban").get_data(as_text=True)
    assert "Đại Biểu Tỉnh 29" in page and "Đại Biểu Tỉnh 30" not in page
    assert "… và 03 đại biểu khác" not in page  # the number is plain
    assert "… và 3 đại biểu khác được giới thiệu theo tên: kịch bản tải về in đủ." in page
    texts = [b["text"] for i in script.script_context(plan())["items"] for b in i["blocks"]]
    assert sum(1 for t in texts if "Đại Biểu Tỉnh" in t) == 33
    assert not any("kịch bản tải về in đủ" in t for t in texts)
