"""Km rates (art. 74 AR 13/7/2017): the quarterly system is the default, seeded with
every published period from 2022; a date outside every known period is refused
with what direction must enter; direction is warned 30 days before the last
period ends; the yearly transport cap follows the system in force."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from prestations.models import DefraiementSetting, KmRate, KmRateSystem
from prestations.services import defraiement, legal
from relais.models import Regime
from tests.factories.prestations import make_fiche
from tests.factories.relais import make_regime

Kind = defraiement.Kind

# The published quarterly periods (first day, last day, €/km), from the sources.
QUARTERS = [
    (date(2022, 1, 1), date(2022, 2, 28), "0.3707"),
    (date(2022, 3, 1), date(2022, 6, 30), "0.4020"),
    (date(2022, 7, 1), date(2022, 9, 30), "0.4170"),
    (date(2022, 10, 1), date(2022, 12, 31), "0.4201"),
    (date(2023, 1, 1), date(2023, 3, 31), "0.4259"),
    (date(2023, 4, 1), date(2023, 6, 30), "0.4246"),
    (date(2023, 7, 1), date(2023, 9, 30), "0.4237"),
    (date(2023, 10, 1), date(2023, 12, 31), "0.4259"),
    (date(2024, 1, 1), date(2024, 3, 31), "0.4269"),
    (date(2024, 4, 1), date(2024, 6, 30), "0.4265"),
    (date(2024, 7, 1), date(2024, 9, 30), "0.4297"),
    (date(2024, 10, 1), date(2024, 12, 31), "0.4293"),
    (date(2025, 1, 1), date(2025, 3, 31), "0.4290"),
    (date(2025, 4, 1), date(2025, 6, 30), "0.4320"),
    (date(2025, 7, 1), date(2025, 9, 30), "0.4309"),
    (date(2025, 10, 1), date(2025, 12, 31), "0.4312"),
    (date(2026, 1, 1), date(2026, 3, 31), "0.4326"),
]
# 2.000 km × the rate in force on 1 January, quarterly system.
CAPS = {
    2022: Decimal("741.40"),
    2023: Decimal("851.80"),
    2024: Decimal("853.80"),
    2025: Decimal("858.00"),
    2026: Decimal("865.20"),
}


def test_quarterly_is_the_default_system(db):
    assert DefraiementSetting.objects.get().km_rate_system == KmRateSystem.QUARTERLY
    assert DefraiementSetting().km_rate_system == KmRateSystem.QUARTERLY


@pytest.mark.parametrize(("start", "end", "rate"), QUARTERS)
def test_every_seeded_period_applies_from_its_first_to_its_last_day(
    db, start, end, rate
):
    assert legal.car_rate_for(start) == Decimal(rate)
    assert legal.car_rate_for(end) == Decimal(rate)
    row = KmRate.objects.filter(system="quarterly").in_force_on(start)
    assert "art. 74" in row.source


def test_the_seeded_quarters_leave_no_gap_from_2022(db):
    rows = list(KmRate.objects.filter(system="quarterly").order_by("valid_from"))
    assert rows[0].valid_from == date(2022, 1, 1)
    for before, after in zip(rows, rows[1:], strict=False):
        assert (after.valid_from - before.valid_until).days == 1


def test_a_date_after_the_last_known_period_is_refused_never_priced_at_the_old_rate(
    db,
):
    with pytest.raises(ValidationError) as refused:
        legal.car_rate_for(date(2026, 4, 1))
    assert refused.value.messages == [
        "Aucun taux kilométrique (Trimestriel) n'est en vigueur le 01/04/2026 : la "
        "direction doit enregistrer le taux de l'art. 74 de l'AR du 13/7/2017 pour "
        "la période du 01/04/2026 au 30/06/2026 (Paramètres légaux)."
    ]


def test_a_car_trip_dated_without_a_rate_is_refused(db):
    from tests.factories.relais import make_relais

    relais = make_relais()
    make_regime(relais, 2026, Regime.FORFAIT)
    fiche = make_fiche(relais=relais, month=date(2026, 5, 1))
    with pytest.raises(ValidationError, match="01/04/2026 au 30/06/2026"):
        defraiement.defraiement_line_add(
            fiche=fiche,
            by=relais.user,
            kind=Kind.TRANSPORT,
            day=date(2026, 5, 4),
            transport_mode="car",
            km=Decimal("10"),
        )
    assert not fiche.lines.exists()
    # The same rule, as the re-check at every step runs it on a stored line.
    check = defraiement.defraiement_line_check(
        relais=relais,
        kind=Kind.TRANSPORT,
        day=date(2026, 5, 4),
        amount=Decimal("4.33"),
        km=Decimal("10"),
        transport_mode="car",
    )
    assert any("01/04/2026 au 30/06/2026" in error for error in check.errors)
    KmRate.objects.create(
        system="quarterly",
        valid_from=date(2026, 4, 1),
        valid_until=date(2026, 6, 30),
        rate=Decimal("0.4400"),
        source="test",
    )
    line, _warnings = defraiement.defraiement_line_add(
        fiche=fiche,
        by=relais.user,
        kind=Kind.TRANSPORT,
        day=date(2026, 5, 4),
        transport_mode="car",
        km=Decimal("10"),
    )
    assert (line.rate, line.amount) == (Decimal("0.4400"), Decimal("4.40"))


@pytest.mark.parametrize("year", sorted(CAPS))
def test_transport_cap_follows_the_quarterly_rate_of_1_january(db, year):
    assert legal.transport_cap_for(year) == (2000, CAPS[year])


@pytest.mark.parametrize("year", sorted(CAPS))
def test_transport_at_the_cap_passes_and_one_cent_more_is_refused(db, year):
    from tests.factories.relais import make_relais

    relais = make_relais()
    make_regime(relais, year, Regime.FORFAIT)
    fiche = make_fiche(relais=relais, month=date(year, 2, 1))

    def add(amount):
        return defraiement.defraiement_line_add(
            fiche=fiche,
            by=relais.user,
            kind=Kind.TRANSPORT,
            day=date(year, 2, 3),
            transport_mode="public",
            amount=amount,
        )

    add(CAPS[year])
    with pytest.raises(ValidationError, match="maximum de transport") as refused:
        add(Decimal("0.01"))
    assert str(CAPS[year]).replace(".", ",") in refused.value.messages[0]


def test_the_annual_system_stays_an_option(db):
    DefraiementSetting.objects.update(km_rate_system=KmRateSystem.ANNUAL)
    assert legal.car_rate_for(date(2025, 8, 1)) == Decimal("0.4449")
    assert legal.car_rate_for(date(2026, 6, 30)) == Decimal("0.4449")
    assert legal.transport_cap_for(2025) == (2000, Decimal("883.00"))
    with pytest.raises(ValidationError, match="01/07/2026 au 30/06/2027"):
        legal.car_rate_for(date(2026, 7, 1))


def test_an_overlapping_period_is_refused(db):
    rate = KmRate(
        system="quarterly",
        valid_from=date(2026, 3, 1),
        valid_until=date(2026, 5, 31),
        rate=Decimal("0.44"),
        source="x",
    )
    with pytest.raises(ValidationError, match="chevauche le taux du 01/01/2026"):
        rate.full_clean()


@pytest.mark.parametrize(
    ("today", "warned"),
    [(date(2026, 2, 28), False), (date(2026, 3, 1), True), (date(2026, 11, 26), True)],
)
def test_direction_is_warned_30_days_before_the_last_period_ends(db, today, warned):
    warning = legal.km_rate_warning(today)
    assert bool(warning) is warned
    if warned:
        assert "31/03/2026" in warning and "01/04/2026 au 30/06/2026" in warning


def test_entering_the_next_rate_removes_the_warning(db):
    KmRate.objects.create(
        system="quarterly",
        valid_from=date(2026, 4, 1),
        valid_until=date(2026, 6, 30),
        rate=Decimal("0.4400"),
        source="test",
    )
    assert legal.km_rate_warning(date(2026, 3, 15)) is None
    assert "01/07/2026 au 30/09/2026" in legal.km_rate_warning(date(2026, 6, 15))


def test_direction_home_and_parameters_show_the_warning(direction_client):
    with time_machine.travel(date(2026, 3, 20), tick=False):
        home = direction_client.get(reverse("direction_home")).content.decode()
        page = direction_client.get(reverse("prestations:parameters")).content.decode()
    for body in (home, page):
        assert 'data-testid="km-rate-warning"' in body
        assert "01/04/2026 au 30/06/2026" in body
    with time_machine.travel(date(2026, 2, 20), tick=False):
        home = direction_client.get(reverse("direction_home")).content.decode()
    assert 'data-testid="km-rate-warning"' not in home


def test_direction_enters_a_rate_with_its_period(direction_client, direction):
    url = reverse("prestations:parameters")
    data = {
        "form": "rate",
        "rate-system": "quarterly",
        "rate-valid_from": "2026-04-01",
        "rate-valid_until": "2026-03-31",
        "rate-rate": "0.4400",
        "rate-source": "circulaire",
    }
    response = direction_client.post(url, data)
    assert response.status_code == 200
    assert "La fin doit être après le début." in response.content.decode()
    assert 'value="0.4400"' in response.content.decode()
    data["rate-valid_until"] = "2026-06-30"
    direction_client.post(url, data)
    assert legal.car_rate_for(date(2026, 6, 30)) == Decimal("0.4400")
    history = direction_client.get(url).context["history_entries"]
    assert history[0].what == "taux kilométrique"
    assert history[0].by == direction
    assert any(
        c.label == "taux (€/km)" and c.new == "0,4400" for c in history[0].changes
    )


def test_a_year_without_a_rate_on_1_january_is_refused_with_the_rate_to_enter(db):
    from tests.factories.relais import make_relais

    relais = make_relais()
    make_regime(relais, 2027, Regime.FORFAIT)
    check = defraiement.defraiement_line_check(
        relais=relais,
        kind=Kind.TRANSPORT,
        day=date(2027, 2, 3),
        amount=Decimal("2.60"),
        transport_mode="public",
    )
    assert check.errors == [
        "Aucun taux kilométrique (Trimestriel) n'est en vigueur le 01/01/2027 : la "
        "direction doit enregistrer le taux de l'art. 74 de l'AR du 13/7/2017 pour "
        "la période du 01/01/2027 au 31/03/2027 (Paramètres légaux)."
    ]
