"""Every relais page on a phone: no sideways scroll at 320 and 390 px (text at
200 % included), tap targets of 44 px, axe-core's rules without a violation."""

import json

import pytest
from django.urls import reverse

from tests.browser.axe import axe_violations, overflowing, small_targets
from tests.browser.conftest import PHONE, login
from tests.browser.relais_world import relais_world


def relais_pages(prestation, situation, line) -> list[str]:
    """The relais home, each page it links to, and the pages one step further."""
    return [
        reverse("relais_home"),
        reverse("prestations:prestation_quick"),
        reverse("prestations:prestation_mine"),
        reverse("prestations:prestation_detail", args=[prestation.pk]),
        reverse("prestations:prestation_edit", args=[prestation.pk]),
        reverse("prestations:prestation_delete", args=[prestation.pk]),
        reverse("prestations:situation_add", args=[prestation.pk]),
        reverse("prestations:situation_edit", args=[situation.pk]),
        reverse("prestations:situation_delete", args=[situation.pk]),
        reverse("prestations:orientation_outcomes", args=[situation.pk]),
        reverse("prestations:fiche_mine"),
        reverse("prestations:fiche_claim_add"),
        reverse("prestations:fiche_line_delete", args=[line.pk]),
        reverse("prestations:fiche_other_amounts"),
        reverse("activites:my_schedule"),
        reverse("activites:open_slots"),
        reverse("ressources:search"),
        reverse(
            "ressources:service_detail",
            args=[situation.orientations.exclude(service=None).get().service_id],
        ),
        reverse("ressources:selection"),
        reverse("ressources:suggestion_create"),
        reverse("ressources:suggestion_mine"),
        reverse("activites:calendar_feeds"),
        reverse("relais:my_profile"),
        reverse("relais:my_documents"),
        reverse("relais:my_trainings"),
        reverse("relais:my_note"),
        reverse("help"),
        reverse("account"),
        reverse("password_change"),
    ]


@pytest.mark.parametrize(
    "width,zoom", [(320, 1), (390, 1), (390, 2)], ids=["320", "390", "390-text-200"]
)
def test_no_relais_page_scrolls_sideways(browser_context_for, width, zoom):
    """Text at 200 % as a phone does it: the page is zoomed, so the width in CSS
    pixels halves (195 px) and the pixels double."""
    relais, prestation, situation, line = relais_world()
    page = browser_context_for(
        device={
            **PHONE,
            "viewport": {"width": width // zoom, "height": 740 // zoom},
            "device_scale_factor": 2 * zoom,
        }
    )
    login(page, relais.user.username)
    wrong = {}
    for url in relais_pages(prestation, situation, line):
        page.goto(url)
        if problems := overflowing(page):
            wrong[url] = problems
    assert not wrong, json.dumps(wrong, indent=1, ensure_ascii=False)


@pytest.mark.parametrize("locale", ["fr-BE", "nl-BE", "ar"])
def test_relais_pages_have_big_targets_and_no_axe_violation(
    browser_context_for, locale
):
    """In Arabic (a relais whose phone asks for it) every page is right to left."""
    relais, prestation, situation, line = relais_world()
    page = browser_context_for(device=PHONE, locale=locale)
    login(page, relais.user.username)
    direction = "rtl" if locale == "ar" else "ltr"
    wrong = {}
    for url in relais_pages(prestation, situation, line):
        page.goto(url)
        html = page.locator("html")
        assert html.get_attribute("lang") == locale[:2]
        assert html.get_attribute("dir") == direction
        if problems := small_targets(page) + axe_violations(page):
            wrong[url] = problems
    assert not wrong, json.dumps(wrong, indent=1, ensure_ascii=False)


# Each label's lines, counted from its text's boxes, and its words.
NAV_LABELS = """() => [...document.querySelectorAll('.bottom-nav a')].map(a => {
    const range = document.createRange();
    range.selectNodeContents(a.lastChild);
    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    return [a.lastChild.textContent.trim(), tops.size];
})"""


@pytest.mark.parametrize("width", [360, 390])
@pytest.mark.parametrize("locale", ["fr-BE", "nl-BE", "tr", "ro", "bg", "ar"])
def test_bottom_bar_labels_never_break_inside_a_word(
    browser_context_for, locale, width
):
    """ "Aujourd'hui" on one line, not "Aujourd'hu / i": a label takes at most one
    line per word."""
    relais, *_ = relais_world()
    page = browser_context_for(
        device={**PHONE, "viewport": {"width": width, "height": 740}}, locale=locale
    )
    login(page, relais.user.username)
    page.goto(reverse("relais_home"))
    labels = page.evaluate(NAV_LABELS)
    assert len(labels) == 5
    broken = [text for text, lines in labels if lines > len(text.split())]
    assert not broken, broken
