"""The figures défraiements follow, as dated rows queried for a date (never literals
in code):

- `LegalParameter`: the ceilings of the volunteer law, each 1 January;
- `KmRate`: the federal car kilometre rate (AR 13/7/2017, art. 74) of one system
  over one period, from its first to its last day: a date outside every period has
  no rate, it never reuses an older one;
- `DefraiementSetting`: the organisation's own choices (km-rate system, forfait,
  payer account).

Each keeps its history (django-simple-history): who changed what, when.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tisseurs.banking import (
    normalize_bic,
    normalize_iban,
    validate_bic,
    validate_iban,
    validate_latin_script,
)


class KmRateSystem(models.TextChoices):
    """Federal kilometre allowance systems (AR 13/7/2017, art. 74)."""

    ANNUAL = "annual", _("Annuel (1er juillet – 30 juin)")
    QUARTERLY = "quarterly", _("Trimestriel")


class DatedQuerySet(models.QuerySet):
    def in_force_on(self, day: date):
        """The row in force on `day` (the latest `valid_from` not after it), or None."""
        return self.filter(valid_from__lte=day).order_by("-valid_from").first()


class LegalParameter(models.Model):
    """Ceilings of the volunteer law (loi du 3 juillet 2005), indexed each 1 January."""

    valid_from = models.DateField(_("en vigueur à partir du"), unique=True)
    daily_max = models.DecimalField(
        _("maximum forfaitaire par jour (€)"), max_digits=8, decimal_places=2
    )
    annual_max = models.DecimalField(
        _("maximum forfaitaire par an (€)"), max_digits=8, decimal_places=2
    )
    annual_max_majore = models.DecimalField(
        _("plafond annuel majoré (€)"),
        max_digits=8,
        decimal_places=2,
        help_text=_(
            "Pour information seulement : le projet n'utilise jamais le plafond "
            "majoré (sport, gardes, transport de malades)."
        ),
    )
    km_cap = models.PositiveIntegerField(
        _("kilomètres remboursables par an en plus du forfait"), default=2000
    )
    bike_rate = models.DecimalField(
        _("indemnité vélo (€/km)"), max_digits=6, decimal_places=4
    )
    real_cost_threshold = models.DecimalField(
        _("seuil de vérification des frais réels (€)"),
        max_digits=8,
        decimal_places=2,
        help_text=_("Une dépense plus élevée est signalée à la coordination."),
    )
    situation_retention_months = models.PositiveIntegerField(
        _("conservation des situations (mois)"), default=12
    )
    source = models.TextField(
        _("sources"),
        help_text=_("D'où viennent ces montants (textes légaux, pages consultées)."),
    )

    objects = DatedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("paramètres légaux")
        verbose_name_plural = _("paramètres légaux")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(daily_max__gt=0)
                & models.Q(annual_max__gt=0)
                & models.Q(bike_rate__gte=0)
                & models.Q(real_cost_threshold__gte=0),
                name="legalparameter_amounts_positive",
            ),
        ]

    def __str__(self):
        return f"{self.valid_from:%d/%m/%Y}"


def quarter_of(day: date) -> tuple[date, date]:
    """The first and last day of `day`'s calendar quarter."""
    first_month = (day.month - 1) // 3 * 3 + 1
    start = date(day.year, first_month, 1)
    if first_month == 10:
        return start, date(day.year, 12, 31)
    return start, date(day.year, first_month + 3, 1) - timedelta(days=1)


def rate_year_of(day: date) -> tuple[date, date]:
    """The 1 July – 30 June year of the annual system holding `day`."""
    start_year = day.year if day.month >= 7 else day.year - 1
    return date(start_year, 7, 1), date(start_year + 1, 6, 30)


class KmRateQuerySet(models.QuerySet):
    def in_force_on(self, day: date):
        """The rate whose period holds `day`, or None: a date after the last known
        period has no rate (never the previous one)."""
        return (
            self.filter(valid_from__lte=day, valid_until__gte=day)
            .order_by("-valid_from")
            .first()
        )

    def last_known(self, system: str):
        """The rate of `system` whose period ends last, or None."""
        return self.filter(system=system).order_by("-valid_until").first()


