"""Server time and SQL statements per request of every main page of every role, on the data
set at 1x (the demo district) and 10x (see dataset.py), beside the trivial logged-in page.

    .venv/bin/python bench/bench_pages.py [--runs 15] [--scales 1,10] [--only matrix]
    .venv/bin/python bench/bench_pages.py --pg-port 54358     # the same on a throwaway PostgreSQL

Goals (figures, not tests): a page's SQL count is the same at 1x and 10x and at most 10; at 10x
its median CPU time is within 5x the trivial page's (the password form: layout, nav, bell, CSRF
and the user, no data), the trivial page measured interleaved with each page (one request of it
before each of the page's), so that both are timed under the same load. The table marks a page that misses either goal. Results are also written to
var/bench/pages-<database>.json.
"""
import argparse
import gc
import contextlib
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import QueryCounter, logged_in_client, machine, throwaway_postgres  # noqa: E402
from bench.dataset import BENCH_DIR, postgres_dataset, sqlite_dataset  # noqa: E402
from webapp.extensions import db  # noqa: E402

TRIVIAL = "trivial: đổi mật khẩu"


def _one(query):
    row = query.first()
    if row is None:
        raise LookupError("no such object in the data set")
    return row


def _report_to_review():
    from webapp.duties.models import Assignment, Duty, Status
    return _one(db.session.query(Assignment.id).join(Duty).filter(
        Duty.code == "bao-cao-ket-qua", Assignment.status == Status.SUBMITTED)
        .order_by(Assignment.id))[0]


def _own_report(unit_code: str):
    from webapp.duties.models import Assignment, Duty
    from webapp.plan.models import Unit
    return _one(db.session.query(Assignment.id).join(Duty).join(Unit, Assignment.unit_id == Unit.id)
                .filter(Duty.code == "bao-cao-ket-qua", Unit.code == unit_code))[0]


def _nomination(status: str):
    from webapp.awards.models import Nomination
    return _one(db.session.query(Nomination.id).filter_by(status=status).order_by(Nomination.id))[0]


def _delegate():
    from webapp.delegates.models import Delegate
    return _one(db.session.query(Delegate.id).order_by(Delegate.id))[0]


def _as(username: str, *pages) -> list[tuple]:
    """(label, username, path) for each (label, path) a demo account (README) opens; a path
    may be a function of the data set giving it."""
    return [(label, username, path) for label, path in pages]


