"""Payment files: one SEPA credit transfer batch, as it was handed to direction.

A batch is the set of validated, unpaid fiches of a month put in one file, with
what the file says about each (name, IBAN, amount, reference) and about the payer.
The same batch downloaded again is the same file, with the same message id, so the
bank refuses it if it is uploaded twice; a changed batch is a new file with a new
id (docs/domain.md, § on payments). Direction marks a file paid with the date the
bank paid it: only the fiches that file holds become paid, and each shows it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prestations.models.fiche import FicheMensuelle


class PaymentFileQuerySet(models.QuerySet):
    def in_month(self, month):
        return self.filter(month=month).select_related("created_by")


class PaymentFile(models.Model):
    """One SEPA file (pain.001.001.03) paying a batch of a month's fiches."""

    msg_id = models.CharField(_("identifiant du message"), max_length=35, unique=True)
    month = models.DateField(_("mois"))
    fingerprint = models.CharField(
        _("empreinte du lot"),
        max_length=64,
        unique=True,
        help_text=_("Empreinte des fiches, comptes et montants du fichier."),
    )
    fiches = models.ManyToManyField(
        FicheMensuelle, verbose_name=_("fiches"), related_name="payment_files"
    )
    total = models.DecimalField(_("total (€)"), max_digits=10, decimal_places=2)
    count = models.PositiveIntegerField(_("nombre de virements"))
    xml = models.TextField(_("fichier XML"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créé le"))
    paid_on = models.DateField(
        _("payé le"),
        null=True,
        blank=True,
        help_text=_("Date du paiement par la banque, notée par la direction."),
    )
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("noté payé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = PaymentFileQuerySet.as_manager()

    class Meta:
        ordering = ["month", "created_at", "pk"]
        verbose_name = _("fichier de paiement")
        verbose_name_plural = _("fichiers de paiement")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total__gt=0) & models.Q(count__gt=0),
                name="paymentfile_not_empty",
            ),
        ]

    def __str__(self):
        return self.msg_id

    @property
    def is_paid(self) -> bool:
        return self.paid_on is not None
