"""Server time and SQL queries per request of the main pages, on the plan plus a data set ten
times larger (about 220 units and 2,000 assignments), beside a trivial route.

    .venv/bin/python bench/bench_pages.py [--runs 30]

Goal: a page's query count does not grow with the data; the dashboard's median stays under
5x the trivial route (a logged-in page with the layout and a form but no data: the password page).
"""
import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event  # noqa: E402

from webapp import create_app  # noqa: E402
from webapp.extensions import db  # noqa: E402


def build(app, scale: int) -> None:
    from webapp.admin.service import create_account
    from webapp.duties.models import Assignment, Duty
    from webapp.plan import loader
    from webapp.plan.models import Unit
    with app.app_context():
        db.create_all()
        loader.load_all()
        for i in range(1, (scale - 1) * 22 + 1):
            db.session.add(Unit(code=f"xa-thu-{i:03d}", name=f"Xã Thử {i:03d}",
                                short_name=f"Thử {i:03d}", kind="commune", level="xã",
                                position=1000 + i))
        db.session.flush()
        plan = loader.current_plan()
        communes = db.session.query(Unit).filter_by(kind="commune").all()
        new = [u for u in communes if u.code.startswith("xa-thu-")]
        for duty in db.session.query(Duty).filter(Duty.code.in_(["bao-cao-ket-qua",
                                                                  "bao-cao-thanh-tich"])):
            db.session.add_all(Assignment(duty_id=duty.id, unit_id=u.id) for u in new)
        for k in range(1, 8):
            duty = Duty(plan_id=plan.id, code=f"nhiem-vu-thu-{k}", section="VII", position=100 + k,
                        title=f"Nhiệm vụ thử {k}", short_title=f"Nhiệm vụ thử {k}")
            db.session.add(duty)
            db.session.flush()
            db.session.add_all(Assignment(duty_id=duty.id, unit_id=u.id) for u in communes)
        units = {u.code: u for u in db.session.query(Unit)}
        for code, username in (("ldtbxh", "b-ldtbxh"), ("binh-chanh", "b-xa"), ("ubnd", "b-ld")):
            create_account(unit_id=units[code].id, username=username, full_name="Bench",
                           password="bench-password-1", must_change_password=False)
        db.session.commit()
        print(f"units: {db.session.query(Unit).count()}, "
              f"assignments: {db.session.query(Assignment).count()}")


def measure(app, username: str, path: str, runs: int) -> tuple[float, int]:
    from webapp.auth.models import User
    client = app.test_client()
    with app.app_context():
        user = db.session.query(User).filter_by(username=username).one()
        user_id = user.get_id()
    with client.session_transaction() as session:
        session["_user_id"] = user_id
        session["_fresh"] = True
    counts = []
    with app.app_context():
        engine = db.engine

    def _count(*_args, **_kw):
        counts[-1] += 1

    event.listen(engine, "before_cursor_execute", _count)
    times = []
    try:
        for _ in range(runs + 3):
            counts.append(0)
            start = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, (path, response.status_code)
    finally:
        event.remove(engine, "before_cursor_execute", _count)
    return statistics.median(times[3:]) * 1000, max(counts[3:])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    # The trivial route: a logged-in page with the full layout and one small form, no data.
    pages = [("trivial: đổi mật khẩu", "b-xa", "/tai-khoan/mat-khau"),
             ("health check /healthz", "b-xa", "/healthz"),
             ("Việc của tôi (xã)", "b-xa", "/viec-cua-toi"),
             ("Việc của tôi (LĐTB&XH)", "b-ldtbxh", "/viec-cua-toi"),
             ("Tiến độ (ma trận)", "b-ldtbxh", "/tien-do"),
             ("Tiến độ, lọc quá hạn", "b-ld", "/tien-do?overdue=1"),
             ("Kế hoạch", "b-xa", "/quan-tri/ke-hoach")]
    results = {}
    for scale in (1, 10):
        with tempfile.TemporaryDirectory() as tmp:
            app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite3",
                              "UPLOAD_FOLDER": f"{tmp}/up", "SECRET_KEY": "bench", "DEV": True,
                              "TODAY": "2023-11-25"})
            print(f"== data set x{scale}")
            build(app, scale)
            for label, user, path in pages:
                results[(scale, label)] = measure(app, user, path, args.runs)
            with app.app_context():
                db.engine.dispose()
    trivial = results[(10, pages[0][0])][0]
    print(f"\n{'page':32} {'x1 ms':>8} {'x1 SQL':>7} {'x10 ms':>8} {'x10 SQL':>8} {'x10/trivial':>12}")
    for label, _user, _path in pages:
        ms1, q1 = results[(1, label)]
        ms10, q10 = results[(10, label)]
        print(f"{label:32} {ms1:8.2f} {q1:7d} {ms10:8.2f} {q10:8d} {ms10 / trivial:11.1f}x")


if __name__ == "__main__":
    main()
