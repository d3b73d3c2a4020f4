"""The relais' forms on a phone guide instead of trapping: the errors of a refused
save are summed up at the top and take the focus, Enter saves the situation form,
and every delete asks first on a page of its own."""

from django.urls import reverse
from playwright.sync_api import expect

from prestations.models import DefraiementLine, Prestation, Situation
from tests.browser.conftest import PHONE, login
from tests.browser.relais_world import relais_world


def test_a_refused_save_shows_the_errors_at_the_top_and_focuses_them(phone):
    relais, *_ = relais_world()
    login(phone, relais.user.username)
    phone.goto(reverse("prestations:prestation_quick"))
    phone.locator("input[name=date]").fill("")
    phone.locator("input[name=people_met]").fill("-3")
    phone.get_by_role("button", name="Enregistrer (pas de situation)").click()

    summary = phone.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Rien n'est enregistré")
    expect(summary.get_by_role("link")).to_have_count(2)
    assert summary.evaluate("(el) => el.getBoundingClientRect().top") < 400
    # The stepper's own error shows right under it.
    stepper_error = phone.locator(
        ".stepper:has(input[name=people_met]) ~ .invalid-feedback"
    )
    expect(stepper_error).to_be_visible()
    # A link of the summary puts the focus on its field, clear of the bottom bar.
    summary.get_by_role("link", name="Date").click()
    expect(phone.locator("input[name=date]")).to_be_focused()
    box = phone.locator("input[name=date]").bounding_box()
    nav = phone.locator("nav.bottom-nav").bounding_box()
    assert box["y"] + box["height"] <= nav["y"]
    summary.get_by_role("link", name="Personnes rencontrées").click()
    expect(phone.locator("input[name=people_met]")).to_be_focused()
    # Nothing was saved, what was typed is kept.
    expect(phone.locator("input[name=people_met]")).to_have_value("-3")
    assert Prestation.objects.filter(relais=relais).count() == 1


def test_enter_in_other_orientation_saves_the_situation(phone):
    relais, prestation, *_ = relais_world()
    login(phone, relais.user.username)
    phone.goto(reverse("prestations:situation_add", args=[prestation.pk]))
    phone.get_by_text("Adulte (26–64 ans)").click()
    phone.get_by_label("J'ai dit à la personne ce que je note").check()
    phone.get_by_placeholder("Chercher une ressource").fill("cpas")
    phone.get_by_label("Autre orientation").fill("Maison médicale du Nord")
    phone.get_by_label("Autre orientation").press("Enter")

    expect(phone.get_by_role("heading", level=1)).to_have_text("Situation n° 3")
    saved = prestation.situations.get(orientations__other_text__contains="médicale")
    assert saved.age_band == "26-64"


def test_deleting_an_outing_asks_first(phone):
    relais, prestation, *_ = relais_world()
    login(phone, relais.user.username)
    phone.goto(prestation.get_absolute_url())
    phone.get_by_role("link", name="Supprimer cette sortie").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Supprimer cette sortie ?"
    )
    expect(phone.locator("main")).to_contain_text("Sa situation sera supprimée aussi")
    phone.get_by_role("link", name="Non, garder").click()
    assert Prestation.objects.filter(pk=prestation.pk).exists()

    phone.get_by_role("link", name="Supprimer cette sortie").click()
    phone.get_by_role("button", name="Oui, supprimer").click()
    expect(phone.locator(".alert").first).to_contain_text("Sortie supprimée")
    assert not Prestation.objects.filter(pk=prestation.pk).exists()


