"""Operations on prestations, situations and orientations (docs/conventions.md §4):
each is keyword-only, typed and atomic; views, the admin and commands call these."""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from activites.models import Activite
from prestations.models import (
    FicheMensuelle,
    Kind,
    Orientation,
    Place,
    Prestation,
    Situation,
    SituationFollowUp,
    month_start,
)
from prestations.models.prestation import new_pseudonymous_code
from prestations.services.derived import fiches_sync_for
from relais.models import Relais


def month_is_open(*, relais: Relais, day: date) -> bool:
    """May `relais` still add or change entries of `day`'s month? (For pages: a
    read, which creates no fiche.)"""
    return FicheMensuelle.objects.is_open_for(relais, day)


def month_closed_error(day: date) -> ValidationError:
    return ValidationError(
        _(
            "La fiche de %(month)s est envoyée ou validée : ses sorties ne "
            "peuvent plus changer. Demandez à la coordination de vous la renvoyer."
        )
        % {"month": date_format(month_start(day), "F Y")},
        code="month_closed",
    )


def month_check_open(*, relais: Relais, day: date) -> None:
    """Inside a change's transaction: refuse it when the month's fiche was sent or
    validated. The fiche row is created if needed and locked, so a concurrent
    submit waits for the change (or the change waits and is then refused)."""
    fiche, _created = FicheMensuelle.objects.select_for_update().get_or_create(
        relais=relais, month=month_start(day)
    )
    if not fiche.is_open:
        raise month_closed_error(day)


def _check_can_work_and_activite(prestation: Prestation) -> None:
    check = prestation.relais.can_work_on(prestation.date)
    if not check.ok:
        raise ValidationError(
            [
                _("Pas de prestation possible le %(date)s :")
                % {"date": date_format(prestation.date, "j F Y")},
                *check.reasons,
            ],
            code="cannot_work",
        )
    if prestation.activite_id and not (
        Activite.objects.started_with_confirmed(
            prestation.relais, prestation.date, timezone.now()
        )
        .filter(pk=prestation.activite_id)
        .exists()
    ):
        raise ValidationError(
            _(
                "Cette activité n'est pas une activité commencée le %(date)s "
                "avec votre place confirmée."
            )
            % {"date": date_format(prestation.date, "j F Y")},
            code="activite_not_confirmed",
        )


def _previous_date(prestation: Prestation) -> date | None:
    if not prestation.pk:
        return None
    return (
        Prestation.objects.filter(pk=prestation.pk)
        .values_list("date", flat=True)
        .first()
    )


def prestation_check(*, prestation: Prestation) -> None:
    """The rules of `prestation_save`, as a read (it creates and locks nothing):
    for a form that shows the refusal before saving. `prestation_save` runs them
    again under lock."""
    _check_not_in_future(prestation)
    for day in (_previous_date(prestation), prestation.date):
        if day and not month_is_open(relais=prestation.relais, day=day):
            raise month_closed_error(day)
    _check_can_work_and_activite(prestation)


def _check_not_in_future(prestation: Prestation) -> None:
    if prestation.date and prestation.date > timezone.localdate():
        raise ValidationError(
            {
                "date": _(
                    "Le %(date)s est dans le futur : notez une sortie une fois faite."
                )
                % {"date": date_format(prestation.date, "j F Y")}
            },
            code="future",
        )


@transaction.atomic
def prestation_save(*, prestation: Prestation, by=None) -> list[str]:
    """Create or update a prestation: not in the future (today in Brussels), the
    month (before and after the change) must be open, the relais must be allowed
    to work that day, and a linked activity must be one of that day's done
    activities where the relais was confirmed. Its défraiement lines follow in the
    same transaction; returns why a line could not follow (a rule refused it)."""
    _check_not_in_future(prestation)
    previous = _previous_date(prestation)
    if previous:
        month_check_open(relais=prestation.relais, day=previous)
    month_check_open(relais=prestation.relais, day=prestation.date)
    _check_can_work_and_activite(prestation)
    prestation.full_clean()
    prestation.save()
    months = {month_start(prestation.date), month_start(previous or prestation.date)}
    return fiches_sync_for(relais=prestation.relais, months=months, by=by)


ACTIVITE_KIND_TO_KIND = {
    Activite.Kind.PERMANENCE: Kind.PERMANENCE,
    Activite.Kind.ROUND: Kind.OUTREACH_ROUND,
    Activite.Kind.NETWORK: Kind.NETWORK,
    Activite.Kind.COMITE: Kind.NETWORK,
}


def prestation_initial_from_activite(*, activite: Activite) -> dict:
    """What a done activity pre-fills in its relais' prestation of the day: date,
    times, place and kind (the relais confirms, and may adjust the times)."""
    start = timezone.localtime(activite.start)
    end = timezone.localtime(activite.end)
    if activite.stop_id or (
        activite.contact_point_id
        and activite.contact_point.kind == activite.contact_point.Kind.MOBILE
    ):
        place = Place.MOBILE
    elif activite.contact_point_id:
        place = Place.FIXED
    else:
        place = Place.OTHER
    return {
        "activite": activite.pk,
        "date": start.date(),
        "start_time": start.time().replace(second=0, microsecond=0),
        "end_time": end.time().replace(second=0, microsecond=0)
        if end.date() == start.date()
        else None,
        "place": place,
        "kind": ACTIVITE_KIND_TO_KIND.get(activite.kind, Kind.ACTIVITY),
    }


