"""Coordination and direction pages at desktop size: axe-core's rules without a
violation (every page of the menu and every page they link to, one per URL
shape), and a focus ring that shows on the dark header."""

import json
import re

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


# Links that download a file or leave the page as it is.
NOT_PAGES = re.compile(r"(csv|xlsx|sepa|pdf|ics|export|telecharger|/media/)", re.I)


def linked_pages(page) -> list[str]:
    """The pages `page`'s main part links to, one per URL shape (digits folded),
    without downloads."""
    return page.locator("main a[href^='/']").evaluate_all(
        "(links) => links.map((link) => link.getAttribute('href'))"
    )


def crawl(page, start: list[str], seen_shapes: set) -> dict:
    """axe on every page of `start` and on every page one link away (one per URL
    shape): failing nodes by URL."""
    wrong = {}
    queue = list(start)
    depth = dict.fromkeys(start, 0)
    while queue:
        url = queue.pop(0)
        shape = re.sub(r"\d+", "N", url.split("#")[0])
        if shape in seen_shapes or NOT_PAGES.search(url):
            continue
        seen_shapes.add(shape)
        response = page.goto(url)
        if response is None or "text/html" not in response.headers.get(
            "content-type", ""
        ):
            continue
        if problems := axe_violations(page):
            wrong[url] = problems
        if depth[url] == 0:
            for link in linked_pages(page):
                if link not in depth:
                    depth[link] = 1
                    queue.append(link)
    return wrong


@pytest.mark.parametrize(
    "locale,shown", [("fr-BE", "fr"), ("nl-BE", "nl"), ("ar", "fr")]
)
def test_staff_pages_have_no_axe_violation(browser_context_for, locale, shown):
    """A browser that asks for Arabic (a relais-only language) gets the staff pages
    in French, left to right, and the switcher offers only the staff languages."""
    relais, prestation, situation, _line = relais_world()
    make_user(role="coordination", username="camille", password=PASSWORD)
    make_user(role="direction", username="luc", password=PASSWORD)
    wrong, checked = {}, 0
    for username, extra in (
        ("camille", staff_pages(relais, prestation, situation)),
        ("luc", []),
    ):
        page = browser_context_for(device=DESKTOP, locale=locale)
        login(page, username)
        html = page.locator("html")
        assert html.get_attribute("lang") == shown
        assert html.get_attribute("dir") == "ltr"
        switcher = page.locator("form.language-switcher button[name=language]")
        assert switcher.evaluate_all("(b) => b.map((x) => x.value)") == [
            "fr",
            "nl",
            "en",
        ]
        seen = {"/deconnexion/"}
        found = crawl(page, [*menu_pages(page), *extra], seen)
        wrong.update({f"{username} {url}": nodes for url, nodes in found.items()})
        checked += len(seen)
    assert not wrong, json.dumps(wrong, indent=1, ensure_ascii=False)
    assert checked > 40


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
