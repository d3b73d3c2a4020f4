"""HTTP benchmark of the app's pages at volume (README, "Speed"). A measurement, not
a test:

    python manage.py bench                       # 10 years × 50 relais, 10 s a page
    python manage.py bench --years 1 --relais 10 --duration 3s     # a quick run

It creates the database `tisseurs_bench` on the PostgreSQL of 127.0.0.1:5432 (SQLite
under var/bench when none answers), loads the demo and the volume (rapports/volume.py;
relais1 gets the same volume as the others), opens a session for each user (with the
CSRF cookie a browser has after its first page), counts each page's SQL queries, then
starts gunicorn with production settings for the app as deployed, for the app with
its page cache off, and for a bare Django view (home/bench/bare.py), and drives each
page on each with wrk. The table gives req/s, p50/p99, the ratio to the bare view and
the target ratio for a page seen again (from the page cache), then for a first view
(the page drawn). `--reuse` keeps the database of the previous run.

On the database of a previous run, without gunicorn nor wrk (home/bench/profile.py):

    python manage.py bench --cpu [--only PATH]    # CPU per request of each page
    python manage.py bench --profile /aujourdhui/ [--as relais1] [--runs 50]
"""

import json
import os
import platform
import signal
import sys

from django.core.management.base import BaseCommand, CommandError

from home.bench import prepare, profile
from home.bench.pages import PAGES, RELAIS_TARGET
from home.bench.run import BENCH_ENV, bench_database, gunicorn, manage, warm, wrk
from home.bench.weight import page_weight


def _env_int(name, default):
    return int(os.environ.get(name, default))


