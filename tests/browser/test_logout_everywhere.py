"""From the account page, "Me déconnecter partout" ends this session and the one
open in another browser."""

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user


def test_log_out_everywhere_from_the_account_page(browser_context_for):
    make_user(role="coordination", username="camille", password=PASSWORD)
    office = browser_context_for()
    home = browser_context_for()
    login(office, "camille")
    login(home, "camille")
    expect(home.get_by_role("heading", level=1)).to_contain_text("coordination")

    office.goto("/compte/")
    office.get_by_role("button", name="Me déconnecter partout").click()
    expect(office.locator("main")).to_contain_text(
        "Toutes vos sessions sont fermées, celle-ci aussi."
    )
    assert "/connexion/" in office.url

    home.goto("/compte/")
    assert "/connexion/?next=/compte/" in home.url
    expect(home.locator("main")).to_contain_text(
        "Cette session a été fermée depuis votre compte."
    )
