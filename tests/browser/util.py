"""Helpers for browser tests."""
from pathlib import Path

from ..conftest import ROLE_USERS, TEST_PASSWORD


def login(page, server, role: str):
    """Log in through the form as the test account of `role`."""
    login_with(page, server, ROLE_USERS[role][1], TEST_PASSWORD)


def login_with(page, server, username: str, password: str) -> None:
    page.goto(f"{server.url}/dang-nhap")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


# the demo's account for each role (webapp/demo.py; password DEMO_PASSWORD)
DEMO_USERS = {"coordinator": "ldtbxh", "home_affairs": "noivu", "office": "vanphong",
              "department": "nnptnt", "commune": "binhchanh", "mass_org": "mttq",
              "leadership": "lanhdao", "admin": "admin"}


def login_demo(page, server, role: str) -> None:
    from webapp.demo import DEMO_PASSWORD
    login_with(page, server, DEMO_USERS[role], DEMO_PASSWORD)


def open_menu_entry(page, menu: str, entry: str) -> None:
    """Click an entry of the top bar, opening its menu first when it sits in one."""
    link = page.locator(".mainnav").get_by_role("link", name=entry)
    if not link.is_visible():
        page.locator(".mainnav summary", has_text=menu).click()
    link.click()


# --- accessibility: axe-core (vendored, tests only) on the page as the user sees it ---
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-4.14.1.min.js").read_text(encoding="utf-8")
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
               "resultTypes": ["violations"]}
FAILING_IMPACTS = ("serious", "critical")
PHONE = {"width": 390, "height": 844}
PHONE_STYLED = ".topbar, .demo-clock, .site-menu"  # what has colours of its own on a phone
DESKTOP = {"width": 1366, "height": 900}


def axe_violations(page, where: str, contrast_within: str | None = None) -> list[str]:
    """The serious and critical WCAG 2.1 A/AA violations axe finds on the page now, each one
    line naming the page (`where`), the rule, its impact, the first elements and axe's advice.

    `contrast_within` (CSS selectors) limits the colour-contrast rule, by far the slowest, to
    those elements: a second run of the same page at another width changes the layout, not the
    colours, except where the narrow layout has styles of its own (the phone header)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)  # through the DevTools protocol: the page's CSP stays on
    options = dict(AXE_OPTIONS)
    if contrast_within:
        options["rules"] = {"color-contrast": {"enabled": False}}
    violations = page.evaluate("options => axe.run(document, options)", options)["violations"]
    if contrast_within and page.locator(contrast_within).count():
        violations += page.evaluate(
            "([scope, options]) => axe.run({include: [...document.querySelectorAll(scope)]}, options)",
            [contrast_within, {"runOnly": {"type": "rule", "values": ["color-contrast"]},
                               "resultTypes": ["violations"]}])["violations"]
    return [f"{where}: {v['id']} ({v['impact']}) at {', '.join(str(n['target']) for n in v['nodes'][:3])}"
            f"{' and ' + str(len(v['nodes']) - 3) + ' more' if len(v['nodes']) > 3 else ''} – {v['help']}"
            for v in violations if v["impact"] in FAILING_IMPACTS]


def heading_problems(page, where: str) -> list[str]:
    """A page has one h1 and starts with it (the outline a screen reader lists)."""
    levels = page.eval_on_selector_all(
        "h1, h2, h3, h4, h5, h6", "els => els.filter(e => e.getClientRects().length).map(e => +e.tagName[1])")
    problems = []
    if levels.count(1) != 1:
        problems.append(f"{where}: {levels.count(1)} h1 headings (one expected)")
    if levels and levels[0] != 1:
        problems.append(f"{where}: the first heading is h{levels[0]}, not h1")
    return problems


def settle(page) -> None:
    """Wait until the page's own htmx requests on load (the bell's count) have answered."""
    page.wait_for_load_state("load")
    page.wait_for_function("() => !document.querySelector('.htmx-request')"
                           " && (!document.getElementById('bell-count')"
                           " || document.getElementById('bell-count').hasAttribute('data-unread'))")
