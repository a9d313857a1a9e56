"""How long the invitations for all 166 delegates take to generate (one .docx, one page per
invitee; also one page per organisation and the delegate list), on a scratch SQLite database
filled with 166 invented delegates.

    .venv/bin/python bench/bench_invitations.py [--runs 5]

Goal: under one second (median) for the 166 invitations. The documents are rendered outside
any write transaction, as the download route does.
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


def fill(app) -> None:
    """166 invented delegates: every planned seat named, then the invitations issued."""
    from webapp.admin.service import create_account
    from webapp.delegates import invitations, service
    from webapp.plan import loader
    from webapp.plan.models import Unit
    with app.app_context():
        db.create_all()
        loader.load_all()
        plan = loader.current_plan()
        plan.conference_date = date(2023, 12, 5)
        office = create_account(unit_id=db.session.query(Unit).filter_by(code="vanphong").one().id,
                                username="bench-vp", full_name="Văn phòng", password="bench-pass-123",
                                must_change_password=False)
        n = 0
        for comp in plan.compositions:
            units = service.units_for(comp) if comp.per_unit else [None]
            for unit in units:
                for rank in range(1, (comp.per_unit or comp.planned) + 1):
                    n += 1
                    service.create(plan, service.DelegateData(
                        f"Nguyễn Văn Thử {n:03d}", comp.id, unit_id=unit.id if unit else None,
                        title="Chức vụ & <thử>", organisation=unit.name if unit else f"Cơ quan {rank}",
                        rank=rank), actor=office)
        invitations.issue(plan, number=125, issued_on=date(2023, 11, 20), meeting_time="07 giờ 30",
                          only_new=False, actor=office)
        db.session.commit()
        assert n == 166, n


def timed(fn, runs: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(fn())
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from webapp.delegates import invitations
    from webapp.documents.service import render
    from webapp.plan.loader import current_plan
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite3",
                          "SECRET_KEY": "bench", "DEV": True, "UPLOAD_FOLDER": f"{tmp}/uploads",
                          "TODAY": "2023-11-15"})
        fill(app)
        results = []
        with app.app_context():
            plan = current_plan()
            batch = invitations.issues(plan)[0]
            for label, fn in (
                ("giấy mời, mỗi đại biểu một trang (166 trang)",
                 lambda: render("giay-moi.docx", invitations.invitation_context(plan, batch, "person"))),
                ("giấy mời, mỗi cơ quan một trang",
                 lambda: render("giay-moi.docx", invitations.invitation_context(plan, batch, "organisation"))),
                ("danh sách đại biểu (.docx)",
                 lambda: render("danh-sach-dai-bieu.docx", invitations.list_context(plan, batch))),
            ):
                median, size = timed(fn, args.runs)
                results.append((label, median))
                print(f"{label}: median {median * 1000:.0f} ms over {args.runs} runs ({size // 1024} KB)")
            db.engine.dispose()
    goal = results[0][1] < 1.0
    print("goal (166 invitations under 1 s):", "met" if goal else "NOT met")
    return 0 if goal else 1


if __name__ == "__main__":
    sys.exit(main())
