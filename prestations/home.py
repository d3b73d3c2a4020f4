"""What the role home pages show of the field work (called by home)."""

from datetime import date

from django.db.models import Count, Q

from prestations.models import Prestation, Situation, month_start
from relais.models import Relais
from tisseurs.months import next_month


def relais_month_summary(*, relais: Relais, today: date) -> dict:
    """Outings and situations of the relais this month (two queries)."""
    prestations = Prestation.objects.for_relais(relais).in_month(today)
    situations = Situation.objects.filter(prestation__in=prestations)
    return {
        "prestation_count": prestations.count(),
        "situation_count": situations.count(),
    }


def coordination_month_summary(*, today: date) -> dict:
    """This month's situations, those needing follow-up (one query)."""
    return Situation.objects.in_period(month_start(today), next_month(today)).aggregate(
        situation_count=Count("pk"),
        follow_up_count=Count("pk", filter=Q(follow_up_needed=True)),
    )
