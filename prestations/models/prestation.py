"""Prestations: one outing or task of one relais, and what was noted during it."""

import secrets
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import ExtractHour, ExtractMinute
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activites.models import Activite
from prestations.validators import (
    validate_no_identifying_data,
    validate_receipt_extension,
    validate_receipt_file,
)
from relais.models import Relais
from ressources.models import Service, Theme
from tisseurs.choices import FastChoiceDisplay
from tisseurs.months import month_start, next_month
from tisseurs.outbox import client_key_field
from tisseurs.vocab import LANGUAGE_CODE_MAX_LENGTH, AgeBand, Gender, Language


def receipt_upload_to(instance, filename: str) -> str:
    """Receipts are private files (MEDIA_ROOT is never served publicly)."""
    return f"prestations/receipts/{instance.relais_id}/{filename}"


class TravelMode(models.TextChoices):
    """How a relais travelled: on a prestation, and on a défraiement transport line
    (which only has the modes that cost something, `PAID_TRAVEL_CHOICES`)."""

    NONE = "none", _("À pied / pas de frais")
    BIKE = "bike", _("Vélo")
    PUBLIC_TRANSPORT = "public", _("Transports en commun")
    CAR = "car", _("Voiture")


PAID_TRAVEL_MODES = (TravelMode.CAR, TravelMode.BIKE, TravelMode.PUBLIC_TRANSPORT)
PAID_TRAVEL_CHOICES = [(mode.value, mode.label) for mode in PAID_TRAVEL_MODES]


class Place(models.TextChoices):
    """Where a prestation took place."""

    FIXED = "fixed", _("Point de contact fixe")
    MOBILE = "mobile", _("Point mobile (triporteur)")
    OUTREACH = "outreach", _("Dans l'espace public")
    HOME = "home", _("Visite à domicile")
    PARTNER = "partner", _("Chez un partenaire")
    OTHER = "other", pgettext_lazy("place", "Ailleurs")


class Kind(models.TextChoices):
    """What the relais did."""

    PERMANENCE = "permanence", _("Permanence")
    OUTREACH_ROUND = "round", _("Tournée de rue")
    ACCOMPANIMENT = "accompaniment", _("Accompagnement vers un service")
    ACTIVITY = "activity", _("Aide à une activité")
    TRAINING = "training", _("Formation")
    INTERVISION = "intervision", _("Intervision")
    NETWORK = "network", _("Réunion de réseau")
    OTHER = "other", pgettext_lazy("kind", "Autre tâche")


PLACE_PICTOGRAMS = {
    Place.FIXED: "🏠",
    Place.MOBILE: "🚲",
    Place.OUTREACH: "🌳",
    Place.HOME: "🚪",
    Place.PARTNER: "🤝",
    Place.OTHER: "📍",
}
KIND_PICTOGRAMS = {
    Kind.PERMANENCE: "☕",
    Kind.OUTREACH_ROUND: "👣",
    Kind.ACCOMPANIMENT: "🧭",
    Kind.ACTIVITY: "🎉",
    Kind.TRAINING: "🎓",
    Kind.INTERVISION: "💬",
    Kind.NETWORK: "🕸",
    Kind.OTHER: "✳",
}
TRAVEL_PICTOGRAMS = {
    TravelMode.NONE: "🚶",
    TravelMode.BIKE: "🚲",
    TravelMode.PUBLIC_TRANSPORT: "🚌",
    TravelMode.CAR: "🚗",
}


def hours_of(minutes: int | None) -> Decimal:
    """Minutes in hours, to the tenth: the one rounding of hours of work."""
    return (Decimal(minutes or 0) / 60).quantize(Decimal("0.1"))


def _minutes_of_day(field: str):
    return ExtractHour(field) * 60 + ExtractMinute(field)


# How long a prestation lasted, in SQL: from its times, else the duration noted; the
# same rule as `Prestation.minutes`.
MINUTES = models.Case(
    models.When(
        start_time__isnull=False,
        end_time__isnull=False,
        then=_minutes_of_day("end_time") - _minutes_of_day("start_time"),
    ),
    default=models.F("duration_minutes"),
    output_field=models.IntegerField(),
)


