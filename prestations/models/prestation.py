"""Prestations: one outing or task of one relais, and what was noted during it."""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from activites.models import Activite
from prestations.models.fiche import month_start
from relais.models import Relais


def receipt_upload_to(instance, filename: str) -> str:
    """Receipts are private files (MEDIA_ROOT is never served publicly)."""
    return f"prestations/receipts/{instance.relais_id}/{filename}"


class TravelMode(models.TextChoices):
    NONE = "none", _("À pied / pas de frais")
    BIKE = "bike", _("Vélo")
    PUBLIC_TRANSPORT = "public", _("Transports en commun")
    CAR = "car", _("Voiture")


class PrestationQuerySet(models.QuerySet):
    def for_relais(self, relais: Relais):
        return self.filter(relais=relais)

    def in_month(self, month: date):
        start = month_start(month)
        end = (
            start.replace(year=start.year + 1, month=1)
            if start.month == 12
            else start.replace(month=start.month + 1)
        )
        return self.filter(date__gte=start, date__lt=end)


class Prestation(models.Model):
    """One outing or task of one relais on one day."""

    relais = models.ForeignKey(
        Relais,
        verbose_name=_("relais"),
        on_delete=models.PROTECT,
        related_name="prestations",
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("heure de début"), null=True, blank=True)
    end_time = models.TimeField(_("heure de fin"), null=True, blank=True)
    activite = models.ForeignKey(
        Activite,
        verbose_name=_("activité prévue"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="prestations",
    )
    travel_mode = models.CharField(
        _("déplacement"),
        max_length=8,
        choices=TravelMode.choices,
        default=TravelMode.NONE,
    )
    travel_km = models.DecimalField(
        _("kilomètres"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    travel_ticket_amount = models.DecimalField(
        _("prix du ticket (€)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    travel_receipt = models.FileField(
        _("justificatif"), upload_to=receipt_upload_to, blank=True
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = PrestationQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-start_time"]
        verbose_name = _("prestation")
        verbose_name_plural = _("prestations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_time__isnull=True)
                | models.Q(end_time__isnull=True)
                | models.Q(end_time__gt=models.F("start_time")),
                name="prestation_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(travel_km__isnull=True) | models.Q(travel_km__gte=0),
                name="prestation_travel_km_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(travel_ticket_amount__isnull=True)
                | models.Q(travel_ticket_amount__gte=0),
                name="prestation_ticket_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.relais} · {self.date:%d/%m/%Y}"
