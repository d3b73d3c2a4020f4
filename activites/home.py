"""What the role home pages show from activites (called by home/views.py;
each function runs a fixed number of queries)."""

from datetime import timedelta

from django.utils import timezone

from activites.models import Activite, Affectation
from activites.services import roster_gaps


def relais_next_activities(relais, *, limit: int = 3) -> list[Activite]:
    """The relais' next confirmed activities (today's included), one query."""
    if relais is None:
        return []
    return list(
        Activite.objects.with_confirmed(relais)
        .filter(end__gt=timezone.now())
        .exclude(status=Activite.Status.CANCELLED)
        .select_related("contact_point", "stop")
        .order_by("start")[:limit]
    )


def coordination_gaps_this_week() -> list[Activite]:
    """Planned activities of the current week still missing confirmed relais
    (withdrawals included), two queries."""
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    return roster_gaps(today, monday + timedelta(days=6))


def pending_offers_count() -> int:
    return Affectation.objects.filter(
        status=Affectation.Status.OFFERED,
        activite__status=Activite.Status.PLANNED,
        activite__start__gt=timezone.now(),
    ).count()
