"""Day helpers of the relais file: display and the ONEM working-day count."""

from datetime import date, timedelta

from django.utils.formats import date_format


def add_working_days(start: date, days: int) -> date:
    """`start` plus `days` working days, Saturdays included (ONEM count)."""
    current = start
    while days:
        current += timedelta(days=1)
        if current.weekday() != 6:
            days -= 1
    return current


def format_day(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")
