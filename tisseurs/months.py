"""Months, as every app stores and asks for them: a month is its first day, and a
query string or form gives it as YYYY-MM."""

from datetime import date, timedelta

from django.utils import timezone


def month_start(day: date) -> date:
    """The first day of `day`'s month."""
    return day.replace(day=1)


def next_month(day: date) -> date:
    """The first day of the month after `day`'s (the exclusive end of its month)."""
    start = month_start(day)
    if start.month == 12:
        if start.year == date.max.year:
            return date.max  # no month after December 9999: its last day will do
        return start.replace(year=start.year + 1, month=1)
    return start.replace(month=start.month + 1)


def previous_month(day: date) -> date:
    """The first day of the month before `day`'s (January of year 1 for itself)."""
    start = month_start(day)
    if start == date.min:
        return start
    return month_start(start - timedelta(days=1))


def parse_month(value: str | None, default: date | None = None) -> date:
    """The month of a `YYYY-MM` string, or `default`'s (today's) month if invalid
    (views read it through `tisseurs.params.month_param`, which also bounds it)."""
    try:
        year, month = (part for part in (value or "").split("-"))
        if not all(part.isascii() and part.isdigit() for part in (year, month)):
            raise ValueError(value)
        return date(int(year), int(month), 1)
    except (TypeError, ValueError, OverflowError):
        return month_start(default or timezone.localdate())


def month_nav(month: date) -> dict:
    """What a page browsing month by month puts in its context: the month shown and
    its neighbours (templates link to `?month={{ previous_month|date:"Y-m" }}`)."""
    return {
        "month": month_start(month),
        "previous_month": previous_month(month),
        "next_month": next_month(month),
    }
