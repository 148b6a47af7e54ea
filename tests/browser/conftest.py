"""Chromium through Playwright against pytest-django's live server.

One browser per test session (starting Chromium is the slow part); every test gets a fresh context, so
cookies and sessions never leak between tests. Debian's Chromium is used as is: no `playwright install`.
"""

import pytest
from playwright.sync_api import expect, sync_playwright

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
# Generous enough for a slow CI machine; a passing run never waits this long.
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser():
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser, live_server):
    """Open more browser contexts (another person at another computer); all are closed after the test.

    Keyword arguments go to Playwright's `new_context` (a phone's viewport, touch, ...).
    """
    contexts = []
    refused = []

    def open_context(**options):
        context = browser.new_context(base_url=live_server.url, accept_downloads=True, **options)
        context.set_default_timeout(TIMEOUT_MS)
        # Chromium reports what the content security policy blocked on the console: any such line is a page that
        # would not work as written for a real user.
        context.on(
            "console",
            lambda message: refused.append(f"{message.page.url if message.page else ''}: {message.text}")
            if "Content Security Policy" in message.text
            else None,
        )
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()
    assert not refused, "The content security policy blocked:\n" + "\n".join(refused)


@pytest.fixture
def page(new_context):
    return new_context().new_page()


def log_in(page, username: str, password: str = "pass") -> None:
    """Log in through the site's login form and wait until the site shows the user as logged in."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name=f"Log out {username}")).to_be_visible()


@pytest.fixture
def login():
    """`login(page, username, password="pass")`: factories give every user the password "pass"."""
    return log_in
