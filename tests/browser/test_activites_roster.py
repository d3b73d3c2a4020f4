"""A triporteur round from planning to its fréquentation: coordination plans it
with two places (desktop), a relais takes a place on the phone, coordination
confirms, and after the round the relais counts the people on the phone."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from activites.models import Activite, Affectation, Frequentation
from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user
from tests.factories.activites import make_stop
from tests.factories.relais import make_relais


def test_round_is_planned_taken_confirmed_and_counted(desktop, phone):
    make_user(role="coordination", username="camille", password=PASSWORD)
    relais = make_relais(first_name="Aïcha")
    relais.user.set_password(PASSWORD)
    relais.user.save()
    stop = make_stop(name="Place Liedts")
    day = timezone.localdate() + timedelta(days=2)

    # Coordination plans a round with two places.
    login(desktop, "camille")
    desktop.goto("/activites/nouvelle/")
    desktop.select_option("select[name=kind]", "round")
    desktop.fill("input[name=title_fr]", "Tournée place Liedts")
    desktop.fill("input[name=day]", day.isoformat())
    desktop.fill("input[name=start_time]", "10:00")
    desktop.fill("input[name=end_time]", "12:00")
    desktop.select_option("select[name=stop]", str(stop.pk))
    desktop.fill("input[name=relais_needed]", "2")
    desktop.get_by_role("button", name="Enregistrer").click()
    expect(desktop.get_by_role("heading", level=1)).to_have_text("Tournée place Liedts")
    expect(desktop.locator("main")).to_contain_text("0 confirmé·e·s sur 2")
    activite = Activite.objects.get()

    # The relais takes a place on the phone.
    login(phone, relais.user.username)
    phone.get_by_role("link", name="Places libres").click()
    expect(phone.locator(".open-slot")).to_contain_text("Tournée place Liedts")
    expect(phone.locator(".open-slot")).to_contain_text("2 places libres")
    phone.get_by_role("button", name="Je viens").click()
    expect(phone.locator(".alert-success")).to_contain_text("La coordination va")
    expect(phone.locator(".open-slot")).to_contain_text("En attente de confirmation")

    # Coordination confirms.
    desktop.reload()
    desktop.get_by_role("button", name="Confirmer").click()
    expect(desktop.locator("main")).to_contain_text("1 confirmé·e·s sur 2")
    assert Affectation.objects.get().status == Affectation.Status.CONFIRMED

    phone.goto("/activites/mon-planning/")
    expect(phone.locator(".schedule-item")).to_contain_text("Confirmé")

    # After the round, the relais counts the people with the steppers.
    start = timezone.now() - timedelta(hours=3)
    Activite.objects.filter(pk=activite.pk).update(
        start=start, end=start + timedelta(hours=2)
    )
    phone.goto("/activites/mon-planning/")
    phone.get_by_role("link", name="Tournée place Liedts").click()
    total = phone.locator("#id_total").locator("xpath=..")
    for _ in range(7):
        total.get_by_role("button", name="+1").click()
    newcomers = phone.locator("#id_newcomers").locator("xpath=..")
    for _ in range(2):
        newcomers.get_by_role("button", name="+1").click()
    phone.get_by_text("Par âge").click()
    adults = phone.locator("[id='id_age_26-64']").locator("xpath=..")
    for _ in range(5):
        adults.get_by_role("button", name="+1").click()
    phone.get_by_role("button", name="Enregistrer").click()
    expect(phone.locator(".alert-success")).to_contain_text("fréquentation")
    frequentation = Frequentation.objects.get()
    assert (frequentation.total, frequentation.newcomers) == (7, 2)
    assert frequentation.age_counts == {"26-64": 5}
    activite.refresh_from_db()
    assert activite.status == Activite.Status.DONE
