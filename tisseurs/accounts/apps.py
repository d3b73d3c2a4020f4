from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tisseurs.accounts"
    label = "accounts"
    verbose_name = _("Comptes")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from tisseurs.sessions import session_stamp

        # Like Django's own `update_last_login`: the moment of login is only known
        # here. Ending sessions does not depend on it (tisseurs/sessions.py).
        user_logged_in.connect(session_stamp, dispatch_uid="tisseurs_session_stamp")
