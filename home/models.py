"""The time-based side of the app: reminders (what was sent to whom, and who turned
which kind off) and the record of each run of `manage.py daily`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    """Every kind of reminder `manage.py daily` sends (home/reminders.py)."""

    CONVENTION_EXPIRING = "convention", _("Fin de convention (30 jours)")
    INSURANCE_EXPIRING = "insurance", _("Fin d'assurance (30 jours)")
    DOCUMENT_EXPIRING = "document", _("Document qui expire (30 jours)")
    NOTE_TO_ACKNOWLEDGE = "note", _("Nouvelle note d'organisation")
    MONTH_NOT_SENT = "month", _("Mois pas encore envoyé le 5")
    SHEETS_WAITING = "sheets", _("Fiches mensuelles à valider")
    SHEET_RETURNED = "returned", _("Fiche renvoyée pour correction")
    ROSTER_TOMORROW = "roster", _("Place au planning demain")
    TRAINING_TOMORROW = "training", _("Formation ou intervision demain")


class ReminderPreference(models.Model):
    """A kind of reminder one person turned off (no row: the kind is on)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utilisateur·rice"),
        on_delete=models.CASCADE,
        related_name="reminder_preferences",
    )
    kind = models.CharField(_("type"), max_length=12, choices=ReminderKind.choices)
    enabled = models.BooleanField(_("activé"), default=True)

    class Meta:
        verbose_name = _("préférence de rappel")
        verbose_name_plural = _("préférences de rappel")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="reminder_preference_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_kind_display()}"


class SentReminderQuerySet(models.QuerySet):
    def shown_to(self, user, *, today, recent_since):
        """What the home page lists for `user`: reminders about a day still to
        come, and the others sent since `recent_since`."""
        return self.filter(user=user).filter(
            models.Q(due_on__gte=today)
            | models.Q(due_on__isnull=True, sent_at__gte=recent_since)
        )


class SentReminder(models.Model):
    """One reminder sent to one person about one thing: the unique (kind, key,
    user) is what makes `manage.py daily` send each reminder once, however often
    it runs. The text is kept as sent (in the person's language) for the home
    page."""

    kind = models.CharField(_("type"), max_length=12, choices=ReminderKind.choices)
    key = models.CharField(
        _("objet"),
        max_length=100,
        help_text=_("Ce dont parle le rappel (par exemple « convention:12 »)."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("destinataire"),
        on_delete=models.CASCADE,
        related_name="sent_reminders",
    )
    text = models.CharField(_("texte"), max_length=300)
    url = models.CharField(_("lien"), max_length=200, blank=True)
    due_on = models.DateField(_("échéance"), null=True, blank=True)
    sent_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)
    emailed = models.BooleanField(_("envoyé par e-mail"), default=False)

    objects = SentReminderQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "-sent_at"]
        verbose_name = _("rappel envoyé")
        verbose_name_plural = _("rappels envoyés")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key", "user"], name="sent_reminder_once"
            )
        ]

    def __str__(self):
        return self.text


class DailyRun(models.Model):
    """One run of `manage.py daily`: when, whether every job succeeded, and what
    each did (counts only)."""

    started_at = models.DateTimeField(_("commencé le"), auto_now_add=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    day = models.DateField(_("jour traité"))
    succeeded = models.BooleanField(_("réussi"), default=False)
    report = models.JSONField(_("compte rendu"), default=dict, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("passage quotidien")
        verbose_name_plural = _("passages quotidiens")

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.started_at:%H:%M}"
