"""Loading units, the Program and a plan from the TOML files in webapp/plan/data/.

Every load is an upsert by code, so it can be re-run: nothing is duplicated, and what users
changed in the app (agenda durations, MC lines, statuses) is kept.
"""
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from flask import g, has_app_context

from ..core.roles import UnitKind
from ..extensions import db
from ..duties.models import Assignment, Duty, DutyCooperator
from .models import (AgendaItem, DelegateComposition, FundingSource, Official, Plan,
                     ProgramProject, RewardQuota, SpeechSlot, Unit)

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_UNITS_FILE = DATA_DIR / "units-binh-son-2023.toml"
DEFAULT_PROGRAM_FILE = DATA_DIR / "program-qd90-2022.toml"
DEFAULT_PLAN_FILE = DATA_DIR / "so-ket-giua-ky-2023.toml"


class PlanDataError(ValueError):
    """The data file is not a valid plan: the message says where."""


@dataclass
class LoadResult:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool) -> None:
        target = self.created if created else self.updated
        target[kind] = target.get(kind, 0) + 1

    def describe(self) -> str:
        parts = [f"{k}: +{v}" for k, v in sorted(self.created.items())]
        parts += [f"{k}: {v} cập nhật" for k, v in sorted(self.updated.items())]
        return ", ".join(parts) or "không có thay đổi"


