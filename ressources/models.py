"""The neighbourhood directory, modelled on Open Referral HSDS 3.0.

HSDS object names stay English (Organization, Service, Location…) because they are
the standard's words; the users call a directory entry a "ressource" (glossary).
Themes are the one taxonomy that situations, activities and services share.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Theme(models.Model):
    """A theme of need or of offer (housing, mental health…), shared by every app."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_fr = models.CharField(_("libellé (français)"), max_length=100)
    label_nl = models.CharField(_("libellé (néerlandais)"), max_length=100)
    label_en = models.CharField(_("libellé (anglais)"), max_length=100, blank=True)
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

    @property
    def label(self) -> str:
        language = (get_language() or "fr")[:2]
        if language == "nl":
            return self.label_nl or self.label_fr
        if language == "en":
            return self.label_en or self.label_fr
        return self.label_fr


class Organization(models.Model):
    """HSDS organization: the body that runs one or more services."""

    name = models.CharField(_("nom"), max_length=200)
    name_nl = models.CharField(_("nom (néerlandais)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_nl = models.TextField(_("description (néerlandais)"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_partner = models.BooleanField(
        _("partenaire du projet"),
        default=False,
        help_text=_("Organisation partenaire de Tisseurs de liens de quartier."),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Service(models.Model):
    """HSDS service: what residents can be oriented to (the users' "ressource")."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Actif")
        TEMPORARILY_CLOSED = "inactive", _("Fermé temporairement")
        CLOSED = "defunct", _("Fermé définitivement")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    name = models.CharField(_("nom"), max_length=200)
    name_nl = models.CharField(_("nom (néerlandais)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_nl = models.TextField(_("description (néerlandais)"), blank=True)
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
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if (get_language() or "fr")[:2] == "nl" and self.name_nl:
            return self.name_nl
        return self.name
