from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelaisConfig(AppConfig):
    name = "relais"
    verbose_name = _("Habitant·es-relais")
