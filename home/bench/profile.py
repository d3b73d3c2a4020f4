"""The CPU cost of a page in process, and where it goes (`manage.py bench --cpu`,
`manage.py bench --profile PATH`; README, "Speed").

Run inside the bench database with production settings (DEBUG off, cached template
loader, persistent connection), through Django's test client: no HTTP, no gunicorn,
so the figure is the app's own Python time per request. `time.process_time()` counts
only this process's CPU, not PostgreSQL's nor other processes', which is why it hardly
moves when the machine is busy, unlike req/s.
"""

import cProfile
import io
import pstats
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from home.bench.pages import PAGES
from home.bench.prepare import sessions_and_report
from home.bench.prepare import signed_in_client as _client


def _page_user(path: str) -> str:
    for page in PAGES:
        if page.path.split("?")[0] == path.split("?")[0]:
            return page.username
    return "relais1"


class _SqlClock:
    """Wall time spent waiting for the database (PostgreSQL works on the same cores
    in the benchmark, so a slow query costs req/s as much as Python does)."""

    def __init__(self):
        self.seconds = 0.0
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.count += 1


def sql_ms(client: Client, url: str, runs: int) -> float:
    """The mean wall time of one request's SQL queries."""
    clock = _SqlClock()
    with connection.execute_wrapper(clock):
        for _run in range(runs):
            client.get(url)
    return clock.seconds / runs * 1000


def cpu_ms(client: Client, url: str, runs: int) -> float:
    """The mean CPU time of one request over `runs` requests (best of three rounds)."""
    best = float("inf")
    for _round in range(3):
        start = time.process_time()
        for _run in range(runs):
            client.get(url)
        best = min(best, (time.process_time() - start) / runs)
    return best * 1000


def cpu_table(*, runs: int, only: str = "") -> str:
    """One line per page of the benchmark: status, SQL queries, CPU per request."""
    _cookies, rapport_id = sessions_and_report()
    lines = [
        "| page | user | status | SQL queries | SQL time | Python CPU "
        "| again: SQL queries | Python CPU |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for page in PAGES:
        if only not in page.path:
            continue
        url = page.url(rapport_id)
        client = _client(page.username)
        with override_settings(PAGE_CACHE_SECONDS=0):  # the page drawn each time
            for _warm in range(3):
                response = client.get(url)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            drawn_queries = len(queries)  # now: the next request clears the log
            sql, cpu = sql_ms(client, url, runs), cpu_ms(client, url, runs)
            drawn = f"{sql:.1f} ms | {cpu:.1f}"
        client.get(url)
        with CaptureQueriesContext(connection) as again:
            client.get(url)
        lines.append(
            f"| {url} | {page.username} | {response.status_code} | {drawn_queries} | "
            f"{drawn} ms | {len(again)} | {cpu_ms(client, url, runs):.1f} ms |"
        )
    return "\n".join(lines)


@override_settings(PAGE_CACHE_SECONDS=0)
def profile(path: str, *, username: str = "", runs: int, top: int) -> str:
    """cProfile of `runs` requests of `path` in CPU time (waiting for PostgreSQL left
    out), the page drawn each time (page cache off): the functions with the most time
    of their own, then the most time under them; then the page's queries, slowest
    first."""
    _cookies, rapport_id = sessions_and_report()
    url = path.format(rapport=rapport_id)
    client = _client(username or _page_user(path))
    for _warm in range(3):
        response = client.get(url)
    out = io.StringIO()
    out.write(
        f"{url} as {username or _page_user(path)}: status {response.status_code}, "
        f"{cpu_ms(client, url, runs):.1f} ms CPU and {sql_ms(client, url, runs):.1f} "
        f"ms waiting for SQL per request ({runs} requests)\n"
    )
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for _run in range(runs):
        client.get(url)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs()
    for order in ("tottime", "cumulative"):
        out.write(f"\n=== by {order} ===\n")
        stats.sort_stats(order).print_stats(top)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    out.write("\n=== SQL, slowest first ===\n")
    for query in sorted(queries, key=lambda q: -float(q["time"])):
        out.write(f"{float(query['time']) * 1000:7.1f} ms  {query['sql'][:300]}\n")
    return out.getvalue()
