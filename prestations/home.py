"""What the role home pages show of prestations and monthly fiches (called by home)."""

from datetime import date

from django.db.models import Count, Q

from prestations.models import FicheMensuelle, Prestation, Situation, month_start
from relais.models import Relais
from tisseurs.money import money_sum
from tisseurs.months import next_month

# --- Prestations --------------------------------------------------------------------


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


FOLLOW_UP_SHOWN = 8


def coordination_to_follow_up() -> dict:
    """The situations whose follow-up is still open, oldest first: the first few,
    and whether there are more (one query)."""
    first = list(
        Situation.objects.to_follow_up()
        .select_related("prestation__relais")
        .order_by("prestation__date", "pk")[: FOLLOW_UP_SHOWN + 1]
    )
    return {"first": first[:FOLLOW_UP_SHOWN], "more": len(first) > FOLLOW_UP_SHOWN}


# --- Fiches -------------------------------------------------------------------------


def months_with_status(status: str, *, limit: int = 6) -> list[dict]:
    """[{month, count, total}] of the months holding fiches in `status`, newest
    first, in one query."""
    return list(
        FicheMensuelle.objects.filter(status=status)
        .values("month")
        .annotate(count=Count("pk", distinct=True), total=money_sum("lines__amount"))
        .order_by("-month")[:limit]
    )


def returned_fiche(relais) -> FicheMensuelle | None:
    """The relais' latest fiche sent back for correction, if any (one query)."""
    if relais is None:
        return None
    return (
        FicheMensuelle.objects.filter(
            relais=relais, status=FicheMensuelle.Status.RETURNED
        )
        .order_by("-month")
        .first()
    )
