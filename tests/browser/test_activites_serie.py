"""Coordination plans a weekly permanence as a series on a desktop, then cancels
one date with a reason; the agenda shows it cancelled and the others planned."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from activites.models import Activite
from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user
from tests.factories.activites import make_contact_point


def test_coordination_plans_a_series_and_cancels_one_date(desktop):
    make_user(role="coordination", username="camille", password=PASSWORD)
    local = make_contact_point(name="Local Tisseurs")
    today = timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday())

    login(desktop, "camille")
    desktop.goto("/activites/serie/nouvelle/")
    desktop.select_option("select[name=kind]", "permanence")
    desktop.fill("input[name=title_fr]", "Permanence du mardi")
    desktop.fill("input[name=day]", monday.isoformat())
    desktop.fill("input[name=last_day]", (monday + timedelta(days=20)).isoformat())
    desktop.fill("input[name=start_time]", "14:00")
    desktop.fill("input[name=end_time]", "17:00")
    desktop.select_option("select[name=contact_point]", str(local.pk))
    desktop.get_by_label("mardi").check()
    desktop.get_by_role("button", name="Enregistrer").click()
    expect(desktop.locator(".alert-success")).to_contain_text("3 activités créées")
    assert Activite.objects.count() == 3

    desktop.get_by_label("Motif de l'annulation").fill("Local fermé")
    desktop.get_by_role("button", name="Annuler cette activité").click()
    expect(desktop.locator(".alert-success")).to_contain_text("Activité annulée.")
    expect(desktop.locator("main")).to_contain_text("Annulée : Local fermé")

    desktop.get_by_role("link", name="Retour à l'agenda").click()
    expect(desktop.locator("main")).to_contain_text("Permanence du mardi")
    statuses = list(Activite.objects.values_list("status", flat=True))
    assert sorted(statuses) == ["cancelled", "planned", "planned"]
