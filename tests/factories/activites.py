import itertools
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from activites.models import Activite, Affectation, ContactPoint, Serie, Stop

_sequence = itertools.count(1)


def make_contact_point(**overrides) -> ContactPoint:
    fields = {
        "kind": ContactPoint.Kind.FIXED,
        "name": f"Local {next(_sequence)}",
        "address": "Rue de Brabant 1, 1030 Schaerbeek",
        **overrides,
    }
    return ContactPoint.objects.create(**fields)


def make_stop(**overrides) -> Stop:
    if "contact_point" not in overrides:
        overrides["contact_point"] = make_contact_point(
            kind=ContactPoint.Kind.MOBILE, name="Triporteur"
        )
    fields = {"name": f"Place {next(_sequence)}", **overrides}
    return Stop.objects.create(**fields)


def make_serie(**overrides) -> Serie:
    """A bare weekly rule (its activities are made with `make_activite(serie=…)`)."""
    today = timezone.localdate()
    fields = {
        "weekdays": str(today.weekday()),
        "first_day": today,
        "last_day": today + timedelta(days=70),
        "start_time": time(14),
        "end_time": time(17),
        **overrides,
    }
    return Serie.objects.create(**fields)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def make_activite(**overrides) -> Activite:
    """A planned permanence of three hours, tomorrow at 14:00 unless told."""
    start = overrides.pop("start", None) or at(
        timezone.localdate() + timedelta(days=1), 14
    )
    fields = {
        "kind": Activite.Kind.PERMANENCE,
        "title": f"Permanence {next(_sequence)}",
        "start": start,
        "end": start + timedelta(hours=3),
        "relais_needed": 2,
        "place": "Maison de quartier",
        **overrides,
    }
    return Activite.objects.create(**fields)


def make_affectation(activite, relais, status=Affectation.Status.CONFIRMED, **extra):
    return Affectation.objects.create(
        activite=activite, relais=relais, status=status, **extra
    )
