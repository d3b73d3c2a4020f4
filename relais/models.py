"""Habitants-relais: the volunteers and their legal file."""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class WorkCheck:
    """The answer of `Relais.can_work_on(day)`: ok, or the reasons why not."""

    day: date
    reasons: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.reasons


class Regime(models.TextChoices):
    """The défraiement regime of a relais for one calendar year (loi du 3/7/2005,
    art. 10: flat-rate and real costs do not mix, except transport)."""

    FORFAIT = "forfait", _("Forfait")
    FRAIS_REELS = "frais_reels", _("Frais réels")


class RelaisQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Relais.Status.ACTIVE)

    def status_counts(self) -> list[tuple[str, str, int]]:
        """(status, label, count) for every status, in one query."""
        counts = dict(
            self.values_list("status").annotate(n=models.Count("pk")).order_by()
        )
        return [
            (value, label, counts.get(value, 0))
            for value, label in Relais.Status.choices
        ]


class Relais(models.Model):
    """One habitant·e-relais (a volunteer of the project)."""

    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("Candidat·e")
        ACTIVE = "active", _("Actif·ve")
        PAUSED = "paused", _("En pause")
        LEFT = "left", _("Parti·e")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte utilisateur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="relais",
    )
    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom"), max_length=100)
    preferred_name = models.CharField(
        _("nom d'usage"),
        max_length=100,
        blank=True,
        help_text=_("Le prénom ou surnom par lequel la personne veut être appelée."),
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.CANDIDATE
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = RelaisQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("relais")
        verbose_name_plural = _("relais")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        first = self.preferred_name or self.first_name
        return f"{first} {self.last_name}".strip()

    def can_work_on(self, day: date) -> WorkCheck:
        """May this relais carry out a prestation on `day`? The relais file adds the
        legal gates (agreement, information note, insurance, benefit status)."""
        reasons = []
        if self.status != self.Status.ACTIVE:
            reasons.append(
                _("Le statut de %(name)s est « %(status)s », pas « actif·ve ».")
                % {"name": self.display_name, "status": self.get_status_display()}
            )
        return WorkCheck(day=day, reasons=reasons)

    def regime_for(self, year: int) -> str | None:
        """The regime chosen for `year` (a `Regime` value), or None if none is."""
        choice = self.regimes.filter(year=year).first()
        return choice.regime if choice else None


class RelaisRegime(models.Model):
    """The défraiement regime one relais chose for one calendar year."""

    relais = models.ForeignKey(
        Relais,
        verbose_name=_("relais"),
        on_delete=models.CASCADE,
        related_name="regimes",
    )
    year = models.PositiveSmallIntegerField(_("année"))
    regime = models.CharField(_("régime"), max_length=12, choices=Regime.choices)

    class Meta:
        ordering = ["relais", "-year"]
        verbose_name = _("régime de défraiement")
        verbose_name_plural = _("régimes de défraiement")
        constraints = [
            models.UniqueConstraint(
                fields=["relais", "year"], name="relaisregime_one_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100),
                name="relaisregime_year_plausible",
            ),
        ]

    def __str__(self):
        return f"{self.relais} {self.year}: {self.get_regime_display()}"
