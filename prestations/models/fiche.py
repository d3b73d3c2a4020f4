"""Monthly fiches (`FicheMensuelle`) and, beside them, défraiements.

- `LegalParameter` and `KmRate`: the legal ceilings and kilometre rates of the
  volunteer law, dated rows queried for a date (never literals in code);
- `DefraiementSetting`: the organisation's own choices (km-rate system, forfait);
- `FicheMensuelle`, its `DefraiementLine`s, `FicheTransition` log and stored
  `FicheDocument` PDFs; `OtherOrganisationAmount`: forfaits declared from elsewhere.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from prestations.models.prestation import PAID_TRAVEL_CHOICES
from prestations.validators import validate_receipt_extension, validate_receipt_file
from relais.models import Relais
from tisseurs.banking import (
    normalize_bic,
    normalize_iban,
    validate_bic,
    validate_iban,
    validate_latin_script,
)
from tisseurs.money import money_sum
from tisseurs.months import month_start, next_month


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
        _("sources"), help_text=_("D'où viennent ces montants ; [verify] à vérifier.")
    )

    objects = DatedQuerySet.as_manager()

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


class KmRate(models.Model):
    """The federal car kilometre rate of one system from a date."""

    system = models.CharField(_("système"), max_length=10, choices=KmRateSystem.choices)
    valid_from = models.DateField(_("en vigueur à partir du"))
    rate = models.DecimalField(_("taux (€/km)"), max_digits=6, decimal_places=4)
    source = models.TextField(_("source"))

    objects = DatedQuerySet.as_manager()

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
        ]

    def __str__(self):
        return f"{self.get_system_display()} {self.valid_from:%d/%m/%Y}: {self.rate}"


class DefraiementSetting(models.Model):
    """The organisation's choices from a date: its km-rate system (kept at least
    12 months) and the forfait amount paid per day worked."""

    valid_from = models.DateField(_("en vigueur à partir du"), unique=True)
    km_rate_system = models.CharField(
        _("système de taux kilométrique"),
        max_length=10,
        choices=KmRateSystem.choices,
        default=KmRateSystem.ANNUAL,
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


class FicheMensuelleQuerySet(models.QuerySet):
    def for_relais(self, relais: Relais):
        return self.filter(relais=relais)

    def in_month(self, month: date):
        return self.filter(month=month_start(month))

    def is_open_for(self, relais: Relais, day: date) -> bool:
        """May `relais` still change entries of `day`'s month? A read only: a month
        with no fiche yet is open."""
        return (
            not self.for_relais(relais)
            .in_month(day)
            .exclude(status__in=FicheMensuelle.OPEN_STATUSES)
            .exists()
        )

    def with_totals(self):
        """Fiches with their `total` (sum of their lines) annotated."""
        return self.annotate(total=money_sum("lines__amount")).select_related("relais")

    def with_flagged_count(self):
        """Fiches with `flagged_count`, the number of their lines to check."""
        return self.annotate(
            flagged_count=models.Count("lines", filter=models.Q(lines__flagged=True))
        )

    def payable_in(self, month: date):
        """The month's validated or paid fiches with their totals, by relais name:
        what direction pays."""
        return (
            self.in_month(month)
            .filter(status__in=FicheMensuelle.PAYABLE_STATUSES)
            .with_totals()
            .select_related("relais__user")
            .order_by("relais__last_name", "relais__first_name")
        )


class FicheMensuelle(models.Model):
    """The monthly fiche of one relais: their prestations and défraiement lines of a
    month, submitted by the relais, validated by coordination, paid by direction."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        SUBMITTED = "submitted", _("Envoyée")
        RETURNED = "returned", _("Renvoyée pour correction")
        VALIDATED = "validated", _("Validée")
        PAID = "paid", _("Payée")

    # States in which the relais may still add or change entries of the month.
    OPEN_STATUSES = (Status.DRAFT, Status.RETURNED)
    # States whose amounts direction pays (or has paid).
    PAYABLE_STATUSES = (Status.VALIDATED, Status.PAID)

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
    return_comment = models.TextField(_("commentaire de renvoi"), blank=True)
    submitted_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("envoyée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    validated_at = models.DateTimeField(_("validée le"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("validée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    paid_at = models.DateTimeField(_("payée le"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("payée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
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

    @property
    def is_submitted(self) -> bool:
        """Sent by the relais, waiting for coordination."""
        return self.status == self.Status.SUBMITTED

    @property
    def is_returned(self) -> bool:
        """Sent back to the relais for correction (or reopened)."""
        return self.status == self.Status.RETURNED

    @property
    def is_validated(self) -> bool:
        """Validated by coordination, not yet paid."""
        return self.status == self.Status.VALIDATED

    @property
    def is_paid(self) -> bool:
        return self.status == self.Status.PAID

    @property
    def month_end(self) -> date:
        """The first day of the next month (exclusive end)."""
        return next_month(self.month)


class DefraiementLineQuerySet(models.QuerySet):
    def of_relais_year(self, relais: Relais, year: int):
        return self.filter(fiche__relais=relais, date__year=year)

    def forfait_year_total(
        self, relais: Relais, year: int, *, exclude_pk=None
    ) -> Decimal:
        """Forfaits of `year` here plus the amounts declared from other
        organisations: the yearly ceiling counts them together."""
        lines = self.of_relais_year(relais, year).filter(
            kind=DefraiementLine.Kind.FORFAIT
        )
        if exclude_pk:
            lines = lines.exclude(pk=exclude_pk)
        here = lines.aggregate(s=money_sum("amount"))["s"]
        elsewhere = OtherOrganisationAmount.objects.filter(
            relais=relais, year=year
        ).aggregate(s=money_sum("amount"))["s"]
        return here + elsewhere

    def forfait_year_totals(self, year: int) -> dict[int, Decimal]:
        """{relais id: forfait total of `year`, other organisations included}, in
        two queries for every relais."""
        totals: dict[int, Decimal] = {}
        here = (
            self.filter(kind=DefraiementLine.Kind.FORFAIT, date__year=year)
            .values_list("fiche__relais")
            .annotate(s=money_sum("amount"))
            .order_by()
        )
        elsewhere = (
            OtherOrganisationAmount.objects.filter(year=year)
            .values_list("relais")
            .annotate(s=money_sum("amount"))
            .order_by()
        )
        for relais_id, amount in [*here, *elsewhere]:
            totals[relais_id] = totals.get(relais_id, Decimal("0")) + amount
        return totals

    def nominative(self, year: int):
        """The paid-for forfaits of `year` (validated or paid fiches), by relais
        name then date: the rows of the nominative list."""
        return (
            self.filter(kind=DefraiementLine.Kind.FORFAIT, date__year=year)
            .filter(fiche__status__in=FicheMensuelle.PAYABLE_STATUSES)
            .select_related("fiche__relais")
            .order_by("fiche__relais__last_name", "fiche__relais__first_name", "date")
        )


class DefraiementLine(models.Model):
    """One défraiement line of a monthly fiche."""

    class Kind(models.TextChoices):
        FORFAIT = "forfait", _("Forfait journalier")
        TRANSPORT = "transport", _("Transport")
        REAL_COST = "real_cost", _("Frais réels")

    fiche = models.ForeignKey(
        FicheMensuelle,
        verbose_name=_("fiche mensuelle"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("montant (€)"), max_digits=8, decimal_places=2)
    # Set on the lines derived from an outing (its day's forfait, its transport):
    # they go with it. Lines entered by hand have none.
    prestation = models.ForeignKey(
        "prestations.Prestation",
        verbose_name=_("prestation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="defraiement_lines",
    )
    transport_mode = models.CharField(
        _("moyen de transport"), max_length=8, choices=PAID_TRAVEL_CHOICES, blank=True
    )
    km = models.DecimalField(
        _("kilomètres"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    rate = models.DecimalField(
        _("taux (€/km)"), max_digits=6, decimal_places=4, null=True, blank=True
    )
    purpose = models.CharField(_("objet"), max_length=200, blank=True)
    receipt = models.FileField(
        _("justificatif"),
        upload_to="prestations/claims/%Y/%m/",
        blank=True,
        validators=[validate_receipt_extension, validate_receipt_file],
    )
    flagged = models.BooleanField(
        _("à vérifier"),
        default=False,
        help_text=_("Frais réels au-dessus du seuil de vérification."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    objects = DefraiementLineQuerySet.as_manager()

    class Meta:
        ordering = ["date", "kind", "pk"]
        verbose_name = _("ligne de défraiement")
        verbose_name_plural = _("lignes de défraiement")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="defraiementline_amount_gte_0"
            ),
            models.CheckConstraint(
                condition=models.Q(km__isnull=True) | models.Q(km__gte=0),
                name="defraiementline_km_gte_0",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y} {self.amount} €"

    def clean(self):
        errors = {}
        if self.kind == self.Kind.TRANSPORT and not self.transport_mode:
            errors["transport_mode"] = _("Choisissez le moyen de transport.")
        if self.kind == self.Kind.REAL_COST and not self.purpose:
            errors["purpose"] = _("Dites à quoi a servi la dépense.")
        if errors:
            raise ValidationError(errors)


class OtherOrganisationAmount(models.Model):
    """Flat-rate amounts a relais declares from other organisations in a year: the
    ceilings count across all organisations together."""

    relais = models.ForeignKey(
        Relais,
        verbose_name=_("relais"),
        on_delete=models.CASCADE,
        related_name="other_organisation_amounts",
    )
    year = models.PositiveIntegerField(_("année"))
    organisation = models.CharField(_("organisation"), max_length=200)
    amount = models.DecimalField(
        _("montant forfaitaire reçu (€)"), max_digits=8, decimal_places=2
    )
    declared_at = models.DateField(_("déclaré le"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "organisation"]
        verbose_name = _("montant déclaré d'une autre organisation")
        verbose_name_plural = _("montants déclarés d'autres organisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="otherorganisationamount_amount_gte_0",
            ),
        ]

    def __str__(self):
        return f"{self.relais} {self.year} · {self.organisation}"


class FicheTransition(models.Model):
    """The log of every status change of a fiche: who, when, and why."""

    fiche = models.ForeignKey(
        FicheMensuelle,
        verbose_name=_("fiche mensuelle"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    from_status = models.CharField(
        _("ancien statut"), max_length=10, choices=FicheMensuelle.Status.choices
    )
    to_status = models.CharField(
        _("nouveau statut"), max_length=10, choices=FicheMensuelle.Status.choices
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("le"), auto_now_add=True)
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("changement de statut")
        verbose_name_plural = _("changements de statut")

    def __str__(self):
        return f"{self.fiche}: {self.from_status} → {self.to_status}"

    @property
    def is_reopening(self) -> bool:
        """A validated fiche sent back by coordination (not a correction asked
        on a submitted one)."""
        status = FicheMensuelle.Status
        return (self.from_status, self.to_status) == (status.VALIDATED, status.RETURNED)

    @property
    def label(self) -> str:
        """What the log says of this step: "reopened" for a reopening."""
        if self.is_reopening:
            return str(_("Rouverte"))
        return self.get_to_status_display()


def fiche_document_upload_to(instance, filename: str) -> str:
    return f"prestations/fiches/{instance.fiche.relais_id}/{filename}"


class FicheDocument(models.Model):
    """The PDF of a fiche, made once at validation and never changed. Reopening
    keeps it; a new validation adds a new document (the old ones stay)."""

    fiche = models.ForeignKey(
        FicheMensuelle,
        verbose_name=_("fiche mensuelle"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    file = models.FileField(_("PDF"), upload_to=fiche_document_upload_to)
    language = models.CharField(_("langue"), max_length=8)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("PDF de fiche mensuelle")
        verbose_name_plural = _("PDF de fiches mensuelles")

    def __str__(self):
        return self.file.name
