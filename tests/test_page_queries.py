"""Every page the benchmark drives (home/bench/pages.py) runs the same number of SQL
queries with one year of one relais' activity as with three years of five relais'
(the seeded volume of rapports/volume.py, as `manage.py bench` loads it)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.bench.pages import PAGES
from prestations.models import Prestation
from rapports.models import Rapport
from rapports.volume import populate

pytestmark = pytest.mark.django_db

CLIENTS = {
    "relais1": "anna_client",
    "coordination": "coordination_client",
    "direction": "direction_client",
    "comite": "comite_client",
}


def _counts(clients: dict, rapport_id: int) -> dict[str, int]:
    counts = {}
    for page in PAGES:
        client = clients[page.username]
        url = page.url(rapport_id)
        client.get(url)  # the first request fills per-process caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_page_query_counts_do_not_grow_with_the_data(
    request, relais_anna, coordination
):
    clients = {name: request.getfixturevalue(f) for name, f in CLIENTS.items()}
    today = timezone.localdate()
    rapport = Rapport.objects.create(
        start=date(today.year - 1, 1, 1),
        end=date(today.year - 1, 12, 31),
        period_kind="year",
        created_by=coordination,
    )
    populate(1, 1, today.year, extra=[relais_anna], until=today)
    small = _counts(clients, rapport.pk)
    outings = Prestation.objects.count()
    populate(5, 3, today.year, extra=[relais_anna], until=today)
    large = _counts(clients, rapport.pk)
    assert Prestation.objects.count() > 5 * outings
    assert large == small


def test_the_attendance_sheet_costs_the_same_with_5_or_60_relais(coordination_client):
    """The training page lists every active relais on one form: its query count
    does not grow with them, read or saved."""
    from decimal import Decimal

    from tests.factories.relais import (
        make_formation,
        make_formation_attendance,
        make_relais,
    )

    def counts(formation) -> tuple[int, int]:
        url = formation.get_absolute_url()
        coordination_client.get(url)
        with CaptureQueriesContext(connection) as read:
            assert coordination_client.get(url).status_code == 200
        return len(read), len(formation.attendances.all())

    small = make_formation(duration_hours=Decimal("2"))
    people = [make_relais() for _ in range(5)]
    for person in people[:3]:
        make_formation_attendance(small, person)
    read_small, _ = counts(small)
    for _ in range(55):
        make_relais()
    large = make_formation(duration_hours=Decimal("2"))
    from relais.models import Relais

    for person in Relais.objects.all()[:40]:
        make_formation_attendance(large, person, status="excused", hours=0)
    read_large, rows = counts(large)
    assert rows == 40
    assert read_large == read_small
