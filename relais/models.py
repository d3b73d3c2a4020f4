"""Habitants-relais: the volunteers and their legal file (loi du 3 juillet 2005).

`Relais.can_work_on(day)` is the one rule every app asks before a prestation. For
lists, build a `WorkContext` once (`WorkContext.load()`) and fetch the relais with
`Relais.objects.with_work_data()`: the check then runs without any query per relais
(or ask `Relais.objects.filter(...).work_checks(day)` for a dict by pk).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from localflavor.generic.validators import IBANValidator
from simple_history.models import HistoricalRecords

from tisseurs.phones import (  # noqa: F401  (relais' phone rules, re-exported)
    format_phone,
    normalize_phone,
    validate_phone,
)
from tisseurs.uploads import check_image_or_pdf
from tisseurs.vocab import LANGUAGE_CODE_MAX_LENGTH, Language, language_labels

# Minimum age of a volunteer (docs/domain.md §2.4: 15 with the 2nd secondary year
# finished, or 16; the project takes the safer 16).
MINIMUM_AGE = 16
# Alerts look this many days ahead (agreement, insurance ending).
ALERT_DAYS = 30
# Benefit gates must be re-confirmed at least this often (docs/domain.md §2.3).
RECONFIRM_DAYS = 365
# ONEM has 12 working days (Saturdays included) to answer a C45B.
ONEM_WORKING_DAYS = 12
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
DOCUMENT_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "webp", "heic"]


def validate_document_file(file) -> None:
    """A PDF or an image (checked on its first bytes), 10 MB at most."""
    check_image_or_pdf(file, max_bytes=DOCUMENT_MAX_BYTES)


def add_working_days(start: date, days: int) -> date:
    """`start` plus `days` working days, Saturdays included (ONEM count)."""
    current = start
    while days:
        current += timedelta(days=1)
        if current.weekday() != 6:
            days -= 1
    return current


@dataclass(frozen=True)
class WorkCheck:
    """The answer of `Relais.can_work_on(day)`: ok, or the reasons why not."""

    day: date
    reasons: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.reasons


@dataclass
class WorkContext:
    """Organisation-level facts every check needs: the current note version and the
    insurance policies. Load once, pass to many `can_work_on` calls."""

    note: "NoteVersion | None"
    policies: list["InsurancePolicy"]

    @classmethod
    def load(cls) -> "WorkContext":
        return cls(
            note=NoteVersion.objects.current(),
            policies=list(InsurancePolicy.objects.all()),
        )

    def liability_policy_on(self, day: date) -> "InsurancePolicy | None":
        for policy in self.policies:
            if policy.kind == InsurancePolicy.Kind.CIVIL_LIABILITY and policy.covers(
                day
            ):
                return policy
        return None


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

    def with_work_data(self):
        """Prefetch what `can_work_on` and the alerts read (three queries,
        whatever the number of relais)."""
        return self.prefetch_related("conventions", "acknowledgements", "gates")

    def with_legal_file(self):
        """`with_work_data`, plus the account and languages lists display."""
        return (
            self.with_work_data()
            .select_related("user")
            .prefetch_related("spoken_languages")
        )

    def work_checks(self, day: date) -> dict[int, WorkCheck]:
        """`can_work_on(day)` for every relais of the queryset, by pk, in a fixed
        number of queries (for lists and rosters)."""
        context = WorkContext.load()
        return {
            relais.pk: relais.can_work_on(day, context=context)
            for relais in self.with_work_data()
        }

    def search(self, text: str):
        text = text.strip()
        if not text:
            return self
        return self.filter(
            models.Q(first_name__icontains=text)
            | models.Q(last_name__icontains=text)
            | models.Q(preferred_name__icontains=text)
            | models.Q(email__icontains=text)
            | models.Q(phone__icontains=text.replace(" ", ""))
            | models.Q(zone__icontains=text)
        )

    def speaking(self, code: str):
        return self.filter(spoken_languages__code=code).distinct()


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
    phone = models.CharField(
        _("téléphone"),
        max_length=32,
        blank=True,
        validators=[validate_phone],
        help_text=_("Numéro belge (0470 12 34 56) ou international (+33 6 …)."),
    )
    email = models.EmailField(_("adresse e-mail"), blank=True)
    zone = models.CharField(
        _("quartier / zone"),
        max_length=100,
        blank=True,
        help_text=_("Le quartier ou la zone où la personne habite ou sort."),
    )
    birth_year = models.PositiveSmallIntegerField(
        _("année de naissance"), null=True, blank=True
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.CANDIDATE
    )
    status_since = models.DateField(_("statut depuis le"), default=timezone.localdate)
    iban = models.CharField(
        _("IBAN"),
        max_length=34,
        blank=True,
        validators=[IBANValidator()],
        help_text=_("Pour le remboursement des défraiements."),
    )
    notes = models.TextField(
        _("notes de la coordination"),
        blank=True,
        help_text=_(
            "Visibles par la coordination seulement. Jamais de diagnostic ni de "
            "donnée de santé."
        ),
    )
    anonymised_at = models.DateTimeField(_("anonymisé le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = RelaisQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("relais")
        verbose_name_plural = _("relais")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(birth_year__isnull=True)
                | models.Q(birth_year__gte=1900, birth_year__lte=2100),
                name="relais_birth_year_plausible",
            ),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("relais:relais_detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.birth_year:
            age = timezone.localdate().year - self.birth_year
            if age < MINIMUM_AGE:
                raise ValidationError(
                    {
                        "birth_year": _(
                            "Un·e volontaire doit avoir au moins %(age)s ans."
                        )
                        % {"age": MINIMUM_AGE}
                    }
                )
            if age > 110:
                raise ValidationError(
                    {"birth_year": _("Cette année de naissance n'est pas plausible.")}
                )

    @property
    def display_name(self) -> str:
        first = self.preferred_name or self.first_name
        return f"{first} {self.last_name}".strip()

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone) if self.phone else ""

    @property
    def language_codes(self) -> list[str]:
        return sorted(language.code for language in self.spoken_languages.all())

    @property
    def language_names(self) -> list[str]:
        return language_labels(self.language_codes)

    # The legal file, read through `.all()` so that prefetches are used.

    def convention_on(self, day: date) -> "Convention | None":
        for convention in self.conventions.all():
            if convention.covers(day):
                return convention
        return None

    def acknowledgement_of(self, note: "NoteVersion | None"):
        if note is None:
            return None
        for acknowledgement in self.acknowledgements.all():
            if acknowledgement.version_id == note.pk:
                return acknowledgement
        return None

    def gates_on(self, day: date) -> list["BenefitGate"]:
        return [gate for gate in self.gates.all() if gate.applies_on(day)]

    def can_work_on(
        self, day: date, *, context: WorkContext | None = None
    ) -> WorkCheck:
        """May this relais carry out a prestation on `day`? Every missing legal step
        is a reason. `context` (organisation-level facts) is loaded when not given."""
        context = context or WorkContext.load()
        reasons = []
        if self.status != self.Status.ACTIVE:
            reasons.append(
                gettext("Le statut de %(name)s est « %(status)s », pas « actif·ve ».")
                % {"name": self.display_name, "status": self.get_status_display()}
            )
        convention = self.convention_on(day)
        if convention is None:
            reasons.append(
                gettext("Aucune convention de volontariat valable le %(day)s.")
                % {"day": format_day(day)}
            )
        elif not convention.confidentiality_accepted_on or (
            convention.confidentiality_accepted_on > day
        ):
            reasons.append(
                gettext("La clause de confidentialité n'est pas encore signée.")
            )
        if context.note is None:
            reasons.append(gettext("La note d'organisation n'est pas encore rédigée."))
        else:
            acknowledgement = self.acknowledgement_of(context.note)
            if acknowledgement is None or acknowledgement.acknowledged_on > day:
                reasons.append(
                    gettext(
                        "La note d'organisation (version %(number)s) n'est pas "
                        "signée pour accord."
                    )
                    % {"number": context.note.number}
                )
        if context.liability_policy_on(day) is None:
            reasons.append(
                gettext("Aucune assurance en responsabilité civile valable le %(day)s.")
                % {"day": format_day(day)}
            )
        for gate in self.gates_on(day):
            reason = gate.missing_reason(day)
            if reason:
                reasons.append(reason)
        return WorkCheck(day=day, reasons=reasons)

    def alerts(self, today: date, *, context: WorkContext) -> list[str]:
        """What coordination should act on soon (not necessarily blocking)."""
        if self.status in (self.Status.LEFT,):
            return []
        found = []
        soon = today + timedelta(days=ALERT_DAYS)
        convention = self.convention_on(today)
        if convention is None:
            found.append(gettext("Pas de convention valable aujourd'hui."))
        elif convention.end_date and convention.end_date <= soon:
            found.append(
                gettext("La convention se termine le %(day)s.")
                % {"day": format_day(convention.end_date)}
            )
        if convention and not convention.confidentiality_accepted_on:
            found.append(gettext("Clause de confidentialité non signée."))
        if context.note is not None and self.acknowledgement_of(context.note) is None:
            if self.acknowledgements.all():
                found.append(
                    gettext("A signé une ancienne version de la note d'organisation.")
                )
            else:
                found.append(gettext("N'a pas signé la note d'organisation."))
        for gate in self.gates_on(today):
            reason = gate.missing_reason(today)
            if reason:
                found.append(reason)
            elif gate.reconfirmation_due(today):
                found.append(
                    gettext("%(gate)s : reconfirmation annuelle à faire.")
                    % {"gate": gate.get_kind_display()}
                )
        return found

    def regime_for(self, year: int) -> str | None:
        """The regime chosen for `year` (a `Regime` value), or None if none is.
        Reads `regimes.all()`, so a prefetch of `regimes` saves the query."""
        for choice in self.regimes.all():
            if choice.year == year:
                return choice.regime
        return None


def format_day(day: date) -> str:
    from django.utils.formats import date_format

    return date_format(day, "SHORT_DATE_FORMAT")


class RelaisLanguage(models.Model):
    """A language a relais speaks (an ISO code of `tisseurs.vocab.Language`)."""

    relais = models.ForeignKey(
        Relais,
        verbose_name=_("relais"),
        on_delete=models.CASCADE,
        related_name="spoken_languages",
    )
    code = models.CharField(
        _("langue"), max_length=LANGUAGE_CODE_MAX_LENGTH, choices=Language.choices
    )

    class Meta:
        ordering = ["relais", "code"]
        verbose_name = _("langue parlée")
        verbose_name_plural = _("langues parlées")
        constraints = [
            models.UniqueConstraint(
                fields=["relais", "code"], name="relaislanguage_unique"
            )
        ]

    def __str__(self):
        return self.get_code_display()


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


def document_upload_to(instance, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"relais/{instance.relais_id}/{timezone.now():%Y%m%d%H%M%S%f}{suffix}"


class Document(models.Model):
    """A private file of one relais (signed agreement or note, certificate…),
    stored under MEDIA_ROOT and served only through `relais:document_download`."""

    class Kind(models.TextChoices):
        CONVENTION = "convention", _("Convention signée")
        NOTE = "note", _("Note d'organisation signée")
        CERTIFICATE = "certificate", _("Attestation")
        OTHER = "other", _("Autre document")

    relais = models.ForeignKey(
        Relais,
        verbose_name=_("relais"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=200)
    file = models.FileField(
        _("fichier"),
        upload_to=document_upload_to,
        validators=[
            FileExtensionValidator(DOCUMENT_EXTENSIONS),
            validate_document_file,
        ],
        help_text=_("PDF ou photo (JPG, PNG), 10 Mo au maximum."),
    )
    uploaded_at = models.DateTimeField(_("déposé le"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déposé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["relais", "-uploaded_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("relais:document_download", args=[self.pk])


class Convention(models.Model):
    """A volunteer agreement (convention de volontariat) of one relais."""

    relais = models.ForeignKey(
        Relais,
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
    purpose_and_status_nl = models.TextField(
        _("but désintéressé et statut juridique (néerlandais)"), blank=True
    )
    liability_insurance_nl = models.TextField(
        _("assurance en responsabilité civile (néerlandais)"), blank=True
    )
    liability_regime_nl = models.TextField(
        _("régime de responsabilité (néerlandais)"), blank=True
    )
    other_insurance_nl = models.TextField(
        _("autres assurances (néerlandais)"), blank=True
    )
    defraiement_nl = models.TextField(_("défraiement (néerlandais)"), blank=True)
    secrecy_nl = models.TextField(
        _("secret professionnel et discrétion (néerlandais)"), blank=True
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
        """The six legal items as (label, French text), in the order of the law."""
        return self.items_in("fr")

    def items_in(self, language: str) -> list[tuple[str, str]]:
        """The six items in `language` ("nl" uses the Dutch text where written,
        else the French one)."""
        items = []
        for name in self.ITEM_FIELDS:
            text = getattr(self, name)
            if language == "nl":
                text = getattr(self, f"{name}_nl") or text
            items.append((self._meta.get_field(name).verbose_name, text))
        return items

    @classmethod
    def next_number(cls) -> int:
        latest = cls.objects.current()
        return latest.number + 1 if latest else 1


class NoteAcknowledgement(models.Model):
    """A relais signed for agreement one version of the information note."""

    relais = models.ForeignKey(
        Relais,
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
    acknowledged_on = models.DateField(_("signée le"))
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
            )
        ]

    def __str__(self):
        return gettext("%(relais)s : version %(number)s signée le %(day)s") % {
            "relais": self.relais,
            "number": self.version.number,
            "day": format_day(self.acknowledged_on),
        }


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


class BenefitGate(models.Model):
    """A benefit a relais receives and the legal step it needs before volunteering
    (docs/domain.md §2.3). Facts and dates only: never a diagnosis."""

    class Kind(models.TextChoices):
        UNEMPLOYMENT = "onem", _("Allocations de chômage (ONEM)")
        CPAS = "cpas", _("Revenu d'intégration (CPAS)")
        SICKNESS = "sickness", _("Indemnités de maladie / invalidité")

    relais = models.ForeignKey(
        Relais,
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

    def is_pending_on(self, day: date) -> bool:
        """C45B filed, ONEM still has time to answer (the relais may work)."""
        deadline = self.onem_deadline
        return bool(deadline and not self.approved_on and day <= deadline)

    def missing_reason(self, day: date) -> str | None:
        """Why this gate blocks volunteering on `day`, or None."""
        if self.kind == self.Kind.UNEMPLOYMENT:
            if not self.filed_on or self.filed_on > day:
                return gettext("Chômage : la déclaration C45B n'est pas déposée.")
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


class Formation(models.Model):
    """A training or intervision session."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Formation")
        INTERVISION = "intervision", _("Intervision")

    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=200)
    date = models.DateField(_("date"))
    duration_hours = models.DecimalField(
        _("durée (heures)"), max_digits=4, decimal_places=1
    )
    trainer = models.CharField(
        _("formateur·rice ou organisation partenaire"), max_length=200, blank=True
    )
    topics = models.TextField(_("thèmes abordés"), blank=True)
    place = models.CharField(_("lieu"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("formation ou intervision")
        verbose_name_plural = _("formations et intervisions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_hours__gt=0),
                name="formation_duration_positive",
            )
        ]

    def __str__(self):
        return f"{self.title} ({format_day(self.date)})"

    def get_absolute_url(self):
        return reverse("relais:formation_detail", args=[self.pk])


class Attendance(models.Model):
    """One relais at one session: present, excused or absent, and hours."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Présent·e")
        EXCUSED = "excused", _("Excusé·e")
        ABSENT = "absent", _("Absent·e")

    formation = models.ForeignKey(
        Formation,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    relais = models.ForeignKey(
        Relais,
        verbose_name=_("relais"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    status = models.CharField(
        _("présence"), max_length=10, choices=Status.choices, default=Status.PRESENT
    )
    hours = models.DecimalField(_("heures"), max_digits=4, decimal_places=1, default=0)

    class Meta:
        ordering = ["formation", "relais"]
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        constraints = [
            models.UniqueConstraint(
                fields=["formation", "relais"], name="attendance_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(hours__gte=0), name="attendance_hours_positive"
            ),
        ]

    def __str__(self):
        return f"{self.relais} — {self.formation}: {self.get_status_display()}"
