from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntryQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("user").order_by("-at", "-pk")

    def older_than(self, moment):
        return self.filter(at__lt=moment)


class AuditKind(models.TextChoices):
    """What was read, exported or done; one value per view or sign-in event."""

    LOGIN = "login", _("Connexion")
    LOGIN_FAILED = "login_failed", _("Connexion refusée")
    LOGOUT = "logout", _("Déconnexion")
    SITUATIONS_LIST = "situations_list", _("Liste des situations")
    SITUATION_VIEW = "situation_view", _("Situations d'une sortie consultées")
    SITUATIONS_EXPORT = "situations_export", _("Export des situations")
    PRESTATIONS_EXPORT = "prestations_export", _("Export des prestations")
    IBAN_LIST = "iban_list", _("IBAN des relais")
    PAYMENTS_LIST = "payments_list", _("Page des paiements")
    PAYMENT_FILE = "payment_file", _("Fichier de paiement")
    NOMINATIVE_LIST = "nominative_list", _("Liste nominative")
    FICHE_PDF = "fiche_pdf", _("PDF d'une fiche mensuelle")
    RELAIS_DOCUMENT = "relais_document", _("Document privé d'un relais")
    GDPR_EXPORT = "gdpr_export", _("Export RGPD d'un relais")
    COCOM_EXPORT = "cocom_export", _("Export COCOM")
    REPORT_PDF = "report_pdf", _("PDF d'un rapport")
    AUDIT_EXPORT = "audit_export", _("Export du journal d'accès")
    TWO_FACTOR_ENROLLED = "2fa_enrolled", _("Double authentification activée")
    TWO_FACTOR_VERIFIED = "2fa_verified", _("Code de double authentification accepté")
    TWO_FACTOR_FAILED = "2fa_failed", _("Code de double authentification refusé")
    TWO_FACTOR_RECOVERY = "2fa_recovery", _("Code de secours utilisé")
    TWO_FACTOR_RESET = "2fa_reset", _("Double authentification réinitialisée")


class AuditEntry(models.Model):
    """One read or export of residents' data or money files, or one sign-in event.

    The detail says what was asked (filters, period, object ids, counts), never the
    data itself: no IBAN, no name of a resident, no note text."""

    Kind = AuditKind

    at = models.DateTimeField(_("moment"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utilisateur·rice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    username = models.CharField(
        _("identifiant"),
        max_length=150,
        blank=True,
        help_text=_("Gardé si le compte est supprimé."),
    )
    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    detail = models.JSONField(_("détail"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("adresse IP"), null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("entrée du journal d'accès")
        verbose_name_plural = _("entrées du journal d'accès")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["kind", "at"], name="audit_kind_at")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=AuditKind.values),
                name="audit_kind_known",
            )
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.kind}"

    @property
    def detail_text(self) -> str:
        """The detail as one line, for the page and the export: `key=value; …`."""
        return "; ".join(f"{key}={value}" for key, value in sorted(self.detail.items()))
