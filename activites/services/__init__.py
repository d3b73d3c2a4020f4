"""Operations on activities: series, the roster, fréquentation and calendar tokens.

Every function takes keyword-only arguments and runs in one transaction (nothing
half-saved). Rules that refuse raise a translated `ValidationError`.
"""

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from activites.models import (
    Activite,
    Affectation,
    CalendarToken,
    Frequentation,
    Serie,
)
from activites.services.days import local_datetime, serie_days
from activites.services.rosters import (  # noqa: F401 (re-exported)
    Clash,
    Scope,
    SerieRosterResult,
    overlapping,
    place_clashes,
    relais_clashes,
    serie_assign,
    serie_slots,
    serie_targets,
    serie_unassign,
)
from relais.models import Relais
from tisseurs.i18n import translation_names

# Fields an occurrence copies from the form when a series is created or edited.
OCCURRENCE_FIELDS = (
    "kind",
    *translation_names("title", "description"),
    "contact_point",
    "stop",
    "place",
    "relais_needed",
)


def _check_serie(weekdays, first_day, last_day, start_time, end_time) -> None:
    errors = {}
    if not weekdays:
        errors["weekdays"] = _("Choisissez au moins un jour de la semaine.")
    if last_day < first_day:
        errors["last_day"] = _("Le dernier jour doit venir après le premier.")
    elif (last_day - first_day).days > 366 * 2:
        errors["last_day"] = _("Une série dure au plus deux ans.")
    if end_time <= start_time:
        errors["end_time"] = _("La fin doit venir après le début.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def serie_create(
    *,
    weekdays: list[int],
    first_day: date,
    last_day: date,
    start_time: time,
    end_time: time,
    values: dict,
    themes=(),
    partners=(),
) -> Serie:
    """Create a weekly series and one planned `Activite` per day of the rule."""
    _check_serie(weekdays, first_day, last_day, start_time, end_time)
    days = serie_days(weekdays=weekdays, first_day=first_day, last_day=last_day)
    if not days:
        raise ValidationError(
            {"weekdays": _("Aucun de ces jours ne tombe dans la période choisie.")}
        )
    serie = Serie.objects.create(
        weekdays=",".join(str(n) for n in sorted(set(weekdays))),
        first_day=first_day,
        last_day=last_day,
        start_time=start_time,
        end_time=end_time,
    )
    for day in days:
        activite = Activite(
            **values,
            serie=serie,
            start=local_datetime(day, start_time),
            end=local_datetime(day, end_time),
        )
        activite.full_clean(exclude=["serie"])
        activite.save()
        activite.themes.set(themes)
        activite.partners.set(partners)
    return serie


@transaction.atomic
def activite_update(
    *,
    activite: Activite,
    values: dict,
    start_time: time,
    end_time: time,
    day: date,
    themes=(),
    partners=(),
    following: bool = False,
) -> list[Activite]:
    """Apply the form's values to `activite` (and, with `following`, to the later
    planned occurrences of its series, which then form a new series from that day).
    Times are applied as wall-clock times to each occurrence's own date."""
    changed = [activite]
    if following and activite.serie_id:
        # The form may already have moved `activite`: "the following ones" are
        # those after the occurrence as it is stored, not as it was edited.
        stored = Activite.objects.select_for_update().get(pk=activite.pk)
        old = activite.serie
        later = list(
            old.activites.filter(start__gt=stored.start, status=Activite.Status.PLANNED)
        )
        new_serie = Serie.objects.create(
            weekdays=old.weekdays,
            first_day=day,
            last_day=max(old.last_day, day),
            start_time=start_time,
            end_time=end_time,
        )
        if day > old.first_day:
            old.last_day = max(old.first_day, stored.local_day - timedelta(days=1))
            old.save(update_fields=["last_day"])
        changed += later
        for occurrence in changed:
            occurrence.serie = new_serie
    for occurrence in changed:
        occurrence_day = day if occurrence is activite else occurrence.local_day
        for name, value in values.items():
            setattr(occurrence, name, value)
        occurrence.start = local_datetime(occurrence_day, start_time)
        occurrence.end = local_datetime(occurrence_day, end_time)
        occurrence.full_clean(exclude=["serie"])
        _check_slots_cover_confirmed(occurrence)
        occurrence.save()
        occurrence.themes.set(themes)
        occurrence.partners.set(partners)
    return changed


def _check_slots_cover_confirmed(activite: Activite) -> None:
    if not activite.pk:
        return
    confirmed = activite.affectations.filter(
        status=Affectation.Status.CONFIRMED
    ).count()
    if activite.relais_needed < confirmed:
        raise ValidationError(
            {
                "relais_needed": _(
                    "%(count)s relais sont déjà confirmés : le nombre de relais "
                    "nécessaires ne peut pas descendre en dessous."
                )
                % {"count": confirmed}
            }
        )


# --- Roster -------------------------------------------------------------------


@dataclass
class RosterResult:
    affectation: Affectation
    warnings: list[str] = field(default_factory=list)


def _roster_checks(relais: Relais, activite: Activite) -> list[str]:
    """Refuse what cannot be; return warnings for what may be but is odd."""
    if not activite.is_planned:
        raise ValidationError(_("Cette activité n'est plus prévue."))
    check = relais.can_work_on(activite.local_day)
    if not check.ok:
        raise ValidationError(
            [
                _("%(name)s ne peut pas être affecté·e ce jour-là.")
                % {"name": relais.display_name},
                *check.reasons,
            ]
        )
    confirmed = activite.affectations.filter(
        status=Affectation.Status.CONFIRMED
    ).exclude(relais=relais)
    if confirmed.count() >= activite.relais_needed:
        raise ValidationError(_("Toutes les places de cette activité sont prises."))
    return [
        _("%(name)s est déjà inscrit·e au même moment : %(other)s (%(when)s).")
        % {
            "name": relais.display_name,
            "other": other.title,
            "when": timezone.localtime(other.start).strftime("%d/%m %H:%M"),
        }
        for other in overlapping(relais, activite)
    ]


