"""Inside the bench database: load the demo and the volume, open a session for every
user the pages need, create the comité report to preview, and count each page's SQL
queries (through the test client, the page asked twice and the second counted)."""

import io
import time
from datetime import date

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.bench.pages import PAGES
from rapports.models import Rapport
from rapports.volume import populate
from relais.models import Relais

HOST = "127.0.0.1"


def seed(*, years: int, relais: int, password: str) -> str:
    call_command("load_demo", password=password, stdout=io.StringIO())
    today = timezone.localdate()
    demo_relais = list(Relais.objects.filter(user__username="relais1"))
    summary = populate(relais, years, today.year, extra=demo_relais, until=today)
    with connection.cursor() as cursor:
        # Fresh statistics, as autovacuum would give a database that grew slowly.
        cursor.execute("ANALYZE")
    return summary


def sessions_and_report() -> tuple[dict[str, str], int]:
    """A session cookie for each user of the pages, and the report to preview."""
    users = get_user_model().objects
    cookies = {}
    for username in sorted({page.username for page in PAGES}):
        client = Client(HTTP_HOST=HOST)
        client.force_login(users.get(username=username))
        cookies[username] = client.cookies["sessionid"].value
    last_year = timezone.localdate().year - 1
    rapport, _created = Rapport.objects.get_or_create(
        start=date(last_year, 1, 1),
        end=date(last_year, 12, 31),
        period_kind="year",
        defaults={"created_by": users.get(username="coordination")},
    )
    return cookies, rapport.pk


def query_counts(cookies: dict[str, str], rapport_id: int) -> dict[str, dict]:
    counts = {}
    for page in PAGES:
        client = Client(HTTP_HOST=HOST)
        client.cookies["sessionid"] = cookies[page.username]
        url = page.url(rapport_id)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts[url] = {
            "status": response.status_code,
            "queries": len(queries),
            "cpu_ms": _cpu_ms(client, url),
        }
    return counts


def _cpu_ms(client: Client, url: str, runs: int = 5) -> float:
    """The Python CPU time of one request (best of three rounds): unlike req/s, it
    hardly moves when other processes share the machine."""
    best = float("inf")
    for _round in range(3):
        start = time.process_time()
        for _run in range(runs):
            client.get(url)
        best = min(best, (time.process_time() - start) / runs)
    return best * 1000
