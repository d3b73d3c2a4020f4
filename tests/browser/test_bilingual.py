"""Coordination types an activity's title in French and Dutch side by side on a
desktop, and in Arabic under "Autres langues"; with the interface in Dutch the
agenda shows the Dutch title (django-modeltranslation, docs/conventions.md)."""

from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from activites.models import Activite
from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user
from tests.factories.activites import make_contact_point

SHOTS = Path("/tmp/shots/bilingual")


def test_coordination_enters_a_dutch_title_and_reads_it_in_dutch(desktop):
    make_user(role="coordination", username="camille", password=PASSWORD)
    local = make_contact_point(name="Local Tisseurs")
    day = timezone.localdate() + timedelta(days=2)

    login(desktop, "camille")
    desktop.goto("/activites/nouvelle/")
    french = desktop.locator("input[name=title_fr]")
    dutch = desktop.locator("input[name=title_nl]")
    # Side by side at desktop width: same line, Dutch to the right.
    french_box, dutch_box = french.bounding_box(), dutch.bounding_box()
    assert abs(french_box["y"] - dutch_box["y"]) < 2
    assert dutch_box["x"] > french_box["x"] + french_box["width"]
    # The relais languages are folded away until asked for.
    arabic = desktop.locator("input[name=title_ar]")
    expect(arabic).to_be_hidden()
    desktop.locator("details[data-field=title] summary").click()
    expect(arabic).to_be_visible()

    desktop.select_option("select[name=kind]", "breakfast")
    french.fill("Petit-déjeuner du quartier")
    dutch.fill("Buurtontbijt")
    arabic.fill("فطور الحي")
    desktop.fill("textarea[name=description_nl]", "Open voor iedereen.")
    desktop.fill("input[name=day]", day.isoformat())
    desktop.fill("input[name=start_time]", "09:00")
    desktop.fill("input[name=end_time]", "11:00")
    desktop.select_option("select[name=contact_point]", str(local.pk))
    SHOTS.mkdir(parents=True, exist_ok=True)
    desktop.screenshot(path=str(SHOTS / "activite-form.png"), full_page=True)
    desktop.get_by_role("button", name="Enregistrer").click()
    expect(desktop.locator(".alert-success")).to_be_visible()
    activite = Activite.objects.get()
    assert (activite.title_fr, activite.title_nl, activite.title_ar) == (
        "Petit-déjeuner du quartier",
        "Buurtontbijt",
        "فطور الحي",
    )

    desktop.get_by_role("button", name="Nederlands").click()
    expect(desktop.locator("html")).to_have_attribute("lang", "nl")
    desktop.goto(f"/activites/agenda/semaine/?day={day.isoformat()}")
    main = desktop.locator("main")
    expect(main).to_contain_text("Buurtontbijt")
    expect(main).not_to_contain_text("Petit-déjeuner du quartier")
    desktop.screenshot(path=str(SHOTS / "agenda-nl.png"), full_page=True)
