from django.db import models
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """One row whose token changes, in the same transaction, with every write to the
    apps' tables (database triggers: tisseurs/freshness/version.py). Whatever is
    cached under a token is therefore never served after a change."""

    token = models.CharField(max_length=40)

    class Meta:
        db_table = "tisseurs_dataversion"
        verbose_name = _("version des données")
        verbose_name_plural = _("versions des données")

    def __str__(self) -> str:
        return self.token
