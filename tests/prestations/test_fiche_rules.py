"""The volunteer-law rules on défraiement lines, at their boundaries, for every
seeded year (docs/domain.md §1.6)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from prestations.models import (
    DefraiementLine,
    DefraiementSetting,
    KmRateSystem,
    LegalParameter,
    OtherOrganisationAmount,
)
from prestations.services import defraiement, derived, legal
from prestations.services import fiche as fiche_services
from relais.models import Regime
from tests.factories.prestations import make_fiche, make_prestation
from tests.factories.relais import make_regime, make_relais

Kind = DefraiementLine.Kind
CENT = Decimal("0.01")
# (daily max, annual max) of §1.1, as seeded by the data migration.
CEILINGS = {
    2022: (Decimal("36.84"), Decimal("1473.37")),
    2023: (Decimal("40.67"), Decimal("1626.77")),
    2024: (Decimal("41.48"), Decimal("1659.29")),
    2025: (Decimal("42.31"), Decimal("1692.51")),
    2026: (Decimal("44.02"), Decimal("1760.83")),
}
YEARS = sorted(CEILINGS)


@pytest.fixture
def relais(db):
    return make_relais()


def _forfait_fiche(relais, year, month=3, day=10):
    make_regime(relais, year, Regime.FORFAIT)
    make_prestation(relais=relais, date=date(year, month, day))
    return make_fiche(relais=relais, month=date(year, month, 1))


def _add(fiche, **kwargs):
    return defraiement.defraiement_line_add(fiche=fiche, by=fiche.relais.user, **kwargs)


@pytest.mark.parametrize("year", YEARS)
def test_seeded_parameters_match_the_domain_notes(db, year):
    params = LegalParameter.objects.in_force_on(date(year, 6, 1))
    assert (params.daily_max, params.annual_max) == CEILINGS[year]
    assert params.km_cap == 2000
    assert params.source


@pytest.mark.parametrize("year", YEARS)
def test_forfait_exactly_at_the_daily_max_passes(relais, year):
    fiche = _forfait_fiche(relais, year)
    daily_max = CEILINGS[year][0]
    line, _warnings = _add(
        fiche, kind=Kind.FORFAIT, day=date(year, 3, 10), amount=daily_max
    )
    assert line.amount == daily_max


@pytest.mark.parametrize("year", YEARS)
def test_forfait_one_cent_above_the_daily_max_is_refused_with_figures(relais, year):
    fiche = _forfait_fiche(relais, year)
    daily_max = CEILINGS[year][0]
    _add(fiche, kind=Kind.FORFAIT, day=date(year, 3, 10), amount=Decimal("10.00"))
    with pytest.raises(ValidationError) as error:
        _add(
            fiche,
            kind=Kind.FORFAIT,
            day=date(year, 3, 10),
            amount=daily_max - 10 + CENT,
        )
    message = error.value.messages[0]
    assert f"{daily_max}".replace(".", ",") in message
    assert f"{daily_max + CENT}".replace(".", ",") in message
    assert str(year) in message
    assert fiche.lines.count() == 1


def test_daily_refusal_reads_as_the_issue_says(relais):
    fiche = _forfait_fiche(relais, 2026)
    with pytest.raises(ValidationError) as error:
        _add(fiche, kind=Kind.FORFAIT, day=date(2026, 3, 10), amount=Decimal("50.00"))
    assert error.value.messages[0] == (
        "44,02 € maximum par jour en 2026 ; ce jour totaliserait 50,00 €."
    )


@pytest.mark.parametrize("year", YEARS)
def test_yearly_forfait_total_at_the_ceiling_passes_and_one_cent_more_is_refused(
    relais, year
):
    fiche = _forfait_fiche(relais, year)
    daily_max, annual_max = CEILINGS[year]
    make_prestation(relais=relais, date=date(year, 3, 11))
    # Other organisations' declared amounts count toward the ceiling.
    OtherOrganisationAmount.objects.create(
        relais=relais, year=year, organisation="Club", amount=annual_max - daily_max
    )
    line, warnings = _add(
        fiche, kind=Kind.FORFAIT, day=date(year, 3, 10), amount=daily_max
    )
    assert line.pk and warnings  # above 80 %: warned
    with pytest.raises(ValidationError) as error:
        _add(fiche, kind=Kind.FORFAIT, day=date(year, 3, 11), amount=CENT)
    assert "maximum par an" in error.value.messages[0]
    assert f"{annual_max}".replace(".", ",")[-6:] in error.value.messages[0]


@pytest.mark.parametrize("year", YEARS)
def test_warning_starts_at_80_percent_of_the_annual_ceiling(relais, year):
    fiche = _forfait_fiche(relais, year)
    annual_max = CEILINGS[year][1]
    threshold = (annual_max * Decimal("0.8")).quantize(CENT)
    OtherOrganisationAmount.objects.create(
        relais=relais, year=year, organisation="Club", amount=threshold - 20
    )
    _line, warnings = _add(
        fiche, kind=Kind.FORFAIT, day=date(year, 3, 10), amount=Decimal("19.99")
    )
    assert warnings == []
    make_prestation(relais=relais, date=date(year, 3, 12))
    _line, warnings = _add(
        fiche, kind=Kind.FORFAIT, day=date(year, 3, 12), amount=Decimal("0.02")
    )
    assert len(warnings) == 1 and "80 %" in warnings[0]


def test_forfait_needs_a_prestation_that_day(relais):
    fiche = _forfait_fiche(relais, 2026)
    with pytest.raises(ValidationError, match="Pas de prestation"):
        _add(fiche, kind=Kind.FORFAIT, day=date(2026, 3, 11), amount=Decimal("10"))


def test_regime_lock_refuses_forfait_in_a_frais_reels_year_and_vice_versa(relais):
    make_regime(relais, 2026, Regime.FRAIS_REELS)
    make_prestation(relais=relais, date=date(2026, 3, 10))
    fiche = make_fiche(relais=relais, month=date(2026, 3, 1))
    with pytest.raises(ValidationError, match="frais réels"):
        _add(fiche, kind=Kind.FORFAIT, day=date(2026, 3, 10), amount=Decimal("10"))
    other = make_relais()
    forfait_fiche = _forfait_fiche(other, 2026)
    with pytest.raises(ValidationError, match="forfait"):
        _add(
            forfait_fiche,
            kind=Kind.REAL_COST,
            day=date(2026, 3, 10),
            amount=Decimal("5"),
            receipt="x.jpg",
        )
    # Transport on top of the forfait is allowed.
    line, _warnings = _add(
        forfait_fiche,
        kind=Kind.TRANSPORT,
        day=date(2026, 3, 10),
        transport_mode="public",
        amount=Decimal("2.10"),
    )
    assert line.amount == Decimal("2.10")


def test_no_regime_chosen_refuses_lines(relais):
    make_prestation(relais=relais, date=date(2026, 3, 10))
    fiche = make_fiche(relais=relais, month=date(2026, 3, 1))
    with pytest.raises(ValidationError, match="Aucun régime"):
        _add(fiche, kind=Kind.FORFAIT, day=date(2026, 3, 10), amount=Decimal("10"))


@pytest.mark.parametrize("year", YEARS)
def test_transport_km_cap_2000_on_top_of_the_forfait(relais, year):
    fiche = _forfait_fiche(relais, year)
    day = date(year, 3, 10)
    _add(
        fiche, kind=Kind.TRANSPORT, day=day, transport_mode="bike", km=Decimal("1999.9")
    )
    _add(fiche, kind=Kind.TRANSPORT, day=day, transport_mode="bike", km=Decimal("0.1"))
    with pytest.raises(ValidationError, match="km maximum par an en plus du forfait"):
        _add(
            fiche,
            kind=Kind.TRANSPORT,
            day=day,
            transport_mode="bike",
            km=Decimal("0.1"),
        )


@pytest.mark.parametrize("year", YEARS)
def test_transport_amount_cap_is_2000_times_the_car_rate(relais, year):
    fiche = _forfait_fiche(relais, year)
    day = date(year, 3, 10)
    km_cap, amount_cap = legal.transport_cap_for(year)
    assert km_cap == 2000
    rate = legal.car_rate_for(date(year, 1, 1))
    assert amount_cap == (2000 * rate).quantize(CENT)
    _add(
        fiche, kind=Kind.TRANSPORT, day=day, transport_mode="public", amount=amount_cap
    )
    with pytest.raises(ValidationError, match="maximum de transport"):
        _add(fiche, kind=Kind.TRANSPORT, day=day, transport_mode="public", amount=CENT)


def test_transport_cap_2026_quarterly_is_865_20(relais):
    DefraiementSetting.objects.create(
        valid_from=date(2025, 1, 1),
        km_rate_system=KmRateSystem.QUARTERLY,
        forfait_amount=Decimal("25"),
    )
    assert legal.transport_cap_for(2026) == (2000, Decimal("865.20"))


def test_car_line_uses_the_chosen_system_rate(relais):
    fiche = _forfait_fiche(relais, 2024, month=8)
    line, _warnings = _add(
        fiche, kind=Kind.TRANSPORT, day=date(2024, 8, 10), transport_mode="car", km=10
    )
    assert line.rate == Decimal("0.4297")  # quarterly system (default), Q3 2024
    assert line.amount == Decimal("4.30")


def test_frais_reels_have_no_km_cap(relais):
    make_regime(relais, 2026, Regime.FRAIS_REELS)
    fiche = make_fiche(relais=relais, month=date(2026, 3, 1))
    _add(
        fiche,
        kind=Kind.TRANSPORT,
        day=date(2026, 3, 2),
        transport_mode="bike",
        km=2500,
        purpose="Tournée des partenaires",
        receipt="trajet.pdf",
    )
    assert fiche.lines.get().km == 2500


def test_real_costs_need_a_receipt_and_large_amounts_are_flagged(relais):
    make_regime(relais, 2026, Regime.FRAIS_REELS)
    fiche = make_fiche(relais=relais, month=date(2026, 3, 1))
    with pytest.raises(ValidationError, match="justificatif"):
        _add(fiche, kind=Kind.REAL_COST, day=date(2026, 3, 2), amount=Decimal("10"))
    line, warnings = _add(
        fiche,
        kind=Kind.REAL_COST,
        day=date(2026, 3, 2),
        amount=Decimal("100.00"),
        purpose="Timbres",
        receipt="r.jpg",
    )
    assert not line.flagged and not warnings
    line, warnings = _add(
        fiche,
        kind=Kind.REAL_COST,
        day=date(2026, 3, 2),
        amount=Decimal("100.01"),
        purpose="Timbres",
        receipt="r.jpg",
    )
    assert line.flagged and warnings


def test_line_date_must_be_in_the_fiche_month(relais):
    fiche = _forfait_fiche(relais, 2026)
    with pytest.raises(ValidationError, match="mois de la fiche"):
        _add(fiche, kind=Kind.FORFAIT, day=date(2026, 4, 1), amount=Decimal("1"))


def test_sync_derives_one_forfait_per_day_and_transport_lines(relais):
    make_regime(relais, 2026, Regime.FORFAIT)
    make_prestation(relais=relais, date=date(2026, 3, 10))
    make_prestation(
        relais=relais,
        date=date(2026, 3, 10),
        start_time=None,
        end_time=None,
        travel_mode="public",
        travel_ticket_amount=Decimal("2.10"),
    )
    make_prestation(
        relais=relais, date=date(2026, 3, 12), travel_mode="bike", travel_km=4
    )
    fiche = make_fiche(relais=relais, month=date(2026, 3, 1))
    added, messages = derived.fiche_sync_lines(fiche=fiche, by=relais.user)
    assert (added, messages) == (4, [])
    assert fiche.lines.filter(kind=Kind.FORFAIT).count() == 2
    assert fiche.lines.filter(kind=Kind.FORFAIT).first().amount == Decimal("25.00")
    # Running it again adds nothing.
    assert derived.fiche_sync_lines(fiche=fiche, by=relais.user) == (0, [])


def test_km_rate_system_is_kept_twelve_months(db, coordination):
    legal.defraiement_setting_create(
        valid_from=date(2026, 1, 1),
        km_rate_system=KmRateSystem.ANNUAL,
        forfait_amount=Decimal("25"),
        by=coordination,
    )
    with pytest.raises(ValidationError, match="12 mois"):
        legal.defraiement_setting_create(
            valid_from=date(2026, 12, 1),
            km_rate_system=KmRateSystem.QUARTERLY,
            forfait_amount=Decimal("25"),
            by=coordination,
        )
    legal.defraiement_setting_create(
        valid_from=date(2027, 1, 1),
        km_rate_system=KmRateSystem.QUARTERLY,
        forfait_amount=Decimal("25"),
        by=coordination,
    )


def test_forfait_setting_above_the_daily_max_is_refused(db, coordination):
    with pytest.raises(ValidationError, match="maximum légal"):
        legal.defraiement_setting_create(
            valid_from=date(2026, 1, 1),
            km_rate_system=KmRateSystem.ANNUAL,
            forfait_amount=Decimal("44.03"),
            by=coordination,
        )


def test_fiche_hours_count_prestations_noted_with_a_duration_only(relais_anna):
    from datetime import time

    from tests.factories.prestations import make_fiche, make_prestation

    make_prestation(
        relais=relais_anna, date=date(2026, 3, 3), start_time=time(9), end_time=time(11)
    )
    make_prestation(
        relais=relais_anna,
        date=date(2026, 3, 4),
        start_time=None,
        end_time=None,
        duration_minutes=90,
    )
    fiche = make_fiche(relais=relais_anna, month=date(2026, 3, 1))
    summary = fiche_services.fiche_summary(fiche)
    assert summary.hours == Decimal("3.5")


@pytest.mark.django_db
def test_one_forfait_warning_from_80_percent_of_the_annual_ceiling():
    from prestations.models import LegalParameter

    params = LegalParameter.objects.in_force_on(date(2026, 6, 1))
    from decimal import ROUND_UP

    at_80 = (params.annual_max * Decimal("0.8")).quantize(
        Decimal("0.01"), rounding=ROUND_UP
    )
    assert (
        legal.forfait_warning(
            year_total=at_80 - Decimal("0.01"), year=2026, params=params
        )
        is None
    )
    warning = legal.forfait_warning(year_total=at_80, year=2026, params=params)
    assert "plus de 80" in warning and "760,83" in warning
    assert legal.forfait_warning(year_total=at_80, year=2026, params=None) is None


def test_real_costs_need_a_purpose_through_the_service_too(relais):
    make_regime(relais, 2026, Regime.FRAIS_REELS)
    fiche = make_fiche(relais=relais, month=date(2026, 3, 1))
    with pytest.raises(ValidationError) as refused:
        _add(
            fiche,
            kind=Kind.REAL_COST,
            day=date(2026, 3, 2),
            amount=Decimal("10"),
            receipt="r.jpg",
        )
    assert refused.value.messages == [
        "Des frais réels (transport compris) demandent leur objet : dites à quoi "
        "a servi la dépense du 02/03/2026."
    ]
    assert not fiche.lines.exists()
