"""Coordination opens a situation from the list, notes what became of an
orientation and closes the follow-up; the page fits a 1,366 px screen."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from prestations.models import Orientation, Situation
from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user
from tests.factories.prestations import make_prestation
from tests.factories.relais import make_relais


def fits_width(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_coordination_updates_an_outcome_and_closes_the_follow_up(desktop):
    camille = make_user(
        role="coordination",
        username="camille",
        password=PASSWORD,
        first_name="Camille",
        last_name="Dubois",
    )
    relais = make_relais(first_name="Anna", last_name="Kowalska")
    prestation = make_prestation(
        relais=relais, date=timezone.localdate() - timedelta(days=2)
    )
    situation = Situation.objects.create(
        prestation=prestation, language="ar", follow_up_needed=True
    )
    orientation = Orientation.objects.create(
        situation=situation,
        other_text="Service d'aide aux démarches administratives du CPAS "
        "de Saint-Josse-ten-Noode, guichet du rez-de-chaussée",
    )

    login(desktop, "camille")
    desktop.goto("/prestations/situations/?follow_up=open")
    desktop.get_by_role("link", name="À suivre").click()
    expect(desktop.locator("h1")).to_contain_text("Situation du")
    assert fits_width(desktop)

    desktop.get_by_label("La personne y est allée").check()
    desktop.get_by_role("button", name="Enregistrer les résultats").click()
    expect(desktop.locator(".alert-success")).to_contain_text("Résultats enregistrés")
    orientation.refresh_from_db()
    assert orientation.outcome == "reached"

    desktop.get_by_label("Note de suivi").fill("Rendez-vous pris le 3 au CPAS")
    desktop.get_by_role("button", name="Ajouter la note").click()
    expect(desktop.locator("main")).to_contain_text("Rendez-vous pris le 3 au CPAS")

    desktop.get_by_role("button", name="Clôturer le suivi").click()
    expect(desktop.locator("main")).to_contain_text("par Camille Dubois")
    situation.refresh_from_db()
    assert situation.follow_up_closed_by == camille
    assert fits_width(desktop)

    desktop.goto(f"/prestations/situation/{situation.pk}/orientations/")
    assert fits_width(desktop)
