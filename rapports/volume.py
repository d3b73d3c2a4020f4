"""A seeded volume of years of activity, for benchmarks (never for tests of rules).

`populate()` bulk-creates, for `relais_count` new relais and for any `extra` relais
given (the demo's relais1 in `manage.py bench`), about 100 outings a relais a year
with 1.5 situations each (a theme, an orientation for one in two), weekly activities
with attendance, and a paid monthly fiche with one line per relais and month. The same
seed gives the same data.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from activites.models import Activite, Frequentation
from prestations.models import (
    DefraiementLine,
    FicheMensuelle,
    Orientation,
    Prestation,
    Situation,
)
from relais.models import Relais
from ressources.models import Organization, Service, Theme

OUTINGS_PER_YEAR = 100


def populate(
    relais_count: int, years: int, last_year: int, extra=(), until: date | None = None
) -> str:
    """Create the volume (nothing dated after `until`, when given); return a one-line
    summary of what was created."""
    rng = random.Random(42)  # nosec B311 # benchmark data, not a secret
    relais = Relais.objects.bulk_create(
        Relais(first_name=f"Bench{n}", last_name="Relais", status="active")
        for n in range(relais_count)
    )
    everyone = [*relais, *extra]
    organisation = Organization.objects.create(name="Bench organisation")
    service_list = Service.objects.bulk_create(
        Service(organization=organisation, name=f"Bench service {n}") for n in range(40)
    )
    themes = list(Theme.objects.all())
    first_day = date(last_year - years + 1, 1, 1)
    last_day = min(date(last_year, 12, 31), until or date.max)
    days = (last_day - first_day).days
    prestations = Prestation.objects.bulk_create(
        (
            Prestation(
                relais=person,
                date=first_day + timedelta(days=rng.randrange(days)),
                start_time=time(9, 0),
                end_time=time(12, 0),
                people_met=rng.randrange(6),
            )
            for person in everyone
            for _ in range(OUTINGS_PER_YEAR * years)
        ),
        batch_size=2000,
    )
    situations = Situation.objects.bulk_create(
        (
            Situation(
                prestation=prestation,
                age_band=rng.choice(["18-25", "26-64", "65+"]),
                language=rng.choice(["fr", "nl", "ar", "tr", "ro"]),
                is_first_contact=rng.random() < 0.6,
            )
            for prestation in prestations
            for _ in range(rng.choice([1, 1, 2]))
        ),
        batch_size=2000,
    )
    Situation.themes.through.objects.bulk_create(
        (
            Situation.themes.through(situation=situation, theme=rng.choice(themes))
            for situation in situations
        ),
        batch_size=2000,
    )
    Orientation.objects.bulk_create(
        (
            Orientation(
                situation=situation,
                service=rng.choice(service_list),
                outcome=rng.choice(["unknown", "reached", "not_reached"]),
            )
            for situation in situations[::2]
        ),
        batch_size=2000,
    )
    starts = [
        timezone.make_aware(datetime.combine(first_day + timedelta(weeks=w), time(14)))
        for w in range(52 * years)
        if first_day + timedelta(weeks=w) <= last_day
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
    existing = FicheMensuelle.objects.filter(relais__in=extra)
    taken = set(existing.values_list("relais_id", "month"))
    fiches = FicheMensuelle.objects.bulk_create(
        (
            FicheMensuelle(relais=person, month=month, status="paid")
            for person in everyone
            for m in range(12 * years)
            if (month := date(first_day.year + m // 12, m % 12 + 1, 1))
            and month.replace(day=28) < last_day
            and (person.pk, month) not in taken
        ),
        batch_size=2000,
    )
    DefraiementLine.objects.bulk_create(
        (
            DefraiementLine(
                fiche=fiche, kind="forfait", date=fiche.month, amount=Decimal("25")
            )
            for fiche in fiches
        ),
        batch_size=2000,
    )
    return (
        f"{len(everyone)} relais, {len(prestations)} prestations, "
        f"{len(situations)} situations, {len(activites)} activités, "
        f"{len(fiches)} fiches"
    )
