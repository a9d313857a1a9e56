"""The plan (KẾ HOẠCH) regenerated from the plan data reproduces the seed plan, section by
section, with the outline of §VI.1 attached; only plan text, one spelling per unit name."""
import re
from datetime import date
from pathlib import Path

import pytest

from webapp.duties.models import Duty
from webapp.extensions import db

from .docx_checks import assert_nd30, assert_properties, body_text, convert_to_pdf_if_possible

SEED = Path(__file__).resolve().parents[1].parent.parent / "shared" / "seed" / \
    "ke-hoach-so-ket-giua-ky-2023.md"
SEED = SEED if SEED.is_file() else Path("/work/shared/seed/ke-hoach-so-ket-giua-ky-2023.md")

# The seed's own slips, corrected in the data on purpose: one spelling per unit name (the units
# file), no doubled word, the BCĐ with its Đ, no stray space in a year range.
# (Written as the normalised text reads: lower case, " - " around dashes, no quotes.)
SEED_CORRECTIONS = [
    # the official name (units file): "Phòng Lao động - Thương binh và Xã hội"
    ("phòng lao động, thương binh", "phòng lao động - thương binh"),
    # its short form (units file): "Phòng LĐTB&XH"
    ("phòng lđ - tb&xh huyện", "phòng lđtb&xh"),
    ("các các tổ chức", "các tổ chức"),
    ("thành viên bcd", "thành viên bcđ"),
    ("quỹ vì người nghèo ", "quỹ vì người nghèo"),
]
SECTIONS = ["I.", "II.", "III.", "IV.", "V.", "VI."]


def normal(text: str) -> str:
    """Compared as a reader compares: case, quotes, dashes, emphasis marks, the old and new
    placement of tone marks ("hoá" / "hóa") and spacing do not count."""
    text = text.lower().replace("*", "")
    for old, new in (("–", "-"), ("\u2011", "-"), ("“", '"'), ("”", '"')):
        text = text.replace(old, new)
    # "hoá" (old placement, at the end of a syllable) is "hóa"; "hoạch" stays
    marks = {"á": "ó", "à": "ò", "ả": "ỏ", "ã": "õ", "ạ": "ọ"}
    text = re.sub(r"o([áàảãạ])(?=\W|$)", lambda m: marks[m.group(1)] + "a", text)
    text = re.sub(r"u([ỷý])(?=\W|$)", lambda m: {"ỷ": "ủ", "ý": "ú"}[m.group(1)] + "y", text)
    text = re.sub(r"\s*-\s*", " - ", text)
    return re.sub(r"\s+", " ", text).strip()


def seed_lines() -> list[str]:
    # quotes are compared without their kind: dropped on both sides
    raw = SEED.read_text(encoding="utf-8").splitlines()
    lines = []
    for line in raw:
        line = normal(line).replace('"', "")
        for wrong, right in SEED_CORRECTIONS:
            line = line.replace(wrong, right)
        if line:
            lines.append(line)
    return lines


def split(lines: list[str]) -> dict[str, list[str]]:
    """{"head": ..., "I.": ..., ..., "VI.": ..., "closing": ...}: the plan's parts."""
    parts, current = {"head": []}, "head"
    for line in lines:
        key = next((s for s in SECTIONS if line.startswith(s.lower() + " ")), None)
        if key and key not in parts:
            current = key
        elif line.startswith("trên đây kế hoạch"):
            current = "closing"
        elif line.startswith("đề cương báo cáo"):
            current = "annex"
        parts.setdefault(current, []).append(line)
    return parts


def unpunctuated(line: str) -> str:
    return line.strip(" .;:,()-+")


@pytest.fixture
def plan_doc(client, login_as):
    login_as("commune")
    response = client.get("/quan-tri/ke-hoach/tai-ve")
    assert response.status_code == 200
    return response.data


def regenerated(data: bytes) -> dict[str, list[str]]:
    doc = assert_nd30(data)
    return split([normal(line).replace('"', "") for line in body_text(doc)])


def test_every_section_of_the_seed_is_in_the_regenerated_plan(plan_doc):
    ours = regenerated(plan_doc)
    seed = split(seed_lines())
    assert set(SECTIONS) <= set(ours) and set(SECTIONS) <= set(seed)
    speeches = [line for line in seed["II."] if line.startswith("- ") and "thảo luận" not in line]
    for key in ["head", *SECTIONS, "closing"]:
        text = " ".join(ours[key])
        for line in seed[key]:
            if line in speeches:
                continue  # worded per unit below
            for piece in re.split(r"; | và (?=công văn số|quyết định số)", line):
                piece = unpunctuated(piece.removeprefix("căn cứ "))
                if piece:
                    assert piece in text, f"{key}: {piece!r} missing from the regenerated plan"


