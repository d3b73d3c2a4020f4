"""Benchmark of the yearly comité report (README records the figures).

Creates `--years` years of data for `--relais` relais inside a transaction (about
100 prestations a relais a year, 1.5 situations each with themes and orientations,
weekly activities with attendance, monthly défraiement lines), times the yearly
figures and the yearly PDF, counts their SQL queries, then rolls everything back:
the database is left as it was. A measurement, not a test:

    python manage.py bench_rapport --relais 50 --years 10
"""

import random
import time as clock
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activites.models import Activite, Frequentation
from prestations.models import (
    DefraiementLine,
    FicheMensuelle,
    Orientation,
    Prestation,
    Situation,
)
from rapports import services
from rapports.periods import Period
from relais.models import Relais
from ressources.models import Organization, Service, Theme


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
        counts = self._populate(relais_count, years, last_year)
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

    def _populate(self, relais_count, years, last_year):
        rng = random.Random(42)  # nosec B311 # benchmark data, not a secret
        relais = Relais.objects.bulk_create(
            Relais(first_name=f"Bench{n}", last_name="Relais", status="active")
            for n in range(relais_count)
        )
        organisation = Organization.objects.create(name="Bench organisation")
        service_list = Service.objects.bulk_create(
            Service(organization=organisation, name=f"Bench service {n}")
            for n in range(40)
        )
        themes = list(Theme.objects.all())
        first_day = date(last_year - years + 1, 1, 1)
        days = (date(last_year, 12, 31) - first_day).days
        prestations = Prestation.objects.bulk_create(
            Prestation(
                relais=person,
                date=first_day + timedelta(days=rng.randrange(days)),
                start_time=time(9, 0),
                end_time=time(12, 0),
                people_met=rng.randrange(6),
            )
            for person in relais
            for _ in range(100 * years)
        )
        situations = Situation.objects.bulk_create(
            Situation(
                prestation=prestation,
                age_band=rng.choice(["18-25", "26-64", "65+"]),
                language=rng.choice(["fr", "nl", "ar", "tr", "ro"]),
                is_first_contact=rng.random() < 0.6,
            )
            for prestation in prestations
            for _ in range(rng.choice([1, 1, 2]))
        )
        Situation.themes.through.objects.bulk_create(
            Situation.themes.through(situation=situation, theme=rng.choice(themes))
            for situation in situations
        )
        Orientation.objects.bulk_create(
            Orientation(
                situation=situation,
                service=rng.choice(service_list),
                outcome=rng.choice(["unknown", "reached", "not_reached"]),
            )
            for situation in situations[::2]
        )
        starts = [
            timezone.make_aware(
                datetime.combine(first_day + timedelta(weeks=w), time(14))
            )
            for w in range(52 * years)
        ]
        activites = Activite.objects.bulk_create(
            Activite(
                kind="permanence",
                title=f"Bench {n}",
                start=start,
                end=start + timedelta(hours=3),
                status="done",
                place="Local",
            )
            for n, start in enumerate(starts)
        )
        Frequentation.objects.bulk_create(
            Frequentation(activite=activite, total=12, newcomers=3)
            for activite in activites
        )
        fiches = FicheMensuelle.objects.bulk_create(
            FicheMensuelle(
                relais=person,
                month=date(first_day.year + m // 12, m % 12 + 1, 1),
                status="paid",
            )
            for person in relais
            for m in range(12 * years)
        )
        DefraiementLine.objects.bulk_create(
            DefraiementLine(
                fiche=fiche, kind="forfait", date=fiche.month, amount=Decimal("25")
            )
            for fiche in fiches
        )
        return (
            f"{len(relais)} relais, {len(prestations)} prestations, "
            f"{len(situations)} situations, {len(activites)} activités, "
            f"{len(fiches)} fiches"
        )
