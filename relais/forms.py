from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from relais.models import (
    DOCUMENT_EXTENSIONS,
    BenefitGate,
    Convention,
    Document,
    Formation,
    FormationAttendance,
    InsurancePolicy,
    JournalEntry,
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


class ConventionSignedForm(forms.Form):
    """The scan of a generated agreement, once signed."""

    signed_file = signed_file_field(_("Convention signée (PDF ou photo)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_file"].required = True


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
        fields = ["kind", "title", "file", "expires_on"]
        widgets = {"expires_on": DateInput()}


class DocumentEditForm(forms.ModelForm):
    """A stored document's description and expiry (the file stays as uploaded)."""

    class Meta:
        model = Document
        fields = ["kind", "title", "expires_on"]
        widgets = {"expires_on": DateInput()}


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


class AttendanceRowForm(forms.Form):
    """One relais' line of a session's attendance sheet: no status means "not
    concerned" (no row). Hours default to the session's duration for a presence
    and are set to 0 for an absence, so the model rule (`FormationAttendance.clean`)
    only refuses what was really typed wrong."""

    status = forms.ChoiceField(
        label=_("Présence"),
        required=False,
        choices=[("", _("Non concerné")), *FormationAttendance.Status.choices],
    )
    hours = forms.DecimalField(
        label=_("Heures"),
        required=False,
        min_value=0,
        max_digits=4,
        decimal_places=1,
        widget=forms.NumberInput(
            attrs={"inputmode": "decimal", "step": "0.5", "class": "hours-input"}
        ),
    )

    def __init__(self, *args, formation, relais, attendance=None, **kwargs):
        if attendance is not None:
            initial = {"status": attendance.status, "hours": attendance.hours}
        else:
            initial = {"status": "", "hours": formation.duration_hours}
        super().__init__(*args, prefix=f"r{relais.pk}", initial=initial, **kwargs)
        self.formation = formation
        self.relais = relais
        self.attendance = attendance

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if not status:
            return data
        if status != FormationAttendance.Status.PRESENT:
            data["hours"] = 0
        elif data.get("hours") is None and "hours" not in self.errors:
            data["hours"] = self.formation.duration_hours
        if "hours" in self.errors:
            return data
        row = FormationAttendance(
            formation=self.formation,
            relais=self.relais,
            status=status,
            hours=data["hours"],
        )
        try:
            row.full_clean(exclude=["formation", "relais"], validate_unique=False)
        except ValidationError as error:
            self.add_error(None, error)
        return data


class AttendanceSheet:
    """The attendance of a whole session in one form: a line per active relais,
    plus anyone already recorded (a relais who left since keeps their line)."""

    def __init__(self, data=None, *, formation):
        self.formation = formation
        recorded = {a.relais_id: a for a in formation.attendances.all()}
        people = Relais.objects.filter(
            models.Q(status=Relais.Status.ACTIVE) | models.Q(pk__in=list(recorded))
        ).order_by("first_name", "last_name", "pk")
        self.rows = [
            AttendanceRowForm(
                data, formation=formation, relais=r, attendance=recorded.get(r.pk)
            )
            for r in people
        ]

    def __iter__(self):
        return iter(self.rows)

    @property
    def is_bound(self) -> bool:
        return bool(self.rows) and self.rows[0].is_bound

    def is_valid(self) -> bool:
        return all(row.is_valid() for row in self.rows)

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def lines(self) -> list[tuple[Relais, str, object]]:
        """(relais, status or "", hours) of every line, once valid."""
        return [
            (row.relais, row.cleaned_data["status"], row.cleaned_data.get("hours"))
            for row in self.rows
        ]


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


class JournalEntryForm(forms.ModelForm):
    """A dated note of a conversation with a relais, on their file (coordination)."""

    class Meta:
        model = JournalEntry
        fields = ["date", "kind", "text"]
        widgets = {
            "date": DateInput(),
            "text": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        }
