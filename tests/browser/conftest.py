"""Headless Chromium through Playwright's sync API, for tests marked `browser`.

Fixtures: `browser` (one Chromium per test session, in tests/conftest.py so the
end-to-end tests share it), `page` (a fresh context per
test, desktop size), `phone_page` (375x812, touch). Helpers: `login(page,
live_server, user)` signs a factory user in through the real sign-in form;
`screenshot(page, name)` saves test-output/screenshots/<name>.png at the repo root.
"""

import os
from pathlib import Path

import pytest

# pytest-django's live_server runs in a thread while Playwright's sync API keeps
# an event loop in this one; Django refuses ORM calls from it without this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "pass-1234-word"  # tests.factories.UserFactory's password
REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "test-output" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


def _new_page(browser, viewport, **options):
    context = browser.new_context(viewport=viewport, locale="en-GB", **options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    # Anything the Content-Security-Policy blocked (an inline script or style,
    # a foreign resource) is reported on the console; pages are checked for it.
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return context, page


@pytest.fixture
def page(browser):
    context, page = _new_page(browser, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context, page = _new_page(browser, PHONE, is_mobile=True, has_touch=True)
    yield page
    context.close()


def login(page, live_server, user, password: str = PASSWORD) -> None:
    """Sign `user` in through the sign-in page; fails the test if it does not work."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name='login']", user.email)
    page.fill("input[name='password']", password)
    with page.expect_navigation():
        page.press("input[name='password']", "Enter")
    assert "/accounts/login/" not in page.url, "sign-in failed"


def screenshot(page, name: str, *, full_page: bool = True) -> Path:
    """Save a PNG under test-output/screenshots/ and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
