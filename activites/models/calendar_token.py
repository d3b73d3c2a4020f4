"""The secret tokens of the calendar feeds."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
