"""The two district reports as .docx: what they say, from the drafts, the units' accepted reports
and the approved awards. Documents speak of results only: no workflow state beside a unit.

`context_for(plan, kind, today)` is the one entry (pages, downloads, the issuing register); the
templates are built in builders.py."""
from ..awards.service import approved_awardees, get_decision, number_text as decision_number
from ..core.formatting import ddmmyyyy, document_date, money, number
from ..core.roles import UnitKind
from ..extensions import db
from ..plan.models import Unit
from ..documents import service as documents
from ..reports import docx_parts
from .builders import build_emulation, build_mid_term  # noqa: F401  (documents/registry.py)
from .figures import DistrictTables, district_tables, fund, period_figures, rate_text
from .service import EMULATION, MID_TERM, ReportKind, get_draft, sections_of

AUTHOR = "UBND huyện Bình Sơn"
RECIPIENTS = ["UBND tỉnh", "Sở LĐ-TB&XH tỉnh", "Thường trực Huyện ủy", "Thường trực HĐND huyện",
              "CT, các PCT UBND huyện"]


def _num(value) -> str:
    return "–" if value is None else number(value)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").split("\n") if p.strip()]


def _sections(kind: ReportKind, draft) -> dict:
    texts = sections_of(draft, kind)
    return {s.code: {"heading": s.heading, "paragraphs": _paragraphs(texts[s.code]) or ["…"]}
            for s in kind.sections}


def _common(plan, kind: ReportKind, draft, today) -> dict:
    summary = kind.summary
    return {
        "number_text": f"{(draft.number if draft and draft.number else '      ')}/BC-UBND",
        "date_short": "…", "place_date": document_date(plan.place_of_issue, None, year=today.year),
        "summary": summary, "s": _sections(kind, draft),
        "closing": f"Trên đây là báo cáo {summary[:1].lower()}{summary[1:]}./.",
        "recipients": RECIPIENTS, "archive": "VT, LĐTBXH" if kind is MID_TERM else "VT, NV",
        "signer_authority": plan.signer_authority, "signer_title": plan.signer_title,
        "signer_name": plan.signer_name,
    }


# --- the mid-term report ---------------------------------------------------------------------

def results_summary(tables: DistrictTables) -> list[str]:
    """The district figures in the words of a report (never a workflow state). A sum over
    some communes says so: it is not the district's figure until every unit reported."""
    if not tables.available or tables.communes_accepted == 0:
        return ["Số liệu hộ nghèo, hộ cận nghèo của các xã, thị trấn đang được tổng hợp."]
    parts = [f"{label.lower()} có {figures}" for code, label in tables.periods
             if (figures := period_figures(tables, code))]
    whole = tables.communes_accepted == len(tables.communes)
    lead = ("Toàn huyện " if whole else f"Tổng hợp từ báo cáo của {tables.communes_accepted}/"
            f"{len(tables.communes)} xã, thị trấn: ")
    lines = [lead + "; ".join(parts) + "."]
    rates = [(label, tables.total(code, "poor_rate")) for code, label in tables.periods
             if tables.total(code, "poor_rate") is not None]
    if len(rates) >= 2:
        (first_label, first), (last_label, last) = rates[0], rates[-1]
        trend, to = ("giảm", "còn") if last < first else ("tăng", "lên")
        whose = "Tỷ lệ hộ nghèo" + ("" if whole else " của các xã, thị trấn này")
        if last == first:
            lines.append(f"{whose} {first_label.lower()} và {last_label.lower()} đều là "
                         f"{rate_text(first)}.")
            return lines
        # a fall of a rate is counted in percentage points, not in per cent of itself
        step = number(round(abs(first - last) / (len(rates) - 1), 2), decimals=2)
        lines.append(f"{whose} {trend} từ {rate_text(first)} ({first_label.lower()}) {to} "
                     f"{rate_text(last)} ({last_label.lower()}), bình quân mỗi năm {trend} "
                     f"{step} điểm phần trăm.")
    return lines


def poverty_rows(tables: DistrictTables, count: str, rate: str) -> list[dict]:
    rows = []
    for index, c in enumerate(tables.communes, start=1):
        cells = []
        for code, _label in tables.periods:
            cells += [_num(c.value(code, "households")), _num(c.value(code, count)),
                      rate_text(c.value(code, rate)) or "–"]
        rows.append({"no": str(index), "name": c.unit.name, "cells": cells})
    return rows


def poverty_total(tables: DistrictTables, count: str, rate: str) -> list[str]:
    cells = []
    for code, _label in tables.periods:
        cells += [_num(tables.total(code, "households")), _num(tables.total(code, count)),
                  rate_text(tables.total(code, rate)) or "–"]
    return cells


