"""Issued reports: once issued, a report's figures and PDF never change (pretix)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def rapport_upload_to(instance, filename: str) -> str:
    return f"rapports/{instance.start:%Y}/{filename}"


class RapportQuerySet(models.QuerySet):
    def issued(self):
        return self.filter(status=Rapport.Status.ISSUED)


class Rapport(models.Model):
    """A comité de pilotage report for one period: a draft with the qualitative part
    written by coordination, then issued (PDF stored, figures frozen)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        ISSUED = "issued", _("Émis")

    class Language(models.TextChoices):
        FR = "fr", _("Français")
        NL = "nl", _("Néerlandais")

    start = models.DateField(_("début de la période"))
    end = models.DateField(_("fin de la période"))
    period_kind = models.CharField(_("type de période"), max_length=8, default="custom")
    language = models.CharField(
        _("langue du rapport"),
        max_length=2,
        choices=Language.choices,
        default=Language.FR,
    )
    qualitative = models.TextField(
        _("partie qualitative"),
        blank=True,
        help_text=_(
            "Situations marquantes (anonymisées), besoins non couverts, "
            "recommandations au comité."
        ),
    )
    status = models.CharField(
        _("statut"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    figures = models.JSONField(_("chiffres figés"), default=dict, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=rapport_upload_to, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("émis par"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("émis le"), null=True, blank=True)

    objects = RapportQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "-created_at"]
        verbose_name = _("rapport")
        verbose_name_plural = _("rapports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="rapport_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | (models.Q(issued_at__isnull=False) & ~models.Q(pdf="")),
                name="rapport_issued_has_pdf",
            ),
        ]

    def __str__(self):
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("rapports:rapport_detail", args=[self.pk])

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED

    @property
    def period_has_ended(self) -> bool:
        """A report is issued only once its period is over (Brussels date)."""
        return self.end < timezone.localdate()

    def set_qualitative(self, text: str) -> None:
        """Change the qualitative part; an issued report never changes."""
        if self.is_issued:
            raise ValidationError(_("Ce rapport est émis : il ne peut plus changer."))
        self.qualitative = text
        self.save(update_fields=["qualitative"])
