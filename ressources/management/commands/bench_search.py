"""Benchmark of the directory search pages (README records the figures).

Creates N services in a transaction, times the relais and coordination search
pages through Django's test client, then rolls everything back: the database is
left as it was. Not a test (timings depend on the machine), a measurement:

    python manage.py bench_search --services 5000 --repeat 30
"""

import statistics
import time as clock
from datetime import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client

from ressources.models import (
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    Theme,
)
from ressources.services import service_refresh_search
from tisseurs.accounts.models import User
from tisseurs.roles import COORDINATION, RELAIS

QUERIES = [
    ("relais", "/ressources/", {}),
    ("relais", "/ressources/", {"q": "sante mentale"}),
    ("relais", "/ressources/", {"q": "geestelijke", "language": "ar"}),
    ("relais", "/ressources/", {"open_now": "on", "municipality": "1030"}),
    ("coordination", "/ressources/liste/", {}),
    ("coordination", "/ressources/liste/", {"q": "sante", "free": "on"}),
]


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Mesure le temps de réponse des pages de recherche (données jetées)."

    def add_arguments(self, parser):
        parser.add_argument("--services", type=int, default=5000)
        parser.add_argument("--repeat", type=int, default=30)

    def handle(self, *args, services, repeat, **options):
        try:
            with transaction.atomic():
                self._run(services, repeat)
                raise _Rollback
        except _Rollback:
            self.stdout.write("Données de mesure effacées.")

    def _run(self, count, repeat):
        from django.contrib.auth.models import Group

        self._populate(count)
        clients = {}
        for role in (RELAIS, COORDINATION):
            user = User.objects.create(username=f"bench-{role}")
            user.groups.add(Group.objects.get(name=role))
            clients[role] = Client(SERVER_NAME=settings.ALLOWED_HOSTS[0])
            clients[role].force_login(user)
        self.stdout.write(f"{Service.objects.count()} ressources, {repeat} essais")
        for role, url, params in QUERIES:
            client = clients[role]
            client.get(url, params)  # warm-up
            timings = []
            connection.force_debug_cursor = True  # count this request's queries
            response = client.get(url, params)
            query_count = len(connection.queries)
            connection.force_debug_cursor = False
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            for _ in range(repeat):
                start = clock.perf_counter()
                client.get(url, params)
                timings.append((clock.perf_counter() - start) * 1000)
            timings.sort()
            self.stdout.write(
                f"{url} {params}: {response.status_code}, "
                f"{query_count} requêtes, médiane {statistics.median(timings):.0f} ms, "
                f"p95 {timings[int(len(timings) * 0.95) - 1]:.0f} ms, "
                f"max {timings[-1]:.0f} ms"
            )

    def _populate(self, count):
        organization = Organization.objects.create(name="Réseau de mesure")
        themes = list(Theme.objects.all())
        words = ["Santé mentale", "Logement", "Épicerie", "Geestelijke gezondheid"]
        services = Service.objects.bulk_create(
            Service(
                organization=organization,
                name=f"{words[n % 4]} {n:05d}",
                description="Accueil, écoute et orientation pour les habitant·es.",
                cost=Service.Cost.FREE if n % 3 else Service.Cost.PAID,
            )
            for n in range(count)
        )
        through = Service.themes.through
        through.objects.bulk_create(
            through(service_id=s.pk, theme_id=themes[n % len(themes)].pk)
            for n, s in enumerate(services)
        )
        locations = Location.objects.bulk_create(
            Location(
                address_1=f"Rue de Brabant {n}",
                postal_code="1030" if n % 2 else "1210",
                city="Schaerbeek",
            )
            for n in range(count)
        )
        ServiceAtLocation.objects.bulk_create(
            ServiceAtLocation(service=s, location=loc)
            for s, loc in zip(services, locations, strict=True)
        )
        Phone.objects.bulk_create(
            Phone(service=s, number="02 218 56 08") for s in services
        )
        ServiceLanguage.objects.bulk_create(
            ServiceLanguage(service=s, code=("ar", "fr", "tr")[n % 3])
            for n, s in enumerate(services)
        )
        Schedule.objects.bulk_create(
            Schedule(
                service=s,
                weekday=1 + (n + day) % 7,
                opens_at=time(9),
                closes_at=time(17),
            )
            for n, s in enumerate(services)
            for day in range(3)
        )
        service_refresh_search(services=services)
