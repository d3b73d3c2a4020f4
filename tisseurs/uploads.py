"""The one check for uploaded documents and photos (signed agreements, receipts,
certificates): a size limit, and a real PDF or image, judged on its first bytes
rather than its name. Used by every app's upload fields and forms."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The largest file the app accepts (an HSDS package; documents take 10 MB at most,
# receipts 5 MB). Request bodies over it plus a margin for the other fields and
# the multipart framing are refused before they are read
# (tisseurs.middleware.RequestBodyLimitMiddleware).
LARGEST_UPLOAD_BYTES = 20 * 1024 * 1024
REQUEST_BODY_MAX_BYTES = LARGEST_UPLOAD_BYTES + 5 * 1024 * 1024


def looks_like_image_or_pdf(head: bytes) -> bool:
    """PDF, JPEG, PNG, WEBP, or HEIC/HEIF (an ISO "ftyp" box), from the first bytes."""
    return (
        head.startswith((b"%PDF", b"\xff\xd8\xff", b"\x89PNG"))
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
        or head[4:8] == b"ftyp"
    )


def check_image_or_pdf(upload, *, max_bytes: int) -> None:
    """Raise a translated ValidationError unless `upload` is a PDF or a photo of at
    most `max_bytes`. A file already stored was checked when it was uploaded."""
    if not upload:
        return
    if upload.size > max_bytes:
        raise ValidationError(
            _("Le fichier pèse %(size)s Mo ; %(max)s Mo au maximum."),
            code="too_large",
            params={
                "size": f"{upload.size / 1024 / 1024:.1f}",
                "max": max_bytes // (1024 * 1024) or f"{max_bytes / 1024 / 1024:.2f}",
            },
        )
    if getattr(upload, "_committed", False) and not hasattr(upload, "content_type"):
        return
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    if not looks_like_image_or_pdf(head):
        raise ValidationError(
            _("Ce fichier n'est ni une photo ni un PDF."), code="file_type"
        )
