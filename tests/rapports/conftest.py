"""A known dataset for the first quarter of 2026 (and a little of Q4 2025)."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest

from activites.models import Activite
from tests.factories.prestations import make_prestation
from tests.factories.relais import make_relais


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
    12.5 km; done activities: 6 permanences, 1 breakfast; 1 cancelled round.
    Q4 2025: one prestation of 2 hours."""
    fatima = make_relais(first_name="Fatima")
    memo = make_relais(first_name="Memo")
    make_prestation(
        relais=fatima,
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
    make_prestation(
        relais=memo,
        date=date(2026, 3, 31),
        start_time=time(13, 0),
        end_time=time(16, 0),
    )
    make_prestation(
        relais=memo,
        date=date(2025, 12, 1),
        start_time=time(10, 0),
        end_time=time(12, 0),
    )
    for week in range(6):
        make_activite("permanence", "done", date(2026, 1, 6) + timedelta(weeks=week))
    make_activite("breakfast", "done", date(2026, 3, 1))
    make_activite("round", "cancelled", date(2026, 2, 3), cancel_reason="Pluie")
    make_activite("round", "planned", date(2026, 4, 2))
    return {"fatima": fatima, "memo": memo}
