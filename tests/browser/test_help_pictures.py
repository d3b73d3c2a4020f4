"""The relais help on a phone, in French, Dutch and Arabic: every step's picture
loads (lazily, as the relais scrolls), nothing scrolls sideways, and axe-core finds
no violation; in Arabic the pictures sit on the right, under their step."""

import json
from pathlib import Path

import pytest

from tests.browser.axe import axe_violations, overflowing
from tests.browser.conftest import PHONE, login
from tests.browser.relais_world import relais_world

SHOTS = Path("/tmp/shots/a11yar")


@pytest.mark.parametrize("locale", ["fr-BE", "nl-BE", "ar"])
def test_the_relais_help_and_its_pictures_on_a_phone(browser_context_for, locale):
    relais, *_rest = relais_world()
    page = browser_context_for(device=PHONE, locale=locale)
    login(page, relais.user.username)
    page.goto("/aide/")
    assert page.locator("html").get_attribute("lang") == locale[:2]
    pictures = page.locator("main img.help-picture")
    assert pictures.count() == 14
    # Lazy: brought in as the relais scrolls to each step.
    for index in range(pictures.count()):
        pictures.nth(index).scroll_into_view_if_needed()
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('main img.help-picture'))"
        ".every((img) => img.complete && img.naturalWidth === 640)"
    )
    assert not overflowing(page)
    assert (problems := axe_violations(page)) == [], json.dumps(
        problems, indent=1, ensure_ascii=False
    )
    step = page.locator("main ol li").first
    picture, item = step.locator("img").bounding_box(), step.bounding_box()
    if locale == "ar":
        # Right to left: the picture starts at the step's right edge.
        assert abs(picture["x"] + picture["width"] - (item["x"] + item["width"])) < 2
    else:
        assert abs(picture["x"] - item["x"]) < 2
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"help-{locale[:2]}.png", full_page=True)
