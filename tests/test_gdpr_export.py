"""The GDPR export holds everything the app has on one relais, across every app,
and nothing on anybody else."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from activites.models import Affectation
from prestations.models import DefraiementLine, Situation
from tests.factories.activites import make_activite, make_affectation
from tests.factories.prestations import make_fiche, make_prestation
from tests.pdf import assert_accessible_pdf, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna_everywhere(relais_anna, relais_bruno):
    prestation = make_prestation(
        relais=relais_anna, date=date(2026, 3, 10), people_met=4, note="Marché"
    )
    Situation.objects.create(prestation=prestation, language="tr")
    fiche = make_fiche(relais=relais_anna, month=date(2026, 3, 1), status="validated")
    DefraiementLine.objects.create(
        fiche=fiche, kind="forfait", date=date(2026, 3, 10), amount=Decimal("25.00")
    )
    relais_anna.other_organisation_amounts.create(
        year=2026, organisation="Club de quartier", amount=Decimal("100.00")
    )
    make_affectation(make_activite(title="Petit-déjeuner du mardi"), relais_anna)
    make_affectation(
        make_activite(title="Tournée de Bruno"),
        relais_bruno,
        status=Affectation.Status.CONFIRMED,
    )
    make_prestation(relais=relais_bruno, date=date(2026, 3, 11))
    relais_anna.latin_name = "Anna Kowalska-Nowak"
    relais_anna.save(update_fields=["latin_name"])
    return relais_anna


def test_json_export_covers_every_app(anna_everywhere, coordination_client):
    url = reverse("relais_export", args=[anna_everywhere.pk])
    data = json.loads(coordination_client.get(url).content)
    assert data["relais"]["last_name"] == "Kowalska"
    assert [p["date"] for p in data["prestations"]] == ["2026-03-10"]
    assert data["prestations"][0]["situations"] == 1
    assert data["prestations"][0]["note"] == "Marché"
    assert data["relais"]["latin_name"] == "Anna Kowalska-Nowak"
    assert data["monthly_sheets"][0]["status"] == "validated"
    assert data["monthly_sheets"][0]["payment_files"] == []
    assert data["defraiement_lines"][0]["amount"] == "25.00"
    assert data["other_organisation_amounts"][0]["organisation"] == "Club de quartier"
    assert [r["activity"] for r in data["roster"]] == ["Petit-déjeuner du mardi"]


def test_pdf_export_is_readable(anna_everywhere, coordination_client):
    url = reverse("relais_export", args=[anna_everywhere.pk])
    response = coordination_client.get(url, {"format": "pdf"})
    assert response.content.startswith(b"%PDF")
    assert_accessible_pdf(response.content, title="Données personnelles", lang="fr")
    text = pdf_text(response.content)
    assert "Kowalska" in text
    assert "Anna Kowalska-Nowak" in text
    assert "Petit-déjeuner du mardi" in text
    assert "Club de quartier" in text
    assert "Tournée de Bruno" not in text


def test_export_of_an_unknown_relais_is_404(coordination_client):
    assert (
        coordination_client.get(reverse("relais_export", args=[999999])).status_code
        == 404
    )
