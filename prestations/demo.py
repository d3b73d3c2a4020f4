"""Demo outings and anonymous situations for `manage.py load_demo` (idempotent: a
relais who already has prestations is left alone)."""

import random
from datetime import date, time, timedelta

from django.utils import timezone

from prestations.models import (
    Kind,
    Orientation,
    Place,
    Prestation,
    Situation,
    TravelMode,
    month_start,
)
from prestations.models.prestation import new_pseudonymous_code
from relais.models import Relais
from ressources.models import Service, Theme

# The languages each demo relais speaks with residents (docs/domain.md §4).
LANGUAGES = {
    "relais1": ["ar", "ary", "fr"],
    "relais2": ["tr", "fr"],
    "relais3": ["bg", "rom", "tr"],
    "relais4": ["ro", "fr"],
    "relais5": ["fr", "en"],
    "relais6": ["nl", "fr"],
    "relais7": ["rif", "ar", "fr"],
    "relais8": ["ln", "fr"],
}
OTHER_ORIENTATIONS = [
    "CPAS de Schaerbeek",
    "Maison médicale du quartier",
    "Épicerie sociale",
    "Permanence logement de la commune",
    "Pharmacie de la place",
]
NOTES = [
    "Cherche un médecin qui parle sa langue.",
    "Courrier du bailleur pas compris, expliqué ensemble.",
    "Se sent seule depuis l'hiver.",
    "",
    "",
]
SLOTS = [
    (Kind.PERMANENCE, Place.FIXED, time(9, 30), time(12, 30)),
    (Kind.OUTREACH_ROUND, Place.MOBILE, time(14, 0), time(17, 0)),
    (Kind.OUTREACH_ROUND, Place.OUTREACH, time(10, 0), time(12, 0)),
    (Kind.ACCOMPANIMENT, Place.PARTNER, time(9, 0), time(11, 0)),
    (Kind.ACTIVITY, Place.FIXED, time(13, 30), time(16, 30)),
    (Kind.OTHER, Place.HOME, None, None),
    (Kind.INTERVISION, Place.FIXED, time(18, 0), time(20, 0)),
    (Kind.NETWORK, Place.PARTNER, time(10, 0), time(12, 0)),
]


def load(*, relais: dict[str, Relais], today: date | None = None) -> int:
    """About three months of outings for each demo relais; returns how many were
    created."""
    today = today or timezone.localdate()
    themes = list(Theme.objects.filter(is_active=True))
    services = list(Service.objects.filter(status=Service.Status.ACTIVE))
    start = month_start(month_start(today) - timedelta(days=62))
    created = 0
    for username, profile in sorted(relais.items()):
        if Prestation.objects.for_relais(profile).exists():
            continue
        rng = random.Random(username)
        day = start + timedelta(days=rng.randrange(3))
        codes: list[str] = []
        while day <= today:
            if day.weekday() < 6:
                created += 1
                _outing(profile, day, rng, themes, services, codes, username, today)
            day += timedelta(days=rng.choice([2, 3, 4]))
    return created


def _outing(profile, day, rng, themes, services, codes, username, today):
    kind, place, start, end = rng.choice(SLOTS)
    travel = rng.choice([TravelMode.NONE] * 4 + [TravelMode.PUBLIC_TRANSPORT])
    prestation = Prestation.objects.create(
        relais=profile,
        date=day,
        kind=kind,
        place=place,
        start_time=start,
        end_time=end,
        duration_minutes=None if start else 90,
        people_met=rng.randint(1, 15),
        travel_mode=travel,
        travel_ticket_amount="2.60" if travel == TravelMode.PUBLIC_TRANSPORT else None,
    )
    if kind in (Kind.INTERVISION, Kind.NETWORK, Kind.TRAINING):
        return
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        returning = bool(codes) and rng.random() < 0.25
        code = rng.choice(codes) if returning else ""
        if not returning and rng.random() < 0.2:
            code = new_pseudonymous_code()
            codes.append(code)
        situation = Situation.objects.create(
            prestation=prestation,
            age_band=rng.choice(["18-25", "26-64", "26-64", "65+", "unknown"]),
            gender=rng.choice(["f", "f", "m", "na"]),
            language=rng.choice(LANGUAGES.get(username, ["fr"])),
            is_first_contact=not returning,
            follow_up_needed=rng.random() < 0.3,
            code=code,
            note=rng.choice(NOTES),
        )
        if themes:
            situation.themes.set(
                rng.sample(themes, k=min(len(themes), rng.randint(1, 2)))
            )
        if rng.random() < 0.6:
            old = (today - day).days > 14
            Orientation.objects.create(
                situation=situation,
                service=rng.choice(services) if services else None,
                other_text="" if services else rng.choice(OTHER_ORIENTATIONS),
                is_accompanied=rng.random() < 0.3,
                outcome=rng.choice(["reached", "reached", "not_reached", "unknown"])
                if old
                else "unknown",
            )
