"""An activity (one occurrence at a contact point) and its roster of relais
(affectations)."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activites.models.places import ContactPoint, Serie, Stop
from relais.models import Relais
from ressources.models import Organization, Theme


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
        slice of the result keeps only such activities), by date and time: Django
        leaves `Meta.ordering` out of a query with an aggregate, so the order is
        said here."""
        return (
            self.annotate(
                confirmed_count=models.Count(
                    "affectations",
                    filter=models.Q(affectations__status=Affectation.Status.CONFIRMED),
                )
            )
            .filter(confirmed_count__lt=models.F("relais_needed"))
            .order_by("start", "pk")
        )

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
