"""Themes, organisations and services (HSDS), with the search and opening reads."""

import uuid
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ressources.models.place import Schedule, ServiceAtLocation
from ressources.text import normalize
from tisseurs.vocab import LANGUAGE_CODE_MAX_LENGTH, language_label

VERIFY_AFTER_DAYS = 365


def translated_values(obj, field: str) -> list[str]:
    """Every language's text of a translated `field` of `obj`, French first (what
    search looks in, so a resident's word in French or Dutch finds the service)."""
    return [
        value
        for code in settings.MODELTRANSLATION_LANGUAGES
        if (value := getattr(obj, f"{field}_{code}", ""))
    ]


class WebURLField(models.URLField):
    """A web address: http or https only (Django's URLField also accepts ftp, and
    an address is shown as a link, so no other scheme may come in, through a form,
    the admin or an import)."""

    default_validators = [
        URLValidator(
            schemes=["http", "https"],
            message=_("Saisissez une adresse web commençant par http:// ou https://."),
            # not "invalid": a form's URLField would put its own message instead
            code="web_url",
        )
    ]


class Theme(models.Model):
    """A theme of need or of offer (housing, mental health…), shared by every app."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    # One column per interface language (translation.py): label_fr, label_nl, …;
    # reading `label` gives the reader's language, else French.
    label = models.CharField(_("libellé"), max_length=100)
    pictogram = models.CharField(
        _("pictogramme"),
        max_length=8,
        blank=True,
        help_text=_("Un symbole court affiché à côté du libellé sur téléphone."),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    is_active = models.BooleanField(_("actif"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")

    def __str__(self):
        return self.label


class Organization(models.Model):
    """HSDS organization: the body that runs one or more services."""

    hsds_id = models.UUIDField(
        _("identifiant HSDS"), default=uuid.uuid4, unique=True, editable=False
    )
    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    website = WebURLField(_("site web"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_partner = models.BooleanField(
        _("partenaire du projet"),
        default=False,
        help_text=_("Organisation partenaire de Tisseurs de liens de quartier."),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        ordering = ["name_fr"]  # translation.py: one order for every language
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the reader's language, else French (translation.py)."""
        return self.name


class TaxonomyTerm(models.Model):
    """An HSDS taxonomy term met in an import, mapped (or not yet) to a theme."""

    hsds_id = models.UUIDField(_("identifiant HSDS"), default=uuid.uuid4, unique=True)
    code = models.CharField(_("code"), max_length=100, blank=True)
    name = models.CharField(_("nom"), max_length=200)
    taxonomy = models.CharField(_("taxonomie"), max_length=200, blank=True)
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("thème correspondant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="taxonomy_terms",
    )

    class Meta:
        ordering = ["taxonomy", "name"]
        verbose_name = _("terme de taxonomie HSDS")
        verbose_name_plural = _("termes de taxonomie HSDS")

    def __str__(self):
        return self.name


class ServiceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Service.Status.ACTIVE)

    def with_card_data(self):
        """Everything a result line or a card shows, in a fixed number of queries."""
        return self.select_related("organization").prefetch_related(
            "themes",
            "languages",
            "phones",
            "schedules",
            models.Prefetch(
                "service_locations",
                queryset=ServiceAtLocation.objects.select_related("location"),
            ),
        )

    def search(self, text: str):
        """Accent- and case-insensitive search (FR and NL) over names, descriptions
        and themes, through the normalised `search_text` column."""
        for word in normalize(text).split():
            self = self.filter(search_text__contains=word)
        return self

    def speaking(self, code: str):
        return self.filter(
            Exists(ServiceLanguage.objects.filter(service=OuterRef("pk"), code=code))
        )

    def in_municipality(self, postal_code: str):
        return self.filter(
            Exists(
                ServiceAtLocation.objects.filter(
                    service=OuterRef("pk"), location__postal_code=postal_code
                )
            )
        )

    def open_at(self, moment: datetime):
        """Services open at `moment` (Brussels time), overnight ranges included."""
        local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        day, now = local.date(), local.time().replace(second=0, microsecond=0)
        yesterday = day - timedelta(days=1)
        today_rows = (
            Schedule.objects.valid_on(day)
            .filter(weekday=day.isoweekday(), opens_at__lte=now)
            .filter(Q(closes_next_day=True) | Q(closes_at__gt=now))
        )
        night_rows = Schedule.objects.valid_on(yesterday).filter(
            weekday=yesterday.isoweekday(), closes_next_day=True, closes_at__gt=now
        )
        return self.filter(
            Exists(today_rows.filter(service=OuterRef("pk")))
            | Exists(night_rows.filter(service=OuterRef("pk")))
        )

    def to_verify(self, today: date | None = None):
        """Active services nobody has checked for twelve months (or ever)."""
        today = today or timezone.localdate()
        limit = today - timedelta(days=VERIFY_AFTER_DAYS)
        return self.filter(Q(verified_on__isnull=True) | Q(verified_on__lt=limit))


