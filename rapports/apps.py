from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RapportsConfig(AppConfig):
    name = "rapports"
    label = "rapports"
    verbose_name = _("Rapports")

    def ready(self):
        post_migrate.connect(_install_triggers, sender=self)


def _install_triggers(sender, using="default", **kwargs):
    from rapports.freshness import install_triggers

    install_triggers(using)
