"""The draft .docx of a unit's result report (BÁO CÁO, Nghị định 30 layout): the template
builder (registered in documents/registry.py) and the context from the unit's draft."""
from ..core import clock, people
from ..core.formatting import document_date, number
from ..core.roles import UnitKind
from ..documents import nd30
from ..documents import service as documents
from . import docx_parts
from . import figures as fig
from .outline import Outline

TEMPLATE = "bao-cao-ket-qua.docx"

# Abbreviations of the issuing body in the number (Phụ lục III): "Số: …/BC-UBND".
DEPARTMENT_ABBR = {"nnptnt": "NNPTNT", "vhtt": "VHTT", "yte": "YT", "gddt": "GDĐT",
                   "tckh": "TCKH", "kthd": "KTHT", "tnmt": "TNMT", "ldtbxh": "LĐTBXH"}


def build():
    doc = nd30.new_document()
    table = docx_parts.header(doc, ("{{ issuer_top }}", "{{ issuer_name }}"),
                              superior="{{ superior }}", superior_if="superior")
    docx_parts.only_if(table.rows[0].cells[0], "{{ issuer_top }}", "issuer_top")
    nd30.title_block(doc, "BÁO CÁO", ["{{ subject }}"], rule_cm=4.0)
    nd30.paragraph(doc, "{{ intro }}")

    nd30.tag(doc, "{%p if poverty_rows %}")
    nd30.paragraph(doc, "{{ poverty_heading }}", bold=True, keep_next=True)
    table = nd30.grid_table(doc, [6.1, 1.4, 3.0, 3.0, 3.0],
                            ["Chỉ tiêu", "ĐVT", "{{ period_labels[0] }}", "{{ period_labels[1] }}",
                             "{{ period_labels[2] }}"])
    nd30.row_of_texts(table, ["{%tr for r in poverty_rows %}", "", "", "", ""])
    nd30.row_of_texts(table, ["{{ r.label }}", "{{ r.unit }}", "{{ r.cells[0] }}",
                              "{{ r.cells[1] }}", "{{ r.cells[2] }}"],
                      aligns=["left", "center", "right", "right", "right"])
    nd30.row_of_texts(table, ["{%tr endfor %}", "", "", "", ""])
    nd30.paragraph(doc, "", size=6, space_after=0)
    nd30.tag(doc, "{%p endif %}")

    nd30.paragraph(doc, "{{ projects_heading }}", bold=True, keep_next=True)
    nd30.repeat(doc, "p in projects", _lines_under("{{ loop.index }}. {{ p.label }}", "p.lines"))
    nd30.when(doc, "not projects",
              "Đơn vị không được giao thực hiện dự án, tiểu dự án nào của Chương trình.")

    def funds_table(container):
        nd30.paragraph(container, "Kinh phí phân bổ và giải ngân (đơn vị tính: {{ money_unit }}):",
                       italic=True, keep_next=True)
        funds = nd30.grid_table(container, [4.6, 1.3, 3.2, 2.9, 2.9, 1.6],
                                ["Dự án, tiểu dự án", "Năm", "Nguồn vốn", "Phân bổ", "Giải ngân",
                                 "Tỷ lệ (%)"], size=11)
        nd30.row_of_texts(funds, ["{%tr for r in fund_rows %}", "", "", "", "", ""], size=11)
        nd30.row_of_texts(funds, ["{{ r.project }}", "{{ r.year }}", "{{ r.source }}",
                                  "{{ r.allocated }}", "{{ r.disbursed }}", "{{ r.rate }}"],
                          size=11, aligns=["left", "center", "left", "right", "right", "right"])
        nd30.row_of_texts(funds, ["{%tr endfor %}", "", "", "", "", ""], size=11)
        nd30.paragraph(container, "", size=6, space_after=0)
    nd30.when(doc, "fund_rows", funds_table)

    nd30.when(doc, "movement_lines", _lines_under("{{ movement_heading }}", "movement_lines"))
    nd30.repeat(doc, "s in sections", _lines_under("{{ s.heading }}", "s.lines"))
    docx_parts.keep_with_signature(nd30.paragraph(doc, "{{ closing }}"))
    nd30.signature_block(doc)
    return doc


def _lines_under(heading: str, lines: str):
    """A bold heading kept with what follows, then one paragraph per line of `lines`."""
    def body(container):
        nd30.paragraph(container, heading, bold=True, keep_next=True)
        nd30.repeat(container, f"line in {lines}", "{{ line }}")
    return body


def render(context: dict) -> bytes:
    """The draft .docx, with its core properties: the unit as author."""
    return documents.render(TEMPLATE, context, title=f"Báo cáo – {context['subject']}",
                             author=context["author"])


_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def rate_text(value) -> str:
    """Every rate of the paper in one form: two decimals, Vietnamese comma ("6,70")."""
    return "" if value is None else number(value, decimals=2)


# Who signs the unit's report (title as the units data writes it).
COMMUNE_HEAD_TITLES = ("Chủ tịch", "Chủ tịch UBND xã", "Chủ tịch UBND thị trấn")
DEPARTMENT_HEAD_TITLES = ("Trưởng phòng",)


def signer_name(unit) -> str:
    """The head the units data names ("[[official]]"), or blank for the signer to write."""
    titles = COMMUNE_HEAD_TITLES if unit.kind == UnitKind.COMMUNE else DEPARTMENT_HEAD_TITLES
    head = people.head_of(unit.code, *titles, f"{titles[0]} {people.mid_sentence(unit.name)}")
    return head.name if head else ""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _item_lines(items, values: dict) -> list[str]:
    """"- Label: 150 người/hộ" for counts, "- Label: first line" then the others for texts."""
    lines = []
    for item in items:
        value = values.get(item.code)
        if value in (None, ""):
            continue
        if item.kind == "count":
            lines.append(f"- {item.label}: {fig.show_number(value)} {item.unit}".rstrip())
        else:
            text_lines = _lines(value)
            lines.append(f"- {item.label}: {text_lines[0]}")
            lines.extend(text_lines[1:])
    return lines


