"""Where and when: locations, phones, contacts and opening hours (HSDS).

The foreign keys name their target by label ("ressources.Service"): service.py
imports this module for its queries, so this one does not import service.py.
"""

import uuid
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tisseurs.phones import phone_e164, validate_phone


class Location(models.Model):
    """HSDS location with its (one, physical) address."""

    hsds_id = models.UUIDField(
        _("identifiant HSDS"), default=uuid.uuid4, unique=True, editable=False
    )
    organization = models.ForeignKey(
        "ressources.Organization",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="locations",
    )
    name = models.CharField(_("nom du lieu"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    address_1 = models.CharField(_("adresse"), max_length=200, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=10, blank=True)
    city = models.CharField(_("commune"), max_length=100, blank=True)
    country = models.CharField(_("pays"), max_length=2, default="BE")
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    transportation = models.TextField(_("accès en transports"), blank=True)

    class Meta:
        ordering = ["postal_code", "address_1"]
        verbose_name = _("lieu d'accueil")
        verbose_name_plural = _("lieux d'accueil")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True)
                | Q(latitude__gte=-90, latitude__lte=90),
                name="ressources_location_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True)
                | Q(longitude__gte=-180, longitude__lte=180),
                name="ressources_location_longitude_range",
            ),
        ]

    def __str__(self):
        return self.one_line or self.name

    @property
    def one_line(self) -> str:
        town = " ".join(p for p in (self.postal_code, self.city) if p)
        return ", ".join(p for p in (self.address_1, town) if p)

    @property
    def map_url(self) -> str:
        """A plain link to OpenStreetMap (no embedded map, no third-party script)."""
        if self.latitude is not None and self.longitude is not None:
            return (
                "https://www.openstreetmap.org/?"
                + urlencode({"mlat": self.latitude, "mlon": self.longitude})
                + f"#map=18/{self.latitude}/{self.longitude}"
            )
        if self.one_line:
            return "https://www.openstreetmap.org/search?" + urlencode(
                {"query": f"{self.one_line}, Belgique"}
            )
        return ""


class ServiceAtLocation(models.Model):
    """HSDS service_at_location: where a service is delivered."""

    hsds_id = models.UUIDField(
        _("identifiant HSDS"), default=uuid.uuid4, unique=True, editable=False
    )
    service = models.ForeignKey(
        "ressources.Service",
        verbose_name=_("ressource"),
        on_delete=models.CASCADE,
        related_name="service_locations",
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("lieu d'accueil"),
        on_delete=models.CASCADE,
        related_name="service_locations",
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["service", "pk"]
        verbose_name = _("ressource en un lieu")
        verbose_name_plural = _("ressources en un lieu")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "location"], name="ressources_service_location_once"
            )
        ]

    def __str__(self):
        return f"{self.service} — {self.location}"