def test_deleting_a_situation_or_an_expense_line_asks_first(phone):
    relais, prestation, situation, line = relais_world()
    login(phone, relais.user.username)
    phone.goto(reverse("prestations:situation_edit", args=[situation.pk]))
    phone.get_by_role("link", name="Supprimer cette situation").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Supprimer cette situation ?"
    )
    phone.get_by_role("button", name="Oui, supprimer").click()
    expect(phone.locator(".alert").first).to_contain_text("Situation supprimée")
    assert not Situation.objects.filter(pk=situation.pk).exists()

    phone.goto(reverse("prestations:fiche_mine"))
    cross = phone.get_by_role("link", name="Supprimer cette dépense")
    box = cross.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44
    cross.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Supprimer cette dépense ?"
    )
    phone.get_by_role("button", name="Oui, supprimer").click()
    expect(phone.locator(".alert").first).to_contain_text("Ligne supprimée")
    assert not DefraiementLine.objects.filter(pk=line.pk).exists()


def test_duration_in_one_tap_and_travel_fields_for_their_mode_only(phone):
    relais, *_ = relais_world()
    login(phone, relais.user.username)
    phone.goto(reverse("prestations:prestation_quick"))
    km = phone.locator("input[name=travel_km]")
    ticket = phone.locator("input[name=travel_ticket_amount]")
    receipt = phone.locator("input[name=travel_receipt]")
    phone.locator(".tile label", has_text="À pied").click()
    for field in (km, ticket, receipt):
        expect(field).to_be_hidden()
    phone.locator(".tile label", has_text="Voiture").click()
    expect(km).to_be_visible()
    expect(ticket).to_be_hidden()
    phone.locator(".tile label", has_text="Transports en commun").click()
    expect(km).to_be_hidden()
    expect(ticket).to_be_visible()
    expect(receipt).to_be_attached()

    phone.get_by_text("Heures ou durée").click()
    phone.get_by_role("button", name="2 h").click()
    expect(phone.locator("input[name=duration_minutes]")).to_have_value("120")
    phone.locator("input[name=start_time]").fill("14:30")
    phone.get_by_role("button", name="3 h").click()
    expect(phone.locator("input[name=end_time]")).to_have_value("17:30")


def test_without_javascript_every_travel_field_shows(live_browser, live_server):
    relais, *_ = relais_world()
    context = live_browser.new_context(
        **PHONE, java_script_enabled=False, base_url=live_server.url
    )
    try:
        page = context.new_page()
        login(page, relais.user.username)
        page.goto(reverse("prestations:prestation_quick"))
        for name in ("travel_km", "travel_ticket_amount", "travel_receipt"):
            expect(page.locator(f"input[name={name}]")).to_be_visible()
        expect(page.get_by_role("button", name="2 h")).to_be_hidden()
    finally:
        context.close()


def test_the_bottom_bar_never_covers_the_focused_field(phone):
    """Tabbing through the outing form: each focused control is scrolled clear of
    the fixed bottom bar, the save buttons included."""
    relais, *_ = relais_world()
    phone.emulate_media(reduced_motion="reduce")  # measure where scrolling ends
    login(phone, relais.user.username)
    phone.goto(reverse("prestations:prestation_quick"))
    nav_top = phone.locator("nav.bottom-nav").bounding_box()["y"]
    phone.locator("input[name=date]").focus()
    covered, reached = [], set()
    for _ in range(40):
        phone.keyboard.press("Tab")
        info = phone.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el.closest("main")) return null;
                const box = (el.closest(".tile") || el).getBoundingClientRect();
                return {name: el.name || el.textContent.trim(), bottom: box.bottom};
            }"""
        )
        if info is None:
            break
        reached.add(info["name"])
        if info["bottom"] > nav_top + 1:
            covered.append(info)
    assert not covered
    assert {"add_situation", "done", "people_met", "note"} <= reached


def test_enter_in_the_outing_form_saves_it(phone):
    relais, *_ = relais_world()
    login(phone, relais.user.username)
    phone.goto(reverse("prestations:prestation_quick"))
    phone.locator(".tile label", has_text="Dans l'espace public").click()
    phone.locator(".tile label", has_text="Tournée de rue").click()
    phone.locator("input[name=people_met]").fill("2")
    phone.locator("input[name=people_met]").press("Enter")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Situation n° 1")
    assert Prestation.objects.filter(relais=relais, people_met=2).exists()
