"""A known dataset for the first quarter of 2026 (and a little of Q4 2025)."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest

from activites.models import Activite, Frequentation
from prestations.models import DefraiementLine, FicheMensuelle, Orientation, Situation
from ressources.models import Organization, Service, Theme
from tests.factories.prestations import make_prestation
from tests.factories.relais import (
    make_formation,
    make_formation_attendance,
    make_relais,
)


def make_activite(kind, status, day, **overrides):
    start = datetime.combine(day, time(14, 0), tzinfo=UTC)
    return Activite.objects.create(
        kind=kind,
        title=overrides.pop("title", f"{kind} {day}"),
        start=start,
        end=start.replace(hour=16),
        status=status,
        **overrides,
    )


@pytest.fixture
def known_data(db):
    """Q1 2026: 2 relais, 3 prestations on 2 days of Fatima + 1 of Memo; 6.5 hours;
    12.5 km; 7 people met; 3 situations (ar/fr/tr; themes logement ×2, santé
    mentale, numérique; 1 returning); 2 orientations (CPAS reached accompanied,
    "other" unknown); done activities: 6 permanences (one counted: 12 people, 3
    new), 1 breakfast with a partner; 1 cancelled round.
    Q4 2025: one prestation of 2 hours."""
    fatima = make_relais(first_name="Fatima")
    memo = make_relais(first_name="Memo")
    first = make_prestation(
        relais=fatima,
        people_met=7,
        date=date(2026, 1, 5),
        start_time=time(9, 0),
        end_time=time(11, 0),
        travel_mode="car",
        travel_km=Decimal("12.5"),
    )
    make_prestation(
        relais=fatima,
        date=date(2026, 1, 5),
        start_time=time(14, 0),
        end_time=time(15, 30),
    )
    make_prestation(
        relais=fatima, date=date(2026, 2, 10), start_time=None, end_time=None
    )
    last = make_prestation(
        relais=memo,
        date=date(2026, 3, 31),
        start_time=time(13, 0),
        end_time=time(16, 0),
    )
    cpas = Service.objects.create(
        organization=Organization.objects.create(name="CPAS de Schaerbeek"),
        name="Service social",
    )
    s1 = Situation.objects.create(
        prestation=first, age_band="26-64", gender="f", language="ar"
    )
    s1.themes.set(Theme.objects.filter(code__in=["logement", "sante-mentale"]))
    Orientation.objects.create(
        situation=s1, service=cpas, outcome="reached", is_accompanied=True
    )
    s2 = Situation.objects.create(
        prestation=first,
        age_band="18-25",
        gender="m",
        language="fr",
        is_first_contact=False,
    )
    s2.themes.set(Theme.objects.filter(code="numerique"))
    Orientation.objects.create(situation=s2, other_text="Café du coin")
    s3 = Situation.objects.create(prestation=last, age_band="65+", language="tr")
    s3.themes.set(Theme.objects.filter(code="logement"))
    make_prestation(
        relais=memo,
        date=date(2025, 12, 1),
        start_time=time(10, 0),
        end_time=time(12, 0),
    )
    for week in range(6):
        permanence = make_activite(
            "permanence", "done", date(2026, 1, 6) + timedelta(weeks=week)
        )
    Frequentation.objects.create(activite=permanence, total=12, newcomers=3)
    breakfast = make_activite("breakfast", "done", date(2026, 3, 1))
    breakfast.partners.add(cpas.organization)
    make_activite("round", "cancelled", date(2026, 2, 3), cancel_reason="Pluie")
    make_activite("round", "planned", date(2026, 4, 2))
    training = make_formation(date=date(2026, 3, 5))
    make_formation_attendance(training, fatima)
    make_formation_attendance(training, memo, status="excused", hours=0)
    intervision = make_formation(
        kind="intervision", date=date(2026, 2, 2), duration_hours=Decimal("1.5")
    )
    make_formation_attendance(intervision, memo)
    validated = FicheMensuelle.objects.create(
        relais=fatima, month=date(2026, 2, 1), status="validated"
    )
    DefraiementLine.objects.create(
        fiche=validated, kind="forfait", date=date(2026, 2, 10), amount=Decimal("25")
    )
    DefraiementLine.objects.create(
        fiche=validated, kind="transport", date=date(2026, 2, 10), amount=Decimal("10")
    )
    paid = FicheMensuelle.objects.create(
        relais=memo, month=date(2026, 3, 1), status="paid"
    )
    DefraiementLine.objects.create(
        fiche=paid, kind="forfait", date=date(2026, 3, 31), amount=Decimal("25")
    )
    draft = FicheMensuelle.objects.create(relais=memo, month=date(2026, 1, 1))
    DefraiementLine.objects.create(
        fiche=draft, kind="forfait", date=date(2026, 1, 20), amount=Decimal("25")
    )
    return {"fatima": fatima, "memo": memo}
