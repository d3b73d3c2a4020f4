"""Rosters over a series, and overlap checks.

Assigning a relais to every planned date of a series (or from a date onward) in
one step, taking them off the rest of a series the same way, and the overlap
checks the planning forms ask before saving: an activity at the same contact
point at intersecting times, or a relais already on an activity at intersecting
times. Overlaps are warnings, never refusals: the caller shows them and saves
once coordination confirms.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from activites.models import Activite, Affectation, Serie
from activites.services.days import local_datetime, serie_days
from relais.models import WORK_DATA, Relais, WorkContext

ACTIVE_STATUSES = (Affectation.Status.OFFERED, Affectation.Status.CONFIRMED)


def overlapping(relais: Relais, activite: Activite):
    """Other activities (not cancelled) at overlapping times where `relais` is
    offered or confirmed."""
    return (
        Activite.objects.filter(
            affectations__relais=relais,
            affectations__status__in=ACTIVE_STATUSES,
            start__lt=activite.end,
            end__gt=activite.start,
        )
        .exclude(pk=activite.pk)
        .exclude(status=Activite.Status.CANCELLED)
    )


# --- Overlaps -----------------------------------------------------------------


@dataclass(frozen=True)
class Clash:
    """One overlap: `planned` (the activity being planned or assigned, or the
    slot of a new one) intersects `other`, an activity already in the agenda.
    `relais` is set when the clash is about a relais' own roster."""

    start: datetime
    end: datetime
    other: Activite
    relais: Relais | None = None

    def __str__(self) -> str:
        values = {
            "day": timezone.localtime(self.start).strftime("%d/%m/%Y"),
            "other": self.other.title,
            "from": timezone.localtime(self.other.start).strftime("%H:%M"),
            "to": timezone.localtime(self.other.end).strftime("%H:%M"),
        }
        if self.relais is not None:
            return _(
                "%(name)s, le %(day)s : déjà sur « %(other)s » (%(from)s–%(to)s)."
            ) % {**values, "name": self.relais.display_name}
        return (
            _("Le %(day)s : « %(other)s » au même point de contact (%(from)s–%(to)s).")
            % values
        )


def place_clashes(
    *,
    contact_point_id: int | None,
    slots: list[tuple[datetime, datetime]],
    exclude: list[int] = (),
) -> list[Clash]:
    """The non-cancelled activities at `contact_point_id` whose times intersect
    one of `slots` (start, end) on the same day; `exclude` are the activities
    being edited. One query whatever the number of slots."""
    if not contact_point_id or not slots:
        return []
    first = min(start for start, _end in slots)
    last = max(end for _start, end in slots)
    others = list(
        Activite.objects.filter(
            contact_point_id=contact_point_id, start__lt=last, end__gt=first
        )
        .exclude(status=Activite.Status.CANCELLED)
        .exclude(pk__in=list(exclude))
        .order_by("start")
    )
    return [
        Clash(start=start, end=end, other=other)
        for start, end in slots
        for other in others
        if other.start < end and other.end > start
    ]


def relais_clashes(*, relais: list[Relais], activites: list[Activite]) -> list[Clash]:
    """For each relais and each of `activites`, the other non-cancelled activities
    at intersecting times where that relais is offered or confirmed (activities
    of `activites` themselves do not count: they are what is being assigned).
    One query whatever the number of relais and dates."""
    if not relais or not activites:
        return []
    targets = {a.pk for a in activites}
    first = min(a.start for a in activites)
    last = max(a.end for a in activites)
    rows = (
        Affectation.objects.filter(
            relais__in=relais,
            status__in=ACTIVE_STATUSES,
            activite__start__lt=last,
            activite__end__gt=first,
        )
        .exclude(activite__status=Activite.Status.CANCELLED)
        .exclude(activite_id__in=targets)
        .select_related("activite", "relais")
        .order_by("activite__start")
    )
    by_relais: dict[int, list[Activite]] = {}
    for row in rows:
        by_relais.setdefault(row.relais_id, []).append(row.activite)
    return [
        Clash(start=activite.start, end=activite.end, other=other, relais=person)
        for person in relais
        for activite in sorted(activites, key=lambda a: a.start)
        for other in by_relais.get(person.pk, [])
        if other.start < activite.end and other.end > activite.start
    ]


# --- Series rosters -------------------------------------------------------------


class Scope:
    """Which dates of a series a roster change covers."""

    ONE = "one"
    FROM = "from"
    ALL = "all"


@dataclass
class Skipped:
    relais: Relais
    activite: Activite
    reason: str

    @property
    def day(self) -> date:
        return self.activite.local_day


@dataclass
class SerieRosterResult:
    assigned: dict[int, list[Activite]] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)

    def count(self, relais: Relais) -> int:
        return len(self.assigned.get(relais.pk, []))