def activites_to_log(*, relais: Relais, day, now=None) -> list[Activite]:
    """Activities of `day` where `relais` was confirmed, done or started by `now`
    (default: now), that no prestation of theirs records yet: what "Noter une
    sortie" offers to pre-fill."""
    logged = (
        Prestation.objects.for_relais(relais)
        .filter(date=day, activite__isnull=False)
        .values("activite")
    )
    return list(
        Activite.objects.started_with_confirmed(
            relais, day, now or timezone.now()
        ).exclude(pk__in=logged)
    )


@transaction.atomic
def prestation_delete(*, prestation: Prestation, by=None) -> list[str]:
    """Delete a prestation of an open month with its défraiement lines; the day's
    forfait moves to another outing of the day, if any."""
    month_check_open(relais=prestation.relais, day=prestation.date)
    relais, day = prestation.relais, prestation.date
    prestation.delete()
    return fiches_sync_for(relais=relais, months=[month_start(day)], by=by)


@transaction.atomic
def situation_save(
    *,
    situation: Situation,
    themes,
    services=(),
    other_text: str = "",
    accompanied: bool = False,
    give_code: bool = False,
) -> Situation:
    """Save a situation with its themes and add its new orientations (one per
    service, plus one "other" when `other_text` is given)."""
    prestation = situation.prestation
    month_check_open(relais=prestation.relais, day=prestation.date)
    situation.full_clean(exclude=["prestation"])
    if give_code and not situation.code:
        # Given after the checks: a new code is never one a person came back with.
        situation.code = new_pseudonymous_code()
    situation.save()
    situation.themes.set(themes)
    orientations = [
        Orientation(situation=situation, service=service, is_accompanied=accompanied)
        for service in services
    ]
    if other_text:
        orientations.append(
            Orientation(
                situation=situation, other_text=other_text, is_accompanied=accompanied
            )
        )
    for orientation in orientations:
        orientation.full_clean(exclude=["situation"])
    Orientation.objects.bulk_create(orientations)
    return situation


@transaction.atomic
def situation_delete(*, situation: Situation) -> None:
    prestation = situation.prestation
    month_check_open(relais=prestation.relais, day=prestation.date)
    situation.delete()


@transaction.atomic
def orientation_set_outcome(
    *, orientation: Orientation, outcome: str, accompanied: bool, user
) -> Orientation:
    """Record what became of an orientation. Allowed after the month is closed:
    the outcome is often known weeks later and changes no amount."""
    orientation.outcome = outcome
    orientation.is_accompanied = accompanied
    orientation.outcome_updated_at = timezone.now()
    orientation.outcome_updated_by = user
    orientation.full_clean(exclude=["situation", "service", "outcome_updated_by"])
    orientation.save(
        update_fields=[
            "outcome",
            "is_accompanied",
            "outcome_updated_at",
            "outcome_updated_by",
        ]
    )
    return orientation


@transaction.atomic
def situation_anonymise_expired(*, today: date, months: int) -> int:
    """Remove the pseudonymous code and the note of situations whose last contact is
    more than `months` months before `today` (GDPR art. 5.1.e; docs/domain.md
    §3.3). A code's last contact is the latest prestation date of any situation
    carrying it. Coordination's follow-up notes on them are deleted. Counts, themes
    and orientations stay. Returns how many situations changed."""
    limit = today - relativedelta(months=months)
    with_data = Situation.objects.filter(~Q(code="") | ~Q(note=""))
    recent_codes = (
        Situation.objects.exclude(code="")
        .values("code")
        .annotate(last=Max("prestation__date"))
        .filter(last__gte=limit)
        .values("code")
    )
    old = Situation.objects.filter(prestation__date__lt=limit).filter(
        Q(code="") | ~Q(code__in=recent_codes)
    )
    # Coordination's follow-up notes go with the situation's own note.
    SituationFollowUp.objects.filter(situation__in=old.values("pk")).delete()
    expired = with_data.filter(pk__in=old.values("pk"))
    return Situation.objects.filter(pk__in=expired.values("pk")).update(
        code="", note="", anonymised_at=timezone.now()
    )


def last_situation_language(*, relais: Relais) -> str | None:
    """The language of the relais' latest situation (pre-selected on the next
    one: a relais mostly meets people in the same language), or None."""
    return (
        Situation.objects.filter(prestation__relais=relais)
        .order_by("-prestation__date", "-pk")
        .values_list("language", flat=True)
        .first()
    )


def last_choices(*, relais: Relais) -> dict:
    """The place and kind of the relais' latest prestation (pre-selected next
    time), or an empty dict."""
    return (
        Prestation.objects.for_relais(relais)
        .order_by("-date", "-created_at")
        .values("place", "kind")
        .first()
        or {}
    )
