"""The two district reports as .docx (Nghị định 30): templates built here, contexts from the
drafts and the tables of accepted reports."""
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.shared import Mm

from ..core.formatting import document_date, money, number
from ..documents import nd30
from .figures import DistrictTables, fund, fund_total, rate_text
from .service import EMULATION, MID_TERM, ReportKind, poverty_summary, sections_of

LANDSCAPE_TEXT_CM = 25.2  # A4 landscape 297 mm - 30 - 15


def _num(value) -> str:
    return "–" if value is None else number(value)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").split("\n") if p.strip()]


def _sections(kind: ReportKind, draft) -> dict:
    texts = sections_of(draft, kind)
    return {s.code: {"heading": s.heading,
                     "paragraphs": _paragraphs(texts[s.code]) or ["(Chưa soạn nội dung mục này.)"]}
            for s in kind.sections}


def _common(plan, kind: ReportKind, draft, today) -> dict:
    return {
        "number_text": f"{(draft.number if draft and draft.number else '      ')}/BC-UBND",
        "place_date": document_date(plan.place_of_issue, today),
        "summary": kind.summary,
        "s": _sections(kind, draft),
        "recipients": ["UBND tỉnh", "Sở LĐ-TB&XH tỉnh", "Thường trực Huyện ủy",
                       "Thường trực HĐND huyện", "CT, các PCT UBND huyện"],
        "archive": "VT, LĐTBXH" if kind is MID_TERM else "VT, NV",
        "signer_authority": plan.signer_authority, "signer_title": plan.signer_title,
        "signer_name": plan.signer_name,
    }


def poverty_rows(tables: DistrictTables, count: str, rate: str) -> list[dict]:
    rows = []
    for index, c in enumerate(tables.communes, start=1):
        if not c.accepted:
            rows.append({"no": str(index), "name": f"{c.unit.short_name} ({c.state_label.lower()})",
                         "cells": ["–"] * (2 * len(tables.periods))})
            continue
        cells = []
        for code, _label in tables.periods:
            cells += [_num(c.value(code, count)), rate_text(c.value(code, rate)) or "–"]
        rows.append({"no": str(index), "name": c.unit.short_name, "cells": cells})
    return rows


def poverty_total(tables: DistrictTables, count: str, rate: str) -> list[str]:
    cells = []
    for code, _label in tables.periods:
        cells += [_num(tables.total(code, count)), rate_text(tables.total(code, rate)) or "–"]
    return cells


def project_rows(tables: DistrictTables) -> list[dict]:
    rows = []
    groups = (("department", "Phòng, ban huyện"), ("commune", "Xã, thị trấn"))
    for p in tables.projects:
        for group, label in groups:
            if not p.units.get(group):
                continue
            cells = []
            for source, _label in tables.fund_sources:
                for kind in ("allocated", "disbursed"):
                    values = [fund(p, group, y, source, kind) for y in tables.fund_years]
                    values = [v for v in values if v is not None]
                    cells.append(money(sum(values)) if values else "–")
            rows.append({"project": p.short_label, "group": f"{label} ({p.units[group]})",
                         "beneficiaries": _num(p.beneficiaries.get(group)), "cells": cells,
                         "allocated": money(fund_total(p, group, "allocated") or 0),
                         "disbursed": money(fund_total(p, group, "disbursed") or 0)})
    return rows


def target_rows(tables: DistrictTables) -> list[dict]:
    rows = []
    for p in tables.projects:
        units = {}
        for unit, text in p.targets:
            units.setdefault(unit, {"target": "", "result": ""})["target"] = text
        for unit, text in p.results:
            units.setdefault(unit, {"target": "", "result": ""})["result"] = text
        for unit, texts in units.items():
            rows.append({"project": p.short_label, "unit": unit, **texts})
    return rows