def test_the_discussion_papers_name_each_unit_once_with_its_topic_uncut(plan_doc, app):
    from webapp.plan.loader import current_plan
    ours = " ".join(regenerated(plan_doc)["II."])
    last = -1
    for slot in current_plan().speech_slots:
        line = normal(f"- {slot.unit.official_name}: ").replace('"', "")
        topic = normal(slot.topic).replace('"', "")[1:]
        assert line in ours and topic in ours
        assert ours.index(line) > last, "in speaking order"
        last = ours.index(line)
    assert "ubnd xã bình châu: chọn và mời 01 cá nhân báo cáo hiệu quả" in ours
    assert "..." not in ours and "…" not in ours, "no list cut short"


def test_section_vi_is_numbered_per_unit_as_the_seed_with_its_note(plan_doc):
    vi = regenerated(plan_doc)["VI."]
    numbered = [line.split(" ", 1)[1] for line in vi if re.match(r"\d\. ", line)]
    assert [n.split(":")[0] for n in numbered] == [
        "phòng nông nghiệp và phát triển nông thôn, phòng văn hóa và thông tin, phòng y tế, "
        "phòng giáo dục và đào tạo, ubnd các xã, thị trấn",
        "các tập thể và cá nhân được xét, chọn khen thưởng",
        "các tập thể, cá nhân được chọn báo cáo tham luận",
        "phòng lao động - thương binh và xã hội", "phòng nội vụ", "văn phòng hđnd và ubnd huyện"]
    assert vi[2] == ("(lưu ý: báo cáo phải đánh giá kết quả, hiệu quả đầu ra của các chương "
                     "trình dự án giao triển khai thực hiện).")
    assert sum("trước ngày 22/11/2023" in line for line in vi) == 3


def test_only_plan_text_no_working_deadline_no_estimate_one_spelling(app, client, login_as):
    from webapp.auth.models import User
    from webapp.duties.service import set_working_deadline
    hall = db.session.query(Duty).filter_by(code="hoi-truong").one()
    coordinator = db.session.query(User).filter_by(username="t-ldtbxh").one()
    set_working_deadline(hall, date(2023, 11, 28), actor=coordinator)
    db.session.commit()
    login_as("coordinator")
    data = client.get("/quan-tri/ke-hoach/tai-ve").data
    lines = body_text(assert_nd30(data))
    text = "\n".join(lines)
    assert "28/11/2023" not in text, "a working deadline set in the app is not plan text"
    assert "Bình Sơn, ngày      tháng      năm 2023" in text
    assert "Phòng Lao động – Thương binh" not in text and "Lao động, Thương binh" not in text
    assert "Phòng Văn hoá" not in text
    assert not re.search(r"\(\d+ đại biểu\)", text), "the seat estimate is not plan text"
    for state in ("Đã nộp", "Đang soạn", "Chưa thực hiện", "ứng dụng"):
        assert state not in text
    assert "{{" not in text and "{%" not in text
    assert_properties(data, title="Kế hoạch tổ chức Hội nghị sơ kết giữa kỳ",
                      author="UBND huyện Bình Sơn")


def test_the_outline_is_attached_as_the_annex_of_the_plan(plan_doc):
    from webapp.reports.outline import load_outline
    lines = body_text(assert_nd30(plan_doc))
    start = lines.index("ĐỀ CƯƠNG BÁO CÁO")
    assert lines.index("Phạm Quang Sự") < start, "after the plan's signature"
    annex = "\n".join(lines[start:])
    assert "(Kèm theo Kế hoạch số       /KH-UBND ngày       /      /2023 của UBND huyện)" in annex
    outline = load_outline()
    assert outline.report_subject in annex.replace("\u2011", "-")  # year ranges unbroken
    for item in (*outline.poverty, *outline.project_fields, *outline.narrative):
        assert item.label in annex, item.label
    assert "Tiểu dự án 2 - Dự án 4: Hỗ trợ người lao động đi làm việc ở nước ngoài" in annex
    convert_to_pdf_if_possible(plan_doc)
