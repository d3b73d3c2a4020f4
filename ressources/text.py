"""Text helpers of the directory: search normalisation (phone numbers are in
`tisseurs.phones`, re-exported here)."""

import re
import unicodedata

from tisseurs.phones import phone_e164, phone_is_valid  # noqa: F401

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
