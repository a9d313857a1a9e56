"""Helpers for browser tests."""
from ..conftest import ROLE_USERS, TEST_PASSWORD


def login(page, server, role: str):
    """Log in through the form as the test account of `role`."""
    page.goto(f"{server.url}/dang-nhap")
    page.fill("#username", ROLE_USERS[role][1])
    page.fill("#password", TEST_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