def serie_targets(
    *, serie: Serie, from_day: date | None = None, only: Activite | None = None
):
    """The activities of `serie` still to come (from `from_day` when given, or
    only `only`), with their roster, in date order. Cancelled ones are kept so
    that they show as skipped; done ones are not (they are past)."""
    queryset = serie.activites.filter(start__gte=timezone.now()).exclude(
        status=Activite.Status.DONE
    )
    if only is not None:
        queryset = queryset.filter(pk=only.pk)
    elif from_day is not None:
        queryset = queryset.filter(
            start__gte=timezone.make_aware(datetime.combine(from_day, time()))
        )
    return queryset.order_by("start").prefetch_related(
        Prefetch("affectations", queryset=Affectation.objects.all())
    )


@transaction.atomic
def serie_assign(
    *,
    serie: Serie,
    relais: list[Relais],
    by,
    from_day: date | None = None,
    only: Activite | None = None,
) -> SerieRosterResult:
    """Confirm each of `relais` on every planned future activity of `serie`
    (from `from_day`, or only `only`), in one transaction. A date is skipped,
    with the reason, when the activity is cancelled or full, when the relais is
    already on it or withdrew from it (their withdrawal stands), or when their
    legal file does not let them work that day (`Relais.can_work_on`). An offer
    the relais made is confirmed."""
    if not relais:
        raise ValidationError({"relais": _("Choisissez au moins un·e relais.")})
    activites = list(
        serie_targets(serie=serie, from_day=from_day, only=only).select_for_update()
    )
    if not activites:
        raise ValidationError(_("Aucune date à venir dans cette série."))
    people = list(Relais.objects.filter(pk__in=[r.pk for r in relais]))
    people.sort(key=lambda r: r.display_name)
    prefetch_related_objects(people, *WORK_DATA)
    context = WorkContext.load()
    now = timezone.now()
    result = SerieRosterResult()
    for activite in activites:
        rows = {a.relais_id: a for a in activite.affectations.all()}
        confirmed = sum(1 for a in rows.values() if a.is_confirmed)
        for person in people:
            row = rows.get(person.pk)
            reason = None
            if activite.is_cancelled:
                reason = _("activité annulée")
            elif row is not None and row.is_confirmed:
                reason = _("déjà affecté·e")
            elif row is not None and row.is_withdrawn:
                reason = _("s'est désisté·e pour cette date")
            elif confirmed >= activite.relais_needed:
                reason = _("complet")
            else:
                check = person.can_work_on(activite.local_day, context=context)
                if not check.ok:
                    reason = " ".join(str(r) for r in check.reasons)
            if reason:
                result.skipped.append(Skipped(person, activite, reason))
                continue
            values = {
                "status": Affectation.Status.CONFIRMED,
                "confirmed_at": now,
                "confirmed_by": by,
            }
            if row is None:
                row = Affectation.objects.create(
                    activite=activite, relais=person, **values
                )
                rows[person.pk] = row
            else:
                for name, value in values.items():
                    setattr(row, name, value)
                row.save(update_fields=list(values))
            confirmed += 1
            result.assigned.setdefault(person.pk, []).append(activite)
    return result


@transaction.atomic
def serie_unassign(
    *,
    serie: Serie,
    relais: list[Relais],
    reason: str,
    from_day: date | None = None,
    only: Activite | None = None,
) -> dict[int, int]:
    """Take each of `relais` off the planned future activities of `serie` (from
    `from_day`, or only `only`), as a withdrawal with `reason` so the gaps show.
    Returns how many dates each relais (by pk) was taken off."""
    reason = (reason or "").strip()
    errors = {}
    if not relais:
        errors["relais"] = _("Choisissez au moins un·e relais.")
    if not reason:
        errors["reason"] = _("Dites-nous en quelques mots pourquoi.")
    if errors:
        raise ValidationError(errors)
    targets = serie_targets(serie=serie, from_day=from_day, only=only).filter(
        status=Activite.Status.PLANNED
    )
    rows = Affectation.objects.select_for_update().filter(
        activite__in=targets.values("pk"),
        relais__in=relais,
        status__in=ACTIVE_STATUSES,
    )
    counts: dict[int, int] = {}
    for row in rows:
        counts[row.relais_id] = counts.get(row.relais_id, 0) + 1
    rows.update(
        status=Affectation.Status.WITHDRAWN,
        withdraw_reason=reason,
        withdrawn_at=timezone.now(),
    )
    return counts


def serie_slots(
    *, weekdays: list[int], first_day: date, last_day: date, start_time, end_time
) -> list[tuple[datetime, datetime]]:
    """The (start, end) of each occurrence a series rule would create."""
    return [
        (local_datetime(day, start_time), local_datetime(day, end_time))
        for day in serie_days(weekdays=weekdays, first_day=first_day, last_day=last_day)
    ]