class PrestationQuerySet(models.QuerySet):
    def for_relais(self, relais: Relais):
        return self.filter(relais=relais)

    def in_month(self, month: date):
        return self.filter(date__gte=month_start(month), date__lt=next_month(month))

    def total_hours(self) -> Decimal:
        """The hours of these prestations: their minutes (`Prestation.minutes`)
        added up, then rounded once to the tenth."""
        return hours_of(self.aggregate(total=models.Sum(MINUTES))["total"])

    def with_situation_count(self):
        """Prestations with `situation_count`, the number of situations noted."""
        return self.annotate(situation_count=models.Count("situations", distinct=True))


class Prestation(FastChoiceDisplay, models.Model):
    """One outing or task of one relais on one day."""

    relais = models.ForeignKey(
        Relais,
        verbose_name=_("relais"),
        on_delete=models.PROTECT,
        related_name="prestations",
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("heure de début"), null=True, blank=True)
    end_time = models.TimeField(_("heure de fin"), null=True, blank=True)
    activite = models.ForeignKey(
        Activite,
        verbose_name=_("activité prévue"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="prestations",
    )
    place = models.CharField(
        _("lieu"), max_length=10, choices=Place.choices, default=Place.FIXED
    )
    kind = models.CharField(
        _("type de prestation"),
        max_length=16,
        choices=Kind.choices,
        default=Kind.PERMANENCE,
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée (minutes)"),
        null=True,
        blank=True,
        help_text=_("Seulement si les heures de début et de fin ne sont pas notées."),
    )
    people_met = models.PositiveSmallIntegerField(_("personnes rencontrées"), default=0)
    note = models.CharField(
        _("note"),
        max_length=500,
        blank=True,
        validators=[validate_no_identifying_data],
        help_text=_("Courte et anonyme : ni nom, ni adresse, ni téléphone."),
    )
    travel_mode = models.CharField(
        _("déplacement"),
        max_length=8,
        choices=TravelMode.choices,
        default=TravelMode.NONE,
    )
    travel_km = models.DecimalField(
        _("kilomètres"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    travel_ticket_amount = models.DecimalField(
        _("prix du ticket (€)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    travel_receipt = models.FileField(
        _("justificatif"),
        upload_to=receipt_upload_to,
        blank=True,
        validators=[validate_receipt_extension, validate_receipt_file],
        help_text=_("Photo ou PDF du ticket, 5 Mo au maximum."),
    )
    client_uuid = client_key_field()
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = PrestationQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-start_time"]
        verbose_name = _("prestation")
        verbose_name_plural = _("prestations")
        # Staff lists and the report figures filter by dates (a month, a period);
        # a relais' pages by relais and dates, newest first.
        indexes = [
            models.Index(fields=["date", "start_time"], name="prestation_date_idx"),
            models.Index(fields=["relais", "date"], name="prestation_relais_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_time__isnull=True)
                | models.Q(end_time__isnull=True)
                | models.Q(end_time__gt=models.F("start_time")),
                name="prestation_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(travel_km__isnull=True) | models.Q(travel_km__gte=0),
                name="prestation_travel_km_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(travel_ticket_amount__isnull=True)
                | models.Q(travel_ticket_amount__gte=0),
                name="prestation_ticket_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__isnull=True)
                | models.Q(duration_minutes__lte=24 * 60),
                name="prestation_duration_within_a_day",
            ),
        ]

    def __str__(self):
        return f"{self.relais} · {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("prestations:prestation_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("L'heure de fin doit suivre l'heure de début.")
        if bool(self.start_time) != bool(self.end_time):
            errors["end_time"] = _(
                "Notez l'heure de début et l'heure de fin, ou seulement la durée."
            )
        if self.start_time and self.end_time:
            self.duration_minutes = None
        if self.travel_mode in (TravelMode.CAR, TravelMode.BIKE) and not self.travel_km:
            errors["travel_km"] = _(
                "En voiture ou à vélo, notez le nombre de kilomètres parcourus."
            )
        if self.travel_mode == TravelMode.PUBLIC_TRANSPORT:
            if not self.travel_ticket_amount:
                errors["travel_ticket_amount"] = _(
                    "En transports en commun, notez le prix du ticket."
                )
        if self.travel_mode == TravelMode.NONE:
            self.travel_km = None
            self.travel_ticket_amount = None
        if errors:
            raise ValidationError(errors)

    @property
    def minutes(self) -> int | None:
        """How long it lasted, from the times or the duration noted."""
        if self.start_time and self.end_time:
            start = self.start_time.hour * 60 + self.start_time.minute
            return self.end_time.hour * 60 + self.end_time.minute - start
        return self.duration_minutes

    @property
    def hours(self) -> Decimal:
        """`minutes` in hours, to the tenth (0 when neither is noted)."""
        return hours_of(self.minutes)

    @property
    def hours_display(self) -> str:
        minutes = self.minutes
        if minutes is None:
            return ""
        return f"{minutes // 60}h{minutes % 60:02d}"

    @property
    def place_pictogram(self) -> str:
        return PLACE_PICTOGRAMS.get(self.place, "")

    @property
    def kind_pictogram(self) -> str:
        return KIND_PICTOGRAMS.get(self.kind, "")


CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def new_pseudonymous_code() -> str:
    """A random code to recognise a returning person; never derived from identity."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class SituationQuerySet(models.QuerySet):
    def for_listing(self):
        """Everything a situations list shows, in a fixed number of queries: the
        themes and orientations (with their service) as plain lists,
        `listed_themes` and `listed_orientations` (no queryset built per row)."""
        return self.select_related("prestation__relais").prefetch_related(
            models.Prefetch("themes", to_attr="listed_themes"),
            models.Prefetch(
                "orientations",
                queryset=Orientation.objects.select_related("service"),
                to_attr="listed_orientations",
            ),
        )

    def in_period(self, start: date, end: date):
        """Situations noted from `start` (included) to `end` (excluded)."""
        return self.filter(prestation__date__gte=start, prestation__date__lt=end)

    def to_follow_up(self):
        """Follow-up asked by the relais and not closed by coordination."""
        return self.filter(follow_up_needed=True, follow_up_closed_at__isnull=True)


class Situation(FastChoiceDisplay, models.Model):
    """A need noticed during a prestation. No field names, locates or reaches the
    person, but with the relais, the date, the place, a returning code and health
    themes it is pseudonymous, not anonymous: personal data (docs/dpia.md). The
    person is told, with the notice "Vos données", and agrees (`person_informed`)."""

    prestation = models.ForeignKey(
        Prestation,
        verbose_name=_("prestation"),
        on_delete=models.CASCADE,
        related_name="situations",
    )
    age_band = models.CharField(
        _("tranche d'âge"),
        max_length=8,
        choices=AgeBand.choices,
        default=AgeBand.UNKNOWN,
    )
    gender = models.CharField(
        _("genre"), max_length=2, choices=Gender.choices, default=Gender.NOT_STATED
    )
    language = models.CharField(
        _("langue utilisée"),
        max_length=LANGUAGE_CODE_MAX_LENGTH,
        choices=Language.choices,
        default=Language.FR,
    )
    is_first_contact = models.BooleanField(_("premier contact"), default=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thèmes"), related_name="situations", blank=True
    )
    follow_up_needed = models.BooleanField(_("suivi nécessaire"), default=False)
    code = models.CharField(
        _("code pseudonyme"),
        max_length=CODE_LENGTH,
        blank=True,
        db_index=True,
        help_text=_(
            "Code au hasard donné par l'application pour reconnaître une personne "
            "qui revient. Il ne dit rien de la personne."
        ),
    )
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        validators=[validate_no_identifying_data],
        help_text=_("Courte et anonyme : ni nom, ni adresse, ni téléphone."),
    )
    person_informed = models.BooleanField(
        _("personne informée"),
        default=False,
        help_text=_(
            "La personne a été informée de ce qui est noté et de ses droits (la "
            "note « Vos données » montrée ou remise). Obligatoire à chaque situation."
        ),
    )
    follow_up_closed_at = models.DateTimeField(
        _("suivi clôturé le"), null=True, blank=True
    )
    follow_up_closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suivi clôturé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    anonymised_at = models.DateTimeField(_("anonymisée le"), null=True, blank=True)
    client_uuid = client_key_field()
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = SituationQuerySet.as_manager()

    class Meta:
        ordering = ["-prestation__date", "-pk"]
        verbose_name = _("situation")
        verbose_name_plural = _("situations")

    def __str__(self):
        return _("Situation du %(date)s") % {"date": f"{self.prestation.date:%d/%m/%Y}"}

    def get_absolute_url(self):
        return reverse("prestations:situation_edit", kwargs={"pk": self.pk})

    @property
    def is_to_follow_up(self) -> bool:
        """Follow-up was asked and coordination has not closed it yet."""
        return self.follow_up_needed and self.follow_up_closed_at is None

    def close_follow_up(self, *, by) -> None:
        """Coordination closes the follow-up a relais asked for, saying who and
        when; a situation with no open follow-up is refused."""
        if not self.is_to_follow_up:
            raise ValidationError(_("Cette situation n'a pas de suivi en cours."))
        self.follow_up_closed_at, self.follow_up_closed_by = timezone.now(), by
        self.save(update_fields=["follow_up_closed_at", "follow_up_closed_by"])

    def clean(self):
        """A code typed in must be one the app gave before (the person came back
        with it), and then this is not a first contact."""
        self.code = self.code.strip().upper()
        if not self.code or self.code == self._stored_code():
            return
        if not Situation.objects.filter(code=self.code).exists():
            raise ValidationError(
                {
                    "code": _(
                        "Ce code n'existe pas. Vérifiez-le, ou laissez vide et "
                        "cochez « Donner un code »."
                    )
                }
            )
        self.is_first_contact = False  # a known code: the person came back

    def _stored_code(self) -> str:
        if not self.pk:
            return ""
        return (
            Situation.objects.filter(pk=self.pk).values_list("code", flat=True).first()
            or ""
        )


class Orientation(FastChoiceDisplay, models.Model):
    """Where a person was oriented: a service of the directory or, failing that, a
    short description; with its outcome, updated later."""

    class Outcome(models.TextChoices):
        UNKNOWN = "unknown", _("Pas encore su")
        REACHED = "reached", _("La personne y est allée")
        NOT_REACHED = "not_reached", _("La personne n'y est pas allée")

    situation = models.ForeignKey(
        Situation,
        verbose_name=_("situation"),
        on_delete=models.CASCADE,
        related_name="orientations",
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("ressource"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orientations",
    )
    other_text = models.CharField(
        _("autre orientation"),
        max_length=120,
        blank=True,
        validators=[validate_no_identifying_data],
        help_text=_("Quand la ressource n'est pas dans le répertoire."),
    )
    is_accompanied = models.BooleanField(_("accompagnée ou accompagné"), default=False)
    outcome = models.CharField(
        _("résultat"),
        max_length=12,
        choices=Outcome.choices,
        default=Outcome.UNKNOWN,
    )
    outcome_updated_at = models.DateTimeField(
        _("résultat noté le"), null=True, blank=True
    )
    outcome_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("résultat noté par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("orientation")
        verbose_name_plural = _("orientations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(service__isnull=False) | ~models.Q(other_text=""),
                name="orientation_service_or_other",
            )
        ]

    def __str__(self):
        return self.target

    @property
    def target(self) -> str:
        return self.service.display_name if self.service_id else self.other_text

    def clean(self):
        if not self.service_id and not self.other_text:
            raise ValidationError(
                _("Choisissez une ressource du répertoire ou décrivez l'orientation.")
            )


class SituationFollowUp(models.Model):
    """A dated follow-up note coordination adds to a situation (a call to the
    service, news from the relais). Anonymous like the situation's own note, and
    deleted with it at the retention limit."""

    situation = models.ForeignKey(
        Situation,
        verbose_name=_("situation"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    note = models.CharField(
        _("note de suivi"),
        max_length=500,
        validators=[validate_no_identifying_data],
        help_text=_("Courte et anonyme : ni nom, ni adresse, ni téléphone."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("écrite par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("écrite le"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("note de suivi")
        verbose_name_plural = _("notes de suivi")

    def __str__(self):
        return self.note
