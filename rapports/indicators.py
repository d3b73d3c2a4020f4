"""The one set of indicator definitions behind the dashboard, the comité PDF and the
COCOM export (docs/domain.md §5). Each indicator has a code, a translated label, a
definition sentence and one query (in `rapports/queries.py`); `compute(period)` runs
every query once, so the number of SQL queries is fixed whatever the data size.

Small counts: in documents that leave the app (comité PDF, COCOM export), figures
about people (`about_people=True`) from 1 to 4 are shown "<5", and more figures are
hidden ("x") so that none can be worked out by subtraction: `rapports/disclosure.py`
decides which, never on the internal dashboard. Counts of the relais team itself
(relais, prestations, trainings, legal files) are not about residents and are shown
as they are: the comité knows the team.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rapports.disclosure import (
    OMITTED,
    OMITTED_MARK,
    PRIMARY,
    SECONDARY,
    SECONDARY_MARK,
    SMALL_COUNT,
)
from rapports.periods import Period
from rapports.queries import (
    q_activites_annulees,
    q_activites_par_lieu,
    q_activites_par_type,
    q_ages,
    q_autre_langue,
    q_defraiements,
    q_defraiements_payes,
    q_formations,
    q_genres,
    q_heures,
    q_heures_formation,
    q_jours,
    q_km,
    q_langues,
    q_marge_forfait,
    q_nouveaux_participants,
    q_orientations_accompagnees,
    q_orientations_destination,
    q_orientations_issue,
    q_partenaires,
    q_participants,
    q_personnes_rencontrees,
    q_premier_contact,
    q_prestations,
    q_relais_actifs,
    q_relais_en_ordre,
    q_situations,
    q_themes,
)

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
    list_url: str = ""  # URL name of the list behind the figure (its first month)
    internal: bool = False  # shown on the dashboard only, never in documents

    def link(self, period: Period) -> str:
        """The list behind the figure, opened on the period's first month."""
        if not self.list_url:
            return ""
        return f"{reverse(self.list_url)}?month={period.start:%Y-%m}"


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


def display(value: Number | None, *, indicator: Indicator, hidden: str = "") -> str:
    """A figure as text; `hidden` (from `disclosure.protect`) turns it into "<5"
    (PRIMARY), "x" (SECONDARY) or "…" (OMITTED)."""
    if value is None:
        return "–"
    if hidden == PRIMARY:
        return f"<{SMALL_COUNT}"
    if hidden == SECONDARY:
        return SECONDARY_MARK
    if hidden == OMITTED:
        return OMITTED_MARK
    if isinstance(value, Decimal):
        return (
            f"{value:.2f}".replace(".", ",")
            if indicator.unit == "euros"
            else (f"{value:.1f}".replace(".", ","))
        )
    return str(value)


SECTION_BUDGET = _("Budget des défraiements")
SECTION_REACH = _("Public rencontré")
SECTION_DEMANDS = _("Demandes et orientations")
SECTION_VOLUNTEERS = _("Les relais")
SECTION_COLLECTIVE = _("Actions collectives")