def _read(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise PlanDataError(f"{path.name}: {exc}") from exc


def _date(value, where: str) -> date | None:
    if not value:
        return None
    try:
        return value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError as exc:
        raise PlanDataError(f"{where}: ngày không hợp lệ {value!r} (dạng YYYY-MM-DD)") from exc


def _upsert(model, result: LoadResult, label: str, keys: dict, values: dict,
            keep: tuple[str, ...] = ()):
    """Find by keys; create with all values, or update the values not listed in `keep`."""
    obj = db.session.query(model).filter_by(**keys).one_or_none()
    created = obj is None
    if created:
        obj = model(**keys, **values)
        db.session.add(obj)
        result.count(label, True)
        return obj
    changed = False
    for name, value in values.items():
        if name not in keep and getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    if changed:
        result.count(label, False)
    return obj


def load_units(path: Path = DEFAULT_UNITS_FILE, result: LoadResult | None = None) -> LoadResult:
    result = result or LoadResult()
    data = _read(path)
    kinds = {k.value for k in UnitKind}
    for position, row in enumerate(data.get("unit", []), start=1):
        if row.get("kind") not in kinds:
            raise PlanDataError(f"{path.name}: đơn vị {row.get('code')!r} có loại không hợp lệ "
                                f"{row.get('kind')!r}")
        _upsert(Unit, result, "đơn vị", {"code": row["code"]}, {
            "name": row["name"], "short_name": row.get("short_name", row["name"]),
            "kind": row["kind"], "level": row.get("level", ""), "position": position,
        })
    db.session.flush()
    units = _units_by_code()
    for position, row in enumerate(data.get("official", []), start=1):
        if row.get("unit") not in units:
            raise PlanDataError(f"{path.name}: chức danh {row.get('code')!r}: không có đơn vị "
                                f"mã {row.get('unit')!r}")
        _upsert(Official, result, "chức danh", {"code": row["code"]}, {
            "unit_id": units[row["unit"]].id, "position": position, "full_name": row["name"],
            "title": row["title"], "address": row.get("address", "dong_chi")})
    db.session.flush()
    return result


def load_program(path: Path = DEFAULT_PROGRAM_FILE, result: LoadResult | None = None) -> LoadResult:
    result = result or LoadResult()
    for position, row in enumerate(_read(path).get("project", []), start=1):
        _upsert(ProgramProject, result, "dự án", {"code": row["code"]}, {
            "parent_code": row.get("parent"), "position": position,
            "short_label": row["short_label"], "title": row["title"],
            "lead_unit_codes": list(row.get("lead", [])),
        })
    db.session.flush()
    return result


def _units_by_code() -> dict[str, Unit]:
    return {u.code: u for u in db.session.query(Unit)}


def _resolve_units(refs: list[str], units: dict[str, Unit], speech_units: list[Unit],
                   where: str) -> list[Unit]:
    resolved: list[Unit] = []
    for ref in refs:
        if ref == "@speech":
            found = speech_units
        elif ref.startswith("@"):
            found = sorted((u for u in units.values() if u.kind == ref[1:]),
                           key=lambda u: u.position)
            if not found:
                raise PlanDataError(f"{where}: không có đơn vị loại {ref[1:]!r}")
        elif ref in units:
            found = [units[ref]]
        else:
            raise PlanDataError(f"{where}: không có đơn vị mã {ref!r}")
        resolved.extend(u for u in found if u not in resolved)
    return resolved


# Placeholders of the plan's wording that name the plan's own fields, not a unit.
PLAN_PLACEHOLDERS = {"movement": "movement_name", "program": "program_name", "period": "period"}


def _wording(wording: dict, units: dict[str, Unit], where: str) -> dict:
    """The plan's own words (plan/document.py reads them); unit codes checked now."""
    import re
    for row in wording.get("implementation", []):
        if not row.get("section") or not any(k in row for k in ("text", "paragraph", "items")):
            raise PlanDataError(f"{where}: wording.implementation cần section và text, "
                                f"paragraph hoặc items: {row!r}")
        texts = [row.get("who", ""), row.get("text", ""), row.get("paragraph", ""),
                 *row.get("items", [])]
        for code in re.findall(r"\{([a-z0-9-]+)\}", " ".join(texts)):
            if code not in units and code not in PLAN_PLACEHOLDERS:
                raise PlanDataError(f"{where}: wording.implementation {row['section']}: "
                                    f"không có đơn vị mã {code!r}")
    return {"composition_level": list(wording.get("composition_level", [])),
            "implementation": list(wording.get("implementation", []))}


def load_plan(path: Path = DEFAULT_PLAN_FILE, result: LoadResult | None = None) -> Plan:
    result = result or LoadResult()
    data = _read(path)
    if "plan" not in data:
        raise PlanDataError(f"{path.name}: thiếu mục [plan]")
    head = data["plan"]
    units = _units_by_code()
    if head.get("coordinator") not in units:
        raise PlanDataError(f"{path.name}: đơn vị điều phối {head.get('coordinator')!r} chưa có")

    plan = _upsert(Plan, result, "kế hoạch", {"code": head["code"]}, {
        "number": head.get("number", ""),
        "issued_on": _date(head.get("issued_on"), "plan.issued_on"),
        "issue_year": int(head["issue_year"]) if head.get("issue_year") else None,
        "issuer": head["issuer"], "place_of_issue": head["place_of_issue"],
        "doc_type": head["doc_type"], "title": head["title"],
        "program_name": head["program_name"], "movement_name": head["movement_name"],
        "period": head["period"], "legal_bases": list(head.get("legal_bases", [])),
        "purposes": list(head.get("purposes", [])),
        "requirements": list(head.get("requirements", [])),
        "duration_text": head.get("duration_text", ""),
        "conference_date": _date(head.get("conference_date"), "plan.conference_date"),
        "venue": head.get("venue", ""), "delegates_total": int(head["delegates_total"]),
        "funding_note": head.get("funding_note", ""),
        "recipients": list(head.get("recipients", [])),
        "signer_authority": head["signer_authority"], "signer_title": head["signer_title"],
        "signer_name": head["signer_name"],
        "coordinator_unit_id": units[head["coordinator"]].id,
        "wording": _wording(data.get("wording", {}), units, path.name),
    }, keep=("conference_date",))
    db.session.flush()
    # The newest loaded plan is the one the app runs.
    db.session.query(Plan).filter(Plan.id != plan.id).update({"is_current": False})
    plan.is_current = True

    for position, row in enumerate(data.get("agenda", []), start=1):
        _upsert(AgendaItem, result, "mục chương trình", {"plan_id": plan.id, "code": row["code"]}, {
            "position": position, "title": row["title"], "kind": row["kind"],
            "lead": row.get("lead", ""), "duration_minutes": int(row.get("duration_minutes", 10)),
            "mc_text": row.get("mc_text", ""),
        }, keep=("position", "lead", "duration_minutes", "mc_text"))

    speech_units = []
    for position, row in enumerate(data.get("speech", []), start=1):
        if row["unit"] not in units:
            raise PlanDataError(f"{path.name}: tham luận {position}: không có đơn vị {row['unit']!r}")
        unit = units[row["unit"]]
        speech_units.append(unit)
        # A slot belongs to its unit: found by unit, so the speaking order and the topic the
        # coordinator set (and the speaker the unit named) survive a reload.
        slot = (db.session.query(SpeechSlot)
                .filter_by(plan_id=plan.id, unit_id=unit.id).order_by(SpeechSlot.position)
                .offset(speech_units.count(unit) - 1).first())
        if slot is not None:
            _upsert(SpeechSlot, result, "tham luận", {"id": slot.id},
                    {"speaker_note": row.get("speaker_note", "")})
            continue
        taken = {p for (p,) in db.session.query(SpeechSlot.position).filter_by(plan_id=plan.id)}
        free = position if position not in taken else max(taken) + 1
        _upsert(SpeechSlot, result, "tham luận", {"plan_id": plan.id, "position": free}, {
            "unit_id": unit.id, "topic": row["topic"], "speaker_note": row.get("speaker_note", ""),
        })
        db.session.flush()

    planned_total = 0
    for position, row in enumerate(data.get("composition", []), start=1):
        per_unit = int(row.get("per_unit", 0))
        if per_unit:
            count = sum(1 for u in units.values() if u.kind == row["unit_kind"] and u.is_active)
            planned = per_unit * count
        else:
            planned = int(row["planned"])
        planned_total += planned
        _upsert(DelegateComposition, result, "thành phần đại biểu",
                {"plan_id": plan.id, "code": row["code"]}, {
                    "position": position, "level": row["level"], "label": row["label"],
                    "per_unit": per_unit, "unit_kind": row.get("unit_kind"), "planned": planned,
                    "protocol_rank": int(row.get("protocol_rank", 100)),
                })
    if data.get("composition") and planned_total != plan.delegates_total:
        raise PlanDataError(f"{path.name}: các thành phần cộng lại {planned_total} đại biểu, "
                            f"kế hoạch ghi {plan.delegates_total}")

    for row in data.get("reward_quota", []):
        _upsert(RewardQuota, result, "chỉ tiêu khen thưởng", {"plan_id": plan.id, "kind": row["kind"]},
                {"quota": int(row["quota"]), "award": row["award"]})

    for position, row in enumerate(data.get("funding_source", []), start=1):
        _upsert(FundingSource, result, "nguồn kinh phí", {"plan_id": plan.id, "code": row["code"]},
                {"position": position, "label": row["label"], "project_code": row["project"]})

    db.session.flush()
    for position, row in enumerate(data.get("duty", []), start=1):
        where = f"{path.name}: nhiệm vụ {row.get('code')!r}"
        receiver = units.get(row.get("receiver", "")) if row.get("receiver") else None
        deadline = _date(row.get("deadline"), where)
        duty = _upsert(Duty, result, "nhiệm vụ", {"plan_id": plan.id, "code": row["code"]}, {
            "section": row["section"], "position": position, "title": row["title"],
            "short_title": row["short_title"], "description": row.get("description", ""),
            "deliverable": row.get("deliverable", ""),
            "deliverable_label": row.get("deliverable_label", ""),
            "receiver_unit_id": receiver.id if receiver else None,
            "deadline": deadline, "deadline_fixed": deadline is not None,
            "deadline_note": row.get("deadline_note", ""),
        }, keep=() if deadline else ("deadline",))  # a working deadline set in the app stays
        db.session.flush()
        existing = {a.unit_id for a in duty.assignments}
        for unit in _resolve_units(row.get("owners", []), units, speech_units, where):
            if unit.id not in existing:
                duty.assignments.append(Assignment(unit_id=unit.id))
                result.count("phân công", True)
        cooperator_ids = {u.id for u in _resolve_units(row.get("cooperators", []), units,
                                                       speech_units, where)}
        for link in list(duty.cooperators):
            if link.unit_id not in cooperator_ids:
                duty.cooperators.remove(link)
        have = {link.unit_id for link in duty.cooperators}
        for unit_id in sorted(cooperator_ids - have):
            duty.cooperators.append(DutyCooperator(unit_id=unit_id))
    db.session.flush()
    return plan


def load_all(units_file: Path = DEFAULT_UNITS_FILE, program_file: Path = DEFAULT_PROGRAM_FILE,
             plan_file: Path = DEFAULT_PLAN_FILE) -> tuple[Plan, LoadResult]:
    result = LoadResult()
    load_units(units_file, result)
    load_program(program_file, result)
    plan = load_plan(plan_file, result)
    return plan, result


def current_plan() -> Plan | None:
    """The plan the app runs, read once per request (every page asks for it several times):
    kept on `g` while it belongs to the request's session and is still the current one."""
    known = g.get("current_plan") if has_app_context() else None
    if known is not None and known in db.session and known.is_current:
        return known
    plan = db.session.query(Plan).filter_by(is_current=True).order_by(Plan.id.desc()).first()
    if plan is not None and has_app_context():
        g.current_plan = plan
    return plan


def current_plan_or_404() -> Plan:
    """For views: the plan the app runs, or 404 when none is loaded yet."""
    from ..core.errors import NotFound
    plan = current_plan()
    if plan is None:
        raise NotFound("Chưa nạp kế hoạch: quản trị chạy `flask plan load`.")
    return plan
