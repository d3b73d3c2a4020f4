"""Phone numbers, read as Belgian unless they start with + (relais, directory).

The one phone check of the project is `validate_phone`: model fields use it as a
validator, model `clean()` methods and forms call it (with their own message where
they show an example). Relais store the E.164 form (`normalize_phone`, applied by
`Relais.clean()`); the directory stores numbers as typed and formats them to dial.
"""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def parse_phone(value: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(value, "BE")
    except phonenumbers.NumberParseException:
        return None


def phone_is_valid(value: str) -> bool:
    number = parse_phone(value)
    return number is not None and phonenumbers.is_valid_number(number)


PHONE_INVALID = _("Ce numéro de téléphone n'est pas valide.")


def validate_phone(
    value: str, *, message: str = PHONE_INVALID, field: str | None = None
) -> None:
    """A Belgian (04xx…, 02…) or international (+…) phone number. An empty value
    passes: whether a number is required is the field's business. With `field`,
    the error is attached to that field (for a model's `clean()`)."""
    if not value or phone_is_valid(value):
        return
    error = ValidationError(message, code="phone")
    raise ValidationError({field: error}) if field else error


def normalize_phone(value: str) -> str:
    """The international (E.164) form of a valid phone number, else `value`."""
    if not phone_is_valid(value):
        return value
    return phonenumbers.format_number(
        parse_phone(value), phonenumbers.PhoneNumberFormat.E164
    )


def phone_e164(value: str) -> str:
    """+3222101011 for "02 210 10 11" (what a `tel:` link needs); the digits alone
    when the number cannot be read."""
    number = parse_phone(value)
    if number is None:
        return re.sub(r"[^0-9+]", "", value)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(value: str) -> str:
    """A readable form: national for Belgian numbers, international otherwise."""
    number = parse_phone(value)
    if number is None:
        return value
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 32
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)
