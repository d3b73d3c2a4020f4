"""Monthly sheets (fiches mensuelles) and, beside them, défraiements."""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from relais.models import Relais


def month_start(day: date) -> date:
    """The first day of `day`'s month: how a month is stored everywhere."""
    return day.replace(day=1)


class FicheMensuelleQuerySet(models.QuerySet):
    def for_relais(self, relais: Relais):
        return self.filter(relais=relais)


class FicheMensuelle(models.Model):
    """The monthly sheet of one relais: their prestations and défraiement lines of a
    month, submitted by the relais, validated by coordination, paid by direction."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        SUBMITTED = "submitted", _("Envoyée")
        RETURNED = "returned", _("Renvoyée pour correction")
        VALIDATED = "validated", _("Validée")
        PAID = "paid", _("Payée")

    # States in which the relais may still add or change entries of the month.
    OPEN_STATUSES = (Status.DRAFT, Status.RETURNED)

    relais = models.ForeignKey(
        Relais,
        verbose_name=_("relais"),
        on_delete=models.PROTECT,
        related_name="fiches",
    )
    month = models.DateField(_("mois"), help_text=_("Le premier jour du mois."))
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_("Augmente à chaque enregistrement (verrou optimiste)."),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = FicheMensuelleQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "relais"]
        verbose_name = _("fiche mensuelle")
        verbose_name_plural = _("fiches mensuelles")
        constraints = [
            models.UniqueConstraint(
                fields=["relais", "month"], name="fichemensuelle_one_per_month"
            ),
            models.CheckConstraint(
                condition=models.Q(month__day=1), name="fichemensuelle_month_first_day"
            ),
        ]

    def __str__(self):
        return f"{self.relais} · {self.month:%m/%Y}"

    @property
    def is_open(self) -> bool:
        """May the relais still add or change entries of this month?"""
        return self.status in self.OPEN_STATUSES
