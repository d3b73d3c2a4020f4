"""Days and wall-clock times of activities and series."""

from datetime import date, datetime, time

from dateutil.rrule import WEEKLY, rrule
from django.utils import timezone


def local_datetime(day: date, at: time) -> datetime:
    """`day` at `at`, Brussels wall-clock time (correct on both sides of a
    daylight-saving change)."""
    return timezone.make_aware(datetime.combine(day, at))


def serie_days(*, weekdays: list[int], first_day: date, last_day: date) -> list[date]:
    rule = rrule(
        WEEKLY,
        byweekday=weekdays,
        dtstart=datetime.combine(first_day, time()),
        until=datetime.combine(last_day, time()),
    )
    return [moment.date() for moment in rule]
