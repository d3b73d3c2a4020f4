from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from relais.models import (
    DOCUMENT_EXTENSIONS,
    BenefitGate,
    Convention,
    Document,
    Formation,
    FormationAttendance,
    InsurancePolicy,
    NoteVersion,
    Regime,
    Relais,
    RelaisRegime,
    ResidenceStatus,
    validate_document_file,
    validate_not_in_future,
)
from tisseurs.forms import DateInput, IbanField, LanguagesField
from tisseurs.i18n import translation_names
from tisseurs.multilingual import MultilingualForm
from tisseurs.vocab import Language


def signed_file_field(label):
    return forms.FileField(
        label=label,
        required=False,
        validators=[
            FileExtensionValidator(DOCUMENT_EXTENSIONS),
            validate_document_file,
        ],
        help_text=_("PDF ou photo (JPG, PNG), 10 Mo au maximum."),
    )


class RelaisForm(forms.ModelForm):
    """The whole file of a relais, for coordination (`Relais.clean()` stores the
    phone in E.164 and dates a new status today)."""

    languages = LanguagesField()

    class Meta:
        model = Relais
        fields = [
            "first_name",
            "last_name",
            "preferred_name",
            "latin_name",
            "phone",
            "email",
            "zone",
            "birth_year",
            "status",
            "status_since",
            "iban",
            "notes",
        ]
        field_classes = {"iban": IbanField}
        widgets = {
            "status_since": DateInput(),
            "birth_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "type": "tel"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # `Relais.clean()` compares the status date with the stored one: no hidden
        # copy of the default date is needed in the page.
        self.fields["status_since"].show_hidden_initial = False
        if self.instance.pk:
            self.fields["languages"].initial = self.instance.language_codes


class ProfileForm(forms.ModelForm):
    """What a relais may change on their own profile, on a phone."""

    languages = LanguagesField()

    class Meta:
        model = Relais
        fields = ["phone", "email"]
        # The relais' own details: the phone may fill them in (WCAG 1.3.5).
        widgets = {
            "phone": forms.TextInput(
                attrs={"inputmode": "tel", "type": "tel", "autocomplete": "tel"}
            ),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].initial = self.instance.language_codes


class ConventionForm(forms.ModelForm):
    signed_file = signed_file_field(_("Convention signée (PDF ou photo)"))

    class Meta:
        model = Convention
        fields = ["start_date", "end_date", "confidentiality_accepted_on"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "confidentiality_accepted_on": DateInput(),
        }


class RegimeForm(forms.ModelForm):
    """The regime of a year; a correction says why (recorded with who and when)."""

    reason = forms.CharField(
        label=_("Raison d'une correction"),
        required=False,
        max_length=500,
        help_text=_("Seulement pour corriger un régime déjà enregistré."),
    )

    class Meta:
        model = RelaisRegime
        fields = ["year", "regime"]
        widgets = {"regime": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regime"].choices = Regime.choices


class AcknowledgementForm(forms.Form):
    version = forms.ModelChoiceField(
        label=_("Version de la note"), queryset=NoteVersion.objects.all()
    )
    acknowledged_on = forms.DateField(
        label=_("Signée le"), widget=DateInput(), validators=[validate_not_in_future]
    )
    signed_file = signed_file_field(_("Note signée (PDF ou photo)"))


NOTE_TEXT_FIELDS = translation_names(*NoteVersion.ITEM_FIELDS)


class NoteVersionForm(MultilingualForm):
    translated = NoteVersion.ITEM_FIELDS

    class Meta:
        model = NoteVersion
        fields = ["published_on", *NOTE_TEXT_FIELDS]
        widgets = {
            "published_on": DateInput(),
            **{name: forms.Textarea(attrs={"rows": 3}) for name in NOTE_TEXT_FIELDS},
        }


class InsurancePolicyForm(forms.ModelForm):
    class Meta:
        model = InsurancePolicy
        fields = ["kind", "insurer", "number", "valid_from", "valid_until"]
        widgets = {"valid_from": DateInput(), "valid_until": DateInput()}


class BenefitGateForm(forms.ModelForm):
    class Meta:
        model = BenefitGate
        fields = [
            "kind",
            "benefit_since",
            "benefit_until",
            "filed_on",
            "approved_on",
            "answer",
            "conditions",
            "approval_ends_on",
            "confirmed_on",
        ]
        widgets = {
            name: DateInput()
            for name in [
                "benefit_since",
                "benefit_until",
                "filed_on",
                "approved_on",
                "approval_ends_on",
                "confirmed_on",
            ]
        }
        widgets["conditions"] = forms.Textarea(attrs={"rows": 2})


class ResidenceStatusForm(forms.ModelForm):
    class Meta:
        model = ResidenceStatus
        fields = [
            "kind",
            "permit_until",
            "fedasil_filed_on",
            "fedasil_answered_on",
            "fedasil_answer",
            "conditions",
        ]
        widgets = {
            "permit_until": DateInput(),
            "fedasil_filed_on": DateInput(),
            "fedasil_answered_on": DateInput(),
            "conditions": forms.Textarea(attrs={"rows": 2}),
        }


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["kind", "title", "file"]


class FormationForm(MultilingualForm):
    translated = ("title", "topics")

    class Meta:
        model = Formation
        fields = [
            "kind",
            *translation_names("title"),
            "date",
            "duration_hours",
            "trainer",
            *translation_names("topics"),
            "place",
        ]
        widgets = {
            "date": DateInput(),
            "duration_hours": forms.NumberInput(
                attrs={"inputmode": "decimal", "step": "0.5"}
            ),
            **{name: forms.Textarea() for name in translation_names("topics")},
        }


class FormationAttendanceForm(forms.ModelForm):
    class Meta:
        model = FormationAttendance
        fields = ["relais", "status", "hours"]
        widgets = {
            "hours": forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5"})
        }

    def __init__(self, *args, formation, **kwargs):
        super().__init__(*args, **kwargs)
        self.formation = formation
        self.instance.formation = formation
        self.fields["relais"].queryset = Relais.objects.not_left()
        self.fields["hours"].initial = formation.duration_hours

    def validate_unique(self):
        # One row per relais and session: the view updates an existing row.
        pass


class RelaisFilterForm(forms.Form):
    ALERTS = "alerts"
    q = forms.CharField(label=_("Rechercher"), required=False)
    status = forms.ChoiceField(
        label=_("Statut"),
        required=False,
        choices=[("", _("Tous les statuts")), *Relais.Status.choices],
    )
    language = forms.ChoiceField(
        label=_("Langue"),
        required=False,
        choices=[("", _("Toutes les langues")), *Language.choices],
    )
    alerts = forms.BooleanField(label=_("Avec alertes seulement"), required=False)
