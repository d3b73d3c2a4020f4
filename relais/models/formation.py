"""Trainings and intervisions, and the relais' presence at them
(`FormationAttendance`)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from relais.models.dates import format_day


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
        _("formateur, formatrice ou organisation partenaire"),
        max_length=200,
        blank=True,
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


class FormationAttendance(models.Model):
    """One relais at one training or intervision: present, excused or absent, and
    hours ("présence à une formation"; not the counted attendance of an activity,
    `activites.Frequentation`)."""

    class Status(models.TextChoices):
        # Words without gender, read by relais too; the context lets English say
        # "Present" where a column heading "Présence" says "Attendance".
        PRESENT = "present", pgettext_lazy("statut de présence", "Présence")
        EXCUSED = "excused", pgettext_lazy("statut de présence", "Absence excusée")
        ABSENT = "absent", pgettext_lazy("statut de présence", "Absence")

    formation = models.ForeignKey(
        Formation,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    relais = models.ForeignKey(
        "relais.Relais",
        verbose_name=_("relais"),
        on_delete=models.CASCADE,
        related_name="formation_attendances",
    )
    status = models.CharField(
        _("présence"), max_length=10, choices=Status.choices, default=Status.PRESENT
    )
    hours = models.DecimalField(
        _("heures"),
        max_digits=4,
        decimal_places=1,
        default=0,
        help_text=_("Seule une présence compte des heures."),
    )

    class Meta:
        ordering = ["formation", "relais"]
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        constraints = [
            models.UniqueConstraint(
                fields=["formation", "relais"], name="formationattendance_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(hours__gte=0),
                name="formationattendance_hours_positive",
            ),
            # Hours of training are hours attended: an excused or absent relais
            # counts none (totals and the comité's "heures de formation").
            models.CheckConstraint(
                condition=models.Q(status="present") | models.Q(hours=0),
                name="formationattendance_hours_only_when_present",
            ),
        ]

    def __str__(self):
        return f"{self.relais} — {self.formation}: {self.get_status_display()}"

    def clean(self):
        if self.status != self.Status.PRESENT and self.hours:
            raise ValidationError(
                {
                    "hours": _(
                        "Une absence, excusée ou non, compte 0 heure de formation."
                    )
                }
            )

    @property
    def is_present(self) -> bool:
        return self.status == self.Status.PRESENT

    @property
    def is_excused(self) -> bool:
        return self.status == self.Status.EXCUSED
