"""Helpers for browser tests."""
from ..conftest import ROLE_USERS, TEST_PASSWORD


def login(page, server, role: str):
    """Log in through the form as the test account of `role`."""
    page.goto(f"{server.url}/dang-nhap")
    page.fill("#username", ROLE_USERS[role][1])
    page.fill("#password", TEST_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def open_menu_entry(page, menu: str, entry: str) -> None:
    """Click an entry of the top bar, opening its menu first when it sits in one."""
    link = page.locator(".mainnav").get_by_role("link", name=entry)
    if not link.is_visible():
        page.locator(".mainnav summary", has_text=menu).click()
    link.click()