INDICATORS: list[Indicator] = [
    Indicator(
        "situations",
        SECTION_REACH,
        _("Situations notées"),
        _("Nombre de situations (besoins repérés) notées anonymement par les relais."),
        q_situations,
        about_people=True,
        list_url="prestations:situation_list",
    ),
    Indicator(
        "personnes_rencontrees",
        SECTION_REACH,
        _("Personnes rencontrées en sortie"),
        _("Somme des personnes rencontrées notées sur les prestations."),
        q_personnes_rencontrees,
        about_people=True,
        list_url="prestations:prestation_list",
    ),
    Indicator(
        "premier_contact",
        SECTION_REACH,
        _("Nouvelles personnes et personnes revenues"),
        _("Situations d'un premier contact, et de personnes revenues."),
        q_premier_contact,
        about_people=True,
        list_url="prestations:situation_list",
    ),
    Indicator(
        "langues",
        SECTION_REACH,
        _("Langue de l'échange"),
        _("Situations par langue utilisée avec la personne."),
        q_langues,
        about_people=True,
        list_url="prestations:situation_list",
    ),
    Indicator(
        "autre_langue",
        SECTION_REACH,
        _("Échanges dans une autre langue que le français ou le néerlandais"),
        _("Situations dont la langue utilisée n'est ni le français ni le néerlandais."),
        q_autre_langue,
        about_people=True,
        list_url="prestations:situation_list",
    ),
    Indicator(
        "ages",
        SECTION_REACH,
        _("Tranches d'âge"),
        _("Situations par tranche d'âge estimée de la personne."),
        q_ages,
        about_people=True,
        list_url="prestations:situation_list",
    ),
    Indicator(
        "genres",
        SECTION_REACH,
        _("Genre"),
        _("Situations par genre, quand il est précisé."),
        q_genres,
        about_people=True,
        list_url="prestations:situation_list",
    ),
    Indicator(
        "themes",
        SECTION_DEMANDS,
        _("Demandes par thème"),
        _("Thèmes notés sur les situations (une situation peut en avoir plusieurs)."),
        q_themes,
        about_people=True,
        list_url="prestations:situation_list",
    ),
    Indicator(
        "orientations_destination",
        SECTION_DEMANDS,
        _("Orientations par destination"),
        _("Orientations par organisation du répertoire, ou hors répertoire."),
        q_orientations_destination,
        about_people=True,
        list_url="prestations:situation_list",
    ),
    Indicator(
        "orientations_issue",
        SECTION_DEMANDS,
        _("Suite des orientations"),
        _("Orientations selon ce que l'on sait de la suite (accroche)."),
        q_orientations_issue,
        about_people=True,
        list_url="prestations:situation_list",
    ),
    Indicator(
        "orientations_accompagnees",
        SECTION_DEMANDS,
        _("Orientations accompagnées"),
        _("Orientations où le ou la relais a accompagné la personne."),
        q_orientations_accompagnees,
        about_people=True,
        list_url="prestations:situation_list",
    ),
    Indicator(
        "relais_actifs",
        SECTION_VOLUNTEERS,
        _("Relais actif·ves"),
        _("Nombre de relais ayant noté au moins une prestation pendant la période."),
        q_relais_actifs,
        list_url="prestations:prestation_list",
    ),
    Indicator(
        "prestations",
        SECTION_VOLUNTEERS,
        _("Prestations"),
        _("Nombre de sorties ou tâches notées par les relais pendant la période."),
        q_prestations,
        list_url="prestations:prestation_list",
    ),
    Indicator(
        "jours",
        SECTION_VOLUNTEERS,
        _("Jours prestés"),
        _("Nombre de jours différents où chaque relais a presté, additionnés."),
        q_jours,
        list_url="prestations:prestation_list",
    ),
    Indicator(
        "heures",
        SECTION_VOLUNTEERS,
        _("Heures de bénévolat"),
        _(
            "Somme des durées des prestations, d'après leurs heures de début et "
            "de fin ou, à défaut, la durée notée."
        ),
        q_heures,
        unit="hours",
        list_url="prestations:prestation_list",
    ),
    Indicator(
        "km",
        SECTION_VOLUNTEERS,
        _("Kilomètres parcourus"),
        _("Somme des kilomètres notés pour les déplacements des prestations."),
        q_km,
        unit="km",
        list_url="prestations:prestation_list",
    ),
    Indicator(
        "formations",
        SECTION_VOLUNTEERS,
        _("Formations et intervisions"),
        _("Séances de formation et d'intervision organisées pendant la période."),
        q_formations,
        list_url="relais:formation_list",
    ),
    Indicator(
        "heures_formation",
        SECTION_VOLUNTEERS,
        _("Heures de formation suivies"),
        _("Somme des heures des relais présent·es aux formations et intervisions."),
        q_heures_formation,
        unit="hours",
        list_url="relais:formation_list",
    ),
    Indicator(
        "relais_en_ordre",
        SECTION_VOLUNTEERS,
        _("Dossier des relais actif·ves"),
        _(
            "Relais actif·ves dont le dossier légal (convention, note, assurance, "
            "statut) permet de prester le dernier jour de la période."
        ),
        q_relais_en_ordre,
        list_url="relais:relais_list",
    ),
    Indicator(
        "activites_par_type",
        SECTION_COLLECTIVE,
        _("Activités réalisées, par type"),
        _("Activités au statut « réalisée » ayant commencé pendant la période."),
        q_activites_par_type,
        list_url="activites:agenda_month",
    ),
    Indicator(
        "activites_par_lieu",
        SECTION_COLLECTIVE,
        _("Activités réalisées, par lieu"),
        _("Activités réalisées par point de contact ou arrêt du triporteur."),
        q_activites_par_lieu,
        list_url="activites:agenda_month",
    ),
    Indicator(
        "participants",
        SECTION_COLLECTIVE,
        _("Participant·es aux activités"),
        _("Somme des personnes comptées aux activités réalisées."),
        q_participants,
        about_people=True,
        list_url="activites:agenda_month",
    ),
    Indicator(
        "nouveaux_participants",
        SECTION_COLLECTIVE,
        _("Nouvelles personnes aux activités"),
        _("Somme des nouvelles personnes comptées aux activités réalisées."),
        q_nouveaux_participants,
        about_people=True,
        list_url="activites:agenda_month",
    ),
    Indicator(
        "partenaires",
        SECTION_COLLECTIVE,
        _("Partenaires impliqués"),
        _("Organisations partenaires liées aux activités réalisées."),
        q_partenaires,
        list_url="activites:agenda_month",
    ),
    Indicator(
        "defraiements",
        SECTION_BUDGET,
        _("Défraiements validés, par type"),
        _(
            "Montants des lignes de défraiement des fiches validées ou payées, par "
            "date de la ligne."
        ),
        q_defraiements,
        unit="euros",
        list_url="prestations:fiche_overview",
    ),
    Indicator(
        "defraiements_payes",
        SECTION_BUDGET,
        _("Défraiements payés"),
        _("Montants des lignes de défraiement des fiches marquées payées."),
        q_defraiements_payes,
        unit="euros",
        list_url="prestations:fiche_overview",
    ),
    Indicator(
        "marge_forfait",
        SECTION_BUDGET,
        _("Marge sous le plafond annuel du forfait, par relais"),
        _(
            "Plafond annuel légal moins les forfaits de l'année (autres "
            "organisations comprises), pour chaque relais actif·ve. Interne : "
            "n'apparaît ni dans le rapport ni dans l'export."
        ),
        q_marge_forfait,
        unit="euros",
        internal=True,
        list_url="prestations:fiche_overview",
    ),
    Indicator(
        "activites_annulees",
        SECTION_COLLECTIVE,
        _("Activités annulées"),
        _("Activités au statut « annulée » prévues pendant la période."),
        q_activites_annulees,
        list_url="activites:agenda_month",
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
