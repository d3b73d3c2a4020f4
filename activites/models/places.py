"""The places of activities: fixed and mobile contact points, the stops of a
mobile point, and the weekly series activities are generated from."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactPoint(models.Model):
    """A contact point of the project: the fixed one (a local) or the mobile one (the
    triporteur, which stops at named places)."""

    class Kind(models.TextChoices):
        FIXED = "fixed", _("Point fixe")
        MOBILE = "mobile", _("Point mobile")

    kind = models.CharField(_("type"), max_length=8, choices=Kind.choices)
    name = models.CharField(_("nom"), max_length=120)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    opening_hours = models.TextField(
        _("heures d'ouverture habituelles"),
        blank=True,
        help_text=_("Par exemple : mardi et jeudi de 14 h à 17 h."),
    )
    is_active = models.BooleanField(_("actif"), default=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("point de contact")
        verbose_name_plural = _("points de contact")

    def __str__(self):
        return self.name


class Stop(models.Model):
    """A named place where the mobile point stops (a square, a street corner)."""

    contact_point = models.ForeignKey(
        ContactPoint,
        verbose_name=_("point mobile"),
        on_delete=models.CASCADE,
        related_name="stops",
        limit_choices_to={"kind": ContactPoint.Kind.MOBILE},
    )
    name = models.CharField(_("nom"), max_length=120)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    usual_times = models.CharField(
        _("passages habituels"),
        max_length=200,
        blank=True,
        help_text=_("Quand le triporteur y passe d'habitude, en quelques mots."),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["contact_point", "position", "name"]
        verbose_name = _("arrêt")
        verbose_name_plural = _("arrêts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90)
                | models.Q(latitude__isnull=True),
                name="stop_latitude_range",
                violation_error_message=_(
                    "La latitude doit être comprise entre -90 et 90."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__gte=-180, longitude__lte=180)
                | models.Q(longitude__isnull=True),
                name="stop_longitude_range",
                violation_error_message=_(
                    "La longitude doit être comprise entre -180 et 180."
                ),
            ),
        ]

    def __str__(self):
        return self.name


class Serie(models.Model):
    """A weekly rule that created a run of activities (e.g. a permanence every
    Tuesday 14:00–17:00 until June). The occurrences are ordinary `Activite` rows
    that keep a link to their series; editing or cancelling one occurrence touches
    that row only."""

    weekdays = models.CharField(
        _("jours de la semaine"),
        max_length=20,
        help_text=_("Numéros des jours (0 = lundi … 6 = dimanche), séparés par ','."),
    )
    first_day = models.DateField(_("premier jour"))
    last_day = models.DateField(_("dernier jour"))
    start_time = models.TimeField(_("heure de début"))
    end_time = models.TimeField(_("heure de fin"))
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        ordering = ["first_day"]
        verbose_name = _("série")
        verbose_name_plural = _("séries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("first_day")),
                name="serie_last_day_after_first",
                violation_error_message=_(
                    "Le dernier jour doit venir après le premier."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="serie_end_after_start",
                violation_error_message=_("La fin doit venir après le début."),
            ),
        ]

    def __str__(self):
        return _("Série du %(first)s au %(last)s") % {
            "first": self.first_day,
            "last": self.last_day,
        }
