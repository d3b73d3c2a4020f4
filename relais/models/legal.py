"""The legal file of a relais and of the organisation (loi du 3 juillet 2005 relative
aux droits des volontaires): agreements, the information note and its
acknowledgements, insurance policies and benefit gates."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, gettext, override
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from relais.models.dates import add_working_days, format_day
from relais.models.documents import Document

# Benefit gates must be re-confirmed at least this often (docs/domain.md §2.3).
RECONFIRM_DAYS = 365
# ONEM has 12 working days (Saturdays included) to answer a C45B.
ONEM_WORKING_DAYS = 12


class Convention(models.Model):
    """A volunteer agreement (convention de volontariat) of one relais."""

    relais = models.ForeignKey(
        "relais.Relais",
        verbose_name=_("relais"),
        on_delete=models.CASCADE,
        related_name="conventions",
    )
    start_date = models.DateField(_("début"))
    end_date = models.DateField(
        _("fin"), null=True, blank=True, help_text=_("Vide : durée indéterminée.")
    )
    confidentiality_accepted_on = models.DateField(
        _("clause de confidentialité signée le"), null=True, blank=True
    )
    document = models.ForeignKey(
        Document,
        verbose_name=_("convention signée"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["relais", "-start_date"]
        verbose_name = _("convention de volontariat")
        verbose_name_plural = _("conventions de volontariat")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="convention_end_after_start",
            ),
        ]

    def __str__(self):
        if self.end_date:
            return gettext("Convention du %(start)s au %(end)s") % {
                "start": format_day(self.start_date),
                "end": format_day(self.end_date),
            }
        return gettext("Convention depuis le %(start)s") % {
            "start": format_day(self.start_date)
        }

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("La fin doit être après le début.")})

    def covers(self, day: date) -> bool:
        return self.start_date <= day and (not self.end_date or day <= self.end_date)


class NoteVersionQuerySet(models.QuerySet):
    def current(self) -> "NoteVersion | None":
        return self.order_by("-number").first()


class NoteVersion(models.Model):
    """One version of the information note (note d'organisation, loi du 3/7/2005
    art. 4) with the six items the law requires. A new version makes earlier
    acknowledgements outdated."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    published_on = models.DateField(_("publiée le"), default=timezone.localdate)
    purpose_and_status = models.TextField(
        _("but désintéressé et statut juridique"),
        help_text=_("ASBL, association de fait (avec les responsables)…"),
    )
    liability_insurance = models.TextField(
        _("assurance en responsabilité civile"),
        help_text=_("Assureur et numéro de police."),
    )
    liability_regime = models.TextField(
        _("régime de responsabilité"),
        help_text=_("Si l'organisation n'est pas civilement responsable (art. 5)."),
    )
    other_insurance = models.TextField(
        _("autres assurances"),
        blank=True,
        help_text=_("Par exemple l'assurance accidents corporels."),
    )
    defraiement = models.TextField(
        _("défraiement"),
        help_text=_(
            "Si un défraiement est payé, lequel (forfait, frais réels) et quand."
        ),
    )
    secrecy = models.TextField(
        _("secret professionnel et discrétion"),
        help_text=_(
            "Art. 458 du Code pénal : secrets que le volontaire peut apprendre."
        ),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    objects = NoteVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("version de la note d'organisation")
        verbose_name_plural = _("versions de la note d'organisation")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="noteversion_number_positive"
            )
        ]

    def __str__(self):
        return gettext("Note d'organisation, version %(number)s") % {
            "number": self.number
        }

    ITEM_FIELDS = (
        "purpose_and_status",
        "liability_insurance",
        "liability_regime",
        "other_insurance",
        "defraiement",
        "secrecy",
    )

    @property
    def items(self) -> list[tuple[str, str]]:
        """The six legal items as (label, text) in the reader's language, else
        French, in the order of the law."""
        return self.items_in(get_language() or settings.LANGUAGE_CODE)

    def items_in(self, language: str) -> list[tuple[str, str]]:
        """The six items in `language`, each item in French where that language's
        text is not written (relais/translation.py)."""
        with override(language):
            return [
                (self._meta.get_field(name).verbose_name, getattr(self, name))
                for name in self.ITEM_FIELDS
            ]

    def is_written_in(self, language: str) -> bool:
        """Whether the note's text is written in `language` (every required item),
        rather than shown in French in its place."""
        return all(
            getattr(self, f"{name}_{language}", "")
            for name in self.ITEM_FIELDS
            if not self._meta.get_field(name).blank
        )

    @classmethod
    def next_number(cls) -> int:
        latest = cls.objects.current()
        return latest.number + 1 if latest else 1


def answer_errors(*, answer, answered_on, conditions, date_field) -> dict:
    """The form errors of an authority's answer: its date is needed, and
    conditions are written when there are some."""
    errors = {}
    if answer and not answered_on:
        errors[date_field] = _("Indiquez la date de la réponse.")
    if answer == AuthorityAnswer.CONDITIONS and not (conditions or "").strip():
        errors["conditions"] = _("Écrivez les conditions posées.")
    return errors


