"""After a round, a relais confirms the prestation pre-filled from it, on a phone."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from activites.models import Activite
from prestations.models import Prestation
from tests.browser.conftest import PASSWORD, login
from tests.factories.activites import make_activite, make_affectation, make_stop
from tests.factories.relais import make_relais


def test_relais_confirms_the_prestation_prefilled_from_the_round(phone):
    relais = make_relais(first_name="Aïcha")
    relais.user.set_password(PASSWORD)
    relais.user.save()
    start = timezone.localtime().replace(hour=0, minute=10, second=0, microsecond=0)
    activite = make_activite(
        kind=Activite.Kind.ROUND,
        title="Tournée square Riga",
        start=start,
        end=start + timedelta(minutes=50),
        stop=make_stop(),
        place="",
        status=Activite.Status.DONE,
    )
    make_affectation(activite, relais)

    login(phone, relais.user.username)
    phone.get_by_role("link", name="Noter une sortie").first.click()
    phone.get_by_role("link", name="Tournée square Riga · 00:10").click()
    expect(phone.locator("input[name=start_time]")).to_have_value("00:10")
    expect(phone.locator("input[name=end_time]")).to_have_value("01:00")
    expect(phone.locator("input[name=place][value=mobile]")).to_be_checked()
    phone.get_by_role("button", name="Enregistrer (pas de situation)").click()
    expect(phone.locator(".alert-success")).to_contain_text("Sortie enregistrée")
    prestation = Prestation.objects.get(relais=relais)
    assert prestation.activite == activite
    assert prestation.kind == "round"
