"""The conference-week load: users of every role reading their pages, polling the bell, and
writing through htmx (report autosave, check-in on the morning, marking notifications read).
Run by bench/loadtest.py (headless, loopback only, bounded in users and time); every request
is named after its step, so the table shows each step's p50/p95."""
import itertools
import random
import re

from locust import HttpUser, between, task

DEMO_PASSWORD = "demo-gnbv-2023"
BENCH_PASSWORD = "bench-gnbv-2023"
CSRF = re.compile(r'"X-CSRFToken": "([^"]+)"')
COMMUNES = itertools.cycle([(f"xathu{i:03d}", BENCH_PASSWORD) for i in range(1, 21)]
                           + [("binhchanh", DEMO_PASSWORD), ("binhlong", DEMO_PASSWORD),
                              ("chauo", DEMO_PASSWORD)])
WRITERS: set[str] = set()   # one autosaving user per account: two would be a real 409
SEARCHES = ["nguyen", "tran van", "le thi", "pham", "huynh", "vo", "phan", "dang", "bui", "do"]


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    account: tuple[str, str] = ("", "")

    def on_start(self):
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
        self.account = next(COMMUNES)
        super().on_start()
        duties = self.page("/viec-cua-toi", "xã: Việc của tôi").text
        found = re.search(r'href="(/bao-cao/phan-cong/\d+)"', duties)
        self.report = found.group(1) if found else None
        self.version = None
        if self.report:
            edit = self.page(self.report, "xã: báo cáo kết quả").text
            version = re.search(r'id="draft-version" value="(\d+)"', edit)
            self.version = int(version.group(1)) if version and "/luu" in edit else None
            if self.account[0] in WRITERS:
                self.version = None
            elif self.version is not None:
                WRITERS.add(self.account[0])

    @task(4)
    def my_duties(self):
        self.page("/viec-cua-toi", "xã: Việc của tôi")

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

    @task(1)
    def nominations(self):
        self.page("/khen-thuong/don-vi", "xã: đề nghị khen thưởng")

    @task(1)
    def delegates(self):
        self.page("/dai-bieu/cua-don-vi", "xã: đại biểu của xã")

    @task(1)
    def notifications(self):
        text = self.page("/thong-bao", "xã: thông báo").text
        unread = re.search(r'action="(/thong-bao/\d+/da-doc)"', text)
        if unread:
            self.htmx_post(unread.group(1), {}, "xã: đánh dấu đã đọc")


class Coordinator(Person):
    weight = 6
    account = ("ldtbxh", DEMO_PASSWORD)

    @task(2)
    def my_duties(self):
        self.page("/viec-cua-toi", "LĐTB&XH: Việc của tôi")

    @task(2)
    def matrix(self):
        self.page("/tien-do", "LĐTB&XH: tiến độ (ma trận)")

    @task(2)
    def reports(self):
        self.page("/bao-cao/", "LĐTB&XH: báo cáo các đơn vị")

    @task(1)
    def awards(self):
        self.page("/khen-thuong/xet-chon", "LĐTB&XH: xét chọn khen thưởng")

    @task(1)
    def overview(self):
        self.page("/tong-quan", "LĐTB&XH: tổng quan")

    @task(1)
    def script(self):
        self.page("/hoi-nghi/kich-ban", "LĐTB&XH: kịch bản")


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

    @task(1)
    def checkin_page(self):
        self.page("/dai-bieu/diem-danh", "VP: điểm danh")

    @task(1)
    def attendance(self):
        self.page("/dai-bieu/co-mat", "VP: có mặt")


class HomeAffairs(Person):
    weight = 4
    account = ("noivu", DEMO_PASSWORD)
    home = "/khen-thuong/xet-chon"

    @task(2)
    def review(self):
        self.page("/khen-thuong/xet-chon", "Nội vụ: xét duyệt khen thưởng")

    @task(1)
    def awardees(self):
        self.page("/khen-thuong/danh-sach", "Nội vụ: danh sách khen thưởng")

    @task(1)
    def decision(self):
        self.page("/khen-thuong/quyet-dinh", "Nội vụ: quyết định")


class Leadership(Person):
    weight = 4
    account = ("lanhdao", DEMO_PASSWORD)
    home = "/tien-do"

    @task(1)
    def matrix(self):
        self.page("/tien-do", "Lãnh đạo: tiến độ")

    @task(1)
    def overview(self):
        self.page("/tong-quan", "Lãnh đạo: tổng quan")
