"""What an export is made of: sheets of typed values, and the one formula rule."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

# Excel number formats (the file stores the number; the reader's locale shows it).
COUNT = "0"
MONEY = "#,##0.00"
DECIMAL_1 = "#,##0.0"
DATE = "DD/MM/YYYY"
DATETIME = "DD/MM/YYYY HH:MM"
TIME = "HH:MM"

# A text starting with one of these is a formula (or becomes one) in Excel,
# LibreOffice and Google Sheets (OWASP "CSV injection").
RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Figure:
    """A number with its own format, when one column mixes kinds (COCOM figures)."""

    value: int | Decimal | float
    number_format: str


Value = None | str | bool | int | float | Decimal | date | datetime | time | Figure


@dataclass(frozen=True)
class Column:
    """A translated header, and the number format of its numbers when the type's
    default does not fit (an hour count in Decimal is "0.0", not money)."""

    header: str
    number_format: str = ""


@dataclass
class Sheet:
    """One content: a translated title (the XLSX sheet name), its columns, its rows."""

    title: str
    columns: Sequence[Column | str]
    rows: list[Sequence[Value]] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        return [str(getattr(c, "header", c)) for c in self.columns]

    def number_format(self, index: int) -> str:
        column = self.columns[index] if index < len(self.columns) else ""
        return getattr(column, "number_format", "")


def is_risky(value: object) -> bool:
    """True for text a spreadsheet would read as a formula."""
    return isinstance(value, str) and value.startswith(RISKY_STARTS)


def defuse(text: str) -> str:
    """The text as a spreadsheet shows it and never runs: a leading quote before
    = + - @ tab or CR (what Excel itself stores when one types '=…)."""
    return "'" + text if is_risky(text) else text


def default_format(value: object) -> str:
    """The number format of a value whose column names none."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return COUNT
    if isinstance(value, Decimal | float):
        return MONEY
    if isinstance(value, datetime):
        return DATETIME
    if isinstance(value, date):
        return DATE
    if isinstance(value, time):
        return TIME
    return ""