class Command(BaseCommand):
    help = "Mesure les pages sous charge (gunicorn + wrk) sur un gros jeu de données."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=_env_int("BENCH_YEARS", 10))
        parser.add_argument("--relais", type=int, default=_env_int("BENCH_RELAIS", 50))
        parser.add_argument(
            "--duration", default=os.environ.get("BENCH_DURATION", "10s")
        )
        parser.add_argument(
            "--connections", type=int, default=_env_int("BENCH_CONNECTIONS", 8)
        )
        parser.add_argument("--workers", type=int, default=_env_int("BENCH_WORKERS", 3))
        parser.add_argument(
            "--only", default=os.environ.get("BENCH_ONLY", ""), help="path filter"
        )
        parser.add_argument("--reuse", action="store_true")
        parser.add_argument(
            "--cpu", action="store_true", help="CPU par requête, en processus"
        )
        parser.add_argument("--profile", default="", help="cProfile d'une page")
        parser.add_argument("--as", dest="username", default="", help="utilisateur")
        parser.add_argument("--runs", type=int, default=50)
        parser.add_argument("--top", type=int, default=40)
        # Internal: run inside the bench database by the command itself.
        parser.add_argument("--prepare", action="store_true", help="(internal)")
        parser.add_argument("--inside", action="store_true", help="(internal)")

    def handle(self, *args, **options):
        if options["prepare"]:
            return self._prepare(options)
        if options["cpu"] or options["profile"]:
            return self._in_process(options)
        return self._run(options)

    def _in_process(self, options):
        """--cpu and --profile: run again inside the bench database, with
        production settings, and print what that process measured."""
        if not options["inside"]:
            url = bench_database(fresh=False)
            env = {**os.environ, **BENCH_ENV, "DATABASE_URL": url}
            args = ["bench", "--inside", "--runs", str(options["runs"])]
            args += ["--top", str(options["top"]), "--only", options["only"]]
            if options["profile"]:
                args += ["--profile", options["profile"], "--as", options["username"]]
            else:
                args.append("--cpu")
            self.stdout.write(manage(env, *args))
            return
        self._check_bench_database()
        if options["profile"]:
            text = profile.profile(
                options["profile"],
                username=options["username"],
                runs=options["runs"],
                top=options["top"],
            )
        else:
            text = profile.cpu_table(runs=options["runs"], only=options["only"])
        self.stdout.write(text)

    @staticmethod
    def _check_bench_database():
        if not os.environ.get("DATABASE_URL", "").endswith(
            ("/tisseurs_bench", "bench.sqlite3")
        ):
            raise CommandError("This step only runs on the bench database.")

    def _prepare(self, options):
        self._check_bench_database()
        summary = ""
        if not options["reuse"]:
            summary = prepare.seed(
                years=options["years"],
                relais=options["relais"],
                password=BENCH_ENV["SECRET_KEY"],
            )
        cookies, rapport_id = prepare.sessions_and_report()
        counts = prepare.query_counts(cookies, rapport_id)
        self.stdout.write(
            json.dumps(
                {
                    "summary": summary,
                    "cookies": cookies,
                    "rapport": rapport_id,
                    "counts": counts,
                }
            )
        )

    def _run(self, options):
        # A SIGTERM (Ctrl+C's cousin) still stops the gunicorns started below.
        signal.signal(signal.SIGTERM, lambda *_args: sys.exit(1))
        url = bench_database(fresh=not options["reuse"])
        env = {**os.environ, **BENCH_ENV, "DATABASE_URL": url}
        engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
        self.stdout.write(f"Base : {engine} ({url})")
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "collectstatic", "--no-input", "-v0")
        manage(env, "compilemessages", "--ignore=.venv", "-v0")
        args = ["bench", "--prepare", "--years", str(options["years"])]
        args += ["--relais", str(options["relais"])]
        if options["reuse"]:
            args.append("--reuse")
        prepared = json.loads(manage(env, *args))
        if prepared["summary"]:
            self.stdout.write(f"Données : {prepared['summary']}")
        pages = [page for page in PAGES if options["only"] in page.path]
        self.stdout.write(
            f"Machine : {platform.machine()}, {os.cpu_count()} cœurs, "
            f"{platform.python_implementation()} {platform.python_version()}; "
            f"gunicorn {options['workers']} workers sync, wrk {options['connections']} "
            f"connexions, {options['duration']} par mesure"
        )
        rows = []
        # The app twice: as deployed (a page seen again with nothing changed comes
        # from the page cache), and with the page cache off (every view draws the
        # page: what the first view after a change costs).
        uncached_env = {**env, "PAGE_CACHE_SECONDS": "0"}
        with (
            gunicorn(env, "tisseurs.wsgi", options["workers"]) as app,
            gunicorn(uncached_env, "tisseurs.wsgi", options["workers"]) as drawn,
            gunicorn(env, "home.bench.bare", options["workers"]) as bare,
        ):
            for page in pages:
                path = page.url(prepared["rapport"])
                cookie = prepared["cookies"][page.username]
                load = {
                    "duration": options["duration"],
                    "connections": options["connections"],
                }
                warm(bare + path, cookie="")
                base = wrk(bare + path, cookie="", **load)
                count = {
                    **prepared["counts"][path],
                    "status": warm(app + path, cookie=cookie),
                }
                measured = wrk(app + path, cookie=cookie, **load)
                warm(drawn + path, cookie=cookie)
                first = wrk(drawn + path, cookie=cookie, **load)
                rows.append((page, path, measured, base, count))
                self.stdout.write(self._row(page, path, measured, base, count, first))
                self.stdout.flush()
            self._weights(app, pages, prepared)
        failed = [row for row in rows if row[2].errors or row[4]["status"] != 200]
        if failed:
            raise CommandError(
                "Réponses en erreur (statut ≠ 200 ou délai dépassé) : "
                + ", ".join(row[1] for row in failed)
            )

    def _weights(self, app, pages, prepared):
        """Bytes of the relais pages, first and later visits (target 50 / 25 KB)."""
        self.stdout.write(
            "\n| page relais | 1re visite | visites suivantes |\n|---|---|---|"
        )
        for page in pages:
            if page.target != RELAIS_TARGET:
                continue
            cookie = prepared["cookies"][page.username]
            first, later = page_weight(app, page.url(prepared["rapport"]), cookie)
            self.stdout.write(
                f"| {page.path} | {first / 1024:.1f} Ko | {later / 1024:.1f} Ko |"
            )

    def _row(self, page, path, measured, base, count, first) -> str:
        ratio = base.requests_per_second / max(measured.requests_per_second, 0.01)
        first_ratio = base.requests_per_second / max(first.requests_per_second, 0.01)
        verdict = "ok" if ratio <= page.target else "LENT"
        if not self._header_written:
            self._header_written = True
            self.stdout.write(
                "| page | utilisateur | req/s | p50 | p99 | nue req/s | ratio | "
                "cible | requêtes SQL | CPU Python | 1re vue : req/s | ratio | "
                "requêtes SQL | CPU Python |\n"
                "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
            )
        return (
            f"| {path} | {page.username} | {measured.requests_per_second:,.0f} | "
            f"{measured.p50_ms:.0f} ms | {measured.p99_ms:.0f} ms | "
            f"{base.requests_per_second:,.0f} | 1/{ratio:.0f} | 1/{page.target} "
            f"{verdict} | {count['queries_again']} | {count['cpu_again_ms']:.1f} ms | "
            f"{first.requests_per_second:,.0f} | 1/{first_ratio:.0f} | "
            f"{count['queries']} | {count['cpu_ms']:.1f} ms |"
        )

    _header_written = False
