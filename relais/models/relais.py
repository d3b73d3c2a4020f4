"""The relais themselves: who they are, their status and languages, their yearly
défraiement regime, and `can_work_on(day)`, the one rule every app asks before a
prestation."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from relais.models.dates import format_day
from relais.models.documents import document_alerts
from relais.models.legal import BenefitGate, Convention, NoteVersion
from relais.models.work import WorkCheck, WorkContext
from tisseurs.banking import (
    needs_latin_name,
    normalize_iban,
    validate_iban,
    validate_latin_script,
)
from tisseurs.choices import FastChoiceDisplay
from tisseurs.phones import format_phone, normalize_phone, validate_phone
from tisseurs.vocab import LANGUAGE_CODE_MAX_LENGTH, Language, language_labels

# Minimum age of a volunteer (docs/domain.md §2.4: 15 with the 2nd secondary year
# finished, or 16; the project takes the safer 16).
MINIMUM_AGE = 16
# Alerts look this many days ahead (agreement, insurance ending).
ALERT_DAYS = 30


class Regime(models.TextChoices):
    """The défraiement regime of a relais for one calendar year (loi du 3/7/2005,
    art. 10: flat-rate and real costs do not mix, except transport)."""

    FORFAIT = "forfait", _("Forfait")
    FRAIS_REELS = "frais_reels", _("Frais réels")


def _rows_prefetch(*names: str) -> list[models.Prefetch]:
    """Prefetches into plain lists (`Relais.loaded`): no queryset built per relais,
    which on a list of relais costs more than the query itself."""
    return [models.Prefetch(name, to_attr=f"_{name}_rows") for name in names]


# What `can_work_on` reads of a relais, prefetched for lists (`with_work_data`).
WORK_ROWS = ("conventions", "acknowledgements", "gates")
WORK_DATA = ("residence_status", *_rows_prefetch(*WORK_ROWS))


class RelaisQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Relais.Status.ACTIVE)

    def not_left(self):
        """The relais who have not left (the database side of `Relais.has_left`)."""
        return self.exclude(status=Relais.Status.LEFT)

    def with_access(self):
        """The relais who may sign in: not left, not suspended (the database side
        of `Relais.access_suspended`)."""
        return self.exclude(status__in=NO_ACCESS_STATUSES)

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
        """Prefetch what `can_work_on` and the alerts read (four queries,
        whatever the number of relais)."""
        return self.prefetch_related(*WORK_DATA)

    def with_alert_data(self):
        """`with_work_data`, plus the documents the alerts read (their expiry)."""
        return self.with_work_data().prefetch_related(*_rows_prefetch("documents"))

    def alert_rows(self) -> list["Relais"]:
        """The relais with what `with_alert_data` loads, each relation filtered by
        a subquery, not by a list of ids: cheaper for a long list."""
        rows = list(self)
        by_pk = {relais.pk: relais for relais in rows}
        ids = self.values("pk")
        for name in ("residence_status", *WORK_ROWS, "documents"):
            rel = Relais._meta.get_field(name)
            for relais in rows:
                if rel.one_to_one:
                    rel.set_cached_value(relais, None)
                else:
                    relais.__dict__[f"_{name}_rows"] = []
            for row in rel.related_model._default_manager.filter(relais__in=ids):
                if (relais := by_pk.get(row.relais_id)) is None:
                    continue  # a relais arrived between the two queries
                rel.field.set_cached_value(row, relais)
                if rel.one_to_one:
                    rel.set_cached_value(relais, row)
                else:
                    relais.__dict__[f"_{name}_rows"].append(row)
        return rows

    def for_list(self):
        """What the relais list shows (`with_alert_data` and the languages)."""
        languages = _rows_prefetch("spoken_languages")
        return self.with_alert_data().prefetch_related(*languages)

    def with_legal_file(self):
        """What `with_alert_data` reads, as plain prefetches (a relais' file reads
        `conventions.all()`...), plus the account and languages lists display."""
        return self.select_related("user").prefetch_related(
            "residence_status",
            "conventions",
            "acknowledgements",
            "gates",
            "documents",
            "spoken_languages",
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


class Relais(FastChoiceDisplay, models.Model):
    """One habitant·e-relais (a volunteer of the project)."""

    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("Candidat·e")
        ACTIVE = "active", _("Actif·ve")
        PAUSED = "paused", _("En pause")
        SUSPENDED = "suspended", _("Suspendu·e")
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
    latin_name = models.CharField(
        _("nom en caractères latins"),
        max_length=70,
        blank=True,
        validators=[validate_latin_script],
        help_text=_(
            "Si le nom s'écrit dans un autre alphabet (arabe, cyrillique…) : "
            "prénom et nom en lettres latines, tels qu'ils figurent sur le compte "
            "bancaire. Les virements SEPA l'utilisent."
        ),
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
        validators=[validate_iban],
        help_text=_(
            "Pour le remboursement des défraiements : un compte de la zone SEPA."
        ),
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
        # One stored form (E.164, +32470123456) however the number was typed:
        # search, `tel:` links and exports then agree.
        if self.phone:
            self.phone = normalize_phone(self.phone.strip())
        # One stored form of the IBAN (BE71096123456769), however it was typed.
        self.iban = normalize_iban(self.iban)
        self._date_a_new_status()
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

    def _date_a_new_status(self) -> None:
        """A new status given without a new date starts today: the stored date was
        the start of the previous status. (A new relais keeps the date given.)"""
        if self.pk is None:
            return
        stored = (
            Relais.objects.filter(pk=self.pk).values("status", "status_since").first()
        )
        if (
            stored
            and stored["status"] != self.status
            and stored["status_since"] == self.status_since
        ):
            self.status_since = timezone.localdate()

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def bank_name(self) -> str:
        """The name a SEPA transfer gives the bank: the Latin-script name when set."""
        return self.latin_name or self.full_name

    @property
    def needs_latin_name(self) -> bool:
        """Can a SEPA file not carry this name until its Latin-script form is given?"""
        return not self.latin_name and needs_latin_name(self.full_name)

    @property
    def display_name(self) -> str:
        first = self.preferred_name or self.first_name
        return f"{first} {self.last_name}".strip()

    @property
    def access_suspended(self) -> bool:
        """A relais who left, or whose access coordination suspended, cannot sign in
        (signed out at their next request); their account, file, money and history
        are kept. One on pause still can: their home page tells them why they cannot
        work for now. Read through `User.access_suspended` by tisseurs/sessions.py
        and the login form, which do not import this app."""
        return self.status in NO_ACCESS_STATUSES

    @property
    def has_left(self) -> bool:
        """A relais who left keeps their file (accounting) but gets no alerts, no
        new training and may be anonymised."""
        return self.status == self.Status.LEFT

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone) if self.phone else ""

    @property
    def language_codes(self) -> list[str]:
        return sorted(language.code for language in self.loaded("spoken_languages"))

    @property
    def language_names(self) -> list[str]:
        return language_labels(self.language_codes)

    # The legal file, read through `loaded()` so that prefetches are used.

    def loaded(self, name: str):
        """The rows of the relation `name`: the list `with_work_data` (or
        `with_alert_data`) loaded, else `name.all()` (its prefetch, or a query)."""
        try:
            return self.__dict__[f"_{name}_rows"]
        except KeyError:
            return getattr(self, name).all()

    def convention_on(self, day: date) -> Convention | None:
        for convention in self.loaded("conventions"):
            if convention.covers(day):
                return convention
        return None

    def acknowledgement_of(self, note: NoteVersion | None):
        if note is None:
            return None
        for acknowledgement in self.loaded("acknowledgements"):
            if acknowledgement.version_id == note.pk:
                return acknowledgement
        return None

    def gates_on(self, day: date) -> list[BenefitGate]:
        return [gate for gate in self.loaded("gates") if gate.applies_on(day)]

    def can_work_on(
        self,
        day: date,
        *,
        context: WorkContext | None = None,
        recorded: bool = False,
    ) -> WorkCheck:
        """May this relais carry out a prestation on `day`? Every missing legal step
        is a reason. `context` (organisation-level facts) is loaded when not given.
        `recorded`: re-checking a day already recorded on a sheet (validation,
        payment): a status that stops work (pause, suspension, departure) then
        counts from its start date only, so the days worked before it stay paid."""
        context = context or WorkContext.load()
        reasons = []
        if self.status != self.Status.ACTIVE and not (
            recorded and self.status in STOPPED_STATUSES and day < self.status_since
        ):
            reasons.append(
                gettext(
                    "Le statut de %(name)s est « %(status)s » : "
                    "il faut être en activité."
                )
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
        residence = self.residence_or_none
        if residence is not None and (reason := residence.missing_reason(day)):
            reasons.append(reason)
        return WorkCheck(day=day, reasons=reasons)

    @property
    def residence_or_none(self):
        """The residence status recorded for a non-EU relais, or None."""
        try:
            return self.residence_status
        except ObjectDoesNotExist:
            return None

    def alerts(self, today: date, *, context: WorkContext) -> list[str]:
        """What coordination should act on soon (not necessarily blocking)."""
        if self.has_left:
            return []
        found = []
        if self.status == self.Status.SUSPENDED:
            found.append(
                gettext("Accès suspendu depuis le %(day)s : à revoir.")
                % {"day": format_day(self.status_since)}
            )
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
            if self.loaded("acknowledgements"):
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
        residence = self.residence_or_none
        if residence is not None:
            if reason := residence.missing_reason(today):
                found.append(reason)
            elif residence.permit_until and residence.permit_until <= soon:
                found.append(
                    gettext("Le titre de séjour se termine le %(day)s.")
                    % {"day": format_day(residence.permit_until)}
                )
        return found + document_alerts(self.loaded("documents"), today)

    def regime_for(self, year: int) -> str | None:
        """The regime chosen for `year` (a `Regime` value), or None if none is.
        Reads `regimes.all()`, so a prefetch of `regimes` saves the query."""
        for choice in self.regimes.all():
            if choice.year == year:
                return choice.regime
        return None


# Statuses that close the account: signed out, no sign-in, no reminders; the file,
# the money and the history stay (`Relais.access_suspended`).
NO_ACCESS_STATUSES = (Relais.Status.SUSPENDED, Relais.Status.LEFT)
# Statuses that stop an active relais' work from their start date (`can_work_on`).
STOPPED_STATUSES = (Relais.Status.PAUSED, *NO_ACCESS_STATUSES)


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

    history = HistoricalRecords()

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


class RelaisRegimeChange(models.Model):
    """Who chose or corrected a relais' regime of a year, when and why. A
    correction is only possible before any défraiement line of the year exists
    (loi du 3 juillet 2005, art. 10; prestations/services/regime.py)."""

    relais = models.ForeignKey(
        Relais,
        verbose_name=_("relais"),
        on_delete=models.CASCADE,
        related_name="regime_changes",
    )
    year = models.PositiveSmallIntegerField(_("année"))
    from_regime = models.CharField(
        _("ancien régime"), max_length=12, choices=Regime.choices, blank=True
    )
    to_regime = models.CharField(
        _("nouveau régime"), max_length=12, choices=Regime.choices
    )
    reason = models.TextField(_("raison"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("choix de régime")
        verbose_name_plural = _("choix de régime")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(from_regime="") | ~models.Q(reason=""),
                name="relaisregimechange_correction_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.relais} {self.year}: {self.from_regime} → {self.to_regime}"
