"""Page links of a long list: which page the URL asks for, and the slice of rows it shows.

The list's filters stay in the URL beside `trang` (page), so a page link, Back and a reload
show what the URL says; `templates/_pager.html` draws the links. A list shown inside another
page (loaded there by htmx) pages without pushing its URL: `on_own_page(endpoint)` tells the
pager which case it is (its `push` argument)."""
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import request, url_for

from .htmx import is_htmx

PAGE_ARG = "trang"


@dataclass(frozen=True)
class Page:
    number: int      # 1-based, clamped to the pages there are
    pages: int
    total: int       # rows through every page
    per_page: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.per_page

    @property
    def first_number(self) -> int:
        return self.offset + 1 if self.total else 0

    @property
    def last_number(self) -> int:
        return min(self.total, self.offset + self.per_page)

    def window(self, around: int = 2) -> list[int | None]:
        """The page numbers to link (None: a gap shown as "…")."""
        shown: list[int | None] = []
        for n in range(1, self.pages + 1):
            if n in (1, self.pages) or abs(n - self.number) <= around:
                shown.append(n)
            elif shown[-1] is not None:
                shown.append(None)
        return shown


def requested_page(args) -> int:
    raw = args.get(PAGE_ARG, "1")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 100_000 else 1


def page_of(total: int, number: int, per_page: int) -> Page:
    pages = max(1, -(-total // per_page))
    return Page(min(max(1, number), pages), pages, total, per_page)


def on_own_page(endpoint: str, **values) -> bool:
    """Whether the list of `endpoint` is shown on its own page (a plain request, or htmx from
    that page: HX-Current-URL) rather than inside another page. Only on its own page does
    paging push the list's URL: inside another page the address bar keeps the page's URL, so
    Back leaves that page and a reload shows it again."""
    if not is_htmx():
        return True
    current = urlsplit(request.headers.get("HX-Current-URL", "")).path
    return current == url_for(endpoint, **values)
