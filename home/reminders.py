"""The reminders `manage.py daily` sends: each collector below finds, for a day,
who must be reminded of what; `reminders_send` sends each (kind, object, person)
once, by e-mail in the person's language, and keeps it for their home page.

A collector yields `Reminder`s whose `text` is a function, called with the
recipient's language active, so that each person reads the reminder in their own
language."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from activites.models import Activite, Affectation
from home.models import ReminderKind, ReminderPreference, SentReminder
from prestations.models import FicheMensuelle, Prestation
from relais.models import (
    ALERT_DAYS,
    EXPIRY_ALERT_DAYS,
    Convention,
    Document,
    Formation,
    InsurancePolicy,
    NoteAcknowledgement,
    NoteVersion,
    Relais,
)
from tisseurs.months import previous_month
from tisseurs.roles import COORDINATION, RELAIS, user_roles

# Monthly sheets are due by this day of the next month (docs/domain.md).
MONTH_DUE_DAY = 5
# How long a reminder about no particular day stays on the home page.
SHOWN_DAYS = 7

# Who can receive which kind (the preferences page offers only these).
KINDS_BY_ROLE = {
    COORDINATION: [
        ReminderKind.CONVENTION_EXPIRING,
        ReminderKind.INSURANCE_EXPIRING,
        ReminderKind.DOCUMENT_EXPIRING,
        ReminderKind.SHEETS_WAITING,
    ],
    RELAIS: [
        ReminderKind.CONVENTION_EXPIRING,
        ReminderKind.DOCUMENT_EXPIRING,
        ReminderKind.NOTE_TO_ACKNOWLEDGE,
        ReminderKind.MONTH_NOT_SENT,
        ReminderKind.SHEET_RETURNED,
        ReminderKind.ROSTER_TOMORROW,
        ReminderKind.TRAINING_TOMORROW,
    ],
}


def kinds_for(user) -> list[str]:
    """The kinds of reminder `user` may receive, in the order of ReminderKind."""
    mine = {kind for role in user_roles(user) for kind in KINDS_BY_ROLE.get(role, [])}
    return [kind for kind in ReminderKind.values if kind in mine]


def enabled_kinds(user) -> list[str]:
    off = set(
        ReminderPreference.objects.filter(user=user, enabled=False).values_list(
            "kind", flat=True
        )
    )
    return [kind for kind in kinds_for(user) if kind not in off]


@transaction.atomic
def reminder_preferences_set(*, user, enabled: list[str]) -> None:
    """Turn on the kinds in `enabled` and off the other kinds `user` may get."""
    for kind in kinds_for(user):
        ReminderPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"enabled": kind in enabled}
        )


def reminders_shown(user, *, today: date) -> list[SentReminder]:
    """The reminders the home page lists for `user`, kinds turned off left out,
    and a note the relais has since acknowledged (on the phone or on paper) left
    out too (one query)."""
    since = timezone.now() - timedelta(days=SHOWN_DAYS)
    turned_off = ReminderPreference.objects.filter(user=user, enabled=False)
    notes_read = (
        NoteAcknowledgement.objects.filter(relais__user=user)
        .annotate(key=Concat(Value("note:"), Cast("version_id", CharField())))
        .values("key")
    )
    return list(
        SentReminder.objects.shown_to(user, today=today, recent_since=since)
        .exclude(kind__in=turned_off.values("kind"))
        .exclude(kind=ReminderKind.NOTE_TO_ACKNOWLEDGE, key__in=notes_read)
        .order_by("due_on", "-sent_at")[:20]
    )


@dataclass(frozen=True)
class Reminder:
    kind: str
    key: str
    user: object
    text: Callable[[], str]
    url: str = ""
    due_on: date | None = None


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def coordination_users():
    return list(
        get_user_model()
        .objects.filter(groups__name=COORDINATION, is_active=True)
        .distinct()
    )


def _relais_with_account():
    return Relais.objects.with_access().filter(user__isnull=False, user__is_active=True)


def users_without_access() -> set[int]:
    """User ids of the relais who left or are suspended: they get no reminder, by
    e-mail or on a home page they cannot reach (`Relais.access_suspended`)."""
    return set(
        Relais.objects.exclude(pk__in=Relais.objects.with_access())
        .filter(user__isnull=False)
        .values_list("user_id", flat=True)
    )


def _to_relais_and_staff(kind, key, relais, staff, text, day) -> Iterator[Reminder]:
    """One reminder about a paper of `relais` to each coordinator (linking the
    relais file) and to the relais (linking their own documents)."""
    recipients = [*staff, relais.user] if relais.user_id else staff
    for user in recipients:
        url = (
            reverse("relais:my_documents")
            if user == relais.user
            else relais.get_absolute_url()
        )
        yield Reminder(kind, key, user, text, url, day)


def conventions_expiring(today: date) -> Iterator[Reminder]:
    """An agreement ending within 30 days with no later one: the relais and
    coordination."""
    soon = today + timedelta(days=ALERT_DAYS)
    ending = Convention.objects.filter(
        end_date__gte=today, end_date__lte=soon, relais__in=Relais.objects.not_left()
    ).select_related("relais__user")
    staff = coordination_users()
    for convention in ending:
        relais = convention.relais
        if relais.conventions.filter(start_date__gt=convention.end_date).exists():
            continue
        key = f"convention:{convention.pk}:{convention.end_date}"

        def text(relais=relais, end=convention.end_date):
            return gettext("La convention de %(name)s se termine le %(day)s.") % {
                "name": relais.display_name,
                "day": _day(end),
            }

        yield from _to_relais_and_staff(
            ReminderKind.CONVENTION_EXPIRING,
            key,
            relais,
            staff,
            text,
            convention.end_date,
        )


def insurances_expiring(today: date) -> Iterator[Reminder]:
    """A policy of the organisation ending within 30 days with no policy of the
    same kind taking over: coordination."""
    soon = today + timedelta(days=ALERT_DAYS)
    policies = list(InsurancePolicy.objects.all())
    staff = coordination_users()
    for policy in policies:
        end = policy.valid_until
        if not end or not today <= end <= soon:
            continue
        renewed = any(
            other.kind == policy.kind
            and other.valid_from <= end + timedelta(days=1)
            and (other.valid_until is None or other.valid_until > end)
            for other in policies
            if other.pk != policy.pk
        )
        if renewed:
            continue

        def text(policy=policy, end=end):
            return gettext("L'assurance %(policy)s se termine le %(day)s.") % {
                "policy": policy,
                "day": _day(end),
            }

        for user in staff:
            yield Reminder(
                ReminderKind.INSURANCE_EXPIRING,
                f"insurance:{policy.pk}:{end}",
                user,
                text,
                reverse("relais:insurance_list"),
                end,
            )


def documents_expiring(today: date) -> Iterator[Reminder]:
    """A document of a relais (not left) whose expiry date falls within 30 days:
    coordination and the relais themself. The key holds the date, so a document
    renewed with a new expiry date is reminded again."""
    soon = today + timedelta(days=EXPIRY_ALERT_DAYS)
    expiring = Document.objects.filter(
        expires_on__gte=today,
        expires_on__lte=soon,
        relais__in=Relais.objects.not_left(),
    ).select_related("relais__user")
    staff = coordination_users() if expiring else []
    for document in expiring:
        relais = document.relais

        def text(relais=relais, document=document):
            return gettext(
                "Le document « %(title)s » de %(name)s expire le %(day)s."
            ) % {
                "title": document.title,
                "name": relais.display_name,
                "day": _day(document.expires_on),
            }

        yield from _to_relais_and_staff(
            ReminderKind.DOCUMENT_EXPIRING,
            f"document:{document.pk}:{document.expires_on}",
            relais,
            staff,
            text,
            document.expires_on,
        )


def notes_to_acknowledge(today: date) -> Iterator[Reminder]:
    """The current information note, to each relais who has not acknowledged it."""
    note = NoteVersion.objects.current()
    if note is None or note.published_on > today:
        return
    done = NoteAcknowledgement.objects.filter(version=note).values("relais")
    for relais in _relais_with_account().exclude(pk__in=done).select_related("user"):

        def text(number=note.number):
            return gettext(
                "Une nouvelle version de la note d'organisation (version %(number)s) "
                "est à lire et à signer."
            ) % {"number": number}

        yield Reminder(
            ReminderKind.NOTE_TO_ACKNOWLEDGE,
            f"note:{note.pk}",
            relais.user,
            text,
            reverse("relais:my_note"),
        )


def months_not_sent(today: date) -> Iterator[Reminder]:
    """After the 5th, a relais who went out last month and has not sent that
    month's sheet."""
    if today.day <= MONTH_DUE_DAY:
        return
    month = previous_month(today.replace(day=1))
    sent = FicheMensuelle.objects.filter(month=month).exclude(
        status__in=FicheMensuelle.OPEN_STATUSES
    )
    worked = Prestation.objects.in_month(month).values("relais")
    late = (
        _relais_with_account()
        .filter(pk__in=worked)
        .exclude(pk__in=sent.values("relais"))
        .select_related("user")
    )
    for relais in late:

        def text(month=month):
            return gettext(
                "Votre mois de %(month)s n'est pas encore envoyé : il devait l'être "
                "le %(day)s."
            ) % {
                "month": date_format(month, "F Y"),
                "day": MONTH_DUE_DAY,
            }

        yield Reminder(
            ReminderKind.MONTH_NOT_SENT,
            f"month:{month:%Y-%m}",
            relais.user,
            text,
            reverse("prestations:fiche_mine"),
        )