PAGES = [
    *_as("binhchanh",
         (TRIVIAL, "/tai-khoan/mat-khau"),
         ("health check /healthz", "/healthz"),
         ("bell count (htmx, every 30 s)", "/thong-bao/dem"),
         ("xã: Việc của tôi", "/viec-cua-toi"),
         ("xã: báo cáo kết quả (soạn)", lambda: f"/bao-cao/phan-cong/{_own_report('binh-chanh')}"),
         ("xã: đề nghị khen thưởng", "/khen-thuong/don-vi"),
         ("xã: đại biểu của xã", "/dai-bieu/cua-don-vi"),
         ("xã: thông báo", "/thong-bao")),
    *_as("ldtbxh", ("bell menu (htmx)", "/thong-bao/moi")),
    *_as("nnptnt", ("phòng: Việc của tôi", "/viec-cua-toi")),
    *_as("mttq",
         ("đoàn thể: Việc của tôi", "/viec-cua-toi"),
         ("đoàn thể: trả lời giấy mời", "/dai-bieu/tra-loi"),
         ("đoàn thể: người trình bày", "/hoi-nghi/tham-luan")),
    *_as("ldtbxh",
         ("LĐTB&XH: Việc của tôi", "/viec-cua-toi"),
         ("LĐTB&XH: tiến độ (ma trận)", "/tien-do"),
         ("LĐTB&XH: tiến độ, quá hạn", "/tien-do?overdue=1"),
         ("LĐTB&XH: phân công (chi tiết)", lambda: f"/phan-cong/{_report_to_review()}"),
         ("LĐTB&XH: báo cáo các đơn vị", "/bao-cao/"),
         ("LĐTB&XH: số liệu toàn huyện", "/bao-cao/so-lieu-toan-huyen"),
         ("LĐTB&XH: xem xét báo cáo", lambda: f"/bao-cao/phan-cong/{_report_to_review()}/xem-xet"),
         ("LĐTB&XH: xét chọn khen thưởng", "/khen-thuong/xet-chon"),
         ("LĐTB&XH: hội nghị", "/hoi-nghi/"),
         ("LĐTB&XH: chương trình", "/hoi-nghi/chuong-trinh"),
         ("LĐTB&XH: tham luận", "/hoi-nghi/tham-luan"),
         ("LĐTB&XH: kịch bản", "/hoi-nghi/kich-ban"),
         ("LĐTB&XH: sẵn sàng", "/hoi-nghi/san-sang"),
         ("LĐTB&XH: tổng quan", "/tong-quan"),
         ("LĐTB&XH: tổng quan, trang xã (htmx)", "/tong-quan?trang=2&sap-xep=ty-le-cao"),
         ("LĐTB&XH: báo cáo sơ kết", "/tong-hop/so-ket"),
         ("LĐTB&XH: báo cáo sơ kết, trang xã (htmx)", "/tong-hop/so-ket?trang=2&loc=chua-tiep-nhan"),
         ("LĐTB&XH: kinh phí", "/kinh-phi"),
         ("LĐTB&XH: công văn đôn đốc", "/cong-van-don-doc"),
         ("LĐTB&XH: thông báo", "/thong-bao")),
    *_as("noivu",
         ("Nội vụ: Việc của tôi", "/viec-cua-toi"),
         ("Nội vụ: xét duyệt khen thưởng", "/khen-thuong/xet-chon"),
         ("Nội vụ: đề nghị (chi tiết)", lambda: f"/khen-thuong/de-nghi/{_nomination('shortlisted')}"),
         ("Nội vụ: danh sách khen thưởng", "/khen-thuong/danh-sach"),
         ("Nội vụ: quyết định", "/khen-thuong/quyet-dinh"),
         ("Nội vụ: báo cáo thi đua", "/tong-hop/thi-dua")),
    *_as("vanphong",
         ("VP: Việc của tôi", "/viec-cua-toi"),
         ("VP: đại biểu", "/dai-bieu/"),
         ("VP: đại biểu (sửa)", lambda: f"/dai-bieu/{_delegate()}/sua"),
         ("VP: trả lời giấy mời", "/dai-bieu/tra-loi"),
         ("VP: giấy mời", "/dai-bieu/giay-moi"),
         ("VP: sơ đồ chỗ ngồi", "/dai-bieu/so-do-cho-ngoi"),
         ("VP: điểm danh", "/dai-bieu/diem-danh"),
         ("VP: điểm danh, tìm (htmx)", "/dai-bieu/diem-danh/tim?q=nguyen"),
         ("VP: có mặt", "/dai-bieu/co-mat")),
    *_as("lanhdao",
         ("Lãnh đạo: Việc của tôi", "/viec-cua-toi"),
         ("Lãnh đạo: tiến độ", "/tien-do"),
         ("Lãnh đạo: tổng quan", "/tong-quan"),
         ("Lãnh đạo: báo cáo sơ kết", "/tong-hop/so-ket")),
    *_as("admin",
         ("Quản trị: nhật ký thay đổi", "/quan-tri/nhat-ky"),
         ("Quản trị: tài khoản", "/quan-tri/tai-khoan"),
         ("Quản trị: đơn vị", "/quan-tri/don-vi"),
         ("Quản trị: kế hoạch", "/quan-tri/ke-hoach")),
]
HTMX_PATHS = {"/thong-bao/dem", "/thong-bao/moi", "/dai-bieu/diem-danh/tim?q=nguyen",
              "/tong-quan?trang=2&sap-xep=ty-le-cao", "/tong-hop/so-ket?trang=2&loc=chua-tiep-nhan"}


def _timed(client, path: str, headers: dict, engine) -> tuple[float, float, int, object]:
    with QueryCounter(engine) as counter:
        start, start_cpu = time.perf_counter(), time.thread_time()
        response = client.get(path, headers=headers)
        elapsed, elapsed_cpu = time.perf_counter() - start, time.thread_time() - start_cpu
    return elapsed, elapsed_cpu, counter.count, response


def measure(app, username: str, path: str, runs: int, trivial) -> dict:
    """The page's median wall and CPU time and its SQL count over `runs` requests after two
    warm-ups; each of its requests follows one of the trivial page (`trivial`: its client and
    path), whose median CPU time beside it is the page's yardstick ("trivial_cpu"): the
    machine's load drifts during a run, and both are measured in the same moments."""
    client = logged_in_client(app, username)
    headers = {"HX-Request": "true"} if path in HTMX_PATHS else {}
    with app.app_context():
        engine = db.engine
    times, cpu, counts, trivial_cpu, status, size = [], [], [], [], 0, 0
    for i in range(runs + 2):          # two warm-up requests
        _wall, base_cpu, _count, _response = _timed(*trivial, {}, engine)
        elapsed, elapsed_cpu, count, response = _timed(client, path, headers, engine)
        status, size = response.status_code, len(response.data)
        if i >= 2:
            times.append(elapsed)
            cpu.append(elapsed_cpu)
            counts.append(count)
            trivial_cpu.append(base_cpu)
    return {"ms": statistics.median(times) * 1000, "cpu": statistics.median(cpu) * 1000,
            "sql": max(counts), "status": status, "kb": size / 1024,
            "trivial_cpu": statistics.median(trivial_cpu) * 1000}


