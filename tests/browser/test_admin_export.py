"""The admin's export page (django-import-export) under the strict CSP: its
"Select all" toggle unticks and ticks every field, with no CSP violation."""

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD
from tests.factories.accounts import make_user


def test_select_all_works_under_the_csp(desktop):
    make_user(
        role="coordination",
        username="admin-camille",
        password=PASSWORD,
        is_staff=True,
        is_superuser=True,
    )
    desktop.goto("/admin/login/?next=/admin/relais/relais/export/")
    desktop.fill("input[name=username]", "admin-camille")
    desktop.fill("input[name=password]", PASSWORD)
    desktop.click("input[type=submit]")
    desktop.wait_for_url("**/admin/relais/relais/export/")
    fields = desktop.locator(
        '.selectable-field-export-row:visible input[type="checkbox"]'
    )
    assert fields.count() > 3
    toggle = desktop.locator("input.select-toggle")
    expect(toggle).to_be_checked()
    toggle.uncheck()
    for index in range(fields.count()):
        expect(fields.nth(index)).not_to_be_checked()
    toggle.check()
    for index in range(fields.count()):
        expect(fields.nth(index)).to_be_checked()
