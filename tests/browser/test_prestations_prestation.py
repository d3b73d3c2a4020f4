"""A relais on a phone logs an outing with two situations and an orientation."""

from playwright.sync_api import expect

from prestations.models import Prestation
from ressources.models import Organization
from tests.browser.conftest import PASSWORD, login
from tests.factories.relais import make_relais
from tests.factories.ressources import make_service


def test_relais_logs_an_outing_with_two_situations_on_a_phone(phone):
    relais = make_relais(first_name="Aïcha")
    relais.user.set_password(PASSWORD)
    relais.user.save()
    organization = Organization.objects.create(name="CPAS de Schaerbeek")
    service = make_service(organization=organization, name="Service social du CPAS")

    login(phone, relais.user.username)
    phone.get_by_role("link", name="Noter une sortie").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Noter une sortie")
    phone.get_by_text("Point mobile (triporteur)").click()
    phone.get_by_text("Tournée de rue").click()
    plus = phone.locator(".stepper:has(input[name=people_met]) button", has_text="+")
    for _ in range(3):
        plus.click()
    expect(phone.locator("input[name=people_met]")).to_have_value("3")
    phone.get_by_role("button", name="Enregistrer et noter une situation").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Situation n° 1")
    phone.locator(".tile label").first.click()
    phone.get_by_text("Adulte (26–64 ans)").click()
    phone.get_by_label("Langue utilisée").select_option("ar")
    phone.get_by_placeholder("Chercher une ressource").press_sequentially("cpas")
    phone.get_by_label("Service social du CPAS").check()
    phone.get_by_label("J'ai accompagné la personne").check()
    phone.get_by_label("J'ai dit à la personne ce que je note").check()
    phone.get_by_role(
        "button", name="Enregistrer et ajouter une autre situation"
    ).click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Situation n° 2")
    phone.locator(".tile label").nth(1).click()
    phone.locator(".tile label", has_text="Revient").click()
    phone.get_by_label("Langue utilisée").select_option("tr")
    phone.get_by_label("J'ai dit à la personne ce que je note").check()
    phone.get_by_role("button", name="Enregistrer, c'est fini").click()

    expect(phone.locator(".alert-success, .alert").first).to_contain_text(
        "Situation enregistrée"
    )
    expect(phone.locator("main")).to_contain_text("Service social du CPAS")
    prestation = Prestation.objects.get(relais=relais)
    assert prestation.people_met == 3
    assert prestation.place == "mobile"
    assert prestation.situations.count() == 2
    first = prestation.situations.get(language="ar")
    assert first.orientations.get().service == service
    assert first.orientations.get().is_accompanied
    assert not prestation.situations.get(language="tr").is_first_contact
    assert all(prestation.situations.values_list("person_informed", flat=True))


def test_coordination_filters_situations_and_updates_an_outcome(desktop):
    from datetime import date

    from prestations.models import Orientation, Situation
    from tests.factories.accounts import make_user
    from tests.factories.prestations import make_prestation

    make_user(role="coordination", username="camille", password=PASSWORD)
    relais = make_relais(first_name="Bruno", last_name="Mertens")
    prestation = make_prestation(relais=relais, date=date(2026, 3, 10))
    followed = Situation.objects.create(
        prestation=prestation, language="ar", follow_up_needed=True
    )
    orientation = Orientation.objects.create(
        situation=followed, other_text="Épicerie sociale"
    )
    Situation.objects.create(prestation=prestation, language="tr")

    login(desktop, "camille")
    desktop.get_by_role("link", name="Situations").first.click()
    desktop.fill("input[name=month]", "2026-03")
    desktop.get_by_label("Suivi", exact=True).select_option(label="À suivre")
    desktop.get_by_role("button", name="Filtrer").click()
    expect(desktop.locator("main")).to_contain_text("1 situation")
    expect(desktop.locator("tbody tr")).to_have_count(1)
    desktop.get_by_role("link", name="À suivre").click()
    desktop.get_by_label("La personne y est allée").check()
    desktop.get_by_role("button", name="Enregistrer les résultats").click()
    expect(desktop.locator(".alert").first).to_contain_text("Résultats enregistrés")
    orientation.refresh_from_db()
    assert orientation.outcome == Orientation.Outcome.REACHED
