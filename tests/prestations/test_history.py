"""The history tabs: who changed what, when, old → new, on the monthly fiche
(its lines, deleted ones included, and its status) and on the relais file
(regimes included); the parameters keep theirs too. Query counts stay bounded."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prestations.models import DefraiementLine, DefraiementSetting
from prestations.services import derived
from prestations.services import fiche as fiche_services
from relais.models import Regime, RelaisRegime
from tests.factories.prestations import make_fiche, make_prestation
from tests.factories.relais import make_regime, make_relais
from tisseurs import history

Kind = DefraiementLine.Kind


def _changes(entries):
    return [
        (e.what, e.action, c.label, c.old, c.new) for e in entries for c in e.changes
    ]


@pytest.fixture
def fiche(db, coordination):
    relais = make_relais()
    make_regime(relais, 2026, Regime.FORFAIT)
    make_prestation(relais=relais, date=date(2026, 3, 10))
    fiche = make_fiche(relais=relais, month=date(2026, 3, 1))
    derived.fiche_sync_lines(fiche=fiche, by=relais.user)
    return fiche


def test_the_fiche_history_shows_lines_and_status_old_to_new(
    fiche, coordination, coordination_client
):
    line, _warnings = derived.defraiement_claim_add(
        fiche=fiche,
        by=fiche.relais.user,
        kind=Kind.TRANSPORT,
        day=date(2026, 3, 10),
        transport_mode="public",
        amount=Decimal("2.10"),
    )
    derived.defraiement_claim_delete(line=line, by=fiche.relais.user)
    fiche_services.fiche_submit(fiche=fiche, by=fiche.relais.user)
    response = coordination_client.get(
        reverse("prestations:fiche_history", args=[fiche.pk])
    )
    assert response.status_code == 200
    entries = response.context["history_entries"]
    actions = [(e.what, e.action) for e in entries]
    assert ("Ligne Transport du 10/03/2026", "suppression") in actions
    assert ("Ligne Forfait journalier du 10/03/2026", "création") in actions
    assert ("Fiche", "statut", "Brouillon", "Envoyée") in [
        (e.what, c.label, c.old, c.new) for e in entries for c in e.changes
    ]
    assert (
        "Ligne Transport du 10/03/2026",
        "création",
        "montant (€)",
        "—",
        "2,10",
    ) in (_changes(entries))
    assert "Brouillon → Envoyée" in response.text


def test_a_changed_line_shows_old_and_new(fiche):
    line = fiche.lines.get()
    line.amount = Decimal("20.00")
    line.save()
    entries = history.entries(DefraiementLine.history.filter(fiche_id=fiche.pk))
    assert (
        "ligne de défraiement",
        "modification",
        "montant (€)",
        "25,00",
        "20,00",
    ) in (_changes(entries))


def test_the_payer_settings_keep_their_history(db, direction_client, direction):
    setting = DefraiementSetting.objects.get()
    setting.payer_iban = "BE62510007547061"
    setting.save()
    entries = history.entries(DefraiementSetting.history.all())
    assert (
        "réglage des défraiements",
        "modification",
        "IBAN du compte de l'organisation",
        "—",
        "BE62510007547061",
    ) in _changes(entries)


def test_the_relais_history_shows_regimes(db, coordination_client):
    relais = make_relais()
    regime = RelaisRegime.objects.create(relais=relais, year=2027, regime="forfait")
    regime.regime = Regime.FRAIS_REELS
    regime.save()
    response = coordination_client.get(
        reverse("relais:relais_history", args=[relais.pk])
    )
    changed = ("Régime 2027", "modification", "régime", "Forfait", "Frais réels")
    assert changed in _changes(response.context["history_entries"])
    assert "Régime 2027" in response.text


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_history_pages_have_bounded_queries(fiche, coordination_client):
    fiche_url = reverse("prestations:fiche_history", args=[fiche.pk])
    relais_url = reverse("relais:relais_history", args=[fiche.relais.pk])
    small = (
        _queries(coordination_client, fiche_url),
        _queries(coordination_client, relais_url),
    )
    for day in range(11, 31):
        make_prestation(relais=fiche.relais, date=date(2026, 3, day))
    derived.fiche_sync_lines(fiche=fiche, by=fiche.relais.user)
    for line in fiche.lines.all()[:10]:
        line.amount = Decimal("20.00")
        line.save()
    for year in range(2016, 2026):
        RelaisRegime.objects.create(relais=fiche.relais, year=year, regime="forfait")
    big = (
        _queries(coordination_client, fiche_url),
        _queries(coordination_client, relais_url),
    )
    assert fiche.lines.count() > 10
    assert big == small
