"""The time-based side of the app: reminders (what was sent to whom, and who turned
which kind off) and the record of each run of `manage.py daily`; and the messages
coordination writes to relais, with who read them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
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


class Message(models.Model):
    """A short message coordination writes to one, several or all active relais
    (home/messaging.py sends it). The text is kept as written: only the frame of
    the e-mail is in each relais' language."""

    subject = models.CharField(_("objet"), max_length=150)
    text = models.TextField(_("message"), max_length=3000)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("envoyé par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("message aux relais")
        verbose_name_plural = _("messages aux relais")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(subject="") & ~models.Q(text=""),
                name="message_subject_and_text_not_empty",
            )
        ]

    def __str__(self):
        return self.subject


class MessageRecipientQuerySet(models.QuerySet):
    def unread_for(self, relais):
        """What a relais' home page shows: their messages not marked read yet."""
        return (
            self.filter(relais=relais, read_at__isnull=True)
            .select_related("message")
            .order_by("-message__sent_at", "-pk")
        )


class MessageRecipient(models.Model):
    """One relais a message went to, and when they marked it read."""

    message = models.ForeignKey(
        Message,
        verbose_name=_("message"),
        on_delete=models.CASCADE,
        related_name="recipients",
    )
    relais = models.ForeignKey(
        "relais.Relais",
        verbose_name=_("relais"),
        on_delete=models.CASCADE,
        related_name="messages_received",
    )
    emailed = models.BooleanField(_("envoyé par e-mail"), default=False)
    read_at = models.DateTimeField(_("lu le"), null=True, blank=True)

    objects = MessageRecipientQuerySet.as_manager()

    class Meta:
        ordering = ["relais__last_name", "relais__first_name", "pk"]
        verbose_name = _("destinataire")
        verbose_name_plural = _("destinataires")
        constraints = [
            models.UniqueConstraint(
                fields=["message", "relais"], name="message_recipient_unique"
            )
        ]

    def __str__(self):
        return f"{self.message} → {self.relais}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    def mark_read(self) -> None:
        """The relais has read it; marking it twice keeps the first time."""
        if self.read_at is None:
            self.read_at = timezone.now()
            self.save(update_fields=["read_at"])
