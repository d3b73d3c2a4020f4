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
    sessions_valid_after = models.DateTimeField(
        _("sessions valables après"),
        null=True,
        blank=True,
        help_text=_(
            "Toute session ouverte avant ce moment est fermée "
            "(« Me déconnecter partout »)."
        ),
    )

    two_factor_enabled = models.BooleanField(
        _("double authentification"),
        default=False,
        editable=False,
        help_text=_(
            "Une application d'authentification est enregistrée : un code est "
            "demandé après le mot de passe (tisseurs/twofactor)."
        ),
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

    @property
    def access_suspended(self) -> bool:
        """A relais who left or is suspended may not sign in
        (`Relais.access_suspended`); their account stays, for history."""
        if roles.RELAIS not in self.roles:
            return False
        relais = getattr(self, "relais", None)
        return bool(relais is not None and relais.access_suspended)