def mid_term_context(plan, draft, tables: DistrictTables, today) -> dict:
    context = _common(plan, MID_TERM, draft, today)
    context.update({
        "figures_summary": poverty_summary(tables),
        "periods": [label for _c, label in tables.periods] or ["2021", "2022", "2023"],
        "poor_rows": poverty_rows(tables, "poor", "poor_rate") if tables.available else [],
        "poor_total": poverty_total(tables, "poor", "poor_rate") if tables.available else [],
        "near_rows": poverty_rows(tables, "near_poor", "near_poor_rate") if tables.available else [],
        "near_total": poverty_total(tables, "near_poor", "near_poor_rate") if tables.available else [],
        "counted": f"{tables.communes_accepted}/{len(tables.communes)}" if tables.available else "0",
        "sources": [label for _c, label in tables.fund_sources],
        "project_rows": project_rows(tables) if tables.available else [],
        "target_rows": target_rows(tables) if tables.available else [],
        "no_data": "" if tables.available else tables.note,
    })
    return context


def emulation_context(plan, draft, nominations, today) -> dict:
    context = _common(plan, EMULATION, draft, today)
    rows = []
    if nominations.available:
        for index, (unit, counter) in enumerate(nominations.by_unit, start=1):
            rows.append({"no": str(index), "unit": unit.short_name,
                         "cells": [str(counter.get(code, 0)) for code, _l in nominations.stages],
                         "total": str(counter.get("total", 0))})
    kinds = []
    if nominations.available:
        kinds = [f"{k.label}: {k.approved}/{k.quota} được duyệt" for k in nominations.kinds]
    context.update({
        "stages": [label for _c, label in nominations.stages],
        "nomination_rows": rows,
        "nomination_totals": [str(nominations.totals.get(code, 0)) for code, _l in nominations.stages],
        "nomination_total": str(nominations.totals.get("total", 0)),
        "quota_lines": kinds,
        "no_data": "" if nominations.available else nominations.note,
    })
    return context


# --- templates -------------------------------------------------------------------------------

def _section(doc, code: str):
    nd30.paragraph(doc, "{{ s." + code + ".heading }}", bold=True, keep_next=True, indent=True)
    nd30.tag(doc, "{%p for para in s." + code + ".paragraphs %}")
    nd30.paragraph(doc, "{{ para }}")
    nd30.tag(doc, "{%p endfor %}")


def _start(doc):
    nd30.header_block(doc, number="Số: {{ number_text }}")
    nd30.title_block(doc, "BÁO CÁO", ["{{ summary }}"], rule_cm=3.5)


def _end(doc):
    nd30.paragraph(doc, "Trên đây là báo cáo {{ summary[:1]|lower }}{{ summary[1:] }}./.")
    nd30.signature_block(doc)


def _landscape_section(doc):
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = False
    return section


