"""The coordination's journal of a relais: dated notes of the conversations a
coordinator has with them ("Appel — elle souhaite réduire à 2 sorties par mois").

It is about the relais, never about residents: the help page says not to write
health details about the people they meet. Only coordination reads it; the relais
gets it in their GDPR export, and anonymising them deletes it."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from relais.models.legal import validate_not_in_future
from tisseurs.roles import COORDINATION, user_roles

JOURNAL_TEXT_MAX_LENGTH = 2000


class JournalEntryQuerySet(models.QuerySet):
    def for_relais(self, relais):
        """The entries of one relais, newest first, with their author."""
        return self.filter(relais=relais).select_related("author")


class JournalEntry(models.Model):
    """One dated note in a relais' journal, written by a coordinator."""

    class Kind(models.TextChoices):
        CALL = "call", _("Appel")
        MEETING = "meeting", _("Rencontre")
        EMAIL = "email", _("E-mail")
        OTHER = "other", _("Autre")

    relais = models.ForeignKey(
        "relais.Relais",
        verbose_name=_("relais"),
        on_delete=models.CASCADE,
        related_name="journal_entries",
    )
    date = models.DateField(
        _("date"), default=timezone.localdate, validators=[validate_not_in_future]
    )
    kind = models.CharField(
        _("type"), max_length=8, choices=Kind.choices, default=Kind.CALL
    )
    text = models.TextField(_("texte"), max_length=JOURNAL_TEXT_MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("écrit par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("écrit le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = JournalEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at", "-pk"]
        verbose_name = _("entrée du journal")
        verbose_name_plural = _("entrées du journal")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(text=""), name="journal_entry_text_not_empty"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["call", "meeting", "email", "other"]),
                name="journal_entry_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}"

    def can_edit(self, user, *, today: datetime.date) -> bool:
        """Its author may correct it on the day they wrote it; after that it stays
        as written."""
        return (
            COORDINATION in user_roles(user)
            and self.author_id == user.pk
            and timezone.localdate(self.created_at) == today
        )

    def can_delete(self, user) -> bool:
        """Any coordinator, at any time: an entry that should not have been written
        (a resident's health detail) must be removable by whoever notices it."""
        return COORDINATION in user_roles(user)
