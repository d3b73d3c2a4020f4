"""CSV in the Belgian Excel dialect by default, or plain RFC 4180 for machines."""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from tisseurs.exports.cells import Figure, Sheet, Value, defuse


@dataclass(frozen=True)
class Dialect:
    delimiter: str
    decimal: str
    date_format: str
    datetime_format: str
    bom: bool


# What Excel in a Belgian (fr-BE / nl-BE) locale opens with a double click:
# UTF-8 announced by a BOM, ";" between fields, a decimal comma, day first.
EXCEL_BE = Dialect(
    delimiter=";",
    decimal=",",
    date_format="%d/%m/%Y",
    datetime_format="%d/%m/%Y %H:%M",
    bom=True,
)
# For machines: RFC 4180 (",", CRLF), decimal point, ISO 8601 dates, no BOM.
RFC4180 = Dialect(
    delimiter=",",
    decimal=".",
    date_format="%Y-%m-%d",
    datetime_format="%Y-%m-%dT%H:%M",
    bom=False,
)


def text(value: Value, dialect: Dialect = EXCEL_BE) -> str:
    """One value as the dialect writes it; None is an empty field."""
    if isinstance(value, Figure):
        value = value.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal | float):
        plain = format(value, "f") if isinstance(value, Decimal) else repr(value)
        return plain.replace(".", dialect.decimal)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime(dialect.datetime_format)
    if isinstance(value, date):
        return value.strftime(dialect.date_format)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return defuse(str(value))


def table(sheet: Sheet, *, dialect: Dialect = EXCEL_BE) -> str:
    """The sheet as CSV text: header row, then one line per row (CRLF endings)."""
    buffer = io.StringIO()
    if dialect.bom:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=dialect.delimiter, lineterminator="\r\n")
    writer.writerow([defuse(h) for h in sheet.headers])
    for row in sheet.rows:
        writer.writerow([text(value, dialect) for value in row])
    return buffer.getvalue()
