"""Activities at the fixed and mobile contact points: places, series, rosters,
fréquentations (counted, nobody named) and calendar feed tokens."""

import secrets
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from relais.models import Relais
from ressources.models import Organization, Theme
from tisseurs.privacy import validate_no_identifying_data
from tisseurs.vocab import AgeBand, Gender, Language


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


class ActiviteQuerySet(models.QuerySet):
    def between(self, first: date, last: date):
        """Activities starting on a local day between `first` and `last` (both
        included), with what the agenda shows, in a fixed number of queries."""
        tz = timezone.get_current_timezone()
        start = timezone.make_aware(datetime.combine(first, datetime.min.time()), tz)
        end = timezone.make_aware(
            datetime.combine(last + timedelta(days=1), datetime.min.time()), tz
        )
        return self.filter(start__gte=start, start__lt=end)

    def for_agenda(self):
        return self.select_related("contact_point", "stop", "serie").prefetch_related(
            models.Prefetch(
                "affectations",
                queryset=Affectation.objects.select_related("relais").order_by(
                    "relais__first_name"
                ),
            )
        )

    def with_confirmed(self, relais: Relais):
        """Activities where `relais` holds a confirmed place."""
        return self.filter(
            affectations__relais=relais,
            affectations__status=Affectation.Status.CONFIRMED,
        )

    def done_with_confirmed(self, relais: Relais, day: date):
        """The activities of `day` (local date) that are done and where `relais`
        held a confirmed place: what pre-fills that relais' prestation of the day
        (the prestations app calls this; activites never imports prestations)."""
        return (
            self.between(day, day)
            .filter(status=Activite.Status.DONE)
            .with_confirmed(relais)
            .select_related("contact_point", "stop")
            .order_by("start")
        )

    def started_with_confirmed(self, relais: Relais, day: date, now: datetime):
        """The activities of `day` where `relais` holds a confirmed place that are
        done, or planned and already started at `now` (not cancelled): what the
        relais may log as a prestation from its start time, without waiting for
        coordination to mark it done."""
        return (
            self.between(day, day)
            .filter(
                models.Q(status=Activite.Status.DONE)
                | models.Q(status=Activite.Status.PLANNED, start__lte=now)
            )
            .with_confirmed(relais)
            .select_related("contact_point", "stop")
            .order_by("start")
        )

    def missing_relais(self):
        """Activities with fewer confirmed relais than places (in the query, so a
        slice of the result keeps only such activities)."""
        return self.annotate(
            confirmed_count=models.Count(
                "affectations",
                filter=models.Q(affectations__status=Affectation.Status.CONFIRMED),
            )
        ).filter(confirmed_count__lt=models.F("relais_needed"))

    def open_for_offers(self, now: datetime | None = None):
        """Planned activities still to come that still miss relais."""
        now = now or timezone.now()
        return self.filter(
            status=Activite.Status.PLANNED, start__gte=now
        ).missing_relais()