def run_scale(app, scale: int, runs: int, pages) -> dict:
    results = {}
    trivial_user, trivial_path = next((u, p) for label, u, p in PAGES if label == TRIVIAL)
    trivial = (logged_in_client(app, trivial_user), trivial_path)
    for label, username, path in pages:
        if callable(path):
            with app.app_context():
                try:
                    path = path()
                except LookupError:
                    results[label] = None
                    continue
                finally:
                    db.session.remove()
        results[label] = {"path": path, **measure(app, username, path, runs, trivial)}
        r = results[label]
        print(f"  x{scale} {label}: {r['ms']:.1f} ms ({r['cpu']:.1f} CPU, trivial beside it "
              f"{r['trivial_cpu']:.1f}), {r['sql']} SQL", flush=True)
    return results


def table(results: dict, scales: list[int]) -> str:
    head = f"{'page':42}"
    for s in scales:
        head += f" {'x%d ms' % s:>7} {'CPU':>6} {'SQL':>4} {'ratio':>6}"
    head += f" {'KB x%d' % scales[-1]:>7}  goal"
    lines = [head, "-" * len(head)]
    for label in [p[0] for p in PAGES if p[0] in results[scales[0]]]:
        row, misses = f"{label:42}", []
        for s in scales:
            r = results[s].get(label)
            if r is None:
                row += f" {'-':>7} {'-':>6} {'-':>4} {'-':>6}"
                continue
            row += f" {r['ms']:7.1f} {r['cpu']:6.1f} {r['sql']:4d} {r['cpu'] / r['trivial_cpu']:5.1f}x"
            if r["status"] != 200:
                misses.append(f"HTTP {r['status']}")
        last = results[scales[-1]].get(label)
        if last is not None:
            row += f" {last['kb']:7.0f}"
            counts = {results[s][label]["sql"] for s in scales if results[s].get(label)}
            if len(counts) > 1:
                misses.append("SQL grows")
            if max(counts) > 10:
                misses.append("SQL > 10")
            if label != TRIVIAL and last["cpu"] > 5 * last["trivial_cpu"]:
                misses.append("> 5x trivial")
        row += "  " + (", ".join(misses) or "ok")
        lines.append(row)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--only", default="", help="measure only pages whose label contains this")
    parser.add_argument("--pg-port", type=int, help="run on a throwaway PostgreSQL on this port")
    parser.add_argument("--fresh", action="store_true", help="rebuild the SQLite data sets")
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    pages = [p for p in PAGES if p[0] == TRIVIAL or args.only.lower() in p[0].lower()]
    kind = "postgresql" if args.pg_port else "sqlite"
    print(machine())
    results = {}
    with (throwaway_postgres(args.pg_port) if args.pg_port else contextlib.nullcontext()) as server:
        for scale in scales:
            print(f"== {kind} x{scale}", flush=True)
            app = (postgres_dataset(server, scale) if server
                   else sqlite_dataset(scale, args.fresh))
            # as gunicorn.conf.py's post_worker_init: the long-lived objects leave the
            # collector's view, whose full passes would otherwise land on some page's runs
            gc.collect()
            gc.freeze()
            results[scale] = run_scale(app, scale, args.runs, pages)
            gc.unfreeze()
            with app.app_context():
                db.engine.dispose()
    print(f"\n{kind}, median of {args.runs} requests after 2 warm-ups. ms: wall time; CPU: the "
          "server thread's CPU time (not inflated by other work waiting for the cores; without "
          "PostgreSQL's own time); ratio: the page's CPU time / the trivial page's measured "
          "interleaved with it (one trivial request before each of the page's, median of "
          "those), so that the machine's load drifting during the run cancels out; the trivial "
          "row's own ratio (its requests against the copies interleaved with it) shows the noise")
    print(table(results, scales))
    out = BENCH_DIR / f"pages-{kind}.json"
    out.write_text(json.dumps({"machine": machine(), "runs": args.runs, "results": results},
                              ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
