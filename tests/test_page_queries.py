"""Every page the benchmark drives (home/bench/pages.py) runs the same number of SQL
queries with one year of one relais' activity as with three years of five relais'
(the seeded volume of rapports/volume.py, as `manage.py bench` loads it)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
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


def _coordtools_counts(clients, relais, search_url) -> dict[str, int]:
    urls = {
        "coordination": [
            search_url,
            reverse("message_list"),
            reverse("relais:relais_detail", args=[relais.pk]),
        ],
        "relais1": [reverse("relais_home")],
    }
    counts = {}
    for who, pages in urls.items():
        for url in pages:
            clients[who].get(url)
            with CaptureQueriesContext(connection) as queries:
                response = clients[who].get(url)
            assert response.status_code == 200, url
            counts[url] = len(queries)
    return counts


def _coordtools_data(relais, author, n: int) -> None:
    from activites.models import Activite
    from home.messaging import message_send
    from relais.models import JournalEntry

    for i in range(n):
        JournalEntry.objects.create(
            relais=relais, author=author, kind="call", text=f"Appel {i}"
        )
        message_send(sent_by=author, subject=f"Message {i}", text="T", relais=None)
        start = timezone.now() + timezone.timedelta(days=i + 1)
        Activite.objects.create(
            kind="permanence",
            title=f"Permanence {i}",
            start=start,
            end=start + timezone.timedelta(hours=2),
            place="Maison de quartier",
        )


def test_coordination_tools_query_counts_do_not_grow(
    request, relais_anna, coordination
):
    """The search results, the relais file with its journal, the sent messages and
    the relais' home with unread messages, with 2 and with 12 of everything."""
    clients = {name: request.getfixturevalue(f) for name, f in CLIENTS.items()}
    search_url = reverse("search") + "?q=permanence"
    _coordtools_data(relais_anna, coordination, 9)
    small = _coordtools_counts(clients, relais_anna, search_url)
    _coordtools_data(relais_anna, coordination, 10)
    large = _coordtools_counts(clients, relais_anna, search_url)
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
