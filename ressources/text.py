"""Text helpers of the directory: search normalisation and phone numbers."""

import re
import unicodedata

import phonenumbers

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalize(text: str) -> str:
    """Lower-case ASCII words: "Santé  Mentale" → "sante mentale", "één" → "een".

    Both the stored `Service.search_text` and every query go through this one
    function, so search is accent- and case-insensitive on SQLite and PostgreSQL
    alike (no database extension needed)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.casefold().replace("æ", "ae").replace("œ", "oe")
    return _NOT_WORD.sub(" ", stripped).strip()


def _parse(number: str):
    try:
        return phonenumbers.parse(number, "BE")
    except phonenumbers.NumberParseException:
        return None


def phone_is_valid(number: str) -> bool:
    parsed = _parse(number)
    return parsed is not None and phonenumbers.is_valid_number(parsed)


def phone_e164(number: str) -> str:
    """+3222101011 for "02 210 10 11" (what a `tel:` link needs)."""
    parsed = _parse(number)
    if parsed is None:
        return re.sub(r"[^0-9+]", "", number)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
