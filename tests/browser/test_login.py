"""Each role signs in through the form and lands on its own home page; the language
switch turns the page Dutch; a Dutch browser gets the login page in Dutch."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user
from tests.factories.relais import make_relais


@pytest.mark.parametrize(
    ("role", "path", "heading"),
    [
        ("coordination", "/coordination/", "Tableau de bord de la coordination"),
        ("direction", "/direction/", "Direction"),
        ("comite", "/comite/", "Comité de pilotage"),
    ],
)
def test_staff_role_lands_on_its_home(desktop, role, path, heading):
    make_user(role=role, username=f"{role}-user", password=PASSWORD)
    login(desktop, f"{role}-user")
    assert desktop.url.endswith(path)
    expect(desktop.get_by_role("heading", level=1)).to_contain_text(heading)


def test_relais_lands_on_today_page_on_a_phone(phone):
    relais = make_relais(first_name="Aïcha", preferred_name="Aïcha")
    relais.user.set_password(PASSWORD)
    relais.user.save()
    login(phone, relais.user.username)
    assert phone.url.endswith("/aujourdhui/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bonjour Aïcha !")
    expect(phone.locator("nav.bottom-nav")).to_be_visible()


def test_wrong_password_shows_a_translated_error(desktop):
    make_user(role="coordination", username="camille", password=PASSWORD)
    login(desktop, "camille", password="not-the-password")
    assert desktop.url.endswith("/connexion/")
    expect(desktop.locator(".alert-danger, .invalid-feedback").first).to_be_visible()
    expect(desktop.locator("main")).to_contain_text("nom d")


def test_language_switch_turns_the_page_dutch(desktop):
    make_user(role="coordination", username="camille", password=PASSWORD)
    login(desktop, "camille")
    desktop.get_by_role("button", name="Nederlands").click()
    expect(desktop.locator("html")).to_have_attribute("lang", "nl")
    expect(desktop.get_by_role("heading", level=1)).to_contain_text("coördinatie")


def test_dutch_browser_gets_the_login_page_in_dutch(browser_context_for):
    page = browser_context_for(locale="nl-BE")
    page.goto("/connexion/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden")
