"""Relais' suggestions of new resources and corrections."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ressources.models.service import Service, Theme
from tisseurs.phones import validate_phone


class SuggestionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Suggestion.Status.PENDING)


class Suggestion(models.Model):
    """A relais' proposal: a new resource, or a correction of an existing one,
    reviewed by the coordination (accepted and applied, or rejected with a reason)."""

    class Kind(models.TextChoices):
        NEW = "new", _("Nouvelle ressource")
        CORRECTION = "correction", _("Correction")

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        ACCEPTED = "accepted", _("Acceptée")
        REJECTED = "rejected", _("Refusée")

    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    service = models.ForeignKey(
        Service,
        verbose_name=_("ressource corrigée"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="suggestions",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposée par"),
        on_delete=models.PROTECT,
        related_name="ressource_suggestions",
    )
    name = models.CharField(_("nom"), max_length=200, blank=True)
    description = models.TextField(_("ce qu'on y trouve"), blank=True)
    address_1 = models.CharField(_("adresse"), max_length=200, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=10, blank=True)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    hours_note = models.CharField(_("horaires"), max_length=200, blank=True)
    is_formal = models.BooleanField(_("service formel"), default=False)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thèmes"), related_name="+", blank=True
    )
    languages = models.JSONField(_("langues parlées"), default=list, blank=True)
    message = models.TextField(_("message pour la coordination"), blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("traitée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("traitée le"), null=True, blank=True)
    rejection_reason = models.TextField(_("raison du refus"), blank=True)
    created_service = models.ForeignKey(
        Service,
        verbose_name=_("ressource créée"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposition de ressource")
        verbose_name_plural = _("propositions de ressources")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="new") | Q(service__isnull=False),
                name="ressources_suggestion_correction_has_service",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="ressources_suggestion_rejection_has_reason",
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.CORRECTION and self.service_id:
            return _("Correction de « %(name)s »") % {"name": self.service}
        return self.name

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    def says_what_to_correct(self) -> bool:
        """Whether a correction changes a value or explains itself in the message
        (theme and language ticks do not count: the form starts them from the
        record, so they are always there)."""
        return any(
            getattr(self, name)
            for name in (
                "name",
                "description",
                "address_1",
                "phone",
                "hours_note",
                "message",
            )
        )

    def clean(self):
        if self.kind == self.Kind.CORRECTION and not self.says_what_to_correct():
            raise ValidationError(_("Dites ce qui doit être corrigé."))
        validate_phone(self.phone, field="phone")
