"""Monthly fiches (`FicheMensuelle`) and, beside them, défraiements (the legal
figures they follow are in `legal.py`).

- `FicheMensuelle`, its `DefraiementLine`s, `FicheTransition` log and stored
  `FicheDocument` PDFs; `OtherOrganisationAmount`: forfaits declared from elsewhere.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from prestations.models.prestation import PAID_TRAVEL_CHOICES
from prestations.validators import validate_receipt_extension, validate_receipt_file
from relais.models import Relais
from tisseurs.money import money_sum
from tisseurs.months import month_start, next_month
from tisseurs.outbox import client_key_field


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
    client_uuid = client_key_field()
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    objects = DefraiementLineQuerySet.as_manager()
    history = HistoricalRecords()

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
