"""The private files of a relais (signed agreement or note, certificates), some
with an expiry date (a certificate, a residence permit scan…)."""

from datetime import date, timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from relais.models.dates import format_day
from tisseurs.uploads import check_image_or_pdf

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
DOCUMENT_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "webp", "heic"]
# A document "expires soon" this many days ahead (as agreements and insurance:
# relais.models.relais.ALERT_DAYS).
EXPIRY_ALERT_DAYS = 30


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
    expires_on = models.DateField(
        _("expire le"),
        null=True,
        blank=True,
        help_text=_(
            "Dernier jour de validité (attestation, titre de séjour, assurance…). "
            "Vide si le document n'expire pas."
        ),
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

    def expiry_on(self, today: date) -> str:
        """ "expired", "soon" (within EXPIRY_ALERT_DAYS) or "" on `today`."""
        if self.expires_on is None:
            return ""
        if self.expires_on < today:
            return "expired"
        if self.expires_on <= today + timedelta(days=EXPIRY_ALERT_DAYS):
            return "soon"
        return ""

    @property
    def is_expired(self) -> bool:
        """Past its expiry date today (the badge on the relais file)."""
        return self.expiry_on(timezone.localdate()) == "expired"

    @property
    def expires_soon(self) -> bool:
        """Expiring within EXPIRY_ALERT_DAYS from today."""
        return self.expiry_on(timezone.localdate()) == "soon"

    @property
    def is_legal(self) -> bool:
        """A kind the legal file relies on (the signed agreement or note)."""
        return self.kind in (self.Kind.CONVENTION, self.Kind.NOTE)


def document_alerts(documents, today: date) -> list[str]:
    """The alerts of a relais' file about their documents: expired, or expiring
    within EXPIRY_ALERT_DAYS. They never block work (`Relais.can_work_on`): a
    signed agreement or note still counts by its own dates; the alert asks for a
    renewed copy."""
    found = []
    for document in documents:
        state = document.expiry_on(today)
        if not state:
            continue
        values = {"title": document.title, "day": format_day(document.expires_on)}
        if state == "expired" and document.is_legal:
            text = gettext(
                "Le document « %(title)s » du dossier légal a expiré le %(day)s : "
                "à renouveler."
            )
        elif state == "expired":
            text = gettext("Le document « %(title)s » a expiré le %(day)s.")
        else:
            text = gettext("Le document « %(title)s » expire le %(day)s.")
        found.append(text % values)
    return found
