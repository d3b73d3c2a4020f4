from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from tisseurs import roles


class User(AbstractUser):
    """A person who signs in: coordination, direction, comité member or relais."""

    language = models.CharField(
        _("langue de l'interface"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Laisser vide pour suivre la langue du navigateur."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("utilisateur·rice")
        verbose_name_plural = _("utilisateur·rices")
        ordering = ["username"]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def roles(self) -> frozenset[str]:
        return roles.user_roles(self)
