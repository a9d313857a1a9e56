"""How long the meeting script (kịch bản điều hành) takes to generate for the full plan with
166 delegates who said they will attend, on a scratch SQLite database.

    .venv/bin/python bench/bench_script.py [--runs 5]

Measured: building the context from the database (agenda, introductions in protocol order,
speakers, rewards) and rendering the .docx, as a download does. Goal: under one second
(median). Without the delegates package, 166 invented introductions are used instead.
"""
import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from webapp import create_app  # noqa: E402
from webapp.extensions import db  # noqa: E402


def fill(app) -> bool:
    """The plan, a start time, seven named speakers and 166 attending delegates (invented).
    Returns whether the delegates package provided them."""
    from webapp.conference import service
    from webapp.plan import loader
    with app.app_context():
        db.create_all()
        loader.load_all()
        plan = loader.current_plan()
        plan.conference_date = date(2023, 12, 5)
        service.set_start_time(plan, "7h30", actor=None)
        for n, slot in enumerate(plan.speech_slots, start=1):
            slot.speaker_name, slot.speaker_title = f"Trần Thị Thử {n}", "Chức vụ & <thử>"
        try:
            from webapp.delegates.models import Delegate
        except ImportError:
            db.session.commit()
            return False
        n = 0
        for comp in plan.compositions:
            per = comp.per_unit or comp.planned
            units = [u for u in _units(comp)] if comp.per_unit else [None]
            for unit in units:
                for rank in range(1, per + 1):
                    n += 1
                    db.session.add(Delegate(
                        plan_id=plan.id, composition_id=comp.id,
                        unit_id=unit.id if unit else None, full_name=f"Nguyễn Văn Thử {n:03d}",
                        title="Chức vụ & <thử>", organisation=unit.name if unit else "Cơ quan",
                        rank=rank, reply="attending"))
        db.session.commit()
        assert n == 166, n
        return True


def _units(comp):
    from webapp.plan.models import Unit
    return (db.session.query(Unit).filter_by(kind=comp.unit_kind, is_active=True)
            .order_by(Unit.position).all())


def _invented(plan, present_only=False):
    comps = sorted(plan.compositions, key=lambda c: c.protocol_rank)
    people = []
    for comp in comps:
        for _ in range(comp.planned):
            people.append({"full_name": f"Nguyễn Văn Thử {len(people) + 1:03d}",
                           "title": "Chức vụ & <thử>", "organisation": "Cơ quan",
                           "composition_label": comp.label, "rank": 100, "attending": True,
                           "present": False})
    return people


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite3",
                          "UPLOAD_FOLDER": f"{tmp}/uploads", "TODAY": "2023-11-15", "DEV": True})
        real = fill(app)
        from webapp.conference import service
        from webapp.conference.documents import SCRIPT_TEMPLATE
        from webapp.documents.service import render
        from webapp.plan.loader import current_plan
        if not real:
            service.introductions = _invented
        times, size, named = [], 0, 0
        with app.app_context():
            for _ in range(args.runs):
                db.session.expire_all()
                start = time.perf_counter()
                context = service.script_context(current_plan())
                db.session.rollback()
                data = render(SCRIPT_TEMPLATE, context)
                times.append(time.perf_counter() - start)
                size = len(data)
                named = len(context["introductions"])
            db.engine.dispose()
        median = statistics.median(times)
        source = "webapp.delegates" if real else "invented introductions"
        print(f"meeting script, {named} delegates ({source}): median {median * 1000:.0f} ms "
              f"over {args.runs} runs, {size / 1024:.0f} KB "
              f"[{'OK' if median < 1 else 'SLOW'}: goal < 1 s]")


if __name__ == "__main__":
    main()
