"""Coordination opens an activity and a resource and saves them without touching
anything: the activity keeps its date, the Anderlecht resource its postal code."""

from datetime import date

from playwright.sync_api import expect

from activites.models import Activite
from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user
from tests.factories.activites import at, make_activite
from tests.factories.ressources import make_service


def test_activity_saved_without_retyping_its_date(desktop):
    make_user(role="coordination", username="camille", password=PASSWORD)
    activite = make_activite(title="Permanence", start=at(date(2027, 3, 16), 14))

    login(desktop, "camille")
    desktop.goto(f"/activites/{activite.pk}/modifier/")
    expect(desktop.locator("input[name=day]")).to_have_value("2027-03-16")
    desktop.get_by_role("button", name="Enregistrer").click()
    expect(desktop.locator(".alert-success")).to_be_visible()
    activite = Activite.objects.get(pk=activite.pk)
    assert activite.start == at(date(2027, 3, 16), 14)


def test_resource_from_anderlecht_saved_unchanged_keeps_its_code(desktop):
    make_user(role="coordination", username="camille", password=PASSWORD)
    service = make_service(
        name="Maison médicale", address=("Rue Wayez 1", "1070", "Anderlecht")
    )

    login(desktop, "camille")
    desktop.goto(f"/ressources/{service.pk}/modifier/")
    expect(desktop.locator("input[name=postal_code]")).to_have_value("1070")
    desktop.get_by_role("button", name="Enregistrer").click()
    expect(desktop.locator(".alert-success")).to_contain_text("enregistrée")
    service.location.refresh_from_db()
    assert (service.location.postal_code, service.location.city) == (
        "1070",
        "Anderlecht",
    )
