"""Tokens for the links we e-mail.

A password-reset link lasts PASSWORD_RESET_TIMEOUT (one hour). An invitation, sent
when coordination opens a relais' account, must survive a few days in an inbox, so it
has its own generator, salt and lifetime: a reset token is no invitation, and an
invitation token is refused by the reset page.
"""

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int

INVITATION_TIMEOUT = 60 * 60 * 24 * 7  # seven days


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "tisseurs.accounts.tokens.InvitationTokenGenerator"

    def check_token(self, user, token):
        """Django's check with our lifetime (Django's reads it from settings)."""
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        if not any(
            constant_time_compare(
                self._make_token_with_timestamp(user, ts, secret), token
            )
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        return self._num_seconds(self._now()) - ts <= INVITATION_TIMEOUT


invitation_token_generator = InvitationTokenGenerator()
