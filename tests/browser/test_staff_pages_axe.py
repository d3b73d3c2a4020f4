"""Coordination and direction pages at desktop size: axe-core's rules without a
violation (every page of the menu, and the pages one step further), and a focus
ring that shows on the dark header."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from prestations.services.fiche import fiche_for
from tests.browser.axe import axe_violations
from tests.browser.conftest import DESKTOP, PASSWORD, login
from tests.browser.relais_world import relais_world
from tests.factories.accounts import make_user


def staff_pages(relais, prestation, situation) -> list[str]:
    fiche = fiche_for(relais=relais, month=timezone.localdate())
    return [
        reverse("prestations:prestation_detail", args=[prestation.pk]),
        reverse("prestations:orientation_outcomes", args=[situation.pk]),
        reverse("prestations:fiche_detail", args=[fiche.pk]),
        reverse("relais:relais_detail", args=[relais.pk]),
    ]


def menu_pages(page) -> list[str]:
    return page.locator("header .navbar-nav a").evaluate_all(
        "(links) => links.map((link) => link.getAttribute('href'))"
    )


@pytest.mark.parametrize("locale", ["fr-BE", "nl-BE"])
def test_staff_pages_have_no_axe_violation(browser_context_for, locale):
    relais, prestation, situation, _line = relais_world()
    make_user(role="coordination", username="camille", password=PASSWORD)
    make_user(role="direction", username="luc", password=PASSWORD)
    wrong = {}
    for username, extra in (
        ("camille", staff_pages(relais, prestation, situation)),
        ("luc", []),
    ):
        page = browser_context_for(device=DESKTOP, locale=locale)
        login(page, username)
        for url in [*menu_pages(page), *extra]:
            page.goto(url)
            if problems := axe_violations(page):
                wrong[f"{username} {url}"] = problems
    assert not wrong, json.dumps(wrong, indent=1, ensure_ascii=False)


def test_the_menu_focus_ring_shows_on_the_header(desktop):
    make_user(role="coordination", username="camille", password=PASSWORD)
    login(desktop, "camille")
    link = desktop.locator("header .navbar-nav a").first
    desktop.keyboard.press("Tab")
    link.focus()
    style = link.evaluate(
        "(el) => { const s = getComputedStyle(el); "
        "return [s.outlineStyle, s.outlineColor, s.outlineWidth]; }"
    )
    assert style == ["solid", "rgb(255, 191, 71)", "3px"]
