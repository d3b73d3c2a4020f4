"""The private files of a relais (signed agreement or note, certificates)."""

from pathlib import PurePath

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tisseurs.uploads import check_image_or_pdf

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
DOCUMENT_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "webp", "heic"]


def validate_document_file(file) -> None:
    """A PDF or an image (checked on its first bytes), 10 MB at most."""
    check_image_or_pdf(file, max_bytes=DOCUMENT_MAX_BYTES)


def document_upload_to(instance, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"relais/{instance.relais_id}/{timezone.now():%Y%m%d%H%M%S%f}{suffix}"


class Document(models.Model):
    """A private file of one relais (signed agreement or note, certificate…),
    stored under MEDIA_ROOT and served only through `relais:document_download`."""

    class Kind(models.TextChoices):
        CONVENTION = "convention", _("Convention signée")
        NOTE = "note", _("Note d'organisation signée")
        CERTIFICATE = "certificate", _("Attestation")
        OTHER = "other", _("Autre document")

    relais = models.ForeignKey(
        "relais.Relais",
        verbose_name=_("relais"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=200)
    file = models.FileField(
        _("fichier"),
        upload_to=document_upload_to,
        validators=[
            FileExtensionValidator(DOCUMENT_EXTENSIONS),
            validate_document_file,
        ],
        help_text=_("PDF ou photo (JPG, PNG), 10 Mo au maximum."),
    )
    uploaded_at = models.DateTimeField(_("déposé le"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déposé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["relais", "-uploaded_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("relais:document_download", args=[self.pk])
