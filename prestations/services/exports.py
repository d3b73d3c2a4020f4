"""The prestations app's files of rows: the month's payments, the yearly nominative
list and coordination's prestations and situations exports. Each builds a `Sheet` of
typed values (translated title and headers); tisseurs/exports writes it as XLSX or
CSV."""

from datetime import date, timedelta

from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from prestations.models import Prestation, Situation
from prestations.services.payment import nominative_list, payments_for_month
from tisseurs.disclosure import SMALL_COUNT, mask_rare
from tisseurs.exports import COUNT, DECIMAL_1, MONEY, Column, Sheet


def payments_sheet(*, month: date) -> Sheet:
    """What direction pays for `month`: name, IBAN, amount, status."""
    return Sheet(
        title=f"{_('Paiements')} {month:%m-%Y}",
        columns=[_("Nom"), _("IBAN"), Column(_("Montant (€)"), MONEY), _("Statut")],
        rows=[
            [row.name, row.iban or None, row.amount, row.fiche.get_status_display()]
            for row in payments_for_month(month)
        ],
    )


def nominative_sheet(*, year: int) -> Sheet:
    """The yearly nominative list: one row per person and date, with the amount."""
    return Sheet(
        title=_("Liste nominative des forfaits"),
        columns=[_("Nom"), _("Date"), Column(_("Montant (€)"), MONEY)],
        rows=[
            [person["name"], line.date, line.amount]
            for person in nominative_list(year)
            for line in person["lines"]
        ],
    )


def prestations_sheet(*, prestations: QuerySet[Prestation], month: date) -> Sheet:
    """Coordination's export for accounting: explicit columns, never the notes."""
    field = Prestation._meta.get_field

    def header(name: str, number_format: str = "") -> Column:
        return Column(capfirst(str(field(name).verbose_name)), number_format)

    return Sheet(
        title=f"{capfirst(str(Prestation._meta.verbose_name_plural))} {month:%m-%Y}",
        columns=[
            Column("ID", COUNT),
            header("relais"),
            header("date"),
            header("start_time"),
            header("end_time"),
            header("duration_minutes", COUNT),
            header("place"),
            header("kind"),
            header("people_met", COUNT),
            header("travel_mode"),
            header("travel_km", DECIMAL_1),
            header("travel_ticket_amount", MONEY),
        ],
        rows=[
            [
                p.pk,
                p.relais.display_name,
                p.date,
                p.start_time,
                p.end_time,
                p.minutes,
                p.get_place_display(),
                p.get_kind_display(),
                p.people_met,
                p.get_travel_mode_display() if p.travel_mode else None,
                p.travel_km,
                p.travel_ticket_amount,
            ]
            for p in prestations.select_related("relais").order_by("relais", "date")
        ],
    )


# The columns that describe a person; a value (or combination) shared by fewer than
# five rows is masked (tisseurs/disclosure.py).
SITUATION_DESCRIBING_COLUMNS = (3, 4, 5)


def situations_sheet(
    *, situations: QuerySet[Situation], start: date, end: date
) -> Sheet:
    """Coordination's list of situations from `start` to `end` (excluded): never
    the pseudonymous code nor a note, and age band, gender and language masked
    where fewer than five people share them (the small-cell rule)."""
    situations = situations.for_listing().order_by("prestation__date", "pk")
    yes, no = _("Oui"), _("Non")

    def follow_up(situation: Situation) -> str:
        if not situation.follow_up_needed:
            return ""
        return _("Clôturé") if situation.follow_up_closed_at else _("À suivre")

    rows = [
        [
            s.prestation.date,
            s.prestation.relais.display_name,
            ", ".join(str(t.label) for t in s.listed_themes),
            s.get_age_band_display(),
            s.get_gender_display(),
            s.get_language_display(),
            yes if s.is_first_contact else no,
            "; ".join(
                f"{o.target} ({o.get_outcome_display()})" for o in s.listed_orientations
            ),
            follow_up(s),
        ]
        for s in situations
    ]
    last = end - timedelta(days=1)
    return Sheet(
        title=f"{_('Situations')} {start:%d-%m-%Y} {last:%d-%m-%Y}",
        columns=[
            _("Date"),
            _("Relais"),
            _("Thèmes"),
            _("Tranche d'âge"),
            _("Genre"),
            _("Langue"),
            _("Premier contact"),
            _("Orientations (résultat)"),
            _("Suivi"),
        ],
        rows=mask_rare(rows, SITUATION_DESCRIBING_COLUMNS, mark=f"<{SMALL_COUNT}"),
    )
