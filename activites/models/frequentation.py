"""Fréquentations: the people met at an activity, counted, nobody named."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from activites.models.activite import Activite
from ressources.models import Organization
from tisseurs.privacy import validate_no_identifying_data
from tisseurs.vocab import AgeBand, Gender, Language


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