class Activite(models.Model):
    """One planned activity (a permanence, a triporteur round, a breakfast…)."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Atelier thématique")
        PARTY = "party", _("Fête de quartier")
        AWARENESS = "awareness", _("Séance de sensibilisation")
        BREAKFAST = "breakfast", _("Petit-déjeuner")
        PERMANENCE = "permanence", _("Permanence")
        ROUND = "round", _("Tournée du triporteur")
        NETWORK = "network", _("Réunion de réseau")
        COMITE = "comite", _("Comité de pilotage")
        OTHER = "other", _("Autre activité")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Prévue")
        DONE = "done", _("Réalisée")
        CANCELLED = "cancelled", _("Annulée")

    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=200)
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    contact_point = models.ForeignKey(
        ContactPoint,
        verbose_name=_("point de contact"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activites",
    )
    stop = models.ForeignKey(
        Stop,
        verbose_name=_("arrêt du triporteur"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activites",
    )
    place = models.CharField(
        _("autre lieu"),
        max_length=200,
        blank=True,
        help_text=_("Une adresse ou un lieu hors des points de contact."),
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thèmes"), blank=True, related_name="activites"
    )
    partners = models.ManyToManyField(
        Organization,
        verbose_name=_("organisations partenaires"),
        blank=True,
        related_name="activites",
    )
    description = models.TextField(
        _("description publique"),
        blank=True,
        help_text=_("Texte repris dans le programme imprimé du mois."),
    )
    relais_needed = models.PositiveSmallIntegerField(_("relais nécessaires"), default=0)
    cancel_reason = models.CharField(
        _("motif d'annulation"), max_length=300, blank=True
    )
    serie = models.ForeignKey(
        Serie,
        verbose_name=_("série"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activites",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = ActiviteQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("activité")
        verbose_name_plural = _("activités")
        indexes = [models.Index(fields=["start"], name="activite_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="activite_end_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="cancelled") | ~models.Q(cancel_reason=""),
                name="activite_cancel_has_reason",
                violation_error_message=_("Indiquez le motif de l'annulation."),
            ),
            models.CheckConstraint(
                condition=models.Q(stop__isnull=True) | models.Q(place=""),
                name="activite_one_place",
                violation_error_message=_(
                    "Choisissez un arrêt du triporteur ou un autre lieu, pas les deux."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("activites:activite_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.stop_id and not self.contact_point_id:
            self.contact_point_id = self.stop.contact_point_id  # a stop implies it
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("La fin doit venir après le début.")
        if self.stop_id and self.place:
            errors["place"] = _(
                "Choisissez un arrêt du triporteur ou un autre lieu, pas les deux."
            )
        if self.stop_id and self.contact_point_id:
            stop = self.stop
            if stop.contact_point_id != self.contact_point_id:
                errors["stop"] = _("Cet arrêt n'appartient pas à ce point de contact.")
        if not (self.contact_point_id or self.stop_id or self.place):
            errors["place"] = _(
                "Indiquez où a lieu l'activité : un point de contact, un arrêt ou un "
                "autre lieu."
            )
        if self.is_cancelled and not self.cancel_reason:
            errors["cancel_reason"] = _("Indiquez le motif de l'annulation.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_planned(self) -> bool:
        return self.status == self.Status.PLANNED

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def local_day(self) -> date:
        return timezone.localtime(self.start).date()

    @property
    def where(self) -> str:
        if self.stop_id:
            return str(self.stop)
        if self.place:
            return self.place
        return str(self.contact_point) if self.contact_point_id else ""

    @property
    def confirmed(self) -> list["Affectation"]:
        """Confirmed affectations (reads the prefetched rows when there are)."""
        return [a for a in self.affectations.all() if a.is_confirmed]

    @property
    def offered(self) -> list["Affectation"]:
        return [a for a in self.affectations.all() if a.is_offered]

    @property
    def withdrawn(self) -> list["Affectation"]:
        return [a for a in self.affectations.all() if a.is_withdrawn]

    @property
    def open_slots(self) -> int:
        return max(0, self.relais_needed - len(self.confirmed))

    def cancel(self, *, reason: str) -> None:
        """Cancel this one activity (an occurrence of a series stays in its series,
        marked cancelled)."""
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(
                {"cancel_reason": _("Indiquez le motif de l'annulation.")}
            )
        if self.is_done:
            raise ValidationError(_("Une activité réalisée ne peut plus être annulée."))
        self.status = self.Status.CANCELLED
        self.cancel_reason = reason
        self.save(update_fields=["status", "cancel_reason", "updated_at"])


class Affectation(models.Model):
    """One relais on the roster of one activity: offered by the relais, or assigned
    and confirmed by coordination, or withdrawn (with the reason, so that the gap
    shows)."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Proposée par le relais")
        CONFIRMED = "confirmed", _("Confirmée")
        WITHDRAWN = "withdrawn", _("Désistement")

    activite = models.ForeignKey(
        Activite,
        verbose_name=_("activité"),
        on_delete=models.CASCADE,
        related_name="affectations",
    )
    relais = models.ForeignKey(
        Relais,
        verbose_name=_("relais"),
        on_delete=models.CASCADE,
        related_name="affectations",
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.OFFERED
    )
    withdraw_reason = models.CharField(
        _("motif du désistement"), max_length=300, blank=True
    )
    offered_at = models.DateTimeField(_("proposée le"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("désistement le"), null=True, blank=True)

    class Meta:
        ordering = ["activite__start", "relais__first_name"]
        verbose_name = _("affectation")
        verbose_name_plural = _("affectations")
        constraints = [
            models.UniqueConstraint(
                fields=["activite", "relais"], name="affectation_once_per_activite"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="withdrawn") | ~models.Q(withdraw_reason=""),
                name="affectation_withdraw_has_reason",
                violation_error_message=_("Dites-nous en quelques mots pourquoi."),
            ),
        ]

    def __str__(self):
        return f"{self.relais} · {self.activite}"

    @property
    def is_offered(self) -> bool:
        return self.status == self.Status.OFFERED

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN


