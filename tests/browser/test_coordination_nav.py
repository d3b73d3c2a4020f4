"""At 1,366 px (the coordinator's laptop) the coordination menu, the help link,
the account and sign-out fit on one line beside the name of the app."""

from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user


def test_coordination_nav_fits_on_one_line_at_1366(desktop):
    make_user(
        role="coordination",
        username="camille",
        password=PASSWORD,
        first_name="Camille",
        last_name="Dubois-Vandenberghe",
    )
    login(desktop, "camille")
    desktop.goto("/coordination/")
    middles = desktop.evaluate(
        """() => [...document.querySelectorAll(
            '.site-header .brand, .site-header .nav-link')]
            .map(e => { const r = e.getBoundingClientRect();
                        return Math.round(r.top + r.height / 2); })"""
    )
    assert len(middles) >= 13
    assert max(middles) - min(middles) <= 4, middles
    assert desktop.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
