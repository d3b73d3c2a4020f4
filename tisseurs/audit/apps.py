from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "tisseurs.audit"
    label = "audit"
    verbose_name = _("Journal d'accès")

    def ready(self):
        from tisseurs.audit import receivers  # noqa: F401  (connects the auth signals)