class Phone(models.Model):
    """HSDS phone, attached to a service (or only to an organization/location)."""

    hsds_id = models.UUIDField(
        _("identifiant HSDS"), default=uuid.uuid4, unique=True, editable=False
    )
    service = models.ForeignKey(
        "ressources.Service",
        verbose_name=_("ressource"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="phones",
    )
    organization = models.ForeignKey(
        "ressources.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="phones",
    )
    number = models.CharField(_("numéro"), max_length=40)
    extension = models.CharField(_("poste"), max_length=20, blank=True)
    type = models.CharField(_("type"), max_length=20, blank=True, default="voice")
    description = models.CharField(_("remarque"), max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("téléphone")
        verbose_name_plural = _("téléphones")

    def __str__(self):
        return self.number

    def clean(self):
        validate_phone(self.number, field="number")

    @property
    def tel_uri(self) -> str:
        return "tel:" + phone_e164(self.number)


class Contact(models.Model):
    """HSDS contact: a named person to ask for."""

    hsds_id = models.UUIDField(
        _("identifiant HSDS"), default=uuid.uuid4, unique=True, editable=False
    )
    service = models.ForeignKey(
        "ressources.Service",
        verbose_name=_("ressource"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
    )
    name = models.CharField(_("nom"), max_length=200, blank=True)
    title = models.CharField(_("fonction"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("personne de contact")
        verbose_name_plural = _("personnes de contact")

    def __str__(self):
        return self.name or self.title or self.email


class ScheduleQuerySet(models.QuerySet):
    def valid_on(self, day: date):
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class Schedule(models.Model):
    """One opening range on one weekday (HSDS schedule, weekly, one BYDAY).

    `closes_at` is excluded: a range 9:00–12:00 is closed at 12:00. A range that
    ends after midnight says so explicitly (`closes_next_day`)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 1, _("lundi")
        TUESDAY = 2, _("mardi")
        WEDNESDAY = 3, _("mercredi")
        THURSDAY = 4, _("jeudi")
        FRIDAY = 5, _("vendredi")
        SATURDAY = 6, _("samedi")
        SUNDAY = 7, _("dimanche")

    hsds_id = models.UUIDField(
        _("identifiant HSDS"),
        default=uuid.uuid4,
        help_text=_("Un horaire HSDS sur plusieurs jours donne une ligne par jour."),
    )
    service = models.ForeignKey(
        "ressources.Service",
        verbose_name=_("ressource"),
        on_delete=models.CASCADE,
        related_name="schedules",
    )
    weekday = models.PositiveSmallIntegerField(_("jour"), choices=Weekday.choices)
    opens_at = models.TimeField(_("ouvre à"))
    closes_at = models.TimeField(_("ferme à"))
    closes_next_day = models.BooleanField(
        _("ferme le lendemain"),
        default=False,
        help_text=_("Cocher pour un horaire de nuit (par exemple 22:00 – 06:00)."),
    )
    valid_from = models.DateField(_("valable à partir du"), null=True, blank=True)
    valid_to = models.DateField(_("valable jusqu'au"), null=True, blank=True)
    note = models.CharField(_("remarque"), max_length=200, blank=True)

    objects = ScheduleQuerySet.as_manager()

    class Meta:
        ordering = ["weekday", "opens_at"]
        verbose_name = _("horaire")
        verbose_name_plural = _("horaires")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_next_day=False, closes_at__gt=models.F("opens_at"))
                | Q(closes_next_day=True, closes_at__lte=models.F("opens_at")),
                name="ressources_schedule_closes_after_opens",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="ressources_schedule_valid_range",
            ),
        ]

    def __str__(self):
        return (
            f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"
        )

    def clean(self):
        errors = {}
        if self.opens_at and self.closes_at:
            if not self.closes_next_day and self.closes_at <= self.opens_at:
                errors["closes_at"] = _(
                    "L'heure de fermeture doit suivre l'heure d'ouverture "
                    "(cochez « ferme le lendemain » pour un horaire de nuit)."
                )
            if self.closes_next_day and self.closes_at > self.opens_at:
                errors["closes_next_day"] = _(
                    "Un horaire de nuit ferme le lendemain avant son heure d'ouverture."
                )
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("La fin de validité précède son début.")
        if errors:
            raise ValidationError(errors)

    def is_valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def _range_starting(self, day: date, tz) -> tuple[datetime, datetime]:
        opens = datetime.combine(day, self.opens_at, tzinfo=tz)
        close_day = day + timedelta(days=1) if self.closes_next_day else day
        return opens, datetime.combine(close_day, self.closes_at, tzinfo=tz)

    def is_open_at(self, local: datetime) -> bool:
        """Whether this range covers `local` (an aware Brussels datetime)."""
        moment = local.replace(second=0, microsecond=0)
        for day in (moment.date(), moment.date() - timedelta(days=1)):
            if day.isoweekday() != self.weekday or not self.is_valid_on(day):
                continue
            opens, closes = self._range_starting(day, moment.tzinfo)
            if opens <= moment < closes:
                return True
        return False

    def next_opening(self, local: datetime) -> datetime | None:
        """The first opening of this range after `local`, within eight days."""
        for offset in range(8):
            day = local.date() + timedelta(days=offset)
            if day.isoweekday() != self.weekday or not self.is_valid_on(day):
                continue
            opens, _closes = self._range_starting(day, local.tzinfo)
            if opens > local:
                return opens
        return None
