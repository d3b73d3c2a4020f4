"""The residence status of a relais who is not an EU citizen (law of 22 May 2014,
MB 18/6/2014, amending the volunteer law of 3 July 2005): people in legal stay may
volunteer while their permit runs; reception beneficiaries must first declare the
activity to FEDASIL, which may refuse it or set conditions (like ONEM); people in
irregular stay cannot volunteer lawfully. Facts and dates only."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from relais.models.dates import format_day
from relais.models.legal import AuthorityAnswer, answer_errors


class ResidenceStatus(models.Model):
    """The residence status of one non-EU relais (none recorded: EU citizen, or
    not concerned)."""

    class Kind(models.TextChoices):
        LEGAL_STAY = "legal_stay", _("Séjour légal (titre de séjour)")
        RECEPTION = "reception", _("Bénéficiaire de l'accueil (FEDASIL)")
        IRREGULAR = "irregular", _("Séjour irrégulier")

    relais = models.OneToOneField(
        "relais.Relais",
        verbose_name=_("relais"),
        on_delete=models.CASCADE,
        related_name="residence_status",
    )
    kind = models.CharField(_("statut de séjour"), max_length=12, choices=Kind.choices)
    permit_until = models.DateField(
        _("titre de séjour valable jusqu'au"),
        null=True,
        blank=True,
        help_text=_(
            "Séjour légal : après cette date, la personne ne peut plus prester."
        ),
    )
    fedasil_filed_on = models.DateField(
        _("déclaration à FEDASIL faite le"), null=True, blank=True
    )
    fedasil_answered_on = models.DateField(
        _("réponse de FEDASIL reçue le"), null=True, blank=True
    )
    fedasil_answer = models.CharField(
        _("réponse de FEDASIL"),
        max_length=10,
        choices=AuthorityAnswer.choices,
        blank=True,
    )
    conditions = models.TextField(
        _("conditions posées"),
        blank=True,
        help_text=_("Si FEDASIL a accepté avec conditions : lesquelles."),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statut de séjour")
        verbose_name_plural = _("statuts de séjour")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fedasil_answered_on__isnull=True)
                | models.Q(fedasil_filed_on__isnull=True)
                | models.Q(fedasil_answered_on__gte=models.F("fedasil_filed_on")),
                name="residence_answer_after_filing",
            ),
        ]

    def __str__(self):
        return f"{self.relais} — {self.get_kind_display()}"

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == self.Kind.LEGAL_STAY and not self.permit_until:
            errors["permit_until"] = _(
                "Indiquez la fin de validité du titre de séjour."
            )
        if self.kind == self.Kind.RECEPTION:
            if self.fedasil_answer and not self.fedasil_filed_on:
                errors["fedasil_filed_on"] = _(
                    "FEDASIL ne répond qu'à une déclaration : indiquez sa date."
                )
            if (
                self.fedasil_filed_on
                and self.fedasil_answered_on
                and self.fedasil_answered_on < self.fedasil_filed_on
            ):
                errors["fedasil_answered_on"] = _(
                    "La réponse ne peut pas précéder la déclaration."
                )
            errors.update(
                answer_errors(
                    answer=self.fedasil_answer,
                    answered_on=self.fedasil_answered_on,
                    conditions=self.conditions,
                    date_field="fedasil_answered_on",
                )
            )
        if errors:
            raise ValidationError(errors)

    @property
    def shown_conditions(self) -> str:
        """The conditions FEDASIL set, for the relais file."""
        if self.fedasil_answer == AuthorityAnswer.CONDITIONS:
            return self.conditions
        return ""

    def missing_reason(self, day: date) -> str | None:
        """Why this status blocks volunteering on `day`, or None."""
        if self.kind == self.Kind.IRREGULAR:
            return gettext(
                "Séjour irrégulier : la loi ne permet pas encore à cette personne "
                "d'être volontaire (loi du 22 mai 2014). Ce n'est pas un jugement "
                "sur elle : remerciez-la, et orientez-la vers un service d'aide "
                "juridique qui peut l'aider à régulariser sa situation."
            )
        if self.kind == self.Kind.LEGAL_STAY:
            if self.permit_until and day > self.permit_until:
                return gettext(
                    "Séjour : le titre de séjour a pris fin le %(day)s ; "
                    "enregistrez le titre renouvelé."
                ) % {"day": format_day(self.permit_until)}
            return None
        if not self.fedasil_filed_on or self.fedasil_filed_on > day:
            return gettext(
                "Accueil : la déclaration préalable à FEDASIL n'est pas faite."
            )
        if not self.fedasil_answer or (
            self.fedasil_answered_on and self.fedasil_answered_on > day
        ):
            return gettext("Accueil : la réponse de FEDASIL n'est pas encore reçue.")
        if self.fedasil_answer == AuthorityAnswer.REFUSED:
            return gettext(
                "Accueil : FEDASIL a refusé l'activité (réponse du %(day)s)."
            ) % {"day": format_day(self.fedasil_answered_on)}
        return None