class Service(models.Model):
    """HSDS service: what residents can be oriented to (the users' "ressource")."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Actif")
        TEMPORARILY_CLOSED = "inactive", _("Fermé temporairement")
        CLOSED = "defunct", _("Fermé définitivement")

    class Cost(models.TextChoices):
        FREE = "free", _("Gratuit")
        SLIDING = "sliding", _("Prix adapté aux revenus")
        PAID = "paid", _("Payant")
        UNKNOWN = "", _("Non précisé")

    hsds_id = models.UUIDField(
        _("identifiant HSDS"), default=uuid.uuid4, unique=True, editable=False
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    url = WebURLField(_("site web"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    is_formal = models.BooleanField(
        _("service formel"),
        default=True,
        help_text=_(
            "Décocher pour une ressource informelle (un café, une pharmacie, "
            "un lieu de culte…)."
        ),
    )
    is_bas_seuil = models.BooleanField(
        _("bas seuil"),
        default=False,
        help_text=_("Accès sans rendez-vous ni condition, pour les plus éloigné·es."),
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thèmes"), related_name="services", blank=True
    )
    taxonomy_terms = models.ManyToManyField(
        TaxonomyTerm,
        verbose_name=_("termes de taxonomie HSDS"),
        related_name="services",
        blank=True,
    )
    eligibility = models.TextField(_("public / conditions"), blank=True)
    cost = models.CharField(
        _("coût"), max_length=10, choices=Cost.choices, default=Cost.UNKNOWN, blank=True
    )
    fees_description = models.TextField(_("détail des tarifs"), blank=True)
    has_interpretation = models.BooleanField(
        _("interprétariat possible"), default=False
    )
    interpretation_note = models.TextField(_("interprétariat : détails"), blank=True)
    accessibility = models.TextField(
        _("accessibilité physique"),
        blank=True,
        help_text=_("Par exemple : de plain-pied, ascenseur, marches à l'entrée."),
    )
    hours_note = models.CharField(
        _("remarque sur les horaires"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : « sur rendez-vous », « fermé en août »."),
    )
    social_brussels_id = models.CharField(
        _("identifiant social.brussels"), max_length=40, blank=True
    )
    verified_on = models.DateField(_("vérifié le"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vérifié par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_by_email = models.EmailField(_("vérifié par (e-mail importé)"), blank=True)
    search_text = models.TextField(_("texte de recherche"), blank=True, editable=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name_fr"]  # translation.py: one order for every language
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("ressources:service_detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        """The name in the reader's language, else French (translation.py)."""
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def needs_verification(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.verified_on is None or (
            self.verified_on < today - timedelta(days=VERIFY_AFTER_DAYS)
        )

    def build_search_text(self) -> str:
        """The normalised text `search` looks in (names, descriptions, themes)."""
        parts = [
            value
            for obj, fields in (
                (self, ("name", "description")),
                (self.organization, ("name",)),
            )
            for field in fields
            for value in translated_values(obj, field)
        ]
        for theme in self.themes.all():
            parts += translated_values(theme, "label")
        for term in self.taxonomy_terms.all():
            parts.append(term.name)
        return " " + normalize(" ".join(p for p in parts if p)) + " "

    # What a card shows, computed once per request from prefetched rows
    # (with_card_data).
    @cached_property
    def location(self):
        links = list(self.service_locations.all())
        return links[0].location if links else None

    @cached_property
    def phone(self):
        phones = list(self.phones.all())
        return phones[0] if phones else None

    @cached_property
    def language_codes(self) -> list[str]:
        return [row.code for row in self.languages.all()]

    @cached_property
    def language_names(self) -> list[str]:
        return [language_label(code) for code in self.language_codes]

    def is_open_at(self, moment: datetime) -> bool:
        local = timezone.localtime(moment)
        return any(s.is_open_at(local) for s in self.schedules.all())

    def next_opening(self, moment: datetime) -> datetime | None:
        """The next moment (Brussels time) the service opens, within a week."""
        local = timezone.localtime(moment)
        start = local.replace(second=0, microsecond=0)
        found = [
            opening
            for s in self.schedules.all()
            if (opening := s.next_opening(start)) is not None
        ]
        return min(found) if found else None

    @cached_property
    def open_now(self) -> bool:
        return self.is_open_at(timezone.now())

    @cached_property
    def next_opening_now(self) -> datetime | None:
        return self.next_opening(timezone.now())

    @cached_property
    def next_opening_day(self) -> str:
        """ "today", "tomorrow" or "later" for the next opening (for wording)."""
        opening = self.next_opening_now
        if opening is None:
            return ""
        days = (opening.date() - timezone.localdate()).days
        return {0: "today", 1: "tomorrow"}.get(days, "later")


class ServiceLanguage(models.Model):
    """HSDS language: a language the service is offered in (ISO 639 code)."""

    hsds_id = models.UUIDField(_("identifiant HSDS"), default=uuid.uuid4, unique=True)
    service = models.ForeignKey(
        Service,
        verbose_name=_("ressource"),
        on_delete=models.CASCADE,
        related_name="languages",
    )
    code = models.CharField(_("langue"), max_length=LANGUAGE_CODE_MAX_LENGTH)
    note = models.CharField(_("remarque"), max_length=200, blank=True)

    class Meta:
        ordering = ["service", "code"]
        verbose_name = _("langue parlée")
        verbose_name_plural = _("langues parlées")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "code"], name="ressources_language_once"
            )
        ]

    def __str__(self):
        return str(language_label(self.code))
