from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class FreshnessConfig(AppConfig):
    name = "tisseurs.freshness"
    label = "freshness"
    verbose_name = _("Version des données")

    def ready(self):
        # After every `migrate`: the tables of new models get their trigger.
        post_migrate.connect(_install_triggers, sender=self)


def _install_triggers(sender, using="default", **kwargs):
    from tisseurs.freshness.version import install_triggers

    install_triggers(using)
