"""Real costs: every real-costs line, transport included, needs a receipt and a
purpose; an amount above the reasonableness threshold (a legal parameter, data)
is flagged for coordination, on the sheet and the month overview."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from prestations.models import DefraiementLine, LegalParameter
from prestations.services import defraiement
from relais.models import Regime
from tests.factories.prestations import make_fiche
from tests.factories.relais import make_regime, make_relais

Kind = DefraiementLine.Kind
YEARS = [2022, 2023, 2024, 2025, 2026]
THRESHOLD = Decimal("100.00")  # the seeded threshold of every year


def _real_costs_fiche(year, regime=Regime.FRAIS_REELS):
    relais = make_relais()
    make_regime(relais, year, regime)
    return make_fiche(relais=relais, month=date(year, 3, 1))


def _transport(fiche, **kwargs):
    fields = {
        "kind": Kind.TRANSPORT,
        "day": date(fiche.month.year, 3, 2),
        "transport_mode": "public",
        "amount": Decimal("2.60"),
        "purpose": "Visite au CPAS avec une habitante",
        "receipt": "ticket.jpg",
        **kwargs,
    }
    return defraiement.defraiement_line_add(fiche=fiche, by=fiche.relais.user, **fields)


@pytest.mark.parametrize("year", YEARS)
def test_real_costs_transport_needs_a_receipt_and_a_purpose(db, year):
    fiche = _real_costs_fiche(year)
    with pytest.raises(ValidationError) as refused:
        _transport(fiche, receipt=None, purpose="")
    text = " ".join(refused.value.messages)
    assert "justificatif" in text and "objet" in text and "02/03" in text
    assert not fiche.lines.exists()
    line, warnings = _transport(fiche)
    assert line.receipt and line.purpose and not line.flagged and not warnings


def test_forfait_transport_needs_no_receipt(db):
    fiche = _real_costs_fiche(2026, Regime.FORFAIT)
    line, _warnings = _transport(fiche, receipt=None, purpose="")
    assert line.pk


@pytest.mark.parametrize("year", YEARS)
def test_the_threshold_flags_one_cent_above_it(db, year):
    fiche = _real_costs_fiche(year)
    at, _warnings = _transport(fiche, amount=THRESHOLD)
    above, warnings = _transport(fiche, amount=THRESHOLD + Decimal("0.01"))
    assert not at.flagged
    assert above.flagged
    assert "au-dessus du seuil de 100,00 €" in warnings[0]


def test_3000_km_by_bike_in_real_costs_is_flagged(db):
    fiche = _real_costs_fiche(2026)
    line, warnings = _transport(fiche, transport_mode="bike", km=Decimal("3000"))
    assert line.flagged and line.amount == Decimal("1110.00")
    assert "1.110,00 €" in warnings[0]  # Belgian grouping (tisseurs/formats)


def test_the_threshold_is_data(db):
    LegalParameter.objects.filter(valid_from__year=2026).update(
        real_cost_threshold=Decimal("20.00")
    )
    fiche = _real_costs_fiche(2026)
    line, _warnings = defraiement.defraiement_line_add(
        fiche=fiche,
        by=fiche.relais.user,
        kind=Kind.REAL_COST,
        day=date(2026, 3, 2),
        amount=Decimal("20.01"),
        purpose="Photocopies",
        receipt="ticket.jpg",
    )
    assert line.flagged


def test_flagged_lines_show_on_the_sheet_and_the_overview(coordination_client):
    fiche = _real_costs_fiche(2026)
    _transport(fiche, amount=Decimal("150.00"))
    detail = coordination_client.get(
        reverse("prestations:fiche_detail", args=[fiche.pk])
    )
    assert "table-warning" in detail.text and "à vérifier" in detail.text
    overview = coordination_client.get(
        reverse("prestations:fiche_overview"), {"month": "2026-03"}
    )
    row = next(r for r in overview.context["rows"] if r["fiche"] == fiche)
    assert "Frais réels à vérifier." in row["warnings"]


def test_demo_data_obeys_the_money_rules(db, settings):
    from django.core.management import call_command

    from prestations.models import FicheMensuelle, KmRate
    from prestations.services.legal import setting_for

    settings.DEBUG = True
    call_command("load_demo")
    lines = DefraiementLine.objects.select_related("fiche__relais")
    assert lines.exists()
    for line in lines:
        regime = line.fiche.relais.regime_for(line.date.year)
        if line.kind == Kind.REAL_COST or (
            line.kind == Kind.TRANSPORT and regime == Regime.FRAIS_REELS
        ):
            assert line.receipt and line.purpose, line
        if line.transport_mode == "car":
            system = setting_for(line.date).km_rate_system
            rate = KmRate.objects.filter(system=system).in_force_on(line.date)
            assert rate is not None and rate.rate == line.rate, line
    paid = FicheMensuelle.objects.filter(status=FicheMensuelle.Status.PAID)
    assert paid.exists()
    for fiche in paid:
        assert fiche.payment_files.filter(paid_on__isnull=False).exists()


def test_a_relais_is_told_a_real_costs_ticket_needs_a_receipt(anna_client, relais_anna):
    make_regime(relais_anna, 2026, Regime.FRAIS_REELS)
    response = anna_client.post(
        reverse("prestations:fiche_claim_add") + "?month=2026-03",
        {
            "kind": "transport",
            "date": "2026-03-02",
            "transport_mode": "public",
            "amount": "2.60",
            "purpose": "Visite au CPAS",
        },
    )
    assert response.status_code == 200
    assert "demandent un justificatif (photo du ticket) : ligne du 02/03/2026" in (
        response.text
    )
    assert 'value="Visite au CPAS"' in response.text
    assert not DefraiementLine.objects.exists()
