"""Rosters over a series at desktop size (one step for many dates, the overlap
warning then the confirmation) and the calendar page's copy button on a phone."""

from datetime import time, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from activites import services
from activites.models import Activite, Affectation
from tests.browser.axe import axe_violations, overflowing, small_targets
from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user
from tests.factories.activites import (
    at,
    make_activite,
    make_affectation,
    make_contact_point,
)
from tests.factories.relais import make_formation, make_relais

SHOTS = "/tmp/shots/rosters"


def _round(local):
    today = timezone.localdate()
    wednesday = today + timedelta(days=(2 - today.weekday()) % 7 or 7)
    return services.serie_create(
        weekdays=[2],
        first_day=wednesday,
        last_day=wednesday + timedelta(weeks=18),
        start_time=time(10),
        end_time=time(12),
        values={
            "kind": Activite.Kind.ROUND,
            "title": "Tournée du mercredi",
            "contact_point": local,
            "stop": None,
            "place": "",
            "description": "",
            "relais_needed": 2,
        },
    )


def test_coordination_assigns_a_relais_to_a_whole_series_in_one_step(desktop):
    make_user(role="coordination", username="camille", password=PASSWORD)
    serie = _round(make_contact_point(name="Triporteur"))
    anna = make_relais(first_name="Anna", last_name="Peeters")
    first = serie.activites.order_by("start").first()

    login(desktop, "camille")
    desktop.goto(first.get_absolute_url())
    desktop.get_by_role(
        "link", name="Affecter ou retirer des relais sur plusieurs dates de la série"
    ).click()
    expect(desktop.get_by_role("heading", level=1)).to_contain_text(
        "Tournée du mercredi"
    )
    desktop.get_by_label("Anna Peeters").check()
    desktop.get_by_label("Toute la série (les dates à venir)").check()
    desktop.screenshot(path=f"{SHOTS}/serie_roster_form.png", full_page=True)
    desktop.get_by_role("button", name="Affecter aux dates choisies").click()
    expect(desktop.locator(".alert-success")).to_contain_text(
        "Anna Peeters : affecté·e à 19 dates."
    )
    desktop.screenshot(path=f"{SHOTS}/serie_roster_done.png", full_page=True)
    assert (
        Affectation.objects.filter(
            relais=anna, status=Affectation.Status.CONFIRMED
        ).count()
        == 19
    )

    # A training the same week shows in the agenda, apart from the activities.
    training = make_formation(title="Écoute active", date=first.local_day)
    desktop.goto(f"/activites/agenda/?month={first.local_day:%Y-%m}")
    item = desktop.locator(".agenda-formation")
    expect(item).to_contain_text("Écoute active")
    assert item.get_attribute("href") == training.get_absolute_url()
    desktop.screenshot(path=f"{SHOTS}/agenda_month_formation.png", full_page=True)


def test_overlap_warning_then_confirm_when_assigning_and_planning(desktop):
    make_user(role="coordination", username="camille", password=PASSWORD)
    local = make_contact_point(name="Local Tisseurs")
    serie = _round(local)
    anna = make_relais(first_name="Anna", last_name="Peeters")
    third = serie.activites.order_by("start")[2]
    day = third.local_day
    make_affectation(
        make_activite(title="Atelier vélo", start=at(day, 11), end=at(day, 13)), anna
    )

    login(desktop, "camille")
    desktop.goto(f"/activites/serie/{serie.pk}/relais/")
    desktop.get_by_label("Anna Peeters").check()
    desktop.get_by_role("button", name="Affecter aux dates choisies").click()
    warning = desktop.locator(".clashes")
    expect(warning).to_contain_text("Attention : 1 chevauchement.")
    expect(warning).to_contain_text("Atelier vélo")
    desktop.screenshot(path=f"{SHOTS}/serie_roster_clash.png", full_page=True)
    assert axe_violations(desktop) == []
    assert not Affectation.objects.filter(activite__serie=serie).exists()
    expect(desktop.get_by_label("Anna Peeters")).to_be_checked()
    desktop.get_by_label("Confirmer malgré le chevauchement").check()
    desktop.get_by_role("button", name="Affecter aux dates choisies").click()
    expect(desktop.locator(".alert-success")).to_contain_text("19 dates")
    assert anna.affectations.filter(activite__serie=serie).count() == 19

    # Planning a one-off activity at the same point and time warns too.
    desktop.goto(f"/activites/nouvelle/?day={day.isoformat()}")
    desktop.select_option("select[name=kind]", "workshop")
    desktop.fill("input[name=title_fr]", "Atelier CV")
    desktop.fill("input[name=start_time]", "11:00")
    desktop.fill("input[name=end_time]", "12:30")
    desktop.select_option("select[name=contact_point]", str(local.pk))
    desktop.get_by_role("button", name="Enregistrer").click()
    expect(desktop.locator(".clashes")).to_contain_text("Tournée du mercredi")
    expect(desktop.locator("input[name=title_fr]")).to_have_value("Atelier CV")
    desktop.screenshot(path=f"{SHOTS}/activite_clash.png", full_page=True)
    desktop.get_by_label("Confirmer malgré le chevauchement").check()
    desktop.get_by_role("button", name="Enregistrer").click()
    expect(desktop.locator(".alert-success")).to_contain_text("Activité enregistrée.")
    assert Activite.objects.filter(title="Atelier CV").exists()


def test_relais_copies_the_calendar_address_on_the_phone(phone):
    relais = make_relais(first_name="Aïcha")
    relais.user.set_password(PASSWORD)
    relais.user.save()
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"])

    login(phone, relais.user.username)
    phone.goto("/activites/agenda/abonnement/")
    phone.get_by_role("button", name="Créer mon adresse d'agenda").click()
    address = phone.locator("#feed-personal").input_value()
    assert address.endswith("/mes-activites.ics")
    add = phone.get_by_role("link", name="Ajouter à mon agenda")
    assert add.get_attribute("href") == "webcal://" + address.split("://", 1)[1]
    phone.get_by_role("button", name="Copier").click()
    expect(phone.locator("#copy-status-personal")).to_have_text("Copié")
    assert phone.evaluate("navigator.clipboard.readText()") == address
    assert overflowing(phone) == []
    assert small_targets(phone) == []
    assert axe_violations(phone) == []
    phone.screenshot(path=f"{SHOTS}/calendar_feeds_phone.png", full_page=True)
