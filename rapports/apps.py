from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RapportsConfig(AppConfig):
    name = "rapports"
    label = "rapports"
    verbose_name = _("Rapports")
