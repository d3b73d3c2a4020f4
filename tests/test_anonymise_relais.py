"""Anonymising a relais who left (issue 14): a confirmation page that lists what is
erased and what is kept, refused while validated money is unpaid (the payment needs
the IBAN), with links to the sheets."""

from datetime import date

import pytest
from django.urls import reverse

from prestations.models import FicheMensuelle
from relais.models import Relais
from tests.factories.prestations import make_fiche
from tests.factories.relais import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna_left(relais_anna):
    relais_anna.iban = "BE71096123456769"
    relais_anna.status = Relais.Status.LEFT
    relais_anna.save()
    return relais_anna


def test_the_confirmation_page_lists_what_happens(coordination_client, anna_left):
    make_document(anna_left)
    url = reverse("relais_anonymise", args=[anna_left.pk])
    response = coordination_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ce qui sera effacé, pour toujours" in html
    assert "1 document privé" in html
    assert "Ce qui reste, sous le pseudonyme" in html
    assert "Anonymiser définitivement" in html
    anna_left.refresh_from_db()
    assert anna_left.last_name == "Kowalska"  # a GET changes nothing
    # The relais' file links to this page rather than erasing in one click.
    detail = coordination_client.get(anna_left.get_absolute_url()).content.decode()
    assert f'href="{url}"' in detail


def test_refused_while_validated_money_is_unpaid(coordination_client, anna_left):
    fiche = make_fiche(
        relais=anna_left,
        month=date(2026, 2, 1),
        status=FicheMensuelle.Status.VALIDATED,
    )
    make_fiche(relais=anna_left, month=date(2026, 1, 1), status="paid")
    url = reverse("relais_anonymise", args=[anna_left.pk])
    page = coordination_client.get(url).content.decode()
    assert "de l'argent validé n'est pas encore payé" in page
    assert reverse("prestations:fiche_detail", args=[fiche.pk]) in page
    assert "Anonymiser définitivement" not in page

    response = coordination_client.post(url, follow=True)
    assert "Payez-les d'abord" in response.content.decode()
    assert "février 2026" in response.content.decode()
    anna_left.refresh_from_db()
    assert anna_left.iban == "BE71096123456769"
    assert anna_left.anonymised_at is None

    FicheMensuelle.objects.filter(pk=fiche.pk).update(status="paid")
    response = coordination_client.post(url)
    assert response["Location"] == anna_left.get_absolute_url()
    anna_left.refresh_from_db()
    assert anna_left.anonymised_at and anna_left.iban == ""


def test_a_relais_still_active_gets_the_explanation(coordination_client, relais_anna):
    url = reverse("relais_anonymise", args=[relais_anna.pk])
    assert "Seul un relais parti" in coordination_client.get(url).content.decode()
    coordination_client.post(url)
    relais_anna.refresh_from_db()
    assert relais_anna.anonymised_at is None
