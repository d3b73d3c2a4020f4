"""Validators for what relais type: free text stays anonymous (docs/domain.md
§3.2), uploads stay small images or PDFs.

One validator, `validate_no_identifying_data`, is used by the model fields, so forms,
the admin and services all refuse the same texts.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from tisseurs.uploads import check_image_or_pdf

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A phone number: +32… / 0032… / 0… then 7 to 13 more digits, with spaces, dots,
# slashes or dashes allowed between them (not the tail of a longer number).
PHONE_RE = re.compile(
    r"(?<![\w+])(?<!\d[./-])"
    r"(?:(?:\+|00)\d(?:[\s./-]?\d){7,13}|0\d(?:[\s./-]?\d){7,9})(?!\d)"
)
# A Belgian national register number: YY.MM.DD-XXX.CC, separators optional.
NATIONAL_NUMBER_RE = re.compile(
    r"(?<!\d)(\d{2})[.\s]?(\d{2})[.\s]?(\d{2})[-.\s]?(\d{3})[.\s]?(\d{2})(?!\d)"
)

NATIONAL_NUMBER_MESSAGE = _(
    "Ce texte semble contenir un numéro de registre national. Les situations "
    "restent anonymes : n'écrivez rien qui permette de reconnaître la personne."
)
PHONE_MESSAGE = _(
    "Ce texte semble contenir un numéro de téléphone. Les situations restent "
    "anonymes : n'écrivez ni numéro, ni adresse, ni nom de la personne."
)
EMAIL_MESSAGE = _(
    "Ce texte semble contenir une adresse e-mail. Les situations restent "
    "anonymes : n'écrivez aucun moyen de contacter la personne."
)


def is_national_number(first_nine: str, check: str) -> bool:
    """The mod-97 check of a Belgian national register number (born before 2000,
    or from 2000 on with a 2 in front)."""
    number, control = int(first_nine), int(check)
    return control in (97 - number % 97, 97 - int("2" + first_nine) % 97)


def find_identifying_data(text: str) -> str | None:
    """The reason `text` looks identifying, or None when it looks anonymous."""
    if not text:
        return None
    for match in NATIONAL_NUMBER_RE.finditer(text):
        groups = match.groups()
        if is_national_number("".join(groups[:4]), groups[4]):
            return str(NATIONAL_NUMBER_MESSAGE)
    if EMAIL_RE.search(text):
        return str(EMAIL_MESSAGE)
    if PHONE_RE.search(text):
        return str(PHONE_MESSAGE)
    return None


def validate_no_identifying_data(text: str) -> None:
    """Refuse text that looks like a phone number, an e-mail address or a Belgian
    national register number (the note of a situation must stay anonymous)."""
    reason = find_identifying_data(text)
    if reason:
        raise ValidationError(reason, code="identifying")


RECEIPT_MAX_BYTES = 5 * 1024 * 1024
RECEIPT_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "heic", "pdf"]

validate_receipt_extension = FileExtensionValidator(
    allowed_extensions=RECEIPT_EXTENSIONS,
    message=_(
        "Le justificatif doit être une photo (JPG, PNG, WEBP, HEIC) ou un PDF "
        "(reçu : « %(extension)s »)."
    ),
)


def validate_receipt_file(upload) -> None:
    """A receipt is at most 5 MB and really is a photo or a PDF (its first bytes,
    not only its name)."""
    check_image_or_pdf(upload, max_bytes=RECEIPT_MAX_BYTES)