def sheets_waiting(today: date) -> Iterator[Reminder]:
    """Coordination: sheets sent and not yet validated, once per month concerned."""
    waiting = (
        FicheMensuelle.objects.filter(status=FicheMensuelle.Status.SUBMITTED)
        .values_list("month", flat=True)
        .distinct()
    )
    months = sorted(set(waiting))
    staff = coordination_users() if months else []
    for month in months:
        count = FicheMensuelle.objects.filter(
            status=FicheMensuelle.Status.SUBMITTED, month=month
        ).count()

        def text(month=month, count=count):
            return ngettext(
                "%(count)s fiche de %(month)s attend votre validation.",
                "%(count)s fiches de %(month)s attendent votre validation.",
                count,
            ) % {"count": count, "month": date_format(month, "F Y")}

        url = reverse("prestations:fiche_overview") + f"?month={month:%Y-%m}"
        for user in staff:
            yield Reminder(
                ReminderKind.SHEETS_WAITING, f"sheets:{month:%Y-%m}", user, text, url
            )


def sheets_returned(today: date) -> Iterator[Reminder]:
    """A relais whose sheet came back for correction (once per return)."""
    returned = FicheMensuelle.objects.filter(
        status=FicheMensuelle.Status.RETURNED, relais__user__isnull=False
    ).select_related("relais__user")
    for fiche in returned:

        def text(month=fiche.month):
            return gettext(
                "Votre fiche de %(month)s vous est renvoyée pour correction."
            ) % {"month": date_format(month, "F Y")}

        yield Reminder(
            ReminderKind.SHEET_RETURNED,
            f"returned:{fiche.pk}:{fiche.version}",
            fiche.relais.user,
            text,
            reverse("prestations:fiche_mine") + f"?month={fiche.month:%Y-%m}",
        )