def validate_not_in_future(day: date) -> None:
    """A note cannot be signed after today (the signature is a past fact)."""
    if day > timezone.localdate():
        raise ValidationError(_("Cette date est dans le futur."), code="future")


class NoteAcknowledgement(models.Model):
    """A relais acknowledged one version of the information note: on paper (the
    coordination records the signed note) or on their phone ("J'ai lu la note")."""

    class Channel(models.TextChoices):
        PHONE = "phone", _("sur le téléphone")
        PAPER = "paper", _("papier enregistré par la coordination")

    relais = models.ForeignKey(
        "relais.Relais",
        verbose_name=_("relais"),
        on_delete=models.CASCADE,
        related_name="acknowledgements",
    )
    version = models.ForeignKey(
        NoteVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        related_name="acknowledgements",
    )
    acknowledged_on = models.DateField(
        _("signée le"), validators=[validate_not_in_future]
    )
    acknowledged_at = models.DateTimeField(
        _("lue le"),
        null=True,
        blank=True,
        help_text=_("Date et heure, quand le relais l'a lue sur son téléphone."),
    )
    channel = models.CharField(
        _("comment"),
        max_length=10,
        choices=Channel.choices,
        default=Channel.PAPER,
    )
    document = models.ForeignKey(
        Document,
        verbose_name=_("note signée"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enregistré par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("enregistré le"), auto_now_add=True)

    class Meta:
        ordering = ["relais", "-acknowledged_on"]
        verbose_name = _("accusé de réception de la note")
        verbose_name_plural = _("accusés de réception de la note")
        constraints = [
            models.UniqueConstraint(
                fields=["relais", "version"], name="noteack_one_per_version"
            ),
            models.CheckConstraint(
                condition=models.Q(channel="paper")
                | models.Q(acknowledged_at__isnull=False),
                name="noteack_phone_has_time",
            ),
        ]

    def __str__(self):
        return gettext("%(relais)s : version %(number)s signée le %(day)s") % {
            "relais": self.relais,
            "number": self.version.number,
            "day": format_day(self.acknowledged_on),
        }

    @property
    def on_phone(self) -> bool:
        return self.channel == self.Channel.PHONE


class InsurancePolicy(models.Model):
    """An insurance policy of the organisation (civil liability is mandatory,
    loi du 3/7/2005 art. 6; bodily accidents optional)."""

    class Kind(models.TextChoices):
        CIVIL_LIABILITY = "rc", _("Responsabilité civile")
        ACCIDENT = "accident", _("Accidents corporels")

    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    insurer = models.CharField(_("assureur"), max_length=200)
    number = models.CharField(_("numéro de police"), max_length=100)
    valid_from = models.DateField(_("valable à partir du"))
    valid_until = models.DateField(
        _("valable jusqu'au"), null=True, blank=True, help_text=_("Vide : sans fin.")
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "-valid_from"]
        verbose_name = _("police d'assurance")
        verbose_name_plural = _("polices d'assurance")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="insurance_until_after_from",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.insurer} {self.number}"

    def clean(self):
        super().clean()
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("La fin doit être après le début.")}
            )

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (
            not self.valid_until or day <= self.valid_until
        )


class AuthorityAnswer(models.TextChoices):
    """What ONEM (C45B) or FEDASIL answered a volunteering declaration."""

    ACCEPTED = "accepted", _("Accepté")
    REFUSED = "refused", _("Refusé")
    CONDITIONS = "conditions", _("Accepté avec conditions")


