"""What the coordination and direction home pages show of the monthly sheets."""

from django.db.models import Count, Sum

from prestations.models import FicheMensuelle

Status = FicheMensuelle.Status


def months_with_status(status: str, *, limit: int = 6) -> list[dict]:
    """[{month, count, total}] of the months holding sheets in `status`, newest
    first, in one query."""
    return list(
        FicheMensuelle.objects.filter(status=status)
        .values("month")
        .annotate(count=Count("pk", distinct=True), total=Sum("lines__amount"))
        .order_by("-month")[:limit]
    )


def returned_fiche(relais) -> FicheMensuelle | None:
    """The relais' latest sheet sent back for correction, if any (one query)."""
    if relais is None:
        return None
    return (
        FicheMensuelle.objects.filter(relais=relais, status=Status.RETURNED)
        .order_by("-month")
        .first()
    )