def context(assignment, outline: Outline, checked: fig.Checked, projects: list[fig.ProjectRef],
            plan) -> dict:
    unit = assignment.unit
    commune = unit.kind == UnitKind.COMMUNE
    today = clock.today()
    superior = ""
    if commune:
        issuer_top, issuer_name = "ỦY BAN NHÂN DÂN", unit.name.upper()
        number_text = "      /BC-UBND"
        place = unit.name.removeprefix("Xã ").removeprefix("xã ").removeprefix("Thị trấn ") \
            .removeprefix("thị trấn ")
        authority, title = "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
        body = "UBND " + unit.name[:1].lower() + unit.name[1:]
    else:
        superior, issuer_top, issuer_name = "UBND HUYỆN BÌNH SƠN", "", unit.name.upper()
        number_text = f"      /BC-{DEPARTMENT_ABBR.get(unit.code, 'BC')}"
        place = plan.place_of_issue if plan else "Bình Sơn"
        authority, title = "", "TRƯỞNG PHÒNG"
        body = unit.name
    values = checked.figures
    section_no = 0

    def heading(text: str) -> str:
        nonlocal section_no
        section_no += 1
        return f"{_ROMAN[section_no - 1]}. {text}"

    poverty_rows = []
    poverty_heading = ""
    if commune:
        poverty_heading = heading("TÌNH HÌNH HỘ NGHÈO, HỘ CẬN NGHÈO")
        for item in outline.poverty:
            row_values = []
            for period in outline.periods:
                if period not in outline.poverty_periods(item):
                    row_values.append("–")
                    continue
                value = values["poverty"].get(period.code, {}).get(item.code)
                row_values.append(rate_text(value) if item.kind == "rate"
                                  else fig.show_number(value) if value is not None else "")
            poverty_rows.append({"label": item.label, "unit": item.unit, "cells": row_values})
    projects_heading = heading("KẾT QUẢ THỰC HIỆN CÁC DỰ ÁN, TIỂU DỰ ÁN CỦA CHƯƠNG TRÌNH")
    project_blocks, fund_rows = [], []
    for project in projects:
        entry = values["projects"].get(project.code)
        if entry is None:
            continue
        lines = _item_lines(outline.project_fields, entry)
        if entry.get("funds_note"):
            lines.append(f"- Giải trình về kinh phí: {entry['funds_note']}")
        project_blocks.append({"label": f"{project.short_label}: {project.title}", "lines": lines})
        for year in outline.fund_years:
            for source in outline.fund_sources:
                cell = entry["funds"].get(year, {}).get(source.code, {})
                if cell.get("allocated") is None and cell.get("disbursed") is None:
                    continue
                rate = fig.rate_of(cell.get("disbursed"), cell.get("allocated"))
                fund_rows.append({"project": project.short_label, "year": year,
                                  "source": source.label,
                                  "allocated": fig.show_number(cell.get("allocated")),
                                  "disbursed": fig.show_number(cell.get("disbursed")),
                                  "rate": rate_text(rate)})
    movement_heading = ""
    movement_lines = _item_lines(outline.movement, values.get("movement", {}))
    if movement_lines:
        movement_heading = heading(outline.movement_title.upper())
    sections = []
    general = [i for i in outline.narrative if i.code != "proposals"]
    if general:
        sections.append({"heading": heading("ĐÁNH GIÁ CHUNG"), "lines": []})
        for index, item in enumerate(general, start=1):
            sections.append({"heading": f"{index}. {item.label}",
                             "lines": _lines(values["narrative"].get(item.code)) or ["…"]})
    for item in outline.narrative:
        if item.code == "proposals":
            sections.append({"heading": heading(item.label.upper()),
                             "lines": _lines(values["narrative"].get(item.code)) or ["…"]})
    plan_ref = docx_parts.plan_reference(plan) if plan else "Kế hoạch của UBND huyện Bình Sơn"
    return {
        "superior": superior, "issuer_top": issuer_top, "issuer_name": issuer_name,
        "number_text": number_text,
        "author": ("UBND " + unit.name[:1].lower() + unit.name[1:]) if commune else unit.name,
        "place_date": document_date(place, None, year=today.year),
        "subject": outline.report_subject,
        "intro": (f"Thực hiện {plan_ref} về tổ chức Hội nghị sơ kết giữa "
                  f"kỳ Chương trình mục tiêu quốc gia Giảm nghèo bền vững giai đoạn 2021-2025, "
                  f"{body} báo cáo kết quả thực hiện như sau:"),
        "poverty_heading": poverty_heading, "poverty_rows": poverty_rows,
        "period_labels": [p.label for p in outline.periods] + ["", "", ""],
        "projects_heading": projects_heading, "projects": project_blocks,
        "fund_rows": fund_rows, "money_unit": outline.money_unit, "sections": sections,
        "movement_heading": movement_heading, "movement_lines": movement_lines,
        "closing": f"Trên đây là báo cáo kết quả thực hiện Chương trình mục tiêu quốc gia Giảm "
                   f"nghèo bền vững giai đoạn 2021-2025 của {body}./.",
        "recipients": list(outline.recipients), "archive": "VT",
        "signer_authority": authority, "signer_title": title, "signer_name": signer_name(unit),
    }


def download_base(assignment) -> str:
    return f"Báo cáo kết quả – {assignment.unit.short_name} (dự thảo)"
