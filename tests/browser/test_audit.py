"""Direction opens the audit trail from the navigation and filters it by kind."""

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user


def test_direction_filters_the_audit_trail_by_kind(desktop):
    make_user(role="direction", username="dora", password=PASSWORD)
    make_user(role="coordination", username="camille", password=PASSWORD)
    login(desktop, "camille", password="not-the-password")
    login(desktop, "dora")
    desktop.get_by_role("link", name="IBAN des relais").click()
    desktop.get_by_role("link", name="Journal d'accès").click()
    expect(desktop.get_by_role("heading", level=1)).to_have_text("Journal d'accès")
    rows = desktop.locator("table tbody tr")
    expect(rows).to_have_count(3)  # failed login, login, IBAN list

    desktop.select_option("select[name=kind]", "iban_list")
    desktop.get_by_role("button", name="Filtrer").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("dora")
    expect(rows.first).to_contain_text("IBAN des relais")
    expect(rows.first).to_contain_text("count=0; page=1")

    desktop.select_option("select[name=kind]", "login_failed")
    desktop.get_by_role("button", name="Filtrer").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("camille")
    expect(rows.first).to_contain_text("Connexion refusée")
