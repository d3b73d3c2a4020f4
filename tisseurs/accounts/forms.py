from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tisseurs.accounts.models import User
from tisseurs.i18n import language_choices
from tisseurs.throttle import (
    LOGIN_ADDRESS_LIMIT,
    LOGIN_ADDRESS_WINDOW,
    client_address,
    throttle_exceeded,
    throttle_hit,
)


class LanguageForm(forms.ModelForm):
    """The interface language; staff are offered only French, Dutch and English."""

    class Meta:
        model = User
        fields = ["language"]
        # Here, not only on the model: this file's messages are in the relais'
        # catalogues (tisseurs.i18n.RELAIS_SOURCES), the model's are not.
        labels = {"language": _("Langue de l'interface")}
        help_texts = {
            "language": _("Laisser vide pour suivre la langue du navigateur.")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", "---------"),
            *language_choices(self.instance),
        ]


class LoginForm(AuthenticationForm):
    """Django's login form, plus two refusals.

    - A relais who left is told their access is suspended, but only once their
      password is right: whoever sees the message already holds the account's
      secret, so it tells an attacker nothing the plain "wrong password" would hide.
    - One address that fails too often, whatever the usernames, is held back for a
      while (axes locks one username from one address; this catches one password
      tried across many accounts).
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "suspended": _("Votre accès est suspendu. Contactez la coordination."),
        "address_throttled": _(
            "Trop de tentatives de connexion depuis cette adresse. "
            "Réessayez dans quinze minutes."
        ),
    }

    def clean(self):
        address = client_address(self.request)
        if throttle_exceeded(scope="login", subject=address, limit=LOGIN_ADDRESS_LIMIT):
            raise ValidationError(
                self.error_messages["address_throttled"], code="address_throttled"
            )
        try:
            return super().clean()
        except ValidationError:
            if self.user_cache is None:  # a wrong password, not a suspended account
                throttle_hit(
                    scope="login", subject=address, window=LOGIN_ADDRESS_WINDOW
                )
            raise

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.access_suspended:
            raise ValidationError(self.error_messages["suspended"], code="suspended")
