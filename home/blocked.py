"""Coordination's home: what a relais' legal file now blocks. When a gate blocks
or an agreement ends, the relais' confirmed rosters on days they may no longer
work, and their fiches not yet paid with lines on such days (validation and
payment will refuse them), are listed. Reads across apps, so it lives here."""

from dataclasses import dataclass, field

from django.utils import timezone

from activites.models import Activite, Affectation
from prestations.models import DefraiementLine, FicheMensuelle
from relais.models import Relais, WorkContext

# What the panel shows of a fiche (a fiche of `BlockedRelais.fiches` has only these
# fields loaded, as with `only()`), in the model's field order as `from_db` wants.
FICHE_FIELDS = ("fiche_id", "fiche__relais_id", "fiche__month", "fiche__status")
FICHE_ATTNAMES = ("id", "relais_id", "month", "status")


@dataclass
class BlockedRelais:
    relais: Relais
    reasons: list[str] = field(default_factory=list)
    activites: list[Activite] = field(default_factory=list)
    fiches: list[FicheMensuelle] = field(default_factory=list)


def blocked_relais(
    *, context: WorkContext | None = None, relais: list[Relais] | None = None
) -> list[BlockedRelais]:
    """Relais with rosters to come or unpaid fiches on days their legal file
    blocks, with the reasons, in a fixed number of queries. `context` and
    `relais` (loaded `with_work_data`) may be given by a page that has them."""
    now = timezone.now()
    if relais is None:
        relais = Relais.objects.not_left().with_work_data()
    context = context or WorkContext.load()
    relais_by_pk = {r.pk: r for r in relais}
    found: dict[int, BlockedRelais] = {}
    checks: dict = {}

    def blocked_on(relais_pk: int, day, *, recorded: bool = False) -> bool:
        # `recorded`: a sheet line, re-checked as validation and payment do.
        key = (relais_pk, day, recorded)
        if key not in checks:
            checks[key] = relais_by_pk[relais_pk].can_work_on(
                day, context=context, recorded=recorded
            )
        check = checks[key]
        if check.ok:
            return False
        row = found.setdefault(relais_pk, BlockedRelais(relais=relais_by_pk[relais_pk]))
        row.reasons.extend(r for r in check.reasons if r not in row.reasons)
        return True

    affectations = (
        Affectation.objects.filter(
            relais_id__in=relais_by_pk,
            status=Affectation.Status.CONFIRMED,
            activite__start__gte=now,
        )
        .exclude(activite__status=Activite.Status.CANCELLED)
        .select_related("activite")
        .order_by("activite__start")
    )
    for affectation in affectations:
        if blocked_on(affectation.relais_id, affectation.activite.local_day):
            found[affectation.relais_id].activites.append(affectation.activite)
    # The (relais, day) of the lines of unpaid fiches, with their fiche: values,
    # not a line and a fiche object per line (most days are not blocked).
    days = (
        DefraiementLine.objects.filter(fiche__relais_id__in=relais_by_pk)
        .exclude(fiche__status=FicheMensuelle.Status.PAID)
        .order_by("fiche__month", "date", "fiche_id")
        .values_list("fiche__relais_id", "date", *FICHE_FIELDS)
        .distinct()
    )
    for relais_pk, day, *fiche in days:
        if blocked_on(relais_pk, day, recorded=True):
            row = found[relais_pk]
            if all(shown.pk != fiche[0] for shown in row.fiches):
                row.fiches.append(
                    FicheMensuelle.from_db(days.db, FICHE_ATTNAMES, fiche)
                )
    return [row for row in found.values() if row.activites or row.fiches]