def _sum(values) -> int | None:
    values = [v for v in values if v is not None]
    return sum(values) if values else None


def project_rows(tables: DistrictTables) -> tuple[dict, dict]:
    """Rows per group (phòng, ban / xã, thị trấn) and each group's total row."""
    rows: dict = {"department": [], "commune": []}
    totals: dict = {}
    for group in rows:
        per_cell: list[list] = [[] for _ in range(6)]
        units, beneficiaries = [], []
        for p in tables.projects:
            if not p.units.get(group):
                continue
            cells = []
            for source, _label in tables.fund_sources:
                for kind in ("allocated", "disbursed"):
                    cells.append(_sum(fund(p, group, y, source, kind) for y in tables.fund_years))
            for index, value in enumerate(cells[:6]):
                per_cell[index].append(value)
            units.append(p.units[group])
            beneficiaries.append(p.beneficiaries.get(group))
            rows[group].append({"project": p.short_label, "units": str(p.units[group]),
                                "beneficiaries": _num(p.beneficiaries.get(group)),
                                "cells": [money(v) if v is not None else "–" for v in cells]})
        totals[group] = ["", _num(_sum(beneficiaries))] + [
            money(_sum(values)) if _sum(values) is not None else "–" for values in per_cell]
    return rows, totals


def target_rows(tables: DistrictTables) -> list[dict]:
    rows = []
    for p in tables.projects:
        units: dict = {}
        for unit, text in p.targets:
            units.setdefault(unit, {"target": "", "result": ""})["target"] = text
        for unit, text in p.results:
            units.setdefault(unit, {"target": "", "result": ""})["result"] = text
        rows += [{"project": p.short_label, "unit": unit, **texts} for unit, texts in units.items()]
    return rows


def mid_term_context(plan, draft, tables: DistrictTables, today) -> dict:
    context = _common(plan, MID_TERM, draft, today)
    project_data, project_totals = project_rows(tables)
    missing = tables.communes_accepted < len(tables.communes)
    context.update({
        "intro": (f"Thực hiện {docx_parts.plan_reference(plan)} về tổ chức Hội nghị sơ kết giữa kỳ "
                  f"{plan.program_name} và phong trào thi đua “{plan.movement_name}” giai đoạn "
                  f"{plan.period}, UBND huyện báo cáo kết quả thực hiện {plan.program_name} giai "
                  f"đoạn {plan.period} trên địa bàn huyện như sau:"),
        "figures_summary": results_summary(tables),
        "periods": [label for _c, label in tables.periods],
        "poor_rows": poverty_rows(tables, "poor", "poor_rate"), "poor_rows_header": "Số hộ nghèo",
        "poor_total": poverty_total(tables, "poor", "poor_rate"),
        "near_rows": poverty_rows(tables, "near_poor", "near_poor_rate"),
        "near_rows_header": "Số hộ cận nghèo",
        "near_total": poverty_total(tables, "near_poor", "near_poor_rate"),
        "poverty_total_label": (f"Cộng {tables.communes_accepted}/{len(tables.communes)} xã, "
                                "thị trấn" if missing else "Toàn huyện"),
        "poverty_note": (("Dòng cộng: tổng của các xã, thị trấn có số liệu; tỷ lệ tính từ tổng số "
                          "hộ nghèo (cận nghèo) và tổng số hộ dân cư của các xã, thị trấn đó; "
                          "“–”: chưa có số liệu.") if missing else
                         ("Tỷ lệ toàn huyện tính từ tổng số hộ nghèo (cận nghèo) và tổng số hộ "
                          "dân cư của các xã, thị trấn.")),
        "sources": [label for _c, label in tables.fund_sources],
        "beneficiaries_header": f"Đối tượng hưởng lợi ({tables.beneficiaries_unit})"
                                if tables.beneficiaries_unit else "Đối tượng hưởng lợi",
        "project_rows": project_data, "project_totals": project_totals,
        "target_rows": target_rows(tables),
    })
    return context


# --- the emulation report --------------------------------------------------------------------

def _movement(tables: DistrictTables):
    counted = [i for i in tables.movement_items if i.kind == "count"][:3]
    rows = []
    for index, (unit, values) in enumerate(tables.movement_rows, start=1):
        name = ("UBND " + unit.name[:1].lower() + unit.name[1:]) if unit.kind == UnitKind.COMMUNE \
            else unit.name
        rows.append({"no": str(index), "unit": name,
                     "cells": [_num(values.get(i.code)) for i in counted]})
    headers = [f"{i.label} ({i.unit})" for i in counted]
    total = [_num(tables.movement_totals.get(i.code)) for i in counted]
    return counted, rows, headers, total


