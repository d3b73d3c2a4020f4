"""Activities at the fixed and mobile contact points."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Activite(models.Model):
    """One planned activity (a permanence, a triporteur round, a breakfast…)."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Atelier thématique")
        PARTY = "party", _("Fête de quartier")
        AWARENESS = "awareness", _("Séance de sensibilisation")
        BREAKFAST = "breakfast", _("Petit-déjeuner")
        PERMANENCE = "permanence", _("Permanence")
        ROUND = "round", _("Tournée du triporteur")
        NETWORK = "network", _("Réunion de réseau")
        COMITE = "comite", _("Comité de pilotage")
        OTHER = "other", _("Autre activité")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Prévue")
        DONE = "done", _("Réalisée")
        CANCELLED = "cancelled", _("Annulée")

    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=200)
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        ordering = ["start"]
        verbose_name = _("activité")
        verbose_name_plural = _("activités")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="activite_end_after_start",
            )
        ]

    def __str__(self):
        return self.title
