"""One query per indicator (see `rapports/indicators.py` for the definitions that use
them). Each function takes a `Period` and returns a number or a list of
(label, count) rows, in a fixed number of SQL queries whatever the data size."""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from activites.models import Activite, Frequentation
from prestations.models import (
    DefraiementLine,
    FicheMensuelle,
    LegalParameter,
    Orientation,
    Prestation,
    Situation,
)
from rapports.periods import Period
from relais.models import Formation, FormationAttendance, Relais
from tisseurs.i18n import ALL_LANGUAGES
from tisseurs.money import money_sum
from tisseurs.vocab import AgeBand, Gender, language_label


def _prestations(period: Period):
    return Prestation.objects.filter(date__gte=period.start, date__lte=period.end)


def _activites(period: Period):
    return Activite.objects.filter(
        start__date__gte=period.start, start__date__lte=period.end
    )


def q_relais_actifs(period):
    return _prestations(period).values("relais").distinct().count()


def q_prestations(period):
    return _prestations(period).count()


def q_jours(period):
    return _prestations(period).values("relais", "date").distinct().count()


def q_heures(period):
    return _prestations(period).total_hours()


def q_km(period):
    total = _prestations(period).aggregate(total=Sum("travel_km"))["total"]
    return (total or Decimal(0)).quantize(Decimal("0.1"))


def q_activites_par_type(period):
    counts = dict(
        _activites(period)
        .filter(status=Activite.Status.DONE)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        (str(label), counts[kind])
        for kind, label in Activite.Kind.choices
        if kind in counts
    ]


def q_activites_annulees(period):
    return _activites(period).filter(status=Activite.Status.CANCELLED).count()


def _situations(period: Period):
    return Situation.objects.filter(
        prestation__date__gte=period.start, prestation__date__lte=period.end
    )


def _orientations(period: Period):
    return Orientation.objects.filter(
        situation__prestation__date__gte=period.start,
        situation__prestation__date__lte=period.end,
    )


def _done_activites(period: Period):
    return _activites(period).filter(status=Activite.Status.DONE)


def _breakdown(queryset, field: str, labels: dict) -> list[tuple[str, int]]:
    """Counts per value of `field`, in the order of `labels` (value → label)."""
    counts = dict(queryset.values_list(field).annotate(n=Count("pk")).order_by())
    return [
        (str(label), counts[value])
        for value, label in labels.items()
        if counts.get(value)
    ]


def q_situations(period):
    return _situations(period).count()


def q_personnes_rencontrees(period):
    return _prestations(period).aggregate(n=Sum("people_met"))["n"] or 0


def q_premier_contact(period):
    counts = _situations(period).aggregate(
        first=Count("pk", filter=Q(is_first_contact=True)),
        back=Count("pk", filter=Q(is_first_contact=False)),
    )
    rows = [
        (_("Premier contact"), counts["first"]),
        (_("Personne revenue"), counts["back"]),
    ]
    return [row for row in rows if row[1]]


def q_themes(period):
    language = (get_language() or "fr")[:2]
    if language not in ALL_LANGUAGES:
        language = "fr"
    column = f"theme__label_{language}"
    rows = (
        Situation.themes.through.objects.filter(
            situation__prestation__date__gte=period.start,
            situation__prestation__date__lte=period.end,
        )
        .values(*dict.fromkeys(["theme__position", "theme__label_fr", column]))
        .annotate(n=Count("pk"))
        .order_by("theme__position")
    )
    return [(row[column] or row["theme__label_fr"], row["n"]) for row in rows]


def q_langues(period):
    counts = _situations(period).values_list("language").annotate(n=Count("pk"))
    return sorted(
        ((str(language_label(code)), n) for code, n in counts.order_by()),
        key=lambda row: (-row[1], row[0]),
    )


def q_autre_langue(period):
    return _situations(period).exclude(language__in=["fr", "nl"]).count()


def q_ages(period):
    return _breakdown(_situations(period), "age_band", dict(AgeBand.choices))