class BenefitGate(models.Model):
    """A benefit a relais receives and the legal step it needs before volunteering
    (docs/domain.md §2.3). Facts and dates only: never a diagnosis."""

    class Kind(models.TextChoices):
        UNEMPLOYMENT = "onem", _("Allocations de chômage (ONEM)")
        CPAS = "cpas", _("Revenu d'intégration (CPAS)")
        SICKNESS = "sickness", _("Indemnités de maladie / invalidité")

    relais = models.ForeignKey(
        "relais.Relais",
        verbose_name=_("relais"),
        on_delete=models.CASCADE,
        related_name="gates",
    )
    kind = models.CharField(_("situation"), max_length=10, choices=Kind.choices)
    benefit_since = models.DateField(_("depuis le"), null=True, blank=True)
    benefit_until = models.DateField(
        _("jusqu'au"),
        null=True,
        blank=True,
        help_text=_("Quand la personne ne reçoit plus cette allocation."),
    )
    filed_on = models.DateField(
        _("démarche faite le"),
        null=True,
        blank=True,
        help_text=_(
            "Chômage : C45B déposé. CPAS : CPAS informé. Maladie : formulaire "
            "envoyé à la mutualité."
        ),
    )
    approved_on = models.DateField(
        _("réponse reçue le"),
        null=True,
        blank=True,
        help_text=_(
            "Chômage : décision de l'ONEM (ou accord tacite). Maladie : "
            "compatibilité constatée par le médecin-conseil."
        ),
    )
    answer = models.CharField(
        _("réponse"),
        max_length=10,
        choices=AuthorityAnswer.choices,
        blank=True,
        help_text=_(
            "Chômage : ce que l'ONEM a répondu. Vide : pas de réponse (accord tacite "
            "après 12 jours ouvrables). Un refus bloque à partir de la date de la "
            "réponse."
        ),
    )
    conditions = models.TextField(
        _("conditions posées"),
        blank=True,
        help_text=_("Si l'ONEM a accepté avec conditions : lesquelles."),
    )
    approval_ends_on = models.DateField(
        _("accord valable jusqu'au"),
        null=True,
        blank=True,
        help_text=_("Si l'ONEM a limité l'accord dans le temps."),
    )
    confirmed_on = models.DateField(
        _("situation reconfirmée le"),
        null=True,
        blank=True,
        help_text=_("À refaire au moins une fois par an."),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["relais", "kind"]
        verbose_name = _("situation d'allocataire")
        verbose_name_plural = _("situations d'allocataire")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(approved_on__isnull=True)
                | models.Q(filed_on__isnull=True)
                | models.Q(approved_on__gte=models.F("filed_on")),
                name="gate_answer_after_filing",
            ),
            models.CheckConstraint(
                condition=models.Q(benefit_until__isnull=True)
                | models.Q(benefit_since__isnull=True)
                | models.Q(benefit_until__gte=models.F("benefit_since")),
                name="gate_benefit_until_after_since",
            ),
        ]

    def __str__(self):
        return f"{self.relais} — {self.get_kind_display()}"

    def clean(self):
        super().clean()
        errors = {}
        if self.filed_on and self.approved_on and self.approved_on < self.filed_on:
            errors["approved_on"] = _("La réponse ne peut pas précéder la démarche.")
        if (
            self.benefit_since
            and self.benefit_until
            and self.benefit_until < self.benefit_since
        ):
            errors["benefit_until"] = _("La fin doit être après le début.")
        errors.update(
            answer_errors(
                answer=self.answer,
                answered_on=self.approved_on,
                conditions=self.conditions,
                date_field="approved_on",
            )
        )
        if self.answer and self.kind != self.Kind.UNEMPLOYMENT:
            errors["answer"] = _("Seule l'ONEM (chômage) répond par accord ou refus.")
        if errors:
            raise ValidationError(errors)

    def applies_on(self, day: date) -> bool:
        """Does the relais receive this benefit on `day`?"""
        if self.benefit_since and day < self.benefit_since:
            return False
        return not (self.benefit_until and day > self.benefit_until)

    @property
    def onem_deadline(self) -> date | None:
        """Tacit approval: ONEM did not answer within 12 working days."""
        if self.kind != self.Kind.UNEMPLOYMENT or not self.filed_on:
            return None
        return add_working_days(self.filed_on, ONEM_WORKING_DAYS)

    def missing_reason(self, day: date) -> str | None:
        """Why this gate blocks volunteering on `day`, or None."""
        if self.kind == self.Kind.UNEMPLOYMENT:
            if not self.filed_on or self.filed_on > day:
                return gettext("Chômage : la déclaration C45B n'est pas déposée.")
            if self.is_refused_on(day):
                return gettext(
                    "Chômage : l'ONEM a refusé l'activité (réponse du %(day)s)."
                ) % {"day": format_day(self.approved_on)}
            if self.approval_ends_on and day > self.approval_ends_on:
                return gettext(
                    "Chômage : l'accord de l'ONEM a pris fin, une nouvelle "
                    "déclaration C45B est nécessaire."
                )
            return None
        if self.kind == self.Kind.CPAS:
            if not self.filed_on or self.filed_on > day:
                return gettext("CPAS : le CPAS n'a pas encore été informé.")
            return None
        if not self.approved_on or self.approved_on > day:
            return gettext(
                "Maladie : la compatibilité n'est pas encore constatée par le "
                "médecin-conseil."
            )
        return None

    def is_refused_on(self, day: date) -> bool:
        return (
            self.answer == AuthorityAnswer.REFUSED
            and self.approved_on is not None
            and self.approved_on <= day
        )

    def confirm(self, *, on: date) -> None:
        """Record the yearly re-confirmation of the situation (docs/domain.md §2.3)."""
        if self.filed_on and on < self.filed_on:
            raise ValidationError(
                _("La reconfirmation ne peut pas précéder la démarche.")
            )
        self.confirmed_on = on
        self.save(update_fields=["confirmed_on"])

    def reconfirmation_due(self, today: date) -> bool:
        last = self.confirmed_on or self.approved_on or self.filed_on
        return bool(last) and (today - last).days >= RECONFIRM_DAYS