class KmRate(models.Model):
    """The federal car kilometre rate of one system over one period, from its
    first day to its last (a quarter, or 1 July – 30 June)."""

    system = models.CharField(_("système"), max_length=10, choices=KmRateSystem.choices)
    valid_from = models.DateField(_("en vigueur à partir du"))
    valid_until = models.DateField(
        _("jusqu'au (inclus)"),
        help_text=_(
            "Dernier jour de la période du taux : fin du trimestre (système "
            "trimestriel) ou 30 juin (système annuel)."
        ),
    )
    rate = models.DecimalField(_("taux (€/km)"), max_digits=6, decimal_places=4)
    source = models.TextField(_("source"))

    objects = KmRateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["system", "-valid_from"]
        verbose_name = _("taux kilométrique")
        verbose_name_plural = _("taux kilométriques")
        constraints = [
            models.UniqueConstraint(
                fields=["system", "valid_from"], name="kmrate_one_per_date"
            ),
            models.CheckConstraint(
                condition=models.Q(rate__gt=0), name="kmrate_rate_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")),
                name="kmrate_until_after_from",
            ),
        ]

    def __str__(self):
        return f"{self.get_system_display()} {self.valid_from:%d/%m/%Y}: {self.rate}"

    def clean(self):
        super().clean()
        if not (self.system and self.valid_from and self.valid_until):
            return
        if self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("La fin doit être après le début.")}
            )
        overlapping = (
            KmRate.objects.filter(system=self.system)
            .filter(valid_from__lte=self.valid_until, valid_until__gte=self.valid_from)
            .exclude(pk=self.pk)
            .first()
        )
        if overlapping:
            raise ValidationError(
                _(
                    "Cette période chevauche le taux du %(start)s au %(end)s "
                    "(%(rate)s €/km) du même système."
                )
                % {
                    "start": f"{overlapping.valid_from:%d/%m/%Y}",
                    "end": f"{overlapping.valid_until:%d/%m/%Y}",
                    "rate": overlapping.rate,
                }
            )


class DefraiementSetting(models.Model):
    """The organisation's choices from a date: its km-rate system (kept at least
    12 months) and the forfait amount paid per day worked."""

    valid_from = models.DateField(_("en vigueur à partir du"), unique=True)
    km_rate_system = models.CharField(
        _("système de taux kilométrique"),
        max_length=10,
        choices=KmRateSystem.choices,
        default=KmRateSystem.QUARTERLY,
        help_text=_(
            "Trimestriel : le taux de l'art. 74 de l'AR du 13/7/2017, la référence "
            "de la loi sur le volontariat. Annuel : une option, gardée au moins "
            "12 mois."
        ),
    )
    forfait_amount = models.DecimalField(
        _("forfait par jour presté (€)"), max_digits=8, decimal_places=2
    )
    payer_name = models.CharField(
        _("nom du donneur d'ordre"),
        max_length=70,
        blank=True,
        validators=[validate_latin_script],
    )
    payer_iban = models.CharField(
        _("IBAN du compte de l'organisation"),
        max_length=34,
        blank=True,
        validators=[validate_iban],
    )
    payer_bic = models.CharField(
        _("BIC"),
        max_length=11,
        blank=True,
        validators=[validate_bic],
        help_text=_("8 ou 11 caractères, par exemple GKCCBEBB."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = DatedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("réglage des défraiements")
        verbose_name_plural = _("réglages des défraiements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(forfait_amount__gt=0),
                name="defraiementsetting_forfait_positive",
            ),
        ]

    def __str__(self):
        return f"{self.valid_from:%d/%m/%Y}"

    def clean(self):
        super().clean()
        # Stored compact and upper-case: the SEPA file needs them so.
        self.payer_iban = normalize_iban(self.payer_iban)
        self.payer_bic = normalize_bic(self.payer_bic)
