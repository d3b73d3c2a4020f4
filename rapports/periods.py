"""Reporting periods: a month, a quarter, a year or custom dates (ends included)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import formats
from django.utils.translation import gettext as _

from tisseurs.months import next_month


class PeriodError(ValueError):
    """A period that cannot be built (bad numbers, end before start)."""


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    kind: str = "custom"  # month, quarter, year or custom

    def __post_init__(self):
        if self.end < self.start:
            raise PeriodError(
                _("La période se termine (%(end)s) avant de commencer (%(start)s).")
                % {
                    "end": formats.date_format(self.end, "SHORT_DATE_FORMAT"),
                    "start": formats.date_format(self.start, "SHORT_DATE_FORMAT"),
                }
            )

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        if not 1 <= month <= 12:
            raise PeriodError(_("Le mois doit être compris entre 1 et 12."))
        start = date(year, month, 1)
        return cls(start, next_month(start) - timedelta(days=1), "month")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        if not 1 <= quarter <= 4:
            raise PeriodError(_("Le trimestre doit être compris entre 1 et 4."))
        first = cls.month(year, 3 * quarter - 2)
        last = cls.month(year, 3 * quarter)
        return cls(first.start, last.end, "quarter")

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31), "year")

    @classmethod
    def between(cls, start: date, end: date) -> "Period":
        """The period from `start` to `end`, recognised as a calendar month, quarter
        or year when it is exactly one (so its previous period is the previous
        month, quarter or year), else custom dates."""
        for candidate in (
            cls.month(start.year, start.month),
            cls.quarter(start.year, (start.month - 1) // 3 + 1),
            cls.year(start.year),
        ):
            if (candidate.start, candidate.end) == (start, end):
                return candidate
        return cls(start, end, "custom")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period of the same kind just before (same length for custom dates)."""
        if self.kind == "month":
            before = self.start - timedelta(days=1)
            return Period.month(before.year, before.month)
        if self.kind == "quarter":
            before = self.start - timedelta(days=1)
            return Period.quarter(before.year, (before.month - 1) // 3 + 1)
        if self.kind == "year":
            return Period.year(self.start.year - 1)
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end, "custom")

    @property
    def label(self) -> str:
        if self.kind == "month":
            return formats.date_format(self.start, "YEAR_MONTH_FORMAT")
        if self.kind == "quarter":
            return _("T%(quarter)s %(year)s") % {
                "quarter": (self.start.month - 1) // 3 + 1,
                "year": self.start.year,
            }
        if self.kind == "year":
            return str(self.start.year)
        return _("du %(start)s au %(end)s") % {
            "start": formats.date_format(self.start, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(self.end, "SHORT_DATE_FORMAT"),
        }

    def as_query(self) -> str:
        """The dashboard query string that selects this period."""
        year = self.start.year
        if self.kind == "month":
            return f"kind=month&year={year}&month={self.start.month}"
        if self.kind == "quarter":
            return f"kind=quarter&year={year}&quarter={(self.start.month - 1) // 3 + 1}"
        if self.kind == "year":
            return f"kind=year&year={year}"
        return f"kind=custom&start={self.start.isoformat()}&end={self.end.isoformat()}"
