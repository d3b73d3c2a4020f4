"""Browser harness: pytest-playwright drives Debian's Chromium against live_server.

`playwright install` cannot download browsers here, so Chromium comes from Debian
(`/usr/bin/chromium`, see docs/toolchain.md). Without it the browser tests are
skipped locally, but fail when TISSEURS_REQUIRE_BROWSER=1 (as `make test` and CI set).
"""

import os
import shutil

import pytest
from playwright.sync_api import expect

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Assertions wait as long as actions (contexts below: 10 s), not Playwright's 5 s: a
# loaded CI machine can take longer than that to draw a PDF or a long list.
expect.set_options(timeout=10_000)

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or ""
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
PASSWORD = "browser-pass-123"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Every browser test runs against live_server on committed data, and gets the
    rows the data migrations made (roles, themes…) restored after each flush."""
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True)
            )


@pytest.fixture(scope="session", autouse=True)
def _reference_data(django_db_setup, django_db_blocker):
    """The serialized rows of the data migrations, read before Playwright starts."""
    from django.db import connection

    return getattr(connection, "_test_serialized_contents", None)


@pytest.fixture
def live_browser(browser, _reference_data):
    """The browser, once Django's connection in Playwright's context knows the rows
    to restore after each flush.

    Playwright's sync API runs an event loop, so Django (asgiref's Local) hands the
    code that follows another connection object, one without the serialized copy
    of the data migrations' rows: serialized rollback would then restore nothing.
    """
    from django.db import connection

    if _reference_data and not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = _reference_data
    return browser


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM:
        if os.environ.get("TISSEURS_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is missing: apt-get install chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def browser_context_for(live_browser, live_server):
    """Open pages in new contexts (a device, a language), closed at the end."""
    opened = []

    def open_page(*, device=DESKTOP, locale="fr-BE", service_workers="block"):
        # The service worker (docs/offline.md) is tested in test_offline.py; other
        # tests block it, so its background page fetches never outlive a test.
        context = live_browser.new_context(
            **device,
            locale=locale,
            base_url=live_server.url,
            service_workers=service_workers,
        )
        context.set_default_timeout(10_000)
        opened.append(context)
        return context.new_page()

    yield open_page
    for context in opened:
        context.close()


@pytest.fixture
def phone(browser_context_for):
    """A page in a phone-sized touch context (relais pages)."""
    return browser_context_for(device=PHONE)


@pytest.fixture
def offline_phone(browser_context_for):
    """A phone page with the service worker allowed (the offline tests)."""
    return browser_context_for(device=PHONE, service_workers="allow")


@pytest.fixture
def desktop(browser_context_for):
    """A page in a desktop context (coordination, direction, comité pages)."""
    return browser_context_for(device=DESKTOP)


def login(page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real login form."""
    page.goto("/connexion/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    # The next page (home, second factor or the form again) has arrived before
    # the test looks at the address.
    with page.expect_navigation():
        page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