def _poverty_table(doc, rows: str, total: str, title: str, new_page: bool = False):
    p = nd30.paragraph(doc, title, bold=True, align="center", indent=False, keep_next=True)
    p.paragraph_format.page_break_before = new_page or None
    widths = [1.0, 6.2] + [3.0] * 6
    header = ["TT", "Xã, thị trấn"] + [
        "{{ periods[%d] }}: số hộ" % (i // 2) if i % 2 == 0 else "Tỷ lệ" for i in range(6)]
    table = nd30.grid_table(doc, widths, header, size=10)
    nd30.row_of_texts(table, ["{%tr for r in " + rows + " %}"] + [""] * 7, size=10)
    nd30.row_of_texts(table, ["{{ r.no }}", "{{ r.name }}"] + ["{{ r.cells[%d] }}" % i for i in range(6)],
                      size=10, aligns=["center", "left"] + ["right"] * 6)
    nd30.row_of_texts(table, ["{%tr endfor %}"] + [""] * 7, size=10)
    nd30.row_of_texts(table, ["", "Toàn huyện ({{ counted }})"]
                      + ["{{ " + total + "[%d] }}" % i for i in range(6)],
                      size=10, bold=True, aligns=["center", "left"] + ["right"] * 6)
    _no_split(table)


def _no_split(table) -> None:
    """No row of a table breaks across two pages."""
    from docx.oxml import OxmlElement
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def build_mid_term():
    doc = nd30.new_document()
    _start(doc)
    nd30.paragraph(doc, "Thực hiện Kế hoạch tổ chức Hội nghị sơ kết giữa kỳ, UBND huyện báo cáo "
                        "kết quả thực hiện Chương trình mục tiêu quốc gia Giảm nghèo bền vững giai "
                        "đoạn 2021-2025 trên địa bàn huyện như sau:")
    _section(doc, "tinh_hinh")
    _section(doc, "chi_dao")
    nd30.paragraph(doc, "{{ s.ket_qua.heading }}", bold=True, keep_next=True)
    nd30.paragraph(doc, "1. Kết quả giảm nghèo", bold=True, keep_next=True)
    nd30.tag(doc, "{%p for line in figures_summary %}")
    nd30.paragraph(doc, "{{ line }}")
    nd30.tag(doc, "{%p endfor %}")
    nd30.paragraph(doc, "(Chi tiết tại các Phụ lục kèm theo báo cáo này.)", italic=True)
    nd30.paragraph(doc, "2. Đánh giá chung", bold=True, keep_next=True)
    nd30.tag(doc, "{%p for para in s.ket_qua.paragraphs %}")
    nd30.paragraph(doc, "{{ para }}")
    nd30.tag(doc, "{%p endfor %}")
    for code in ("han_che", "bai_hoc", "phuong_huong", "kien_nghi"):
        _section(doc, code)
    _end(doc)

    _landscape_section(doc)
    nd30.paragraph(doc, "PHỤ LỤC I", bold=True, align="center", indent=False, space_after=0)
    nd30.paragraph(doc, "HỘ NGHÈO, HỘ CẬN NGHÈO THEO XÃ, THỊ TRẤN", bold=True, align="center",
                   indent=False, space_after=0)
    nd30.paragraph(doc, "(Kèm theo Báo cáo số {{ number_text }} của UBND huyện Bình Sơn; tổng hợp "
                        "từ báo cáo của các xã, thị trấn đã được tiếp nhận)", italic=True,
                   align="center", indent=False)
    nd30.tag(doc, "{%p if no_data %}")
    nd30.paragraph(doc, "{{ no_data }}", italic=True, align="center", indent=False)
    nd30.tag(doc, "{%p endif %}")
    note = ("Toàn huyện ({{ counted }}): số xã, thị trấn có báo cáo được tiếp nhận / tổng số. Tỷ "
            "lệ toàn huyện tính từ tổng số hộ nghèo (cận nghèo) và tổng số hộ dân cư của các xã, "
            "thị trấn này; xã, thị trấn chưa có báo cáo được tiếp nhận không được tính (không "
            "coi là 0).")
    nd30.paragraph(doc, note, size=10, italic=True, space_after=2)
    _poverty_table(doc, "poor_rows", "poor_total", "1. Hộ nghèo")
    _poverty_table(doc, "near_rows", "near_total", "2. Hộ cận nghèo", new_page=True)
    p = nd30.paragraph(doc, "PHỤ LỤC II", bold=True, align="center", indent=False, space_after=0)
    p.paragraph_format.page_break_before = True
    nd30.paragraph(doc, "KẾT QUẢ THỰC HIỆN CÁC DỰ ÁN, TIỂU DỰ ÁN", bold=True, align="center",
                   indent=False, space_after=0)
    nd30.paragraph(doc, "(Đơn vị tính kinh phí: đồng; số liệu phòng, ban và xã, thị trấn ghi "
                        "riêng, không cộng dồn)", italic=True, align="center", indent=False)
    widths = [3.6, 3.6, 2.4] + [2.6] * 6
    header = ["Dự án, tiểu dự án", "Đơn vị báo cáo (số đơn vị)", "Đối tượng hưởng lợi"] + [
        "{{ sources[%d] }}: %s" % (i // 2, "phân bổ" if i % 2 == 0 else "giải ngân") for i in range(6)]
    table = nd30.grid_table(doc, widths, header, size=10)
    nd30.row_of_texts(table, ["{%tr for r in project_rows %}"] + [""] * 8, size=10)
    nd30.row_of_texts(table, ["{{ r.project }}", "{{ r.group }}", "{{ r.beneficiaries }}"]
                      + ["{{ r.cells[%d] }}" % i for i in range(6)], size=10,
                      aligns=["left", "left", "right"] + ["right"] * 6)
    nd30.row_of_texts(table, ["{%tr endfor %}"] + [""] * 8, size=10)
    _no_split(table)
    p = nd30.paragraph(doc, "PHỤ LỤC III", bold=True, align="center", indent=False, space_after=0)
    p.paragraph_format.page_break_before = True
    nd30.paragraph(doc, "MỤC TIÊU, CHỈ TIÊU VÀ KẾT QUẢ THEO BÁO CÁO CỦA CÁC ĐƠN VỊ", bold=True,
                   align="center", indent=False)
    table = nd30.grid_table(doc, [3.6, 3.4, 9.1, 9.1], ["Dự án, tiểu dự án", "Đơn vị",
                                                         "Mục tiêu, chỉ tiêu được giao",
                                                         "Kết quả thực hiện"], size=11)
    nd30.row_of_texts(table, ["{%tr for r in target_rows %}", "", "", ""], size=11)
    nd30.row_of_texts(table, ["{{ r.project }}", "{{ r.unit }}", "{{ r.target }}", "{{ r.result }}"],
                      size=11)
    nd30.row_of_texts(table, ["{%tr endfor %}", "", "", ""], size=11)
    _no_split(table)
    return doc


def build_emulation():
    doc = nd30.new_document()
    _start(doc)
    nd30.paragraph(doc, "Thực hiện Kế hoạch tổ chức Hội nghị sơ kết giữa kỳ, UBND huyện báo cáo "
                        "kết quả phong trào thi đua như sau:")
    _section(doc, "to_chuc")
    nd30.paragraph(doc, "{{ s.ket_qua.heading }}", bold=True, keep_next=True)
    nd30.tag(doc, "{%p for para in s.ket_qua.paragraphs %}")
    nd30.paragraph(doc, "{{ para }}")
    nd30.tag(doc, "{%p endfor %}")
    nd30.paragraph(doc, "Kết quả đề nghị khen thưởng của các đơn vị:", keep_next=True)
    nd30.tag(doc, "{%p if no_data %}")
    nd30.paragraph(doc, "{{ no_data }}", italic=True)
    nd30.tag(doc, "{%p endif %}")
    widths = [1.0, 5.0] + [1.75] * 5 + [1.75]
    header = ["TT", "Đơn vị"] + ["{{ stages[%d] }}" % i for i in range(5)] + ["Tổng số"]
    table = nd30.grid_table(doc, widths, header, size=11)
    nd30.row_of_texts(table, ["{%tr for r in nomination_rows %}"] + [""] * 7, size=11)
    nd30.row_of_texts(table, ["{{ r.no }}", "{{ r.unit }}"] + ["{{ r.cells[%d] }}" % i for i in range(5)]
                      + ["{{ r.total }}"], size=11, aligns=["center", "left"] + ["right"] * 6)
    nd30.row_of_texts(table, ["{%tr endfor %}"] + [""] * 7, size=11)
    nd30.row_of_texts(table, ["", "Cộng"] + ["{{ nomination_totals[%d] }}" % i for i in range(5)]
                      + ["{{ nomination_total }}"], size=11, bold=True,
                      aligns=["center", "left"] + ["right"] * 6)
    nd30.tag(doc, "{%p for line in quota_lines %}")
    nd30.paragraph(doc, "- {{ line }}.")
    nd30.tag(doc, "{%p endfor %}")
    for code in ("han_che", "phuong_huong", "kien_nghi"):
        _section(doc, code)
    _end(doc)
    return doc
