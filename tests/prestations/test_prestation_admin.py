"""The admin writes prestations and situations through the services' rules: a sent
month stays as it is there too."""

from datetime import date

import pytest

from prestations.models import FicheMensuelle, Prestation
from tests.factories.prestations import make_fiche, make_prestation
from tests.factories.relais import make_relais

pytestmark = pytest.mark.django_db

ADD = "/admin/prestations/prestation/add/"


def _post_data(relais, day: str) -> dict:
    return {
        "relais": relais.pk,
        "date": day,
        "start_time": "14:00",
        "end_time": "17:00",
        "place": "fixed",
        "kind": "permanence",
        "people_met": "3",
        "travel_mode": "none",
    }


def test_admin_adds_a_prestation_through_the_service(admin_client):
    relais = make_relais()
    response = admin_client.post(ADD, _post_data(relais, "2026-03-10"))
    assert response.status_code == 302
    assert Prestation.objects.get().relais == relais
    # The service locked (and so created) the month's fiche, as the app does.
    assert FicheMensuelle.objects.filter(relais=relais, month=date(2026, 3, 1))


def test_admin_refuses_a_prestation_in_a_sent_month(admin_client):
    relais = make_relais()
    make_fiche(relais=relais, status=FicheMensuelle.Status.SUBMITTED)
    response = admin_client.post(ADD, _post_data(relais, "2026-03-10"))
    assert response.status_code == 200
    assert "ses sorties ne peuvent plus changer" in response.content.decode()
    assert not Prestation.objects.exists()


def test_admin_cannot_delete_a_prestation_or_situation_of_a_sent_month(admin_client):
    prestation = make_prestation()
    situation = prestation.situations.create()
    make_fiche(relais=prestation.relais, status=FicheMensuelle.Status.VALIDATED)
    delete = f"/admin/prestations/prestation/{prestation.pk}/delete/"
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    situation_delete = f"/admin/prestations/situation/{situation.pk}/delete/"
    assert admin_client.post(situation_delete, {"post": "yes"}).status_code == 403
    assert Prestation.objects.filter(pk=prestation.pk).exists()
    assert prestation.situations.filter(pk=situation.pk).exists()


def test_admin_deletes_a_prestation_of_an_open_month_through_the_service(
    admin_client,
):
    prestation = make_prestation()
    delete = f"/admin/prestations/prestation/{prestation.pk}/delete/"
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Prestation.objects.exists()