class Frequentation(models.Model):
    """The counted attendance of one activity, entered afterwards. Nobody is named:
    only counts, languages heard and the partners present (docs/conventions.md §3)."""

    activite = models.OneToOneField(
        Activite,
        verbose_name=_("activité"),
        on_delete=models.CASCADE,
        related_name="frequentation",
    )
    total = models.PositiveIntegerField(_("personnes rencontrées"), default=0)
    newcomers = models.PositiveIntegerField(_("dont nouvelles personnes"), default=0)
    age_counts = models.JSONField(
        _("par tranche d'âge"), default=dict, blank=True
    )  # {AgeBand value: count}
    gender_counts = models.JSONField(
        _("par genre"), default=dict, blank=True
    )  # {Gender value: count}
    languages = models.JSONField(
        _("langues entendues"), default=list, blank=True
    )  # [Language code]
    partners_present = models.ManyToManyField(
        Organization,
        verbose_name=_("partenaires présents"),
        blank=True,
        related_name="+",
    )
    # Free text about residents: anonymous (tisseurs/privacy.py), and blanked with
    # the situations' notes after the retention period (frequentation_purge_texts).
    report = models.TextField(
        _("compte rendu"),
        blank=True,
        validators=[validate_no_identifying_data],
        help_text=_("Anonyme : ni nom, ni adresse, ni téléphone."),
    )
    follow_up = models.TextField(
        _("suites à donner"),
        blank=True,
        validators=[validate_no_identifying_data],
        help_text=_("Anonyme : ni nom, ni adresse, ni téléphone."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("encodé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("encodé le"), auto_now=True)

    class Meta:
        verbose_name = _("fréquentation")
        verbose_name_plural = _("fréquentations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(newcomers__lte=models.F("total")),
                name="frequentation_newcomers_within_total",
                violation_error_message=_(
                    "Il ne peut pas y avoir plus de nouvelles personnes que de "
                    "personnes rencontrées."
                ),
            ),
        ]

    def __str__(self):
        return _("Fréquentation de %(activite)s") % {"activite": self.activite}

    def clean(self):
        errors = []
        total = self.total or 0
        # newcomers ≤ total: the named constraint (its message) checks it.
        for counts, choices, label in (
            (self.age_counts, AgeBand, _("tranches d'âge")),
            (self.gender_counts, Gender, _("genres")),
        ):
            counts = counts or {}
            unknown = set(counts) - set(choices.values)
            if unknown:
                errors.append(
                    _("Valeur inconnue dans %(what)s : %(values)s.")
                    % {"what": label, "values": ", ".join(sorted(unknown))}
                )
            if any(not isinstance(n, int) or n < 0 for n in counts.values()):
                errors.append(
                    _("Les nombres par %(what)s doivent être positifs.")
                    % {"what": label}
                )
                continue
            for value, n in counts.items():
                if n > total and value in choices.values:
                    errors.append(
                        _("%(label)s : %(n)s personnes, plus que le total (%(total)s).")
                        % {"label": choices(value).label, "n": n, "total": total}
                    )
            if sum(counts.values()) > total:
                errors.append(
                    _(
                        "La somme par %(what)s (%(sum)s) dépasse le nombre de "
                        "personnes rencontrées (%(total)s)."
                    )
                    % {"what": label, "sum": sum(counts.values()), "total": total}
                )
        unknown_languages = set(self.languages or []) - set(Language.values)
        if unknown_languages:
            errors.append(
                _("Langue inconnue : %(codes)s.")
                % {"codes": ", ".join(sorted(unknown_languages))}
            )
        if errors:
            raise ValidationError(errors)


class CalendarToken(models.Model):
    """The secret of a user's calendar feed URL. Revoking it (or making a new one)
    makes the old URL answer 404."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utilisateur"),
        on_delete=models.CASCADE,
        related_name="calendar_tokens",
    )
    token = models.CharField(_("jeton"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("jeton d'agenda")
        verbose_name_plural = _("jetons d'agenda")

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d})"

    @staticmethod
    def new_secret() -> str:
        return secrets.token_urlsafe(32)
