"""Forms the units fill: the achievement report of a collective and of an individual, in the
form of the reward rules in force (data/achievement-forms.toml, by date), as .docx to download
from the nomination screen so that no unit starts from a blank page."""
import tomllib
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..core.errors import DomainError
from ..documents import nd30
from ..documents.service import download_name, render
from .decision import decision_date_of

FORMS_FILE = Path(__file__).parent / "data" / "achievement-forms.toml"
FORM_TEMPLATE = "bao-cao-thanh-tich-mau.docx"
FILL = "………………"


@lru_cache(maxsize=2)
def _periods(path: Path = FORMS_FILE) -> list[dict]:
    with open(path, "rb") as fh:
        return tomllib.load(fh)["period"]


def form_on(day: date, kind: str) -> dict:
    for p in _periods():
        if p["valid_from"] <= day and (p.get("valid_to") is None or day <= p["valid_to"]):
            return p[kind]
    raise DomainError(f"Không có mẫu báo cáo thành tích áp dụng cho ngày {day:%d/%m/%Y}.")


def build_form():
    doc = nd30.new_document()
    table = nd30.header_block(doc, issuer_lines=("{{ superior }}", "{{ unit_upper }}"),
                              number="", place_date="{{ place_date }}")
    for run in table.rows[0].cells[0].paragraphs[0].runs:
        run.font.bold = None
    nd30.paragraph(doc, "{{ title }}", bold=True, align="center", space_before=18, space_after=0)
    nd30.paragraph(doc, "{{ subtitle }}", bold=True, align="center", space_after=0)
    nd30.paragraph(doc, "({{ reference }})", italic=True, size=12, align="center", space_after=12)
    nd30.when(doc, "subject_line", "{{ subject_line }}", bold=True)
    nd30.paragraph(doc, "{{ first_heading }}", bold=True, indent=False, keep_next=True)
    nd30.repeat(doc, "line in first_lines", "{{ line }}")

    def guidance(container):
        nd30.paragraph(container, "{{ g }}", italic=True)
        nd30.paragraph(container, "{{ fill }}", align="left")

    def section(container):
        nd30.paragraph(container, "{{ s.heading }}", bold=True, indent=False, keep_next=True,
                       space_before=6)
        nd30.repeat(container, "g in s.guidance", guidance)

    nd30.repeat(doc, "s in sections", section)
    nd30.paragraph(doc, "{{ awards_heading }}", bold=True, indent=False, keep_next=True, space_before=6)
    nd30.paragraph(doc, "1. Danh hiệu thi đua:", keep_next=True)
    t = nd30.grid_table(doc, [2.2, 6.0, 8.3], ["Năm", "Danh hiệu thi đua",
                                               "Số, ngày, tháng, năm của quyết định; cơ quan ban hành"])
    for _ in range(3):
        nd30.row_of_texts(t, ["", "", ""])
    nd30.paragraph(doc, "2. Hình thức khen thưởng:", keep_next=True, space_before=6)
    t = nd30.grid_table(doc, [2.2, 6.0, 8.3], ["Năm", "Hình thức khen thưởng",
                                               "Số, ngày, tháng, năm của quyết định; cơ quan ban hành"])
    for _ in range(3):
        nd30.row_of_texts(t, ["", "", ""])
    nd30.paragraph(doc, "", space_after=0, keep_next=True)
    sig = nd30.borderless_table(doc, [8.25, 8.25], rows=1)
    for cell, key in zip(sig.rows[0].cells, ("left", "right")):
        nd30.paragraph(cell, "{{ %s_title }}" % key, bold=True, align="center", space_before=12,
                       space_after=0)
        nd30.paragraph(cell, "{{ %s_note }}" % key, italic=True, align="center", space_after=0)
        for _ in range(4):
            nd30.paragraph(cell, "", align="center", space_after=0)
    nd30.end_spacer(doc)
    return doc


def _superior(unit) -> str:
    """The superior body above the unit's name; a mass organisation has none to name."""
    return "" if unit.kind == "mass_org" else "UBND HUYỆN BÌNH SƠN"


def _issuer(unit) -> str:
    """The body that signs for the unit: a commune signs as its People's Committee."""
    return f"UBND {unit.name}" if unit.kind == "commune" else unit.name


def achievement_form_file(plan, kind: str, unit):
    day = decision_date_of(plan)
    form = form_on(day, kind)
    values = {"name": FILL, "birth": FILL, "gender": FILL, "workplace": FILL, "position": FILL}
    context = {
        "superior": _superior(unit), "unit_upper": _issuer(unit).upper(),
        "place_date": f"{FILL}, ngày … tháng … năm {day.year}",
        "title": form["title"], "reference": form["reference"],
        "subtitle": (f"Thành tích trong công tác giảm nghèo và phong trào thi đua "
                     f"“{plan.movement_name}” giai đoạn {plan.period}"),
        "subject_line": form["subject_line"].format(**values),
        "first_heading": form["first_heading"],
        "first_lines": [line.format(**values) + ("" if "{" in line or line.endswith(".") else FILL)
                        for line in form["first_lines"]],
        "sections": [{"heading": s[0], "guidance": s[1:]} for s in form["sections"]],
        "awards_heading": form["awards_heading"], "fill": FILL * 4,
        "left_title": form["left_signature"][0], "left_note": form["left_signature"][1],
        "right_title": form["right_signature"][0], "right_note": form["right_signature"][1],
    }
    what = "tập thể" if kind == "collective" else "cá nhân"
    title = f"Mẫu báo cáo thành tích đề nghị khen thưởng ({what})"

    def make():
        return render(FORM_TEMPLATE, context, title=title, author=unit.name)

    return make, download_name(f"Mẫu báo cáo thành tích - {what}")
