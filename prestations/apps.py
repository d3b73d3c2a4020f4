from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrestationsConfig(AppConfig):
    name = "prestations"
    verbose_name = _("Prestations et défraiements")
