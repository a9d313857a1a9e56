"""The conference-week load: users of every role reading their pages, polling the bell, and
writing through htmx (report autosave, check-in on the morning, marking notifications read).
Run by bench/loadtest.py (headless, loopback only, bounded in users and time); every request
is named after its step, so the table shows each step's p50/p95."""
import http.client
import itertools
import json
import os
import random
import re
from collections import Counter

from locust import HttpUser, between, events, task
from locust.clients import LocustHttpAdapter
from urllib3.exceptions import ProtocolError
from urllib3.util.retry import Retry

CSRF = re.compile(r'"X-CSRFToken": "([^"]+)"')
# (username, password, the result report's page) of every commune account of the data set,
# given by bench/loadtest.py (read from the database it runs on)
COMMUNES = itertools.cycle(json.loads(os.environ["GNBV_LOAD_COMMUNES"]))
DEMO_PASSWORD = "demo-gnbv-2023"
WRITERS: set[str] = set()   # one autosaving user per account: two would be a real 409
SEARCHES = ["nguyen", "tran van", "le thi", "pham", "huynh", "vo", "phan", "dang", "bui", "do"]


RESENT: Counter[str] = Counter()   # path -> GETs resent once, as a browser does (below)


class ResendLikeABrowser(Retry):
    """A kept-alive connection the server closes just as the client reuses it fails the request
    before any byte of an answer (a reset, or "remote end closed"). A browser then resends the
    request once on a new connection, unseen by the user (RFC 9112 §9.3.1, idempotent
    methods); so does this client, for a GET only, and counts it: loadtest.py prints the count.
    Anything else (a timeout, an answer cut short, a failed write) stays a failure."""

    def increment(self, method=None, url=None, response=None, error=None, _pool=None,
                  _stacktrace=None):
        dropped = (isinstance(error, ProtocolError) and error.args
                   and isinstance(error.args[-1], (ConnectionResetError, http.client.RemoteDisconnected)))
        if method != "GET" or response is not None or not dropped:
            return Retry(0, read=False).increment(method, url, response, error, _pool, _stacktrace)
        RESENT[(url or "").split("?")[0]] += 1
        return super().increment(method, url, response, error, _pool, _stacktrace)


@events.quitting.add_listener
def _write_resent(environment, **kwargs):
    path = os.environ.get("GNBV_LOAD_RESENT")
    if path:
        with open(path, "w") as fh:
            json.dump(dict(RESENT), fh, ensure_ascii=False)


def reads(weight: int, path: str, name: str):
    """A task that reads one page, its step named after the page."""
    @task(weight)
    def read(self):
        self.page(path, name)
    return read


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    account: tuple[str, str] = ("", "")

    def on_start(self):
        adapter = LocustHttpAdapter(pool_manager=None, max_retries=ResendLikeABrowser(
            total=1, connect=0, read=1, redirect=0, status=0, other=0, allowed_methods={"GET"}))
        self.client.mount("http://", adapter)
        username, password = self.account
        page = self.client.get("/dang-nhap", name="login form")
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text).group(1)
        with self.client.post("/dang-nhap", data={"username": username, "password": password,
                                                  "csrf_token": token},
                              name="login (password hash)", allow_redirects=False,
                              catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"login of {username}: HTTP {response.status_code}")
        self.csrf = ""
        self.page("/viec-cua-toi" if self.home is None else self.home, "home")

    home: str | None = None

    def page(self, path: str, name: str):
        response = self.client.get(path, name=f"page: {name}")
        found = CSRF.search(response.text or "")
        if found:
            self.csrf = found.group(1)
        return response

    def htmx_get(self, path: str, name: str):
        return self.client.get(path, name=f"htmx read: {name}", headers={"HX-Request": "true"})

    def htmx_post(self, path: str, data: dict, name: str):
        return self.client.post(path, data=data, name=f"htmx write: {name}",
                                headers={"HX-Request": "true", "X-CSRFToken": self.csrf})

    @task(3)
    def bell(self):
        self.htmx_get("/thong-bao/dem", "bell count")