def q_genres(period):
    return _breakdown(_situations(period), "gender", dict(Gender.choices))


def q_orientations_issue(period):
    return _breakdown(
        _orientations(period), "outcome", dict(Orientation.Outcome.choices)
    )


def q_orientations_destination(period):
    rows = (
        _orientations(period)
        # The directory's own (French) names, as in the HSDS export: a lookup
        # across models reads no translation fallback.
        .values_list("service__organization__name_fr")
        .annotate(n=Count("pk"))
        .order_by("-n", "service__organization__name_fr")
    )
    named = [(name, n) for name, n in rows if name]
    outside = sum(n for name, n in rows if not name)
    return named + ([(_("Hors répertoire"), outside)] if outside else [])


def q_orientations_accompagnees(period):
    return _orientations(period).filter(is_accompanied=True).count()


def q_participants(period):
    return (
        Frequentation.objects.filter(activite__in=_done_activites(period)).aggregate(
            n=Sum("total")
        )["n"]
        or 0
    )


def q_nouveaux_participants(period):
    return (
        Frequentation.objects.filter(activite__in=_done_activites(period)).aggregate(
            n=Sum("newcomers")
        )["n"]
        or 0
    )


def q_activites_par_lieu(period):
    rows = (
        _done_activites(period)
        .values_list("contact_point__name", "stop__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "contact_point__name", "stop__name")
    )
    other = _("Autre lieu")
    merged: dict[str, int] = {}
    for point, stop, n in rows:
        label = stop or point or other
        merged[label] = merged.get(label, 0) + n
    return list(merged.items())


def q_partenaires(period):
    return (
        Activite.partners.through.objects.filter(activite__in=_done_activites(period))
        .values("organization")
        .distinct()
        .count()
    )


def _formations(period: Period):
    return Formation.objects.filter(date__gte=period.start, date__lte=period.end)


def q_formations(period):
    return _breakdown(_formations(period), "kind", dict(Formation.Kind.choices))


def q_heures_formation(period):
    total = FormationAttendance.objects.filter(
        formation__in=_formations(period), status=FormationAttendance.Status.PRESENT
    ).aggregate(total=Sum("hours"))["total"]
    return (total or Decimal(0)).quantize(Decimal("0.1"))


def q_relais_en_ordre(period):
    """Active relais whose legal file lets them work on the period's last day."""
    checks = Relais.objects.active().work_checks(period.end)
    ready = sum(1 for check in checks.values() if check.ok)
    rows = [
        (_("Dossier en ordre"), ready),
        (_("Dossier incomplet"), len(checks) - ready),
    ]
    return [row for row in rows if row[1]]


def _approved_lines(period: Period):
    return DefraiementLine.objects.filter(
        date__gte=period.start,
        date__lte=period.end,
        fiche__status__in=[FicheMensuelle.Status.VALIDATED, FicheMensuelle.Status.PAID],
    )


def q_defraiements(period):
    totals = dict(
        _approved_lines(period)
        .values_list("kind")
        .annotate(s=money_sum("amount"))
        .order_by()
    )
    return [
        (str(label), totals[kind])
        for kind, label in DefraiementLine.Kind.choices
        if totals.get(kind)
    ]


def q_defraiements_payes(period):
    total = (
        _approved_lines(period)
        .filter(fiche__status=FicheMensuelle.Status.PAID)
        .aggregate(s=money_sum("amount"))["s"]
    )
    return total


def q_marge_forfait(period):
    """What each active relais may still receive as forfait in the year of the
    period's end, against the annual ceiling (other organisations included)."""
    parameter = LegalParameter.objects.in_force_on(period.end)
    if parameter is None:
        return []
    totals = DefraiementLine.objects.forfait_year_totals(period.end.year)
    return [
        (relais.display_name, parameter.annual_max - totals.get(relais.pk, Decimal(0)))
        for relais in Relais.objects.active().order_by("last_name", "first_name")
    ]
