"""Validators for what relais type: free text stays anonymous (docs/domain.md
§3.2, the check in tisseurs/privacy.py), uploads stay small images or PDFs.

One validator, `validate_no_identifying_data`, is used by the model fields, so forms,
the admin and services all refuse the same texts.
"""

from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from tisseurs import privacy
from tisseurs.uploads import check_image_or_pdf

# The check itself is in the core (tisseurs/privacy.py): activities' attendance
# texts use it too. These names stay, for the fields' migrations and callers.
find_identifying_data = privacy.find_identifying_data
is_national_number = privacy.is_national_number


def validate_no_identifying_data(text: str) -> None:
    """Refuse text that looks like a phone number, an e-mail address or a Belgian
    national register number (the note of a situation must stay anonymous)."""
    privacy.validate_no_identifying_data(text)


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
