"""Reading one value of an HSDS row: each parser reports a bad value on the row's
line and field and returns None, so that one pass lists every problem; and the
models' own validation of a row, reported the same way."""

import uuid
from datetime import date, time
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

# The HSDS column of a model field, where the names differ (for the report).
COLUMN_OF = {
    "name_nl": "alternate_name",
    "name_fr": "name",
    "description_fr": "description",
    "eligibility_fr": "eligibility_description",
    "eligibility": "eligibility_description",
    "interpretation_note": "interpretation_services",
    "verified_on": "assured_date",
    "verified_by_email": "assurer_email",
    "organization": "organization_id",
    "service": "service_id",
    "location": "location_id",
    "weekday": "byday",
    "closes_next_day": "closes_at",
    "note": "description",
}


def required_message() -> str:
    return _("Valeur obligatoire manquante.")


def parse_uuid(report, file, line, row, column, *, required=True):
    value = row.get(column, "")
    if not value:
        if required:
            report.error(file, line, column, required_message())
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        report.error(file, line, column, _("Identifiant invalide (UUID attendu)."))
        return None


def parse_date(report, file, line, row, column):
    value = row.get(column, "")
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        report.error(file, line, column, _("Date invalide (AAAA-MM-JJ attendu)."))
        return None


def parse_time(report, file, line, row, column):
    value = row.get(column, "")
    if not value:
        return None
    try:
        return time.fromisoformat(value.rstrip("Z")[:8])
    except ValueError:
        report.error(file, line, column, _("Heure invalide (HH:MM attendu)."))
        return None


def parse_coordinate(report, file, line, row, column, limit):
    value = row.get(column, "")
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        report.error(file, line, column, _("Coordonnée invalide (nombre attendu)."))
        return None
    if not number.is_finite():
        report.error(file, line, column, _("Coordonnée invalide (nombre attendu)."))
        return None
    if abs(number) > limit:
        report.warn(
            file, line, column, _("Coordonnée hors limites : elle n'est pas gardée.")
        )
        return None
    return number.quantize(Decimal("0.000001"))


def report_invalid(report, obj, file, line) -> int:
    """The model's full validation (`full_clean`, as in the admin), each message
    reported on its HSDS column; the number of messages."""
    try:
        obj.full_clean()
    except ValidationError as error:
        found = 0
        for name, messages in error.message_dict.items():
            column = "" if name == NON_FIELD_ERRORS else COLUMN_OF.get(name, name)
            for message in messages:
                report.error(file, line, column, message)
                found += 1
        return found
    return 0
