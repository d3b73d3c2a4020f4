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
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from home.bench.pages import PAGES
from rapports.models import Rapport
from rapports.volume import populate
from relais.models import Relais
from tisseurs.twofactor.services import DEVICE_NAME, two_factor_required

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


def signed_in_client(username: str) -> Client:
    """A test client signed in as `username`, past the second factor when the user
    must have one (coordination and direction, production settings): the bench user
    gets a confirmed authenticator and the session counts as verified, as after
    typing its code."""
    user = get_user_model().objects.get(username=username)
    device = None
    if two_factor_required(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME)
        if not user.two_factor_enabled:
            user.two_factor_enabled = True
            user.save(update_fields=["two_factor_enabled"])
    client = Client(HTTP_HOST=HOST)
    client.force_login(user)
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    # A browser has its CSRF cookie after its first page (the page cache needs it).
    client.get(reverse("account"))
    return client


def cookie_header(client: Client) -> str:
    """The Cookie header a browser signed in like `client` sends."""
    return "; ".join(
        f"{name}={client.cookies[name].value}" for name in ("sessionid", "csrftoken")
    )


def sessions_and_report() -> tuple[dict[str, str], int]:
    """A session cookie for each user of the pages, and the report to preview."""
    users = get_user_model().objects
    cookies = {}
    for username in sorted({page.username for page in PAGES}):
        cookies[username] = cookie_header(signed_in_client(username))
    last_year = timezone.localdate().year - 1
    rapport, _created = Rapport.objects.get_or_create(
        start=date(last_year, 1, 1),
        end=date(last_year, 12, 31),
        period_kind="year",
        defaults={"created_by": users.get(username="coordination")},
    )
    return cookies, rapport.pk


def client_with(cookie: str) -> Client:
    client = Client(HTTP_HOST=HOST)
    for pair in cookie.split("; "):
        name, value = pair.split("=", 1)
        client.cookies[name] = value
    return client


def query_counts(cookies: dict[str, str], rapport_id: int) -> dict[str, dict]:
    """Per page: status, SQL queries and Python CPU of a first view (the page drawn,
    page cache off) and of a view again with nothing changed (from the page cache)."""
    counts = {}
    for page in PAGES:
        client = client_with(cookies[page.username])
        url = page.url(rapport_id)
        with override_settings(PAGE_CACHE_SECONDS=0):
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            drawn_queries = len(queries)  # now: the next request clears the log
            first_cpu = _cpu_ms(client, url)
        client.get(url)
        with CaptureQueriesContext(connection) as again:
            client.get(url)
        counts[url] = {
            "status": response.status_code,
            "queries": drawn_queries,
            "cpu_ms": first_cpu,
            "queries_again": len(again),
            "cpu_again_ms": _cpu_ms(client, url),
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