class Commune(Person):
    weight = 30

    def on_start(self):
        username, password, self.report = next(COMMUNES)
        self.account = (username, password)
        super().on_start()
        self.page("/viec-cua-toi", "xã: Việc của tôi")
        self.version = None
        if self.report:
            edit = self.page(self.report, "xã: báo cáo kết quả").text
            version = re.search(r'id="draft-version" value="(\d+)"', edit)
            # writable as the page shows it: the editable form autosaves (hx-post); the
            # read-only view of a submitted or accepted report keeps a plain action only
            editable = f'hx-post="{self.report}/luu"' in edit
            if version and editable and username not in WRITERS:
                WRITERS.add(username)
                self.version = int(version.group(1))

    my_duties = reads(4, "/viec-cua-toi", "xã: Việc của tôi")

    @task(2)
    def report(self):
        if self.report:
            self.page(self.report, "xã: báo cáo kết quả")

    @task(4)
    def autosave(self):
        if self.version is None:
            return
        response = self.htmx_post(f"{self.report}/luu", {
            "draft_version": self.version, "nar.results": f"Kết quả (đo tải) {random.random()}",
            "pov.poor.2023": str(random.randint(80, 120))}, "xã: tự động lưu báo cáo")
        found = re.search(r'id="draft-version" value="(\d+)"', response.text or "")
        if found:
            self.version = int(found.group(1))

    nominations = reads(1, "/khen-thuong/don-vi", "xã: đề nghị khen thưởng")
    delegates = reads(1, "/dai-bieu/cua-don-vi", "xã: đại biểu của xã")

    @task(1)
    def notifications(self):
        text = self.page("/thong-bao", "xã: thông báo").text
        unread = re.search(r'action="(/thong-bao/\d+/da-doc)"', text)
        if unread:
            self.htmx_post(unread.group(1), {}, "xã: đánh dấu đã đọc")


class Office(Person):
    """Check-in on the conference morning: search a name, tap "Có mặt"."""
    weight = 6
    account = ("vanphong", DEMO_PASSWORD)
    home = "/dai-bieu/diem-danh"

    @task(6)
    def check_in(self):
        results = self.htmx_get(f"/dai-bieu/diem-danh/tim?q={random.choice(SEARCHES)}",
                                "VP: điểm danh, tìm").text or ""
        ids = re.findall(r'hx-post="(/dai-bieu/\d+/co-mat)"', results)
        if ids:
            self.htmx_post(random.choice(ids), {"arrived": "1"}, "VP: đánh dấu có mặt")

    checkin_page = reads(1, "/dai-bieu/diem-danh", "VP: điểm danh")
    attendance = reads(1, "/dai-bieu/co-mat", "VP: có mặt")


def _reader(name: str, weight: int, account: str, home: str | None, pages) -> type:
    """A user who only reads pages: (task weight, path, step name) each."""
    body = {"weight": weight, "account": (account, DEMO_PASSWORD), "home": home,
            **{f"read_{i}": reads(*page) for i, page in enumerate(pages)}}
    return type(Person)(name, (Person,), {"__module__": __name__, **body})


Coordinator = _reader("Coordinator", 6, "ldtbxh", None, [
    (2, "/viec-cua-toi", "LĐTB&XH: Việc của tôi"),
    (2, "/tien-do", "LĐTB&XH: tiến độ (ma trận)"),
    (2, "/bao-cao/", "LĐTB&XH: báo cáo các đơn vị"),
    (1, "/khen-thuong/xet-chon", "LĐTB&XH: xét chọn khen thưởng"),
    (1, "/tong-quan", "LĐTB&XH: tổng quan"),
    (1, "/hoi-nghi/kich-ban", "LĐTB&XH: kịch bản")])
HomeAffairs = _reader("HomeAffairs", 4, "noivu", "/khen-thuong/xet-chon", [
    (2, "/khen-thuong/xet-chon", "Nội vụ: xét duyệt khen thưởng"),
    (1, "/khen-thuong/danh-sach", "Nội vụ: danh sách khen thưởng"),
    (1, "/khen-thuong/quyet-dinh", "Nội vụ: quyết định")])
Leadership = _reader("Leadership", 4, "lanhdao", "/tien-do", [
    (1, "/tien-do", "Lãnh đạo: tiến độ"),
    (1, "/tong-quan", "Lãnh đạo: tổng quan")])
