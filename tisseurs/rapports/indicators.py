"""The one set of indicator definitions behind the dashboard, the comité PDF and the
COCOM export (domain notes §7). Each indicator has a code, a translated label, a
definition sentence and one query; `compute(period)` runs every query once, so the
number of SQL queries is fixed whatever the data size.

Small counts: figures about people (`about_people=True`) under 5 are shown as "<5" in
documents that leave the app (comité PDF, COCOM export), never on the internal
dashboard (`display(..., suppress=True)`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DurationField, ExpressionWrapper, F, Sum
from django.utils.translation import gettext_lazy as _

from activites.models import Activite
from prestations.models import Prestation
from tisseurs.rapports.periods import Period

SMALL_COUNT = 5

Number = int | Decimal


@dataclass(frozen=True)
class Indicator:
    code: str
    section: str
    label: str
    definition: str
    query: Callable[[Period], Number | list[tuple[str, Number]]]
    about_people: bool = False
    unit: str = "count"  # count, hours, km, euros


@dataclass
class IndicatorValue:
    indicator: Indicator
    value: Number | None = None
    rows: list[tuple[str, Number]] = field(default_factory=list)

    @property
    def is_breakdown(self) -> bool:
        return self.value is None

    @property
    def total(self) -> Number:
        return (
            sum((v for _label, v in self.rows), 0) if self.is_breakdown else self.value
        )

    def row_values(self) -> dict[str, Number]:
        return dict(self.rows)


def display(value: Number | None, *, indicator: Indicator, suppress: bool) -> str:
    """A figure as text; counts about people under 5 become "<5" when `suppress`."""
    if value is None:
        return "–"
    if suppress and indicator.about_people and 0 < value < SMALL_COUNT:
        return f"<{SMALL_COUNT}"
    if isinstance(value, Decimal):
        return (
            f"{value:.2f}".replace(".", ",")
            if indicator.unit == "euros"
            else (f"{value:.1f}".replace(".", ","))
        )
    return str(value)


# -- queries -------------------------------------------------------------------


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
    duration = ExpressionWrapper(
        F("end_time") - F("start_time"), output_field=DurationField()
    )
    total = (
        _prestations(period)
        .filter(start_time__isnull=False, end_time__isnull=False)
        .aggregate(total=Sum(duration))["total"]
    )
    seconds = total.total_seconds() if total else 0
    return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.1"))


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


SECTION_VOLUNTEERS = _("Les relais")
SECTION_COLLECTIVE = _("Actions collectives")

INDICATORS: list[Indicator] = [
    Indicator(
        "relais_actifs",
        SECTION_VOLUNTEERS,
        _("Relais actif·ves"),
        _("Nombre de relais ayant noté au moins une prestation pendant la période."),
        q_relais_actifs,
    ),
    Indicator(
        "prestations",
        SECTION_VOLUNTEERS,
        _("Prestations"),
        _("Nombre de sorties ou tâches notées par les relais pendant la période."),
        q_prestations,
    ),
    Indicator(
        "jours",
        SECTION_VOLUNTEERS,
        _("Jours prestés"),
        _("Nombre de jours différents où chaque relais a presté, additionnés."),
        q_jours,
    ),
    Indicator(
        "heures",
        SECTION_VOLUNTEERS,
        _("Heures de bénévolat"),
        _("Somme des durées des prestations dont le début et la fin sont notés."),
        q_heures,
        unit="hours",
    ),
    Indicator(
        "km",
        SECTION_VOLUNTEERS,
        _("Kilomètres parcourus"),
        _("Somme des kilomètres notés pour les déplacements des prestations."),
        q_km,
        unit="km",
    ),
    Indicator(
        "activites_par_type",
        SECTION_COLLECTIVE,
        _("Activités réalisées, par type"),
        _("Activités au statut « réalisée » ayant commencé pendant la période."),
        q_activites_par_type,
    ),
    Indicator(
        "activites_annulees",
        SECTION_COLLECTIVE,
        _("Activités annulées"),
        _("Activités au statut « annulée » prévues pendant la période."),
        q_activites_annulees,
    ),
]


def compute(period: Period) -> list[IndicatorValue]:
    """Every indicator for `period` (one query each)."""
    values = []
    for indicator in INDICATORS:
        result = indicator.query(period)
        if isinstance(result, list):
            values.append(IndicatorValue(indicator, rows=result))
        else:
            values.append(IndicatorValue(indicator, value=result))
    return values


def by_code(values: list[IndicatorValue]) -> dict[str, IndicatorValue]:
    return {value.indicator.code: value for value in values}
