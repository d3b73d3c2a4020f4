"""Forms of the fiche side: they collect input; the rules live on the models and in
the services (`prestations/services/`), which these forms call."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prestations.models import (
    DefraiementLine,
    DefraiementSetting,
    KmRate,
    LegalParameter,
    OtherOrganisationAmount,
)
from prestations.models.prestation import PAID_TRAVEL_CHOICES
from prestations.validators import validate_receipt_extension, validate_receipt_file
from tisseurs.forms import BicField, ClientKeyField, DateInput, IbanField


class ClaimForm(forms.Form):
    """An expense claim added by the relais from the phone."""

    KIND_CHOICES = [
        (DefraiementLine.Kind.TRANSPORT, _("Transport")),
        (DefraiementLine.Kind.REAL_COST, _("Autre dépense (avec ticket)")),
    ]
    kind = forms.ChoiceField(
        label=_("Quoi ?"), choices=KIND_CHOICES, widget=forms.RadioSelect
    )
    date = forms.DateField(
        label=_("Date"),
        widget=DateInput(),
    )
    transport_mode = forms.ChoiceField(
        label=_("Moyen de transport"),
        choices=[("", "—"), *PAID_TRAVEL_CHOICES],
        required=False,
    )
    km = forms.DecimalField(
        label=_("Kilomètres (voiture, vélo)"),
        max_digits=6,
        decimal_places=1,
        min_value=0,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.1"}),
    )
    amount = forms.DecimalField(
        label=_("Montant (€) (ticket, dépense)"),
        max_digits=8,
        decimal_places=2,
        min_value=0,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )
    purpose = forms.CharField(label=_("Pour quoi ?"), max_length=200, required=False)
    # The photo chosen before a refused save, kept on the server
    # (`prestations/services/receipts.py`).
    kept_receipt = forms.CharField(required=False, widget=forms.HiddenInput)
    receipt = forms.FileField(
        label=_("Photo du ticket"),
        required=False,
        validators=[validate_receipt_extension, validate_receipt_file],
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    client_uuid = ClientKeyField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No expense in the future (the service refuses it too).
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean(self):
        """The line's own rules (`DefraiementLine.clean`), shown on their fields
        before the service is called."""
        data = super().clean()
        line = DefraiementLine(
            kind=data.get("kind"),
            transport_mode=data.get("transport_mode") or "",
            purpose=data.get("purpose") or "",
        )
        try:
            line.clean()
        except ValidationError as error:
            self.add_error(None, error)
        return data


class VersionForm(forms.Form):
    """A transition button: the version of the fiche the page showed."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class SubmitForm(VersionForm):
    """ "Envoyer mon mois", confirmed; `early_confirmed` is the second confirmation
    asked before the month's last day."""

    early_confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class CommentForm(VersionForm):
    comment = forms.CharField(
        label=_("Commentaire pour le relais"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class LegalParameterForm(forms.ModelForm):
    class Meta:
        model = LegalParameter
        fields = [
            "valid_from",
            "daily_max",
            "annual_max",
            "annual_max_majore",
            "km_cap",
            "bike_rate",
            "real_cost_threshold",
            "situation_retention_months",
            "source",
        ]
        widgets = {
            "valid_from": DateInput(),
            "source": forms.Textarea(attrs={"rows": 3}),
        }


class DefraiementSettingForm(forms.ModelForm):
    class Meta:
        model = DefraiementSetting
        fields = [
            "valid_from",
            "km_rate_system",
            "forfait_amount",
            "payer_name",
            "payer_iban",
            "payer_bic",
        ]
        field_classes = {"payer_iban": IbanField, "payer_bic": BicField}
        widgets = {"valid_from": DateInput()}


class KmRateForm(forms.ModelForm):
    class Meta:
        model = KmRate
        fields = ["system", "valid_from", "valid_until", "rate", "source"]
        widgets = {
            "valid_from": DateInput(),
            "valid_until": DateInput(),
            "source": forms.Textarea(attrs={"rows": 2}),
        }


class OtherOrganisationAmountForm(forms.ModelForm):
    """A relais declares flat-rate amounts received from another organisation."""

    class Meta:
        model = OtherOrganisationAmount
        fields = ["year", "organisation", "amount"]
        widgets = {
            "year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "amount": forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
        }


class PaymentDateForm(forms.Form):
    """The date the bank paid a SEPA file (today unless typed)."""

    paid_on = forms.DateField(
        label=_("Payé le"),
        initial=timezone.localdate,
        widget=DateInput(),
    )
