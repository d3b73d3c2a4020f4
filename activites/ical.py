"""iCalendar (RFC 5545) feeds of activities, built with the `icalendar` package:
Europe/Brussels times with their VTIMEZONE, stable UIDs (one per activity row, so
an edit updates the event in the calendar app), cancelled occurrences kept and
marked STATUS:CANCELLED. Trainings and intervisions (`relais.Formation`) have a
date but no time: they are all-day events (DTSTART;VALUE=DATE), with a UID of
their own."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

BRUSSELS = ZoneInfo("Europe/Brussels")
UID_DOMAIN = "activites.tisseurs"

STATUS = {"planned": "CONFIRMED", "done": "CONFIRMED", "cancelled": "CANCELLED"}


def activite_uid(activite) -> str:
    return f"activite-{activite.pk}@{UID_DOMAIN}"


def formation_uid(formation) -> str:
    return f"formation-{formation.pk}@{UID_DOMAIN}"


def formation_event(formation) -> Event:
    """An all-day event named "Formation : …" or "Intervision : …"."""
    event = Event()
    event.add("uid", formation_uid(formation))
    event.add("dtstamp", formation.created_at)
    event.add("dtstart", formation.date)
    event.add("dtend", formation.date + timedelta(days=1))
    event.add(
        "summary",
        _("%(kind)s : %(title)s")
        % {"kind": formation.get_kind_display(), "title": formation.title},
    )
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    if formation.place:
        event.add("location", formation.place)
    lines = [
        _("Durée : %(hours)s h") % {"hours": f"{formation.duration_hours:g}"},
    ]
    if formation.trainer:
        lines.append(formation.trainer)
    if formation.topics:
        lines.append(formation.topics)
    event.add("description", "\n\n".join(lines))
    event.add("categories", [formation.get_kind_display()])
    return event


def build_calendar(activites, *, name: str, formations=()) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Tisseurs de liens de quartier//Activites//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Brussels")
    for activite in activites:
        event = Event()
        event.add("uid", activite_uid(activite))
        event.add("dtstamp", activite.updated_at)
        event.add("last-modified", activite.updated_at)
        event.add("dtstart", timezone.localtime(activite.start, BRUSSELS))
        event.add("dtend", timezone.localtime(activite.end, BRUSSELS))
        event.add("summary", activite.title)
        event.add("status", STATUS[activite.status])
        if activite.where:
            event.add("location", activite.where)
        description = activite.description
        if activite.is_cancelled:
            description = _("Annulée : %(reason)s") % {
                "reason": activite.cancel_reason
            } + (f"\n\n{description}" if description else "")
        if description:
            event.add("description", description)
        event.add("categories", [activite.get_kind_display()])
        calendar.add_component(event)
    for formation in formations:
        calendar.add_component(formation_event(formation))
    calendar.add_missing_timezones()
    return calendar.to_ical()