@transaction.atomic
def affectation_assign(*, activite: Activite, relais: Relais, by) -> RosterResult:
    """Coordination puts `relais` on the roster, confirmed at once."""
    activite = Activite.objects.select_for_update().get(pk=activite.pk)
    warnings = _roster_checks(relais, activite)
    now = timezone.now()
    affectation, _created = Affectation.objects.update_or_create(
        activite=activite,
        relais=relais,
        defaults={
            "status": Affectation.Status.CONFIRMED,
            "confirmed_at": now,
            "confirmed_by": by,
            "withdraw_reason": "",
            "withdrawn_at": None,
        },
    )
    return RosterResult(affectation, warnings)


@transaction.atomic
def affectation_offer(*, activite: Activite, relais: Relais) -> RosterResult:
    """A relais offers to take an open place; coordination confirms later."""
    activite = Activite.objects.select_for_update().get(pk=activite.pk)
    if activite.start <= timezone.now():
        raise ValidationError(_("Cette activité a déjà commencé."))
    existing = activite.affectations.filter(relais=relais).first()
    if existing and not existing.is_withdrawn:
        raise ValidationError(_("Vous avez déjà une place dans cette activité."))
    warnings = _roster_checks(relais, activite)
    affectation, _created = Affectation.objects.update_or_create(
        activite=activite,
        relais=relais,
        defaults={
            "status": Affectation.Status.OFFERED,
            "offered_at": timezone.now(),
            "withdraw_reason": "",
            "withdrawn_at": None,
            "confirmed_at": None,
            "confirmed_by": None,
        },
    )
    return RosterResult(affectation, warnings)


@transaction.atomic
def affectation_confirm(*, affectation: Affectation, by) -> RosterResult:
    """Coordination confirms a relais' offer."""
    if not affectation.is_offered:
        raise ValidationError(_("Seule une proposition peut être confirmée."))
    activite = Activite.objects.select_for_update().get(pk=affectation.activite_id)
    warnings = _roster_checks(affectation.relais, activite)
    affectation.status = Affectation.Status.CONFIRMED
    affectation.confirmed_at = timezone.now()
    affectation.confirmed_by = by
    affectation.save(update_fields=["status", "confirmed_at", "confirmed_by"])
    return RosterResult(affectation, warnings)


@transaction.atomic
def affectation_withdraw(*, affectation: Affectation, reason: str) -> Affectation:
    """The relais cannot come (or coordination removes them): the place opens
    again, and the reason stays visible to coordination."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Dites-nous en quelques mots pourquoi.")})
    if affectation.is_withdrawn:
        raise ValidationError(_("Ce désistement est déjà enregistré."))
    if not affectation.activite.is_planned:
        raise ValidationError(_("Cette activité n'est plus prévue."))
    affectation.status = Affectation.Status.WITHDRAWN
    affectation.withdraw_reason = reason
    affectation.withdrawn_at = timezone.now()
    affectation.save(update_fields=["status", "withdraw_reason", "withdrawn_at"])
    return affectation


def roster_gaps(first: date, last: date):
    """Planned activities between two days still missing confirmed relais, with
    their roster prefetched (two queries)."""
    return list(
        Activite.objects.between(first, last)
        .filter(status=Activite.Status.PLANNED)
        .missing_relais()
        .for_agenda()
    )


# --- Fréquentation --------------------------------------------------------------


@transaction.atomic
def frequentation_save(
    *, activite: Activite, values: dict, partners=(), by
) -> Frequentation:
    """Record (or correct) the fréquentation of a past activity; a planned
    activity that has started becomes done."""
    if activite.is_cancelled:
        raise ValidationError(_("Cette activité a été annulée."))
    if activite.start > timezone.now():
        raise ValidationError(
            _("La fréquentation s'encode après le début de l'activité.")
        )
    frequentation = Frequentation.objects.filter(activite=activite).first()
    frequentation = frequentation or Frequentation(activite=activite)
    for name, value in values.items():
        setattr(frequentation, name, value)
    frequentation.recorded_by = by
    frequentation.full_clean(exclude=["activite"])
    frequentation.save()
    frequentation.partners_present.set(partners)
    if activite.is_planned:
        activite.status = Activite.Status.DONE
        activite.save(update_fields=["status", "updated_at"])
    return frequentation


def frequentation_purge_texts(*, before: date) -> int:
    """Blank the attendance report and follow-up of activities held before `before`
    (the situations' retention limit: `anonymise_situations` calls it with the same
    date). Counts stay. Returns how many fréquentations changed."""
    return (
        Frequentation.objects.filter(activite__start__date__lt=before)
        .filter(~Q(report="") | ~Q(follow_up=""))
        .update(report="", follow_up="")
    )


# --- Calendar tokens ------------------------------------------------------------


def calendar_token_for(user) -> CalendarToken | None:
    return user.calendar_tokens.filter(revoked_at__isnull=True).first()


@transaction.atomic
def calendar_token_renew(*, user) -> CalendarToken:
    """Revoke the user's current feed URL (if any) and make a new one."""
    calendar_token_revoke(user=user)
    return CalendarToken.objects.create(user=user, token=CalendarToken.new_secret())


@transaction.atomic
def calendar_token_revoke(*, user) -> None:
    user.calendar_tokens.filter(revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
