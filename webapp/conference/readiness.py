"""The readiness checklist of the conference (readiness.toml): one line per thing to have
ready, ticked by the unit responsible, with the figures the app knows beside it."""
import functools
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Integer, bindparam, select

from ..audit.service import parse_version, record, snapshot
from ..core import clock
from ..core.errors import DomainError, NotAllowed, NotFound, StaleEdit
from ..core.database import lock_for_update
from ..delegates.queries import attendance
from ..duties.models import Status
from ..extensions import db
from ..plan.models import Plan, Unit
from .agenda import items_of
from .duty import script_is_final
from .models import ReadinessTick
from .policy import can_tick
from .script import reward_announcement
from .speakers import paper_assignments

HERE = Path(__file__).parent
NOTE_MAX = 500


@dataclass(frozen=True)
class ReadinessLine:
    code: str
    agenda: str
    label: str
    unit: str
    days_before: int
    check: str = ""


def load_lines(path: Path = HERE / "readiness.toml") -> list[ReadinessLine]:
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    lines = []
    for row in data.get("line", []):
        try:
            lines.append(ReadinessLine(code=row["code"], agenda=row.get("agenda", ""),
                                       label=row["label"], unit=row["unit"],
                                       days_before=int(row.get("days_before", 0)),
                                       check=row.get("check", "")))
        except (KeyError, ValueError) as exc:
            raise ValueError(f"{path.name}: dòng {row!r} thiếu hoặc sai {exc}") from exc
    return lines


@lru_cache(maxsize=1)
def readiness_lines() -> tuple[ReadinessLine, ...]:
    return tuple(load_lines())


def line_by_code(code: str) -> ReadinessLine | None:
    return next((line for line in readiness_lines() if line.code == code), None)


def get_line_or_404(code: str) -> ReadinessLine:
    line = line_by_code(code)
    if line is None:
        raise NotFound("Không có dòng chuẩn bị này.")
    return line


def days_left(plan: Plan, today: date | None = None) -> int | None:
    if plan.conference_date is None:
        return None
    return (plan.conference_date - (today or clock.today())).days


def _checks(plan: Plan) -> dict[str, str]:
    """Figures the app knows, shown beside the lines to help the unit decide."""
    papers = paper_assignments(plan)
    received = sum(1 for a in papers.values() if a.status in (Status.SUBMITTED, Status.ACCEPTED))
    figures = {"papers_received": f"Đã nhận {received}/{len(papers)} tham luận",
               "script_final": "Đã chốt" if script_is_final(plan) else "Chưa chốt"}
    rewards = reward_announcement(plan)
    figures["reward_decision"] = ("Chưa có quyết định khen thưởng" if rewards["pending"] else
                                  f"Quyết định số {rewards['number']}: "
                                  f"{len(rewards['awardees'])} tập thể, cá nhân")
    counts = attendance(plan)
    figures["invitations_issued"] = (f"Đã phát hành {counts['issued']}/{counts['named']} "
                                     f"giấy mời ({counts['named']}/{counts['planned']} đại biểu "
                                     "đã có tên)")
    figures["invitations_answered"] = (f"Đã phản hồi {counts['named'] - counts['pending']}/"
                                       f"{counts['named']}; {counts['expected']} dự, "
                                       f"{counts['declined']} không dự")
    return figures


@dataclass
class CheckRow:
    line: ReadinessLine
    unit: Unit | None
    tick: ReadinessTick | None
    due: date | None
    figure: str

    @property
    def done(self) -> bool:
        return bool(self.tick and self.tick.done)

    @property
    def version(self) -> int:
        return self.tick.version if self.tick else 0

    def late(self, today: date) -> bool:
        return not self.done and self.due is not None and self.due < today


@functools.cache
def _ticks_statement():
    """Built once (the plan is a bound parameter), as the units' below."""
    return select(ReadinessTick).where(ReadinessTick.plan_id == bindparam("plan_id", type_=Integer))


@functools.cache
def _units_statement():
    return select(Unit).where(Unit.code.in_(bindparam("codes", expanding=True)))


def _grouped_lines(plan: Plan) -> list[tuple[str, list[ReadinessLine]]]:
    """The lines grouped by agenda item (in agenda order), the conference-wide ones last; a
    line of an item the agenda does not have is left out."""
    titles = [(i.code, f"{n}. {i.title}") for n, i in enumerate(items_of(plan), start=1)]
    titles.append(("", "Chung cho hội nghị"))
    groups = []
    for code, title in titles:
        lines = [line for line in readiness_lines() if line.agenda == code]
        if lines:
            groups.append((title, lines))
    return groups


def checklist(plan: Plan) -> list[tuple[str, list[CheckRow]]]:
    """The lines grouped by agenda item (in agenda order), the conference-wide ones last."""
    ticks = {t.line_code: t for t in db.session.execute(
        _ticks_statement(), {"plan_id": plan.id}).scalars()}
    codes = sorted({line.unit for line in readiness_lines()})
    units = {u.code: u for u in db.session.execute(_units_statement(), {"codes": codes}).scalars()}
    figures = _checks(plan)
    groups: list[tuple[str, list[CheckRow]]] = []
    for title, lines in _grouped_lines(plan):
        groups.append((title, [
            CheckRow(line, units.get(line.unit), ticks.get(line.code), _due(plan, line),
                     figures.get(line.check, "")) for line in lines]))
    return groups


def _due(plan: Plan, line: ReadinessLine) -> date | None:
    return (plan.conference_date - timedelta(days=line.days_before)
            if plan.conference_date else None)


def progress(plan: Plan) -> tuple[int, int]:
    """(lines done, lines) of the checklist, as the conference's overview counts them: from
    the ticks alone (the figures beside the lines, four more statements, are the checklist
    page's)."""
    done = set(db.session.execute(
        select(ReadinessTick.line_code).where(ReadinessTick.plan_id == plan.id,
                                              ReadinessTick.done.is_(True))).scalars())
    lines = [line for _title, group in _grouped_lines(plan) for line in group]
    return sum(1 for line in lines if line.code in done), len(lines)


def tick(plan: Plan, line_code: str, *, done: bool, note: str, actor,
         expected_version) -> ReadinessTick:
    line = get_line_or_404(line_code)
    if not can_tick(actor, line):
        raise NotAllowed("Dòng này do đơn vị khác phụ trách.")
    note = " ".join((note or "").split())
    if len(note) > NOTE_MAX:
        raise DomainError("Ghi chú tối đa 500 ký tự.", field="note")
    expected = parse_version(expected_version)
    row = (db.session.query(ReadinessTick).filter_by(plan_id=plan.id, line_code=line_code)
           .with_for_update().one_or_none())
    if row is not None:
        lock_for_update(row)
    current = row.version if row else 0
    if expected is not None and expected != current:
        raise StaleEdit("Dòng này vừa được người khác cập nhật; hãy xem lại.", current=row)
    if row is None:
        row = ReadinessTick(plan_id=plan.id, line_code=line_code, version=0)
        db.session.add(row)
        before = {"done": False, "note": ""}
    else:
        before = snapshot(row, ("done", "note"))
    row.done, row.note = done, note
    row.ticked_at = clock.now()
    row.ticked_by_id = getattr(actor, "id", None)
    row.unit_id = actor.unit_id
    row.version = current + 1
    db.session.flush()
    record("readiness.tick", row, before=before, after=snapshot(row, ("done", "note")),
           actor=actor, summary=f"{'Đã xong' if done else 'Bỏ đánh dấu'}: {line.label}")
    return row
