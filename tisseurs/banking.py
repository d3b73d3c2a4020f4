"""Bank details and the text of SEPA files: the one IBAN and BIC check, and the
one transliteration to the EPC basic Latin character set (docs/domain.md, § on
payments).

IBAN (ISO 13616) and BIC (ISO 9362) are checked by `schwifty`, a maintained
library, never by hand: the IBAN checksum and the national checksum where a country
has one, the length and structure per country, and membership of the SEPA zone
(a SEPA credit transfer cannot pay a Turkish account). Both are stored in their
compact upper-case form (`BE71096123456769`, `GKCCBEBB`).
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from schwifty import BIC, IBAN
from schwifty import exceptions as bank_errors
from text_unidecode import unidecode

# What every SEPA bank must accept (EPC "basic Latin" character set, EPC217-08 and
# the SEPA Credit Transfer implementation guidelines §1.4).
EPC_CHARACTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-?:().,'+ "
)
# ASCII characters outside the set, given their nearest allowed neighbour;
# anything else outside the set becomes a space.
_EPC_REPLACEMENTS = str.maketrans(
    {
        "&": "+",
        '"': "'",
        "`": "'",
        "_": "-",
        ";": ",",
        "!": ".",
        "[": "(",
        "]": ")",
        "{": "(",
        "}": ")",
        "<": "(",
        ">": ")",
    }
)
_SPACES = re.compile(r" +")
_SLASHES = re.compile(r"/{2,}")


def normalize_iban(value: str) -> str:
    """The compact upper-case IBAN (`be71 0961 …` → `BE710961…`)."""
    return "".join(value.split()).upper()


def normalize_bic(value: str) -> str:
    """The compact upper-case BIC (`gkcc be bb` → `GKCCBEBB`)."""
    return "".join(value.split()).upper()


def validate_iban(value: str) -> None:
    """Refuse an IBAN that is not one (checksum, length, structure, national
    check) or whose country is outside the SEPA zone."""
    if not value:
        return
    try:
        iban = IBAN(normalize_iban(value), validate_bban=True)
    except bank_errors.InvalidChecksumDigits:
        raise ValidationError(
            _(
                "Cet IBAN est incorrect : ses chiffres de contrôle ne correspondent "
                "pas. Vérifiez-le sur un extrait de compte."
            ),
            code="iban_checksum",
        ) from None
    except bank_errors.InvalidCountryCode:
        raise ValidationError(
            _("Cet IBAN ne commence pas par un code de pays connu (BE, NL, FR…)."),
            code="iban_country",
        ) from None
    except (bank_errors.SchwiftyException, ValueError):
        raise ValidationError(
            _(
                "Cet IBAN est incorrect : sa longueur ou sa forme ne correspond pas "
                "à celle de son pays. Vérifiez-le sur un extrait de compte."
            ),
            code="iban_invalid",
        ) from None
    if not iban.in_sepa_zone:
        raise ValidationError(
            _(
                "Un virement SEPA ne peut pas payer un compte de ce pays "
                "(%(country)s) : donnez un IBAN d'un pays de la zone SEPA."
            )
            % {"country": iban.country_code},
            code="iban_not_sepa",
        )


def validate_bic(value: str) -> None:
    """Refuse a BIC that is not 8 or 11 characters of the ISO 9362 form
    (bank, country, location, optional branch)."""
    if not value:
        return
    try:
        BIC(normalize_bic(value))
    except (bank_errors.SchwiftyException, ValueError):
        raise ValidationError(
            _(
                "Ce BIC est incorrect : il compte 8 ou 11 lettres et chiffres, "
                "par exemple GKCCBEBB (code de la banque, du pays, de la ville)."
            ),
            code="bic_invalid",
        ) from None


def _is_latin_letter(character: str) -> bool:
    return unicodedata.name(character, "").startswith("LATIN")


def is_latin_script(text: str) -> bool:
    """Is every letter of `text` a Latin one (é, ç, ı, ø included)? Arabic,
    Cyrillic, Greek… letters are not: their transliteration is a guess that may not
    match the name the bank holds."""
    return all(_is_latin_letter(c) for c in text if c.isalpha())


def epc_text(value: str, max_length: int) -> str:
    """`value` in the EPC basic Latin set, at most `max_length` characters.

    Accents and other Latin letters are transliterated (`Hélène` → `Helene`,
    `Yılmaz` → `Yilmaz`), `&` becomes `+`, other characters outside the set a space;
    runs of spaces and of slashes are collapsed and the text never starts or ends
    with `/` (EPC rule for references). A text too long is cut at the last space
    within the limit when there is one in its second half, else at the limit."""
    text = unicodedata.normalize("NFC", value or "")
    text = unidecode(text).translate(_EPC_REPLACEMENTS)
    text = "".join(c if c in EPC_CHARACTERS else " " for c in text)
    text = _SLASHES.sub("/", _SPACES.sub(" ", text)).strip(" /")
    if len(text) > max_length:
        cut = text.rfind(" ", 0, max_length + 1)
        text = text[: cut if cut > max_length // 2 else max_length]
        text = text.rstrip(" /")
    return text


def validate_latin_script(value: str) -> None:
    """Refuse a name meant for the bank that is not written in Latin letters."""
    if value and (not is_latin_script(value) or not epc_text(value, 70)):
        raise ValidationError(
            _(
                "Écrivez ce nom en lettres latines (A à Z, accents permis), tel "
                "qu'il figure sur le compte bancaire."
            ),
            code="not_latin",
        )


def needs_latin_name(name: str) -> bool:
    """Is `name` unusable as such in a SEPA file (another script, or nothing left
    once transliterated)? Its Latin-script form must then be given."""
    return not is_latin_script(name) or not epc_text(name, 70)
