"""What the home pages show about the relais file (bounded queries)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext

from relais.models import (
    ALERT_DAYS,
    InsurancePolicy,
    NoteVersion,
    Relais,
    WorkContext,
    format_day,
)
from tisseurs.params import id_url


def note_to_read(
    relais: Relais | None, today: date, *, note: NoteVersion | None
) -> NoteVersion | None:
    """`note` (the current information note, `WorkContext.note`) if `relais` has
    not acknowledged it yet: the card on their today page. None once read, or
    before it is published. Reads `relais.acknowledgements.all()`: prefetch it."""
    if relais is None or note is None or note.published_on > today:
        return None
    return None if relais.acknowledgement_of(note) else note


@dataclass
class RelaisAlerts:
    relais: Relais
    messages: list[str]
    url: str  # the relais' file (`relais.get_absolute_url()`)


def organisation_alerts(today: date, *, context: WorkContext) -> list[str]:
    """Alerts on the organisation's own papers (insurance, note)."""
    found = []
    soon = today + timedelta(days=ALERT_DAYS)
    liability = context.liability_policy_on(today)
    if liability is None:
        found.append(
            gettext(
                "Aucune assurance en responsabilité civile n'est valable aujourd'hui."
            )
        )
    elif liability.valid_until and liability.valid_until <= soon:
        renewed = context.liability_policy_on(liability.valid_until + timedelta(days=1))
        if renewed is None:
            found.append(
                gettext("L'assurance %(policy)s se termine le %(day)s.")
                % {"policy": liability, "day": format_day(liability.valid_until)}
            )
    for policy in context.policies:
        if (
            policy.kind == InsurancePolicy.Kind.ACCIDENT
            and policy.valid_until
            and today <= policy.valid_until <= soon
        ):
            found.append(
                gettext("L'assurance %(policy)s se termine le %(day)s.")
                % {"policy": policy, "day": format_day(policy.valid_until)}
            )
    if context.note is None:
        found.append(gettext("La note d'organisation n'est pas encore rédigée."))
    return found


def relais_alerts(
    today: date, *, context: WorkContext, queryset=None, rows=None
) -> list[RelaisAlerts]:
    """Relais (not left) with something to do, in a fixed number of queries.
    `rows`: those relais already loaded `with_alert_data`."""
    if rows is None:
        queryset = queryset if queryset is not None else Relais.objects.all()
        rows = queryset.not_left().with_alert_data()
    found = []
    file_url = id_url("relais:relais_detail")
    for relais in rows:
        messages = relais.alerts(today, context=context)
        if messages:
            found.append(
                RelaisAlerts(relais=relais, messages=messages, url=file_url(relais.pk))
            )
    return found


def coordination_panel(today: date) -> dict:
    """The alerts of coordination's home, with what they were computed from
    (`work_context`, `relais_rows`: the relais not left, with their work data) for
    the other panels that ask `can_work_on`."""
    context = WorkContext.load()
    rows = Relais.objects.not_left().alert_rows()
    return {
        "organisation_alerts": organisation_alerts(today, context=context),
        "relais_alerts": relais_alerts(today, context=context, rows=rows),
        "work_context": context,
        "relais_rows": rows,
    }