def roster_tomorrow(today: date) -> Iterator[Reminder]:
    """A relais confirmed on an activity that takes place tomorrow."""
    tomorrow = today + timedelta(days=1)
    places = Affectation.objects.filter(
        status=Affectation.Status.CONFIRMED,
        activite__status=Activite.Status.PLANNED,
        activite__start__date=tomorrow,
        relais__user__isnull=False,
    ).select_related("activite", "relais__user")
    for place in places:
        activite = place.activite

        def text(activite=activite):
            start = timezone.localtime(activite.start)
            return gettext("Demain à %(time)s : %(title)s.") % {
                "time": date_format(start, "H:i"),
                "title": activite.title,
            }

        yield Reminder(
            ReminderKind.ROSTER_TOMORROW,
            f"roster:{place.pk}:{tomorrow}",
            place.relais.user,
            text,
            reverse("activites:my_schedule"),
            tomorrow,
        )


def trainings_tomorrow(today: date) -> Iterator[Reminder]:
    """Every active relais, the day before a training or an intervision."""
    tomorrow = today + timedelta(days=1)
    formations = list(Formation.objects.filter(date=tomorrow))
    if not formations:
        return
    relais_list = list(_relais_with_account().active().select_related("user"))
    for formation in formations:

        def text(formation=formation):
            return gettext("Demain : %(title)s (%(kind)s).") % {
                "title": formation.title,
                "kind": formation.get_kind_display(),
            }

        for relais in relais_list:
            yield Reminder(
                ReminderKind.TRAINING_TOMORROW,
                f"training:{formation.pk}",
                relais.user,
                text,
                reverse("relais:my_trainings"),
                tomorrow,
            )


COLLECTORS = (
    conventions_expiring,
    insurances_expiring,
    documents_expiring,
    notes_to_acknowledge,
    months_not_sent,
    sheets_waiting,
    sheets_returned,
    roster_tomorrow,
    trainings_tomorrow,
)


def disabled_kinds() -> set[tuple[int, str]]:
    """(user id, kind) of every kind someone turned off."""
    return set(
        ReminderPreference.objects.filter(enabled=False).values_list("user_id", "kind")
    )


def reminders_send(*, today: date) -> dict[str, int]:
    """Send every reminder due on `today` that was not sent before: e-mail (when
    the person has an address) and home page. Returns how many per kind."""
    sent: dict[str, int] = {}
    off = disabled_kinds()
    closed = users_without_access()
    for collect in COLLECTORS:
        for reminder in collect(today):
            if reminder.user.pk in closed or (reminder.user.pk, reminder.kind) in off:
                continue
            if _send_once(reminder):
                sent[reminder.kind] = sent.get(reminder.kind, 0) + 1
    return sent


def _send_once(reminder: Reminder) -> bool:
    user = reminder.user
    if SentReminder.objects.filter(
        kind=reminder.kind, key=reminder.key, user=user
    ).exists():
        return False
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    link = f"{settings.SITE_URL.rstrip('/')}{reminder.url}" if reminder.url else ""
    with translation.override(language):
        text = reminder.text()
        subject = gettext("Tisseurs de liens : rappel")
        body = "\n\n".join(
            part
            for part in (
                text,
                link,
                gettext(
                    "Vous pouvez choisir les rappels que vous recevez sur la page "
                    "« Mes rappels » de votre compte."
                ),
            )
            if part
        )
    try:
        with transaction.atomic():
            record = SentReminder.objects.create(
                kind=reminder.kind,
                key=reminder.key,
                user=user,
                text=text[:300],
                url=reminder.url,
                due_on=reminder.due_on,
            )
    except IntegrityError:  # sent by a run at the same moment
        return False
    if user.email:
        send_mail(subject, body, None, [user.email])
        record.emailed = True
        record.save(update_fields=["emailed"])
    return True