def movement_summary(tables: DistrictTables) -> list[str]:
    totals = tables.movement_totals
    if not tables.movement_rows:
        return ["Kết quả phong trào của các cơ quan, đơn vị, địa phương đang được tổng hợp."]
    parts = []
    if totals.get("models") is not None:
        parts.append(f"xây dựng, nhân rộng {number(totals['models'])} mô hình, cách làm hay "
                     "giúp người nghèo")
    if totals.get("helped") is not None:
        parts.append(f"giúp đỡ {number(totals['helped'])} hộ nghèo, hộ cận nghèo")
    if totals.get("funds") is not None:
        parts.append(f"vận động được {money(totals['funds'])} đồng ủng hộ người nghèo")
    return [f"Hưởng ứng phong trào, {len(tables.movement_rows)} cơ quan, đơn vị, địa phương đã "
            + ", ".join(parts) + " (chi tiết tại Phụ lục I)."]


def _awards(plan) -> dict:
    awardees = approved_awardees(plan)
    names = {u.short_name: u.name for u in db.session.query(Unit)}
    collectives = [a for a in awardees if a.kind == "collective"]
    individuals = [a for a in awardees if a.kind == "individual"]
    decision = get_decision(plan)
    where = ""
    if decision is not None and decision.number:
        when = f" ngày {ddmmyyyy(decision.decision_date)}" if decision.decision_date else ""
        where = f" (Quyết định số {decision_number(decision)}{when} của Chủ tịch UBND huyện)"
    quota = f"{plan.quota('collective')} tập thể và {plan.quota('individual')} cá nhân"
    if awardees:
        summary = [f"Dịp sơ kết giữa kỳ, Chủ tịch UBND huyện khen thưởng {len(collectives)} tập "
                   f"thể và {len(individuals)} cá nhân có thành tích xuất sắc trong công tác giảm "
                   f"nghèo và phong trào thi đua “{plan.movement_name}”{where} (danh sách tại "
                   "Phụ lục II)."]
    else:
        summary = [f"Theo Kế hoạch, dịp sơ kết giữa kỳ khen thưởng {quota} có thành tích xuất "
                   "sắc trong công tác giảm nghèo và phong trào thi đua."]
    groups = []
    for heading, name_header, detail_header, items in (
            ("I. TẬP THỂ", "Tên tập thể", "Đơn vị đề nghị", collectives),
            ("II. CÁ NHÂN", "Họ và tên", "Chức vụ, đơn vị công tác", individuals)):
        if items:
            groups.append({"heading": heading, "name_header": name_header,
                           "detail_header": detail_header,
                           "rows": [{"no": str(i), "name": a.name,
                                     "detail": a.title or names.get(a.unit, a.unit)}
                                    for i, a in enumerate(items, 1)]})
    return {"awards_summary": summary, "award_groups": groups,
            "awards_total": (f"Tổng cộng: {len(collectives)} tập thể, {len(individuals)} cá nhân."
                             if awardees else "Danh sách sẽ kèm theo quyết định khen thưởng.")}


def emulation_context(plan, draft, tables: DistrictTables, today) -> dict:
    context = _common(plan, EMULATION, draft, today)
    _counted, rows, headers, total = _movement(tables)
    examples = []
    for unit, values in tables.movement_rows:
        for line in _paragraphs(values.get("examples") or ""):
            examples.append(f"- {unit.name}: {line}")
    awards = _awards(plan)
    context.update({
        "intro": (f"Thực hiện {docx_parts.plan_reference(plan)} về tổ chức Hội nghị sơ kết giữa kỳ "
                  f"{plan.program_name} và phong trào thi đua “{plan.movement_name}” giai đoạn "
                  f"{plan.period}, UBND huyện báo cáo kết quả sơ kết giữa kỳ phong trào thi đua "
                  "như sau:"),
        "movement_summary": movement_summary(tables), "examples": examples,
        "awards_heading": "3. Công tác khen thưởng" if examples else "2. Công tác khen thưởng",
        "movement_headers": headers, "movement_rows": rows, "movement_total": total,
        **awards,
    })
    return context


def context_for(plan, kind: ReportKind, today) -> dict:
    draft = get_draft(plan, kind)
    tables = district_tables(plan)
    if kind is MID_TERM:
        return mid_term_context(plan, draft, tables, today)
    return emulation_context(plan, draft, tables, today)


def render(kind: ReportKind, context: dict) -> bytes:
    return documents.render(kind.template, context, title=f"Báo cáo – {kind.summary}",
                             author=AUTHOR)

