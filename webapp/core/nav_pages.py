"""Page links of a long list: which page the URL asks for, and the slice of rows it shows.

The list's filters stay in the URL beside `trang` (page), so a page link, Back and a reload
show what the URL says; `templates/_pager.html` draws the links."""
from dataclasses import dataclass

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
