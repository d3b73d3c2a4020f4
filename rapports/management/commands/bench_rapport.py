"""Benchmark of the yearly comité report (README records the figures).

Creates `--years` years of data for `--relais` relais inside a transaction (about
100 prestations a relais a year, 1.5 situations each with themes and orientations,
weekly activities with attendance, monthly défraiement lines), times the yearly
figures and the yearly PDF, counts their SQL queries, then rolls everything back:
the database is left as it was. A measurement, not a test:

    python manage.py bench_rapport --relais 50 --years 10
"""

import time as clock

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from rapports import services
from rapports.periods import Period
from rapports.volume import populate


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Mesure le temps du rapport annuel sur un gros jeu de données (jeté)."

    def add_arguments(self, parser):
        parser.add_argument("--relais", type=int, default=50)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--last-year", type=int, default=2026)

    def handle(self, *args, relais, years, last_year, **options):
        try:
            with transaction.atomic():
                self._run(relais, years, last_year)
                raise _Rollback
        except _Rollback:
            self.stdout.write("Données de mesure effacées.")

    def _run(self, relais_count, years, last_year):
        started = clock.perf_counter()
        counts = populate(relais_count, years, last_year)
        self.stdout.write(
            f"Données : {counts} (créées en {clock.perf_counter() - started:.1f} s)"
        )
        period = Period.year(last_year)
        for label, run in (
            (
                "chiffres (tableau de bord)",
                lambda: services.figures(period, suppress=False),
            ),
            (
                "PDF du comité",
                lambda: services.report_pdf(
                    period=period, language="fr", qualitative=""
                ),
            ),
        ):
            with CaptureQueriesContext(connection) as queries:
                start = clock.perf_counter()
                run()
                seconds = clock.perf_counter() - start
            self.stdout.write(
                f"Rapport {period.label}, {label} : {seconds:.2f} s, "
                f"{len(queries)} requêtes SQL"
            )
