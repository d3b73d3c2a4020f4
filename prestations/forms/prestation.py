"""Forms of the prestation side: the phone flow (one form per step) and the
coordination filters. Domain rules live on the models (which ModelForms run) and
in `prestations/services/prestation.py`."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prestations.models import (
    Orientation,
    Prestation,
    Situation,
    SituationFollowUp,
    month_start,
)
from prestations.models.prestation import (
    KIND_PICTOGRAMS,
    PLACE_PICTOGRAMS,
    TRAVEL_PICTOGRAMS,
)
from relais.models import Relais
from ressources.forms import ServicePickerField
from ressources.models import Theme
from tisseurs.forms import ClientKeyField, DateInput, StepperInput, TimeInput
from tisseurs.months import next_month
from tisseurs.vocab import Language


class TileMixin:
    """Radio buttons or checkboxes shown as big tappable tiles with a pictogram
    (`{{ form.x|tiles }}`, tisseurs/fieldtags.py); works without JavaScript."""

    pictograms: dict = {}

    def __init__(self, *args, pictograms=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.pictograms = pictograms or {}

    def create_option(self, name, value, label, selected, index, **kwargs):
        option = super().create_option(name, value, label, selected, index, **kwargs)
        instance = getattr(value, "instance", None)
        option["pictogram"] = (
            getattr(instance, "pictogram", "")
            if instance is not None
            else self.pictograms.get(value, "")
        )
        return option


class TileRadioSelect(TileMixin, forms.RadioSelect):
    pass


class TileCheckboxSelectMultiple(TileMixin, forms.CheckboxSelectMultiple):
    pass


class PrestationQuickForm(forms.ModelForm):
    """The phone form: "Noter une sortie" in a few taps."""

    # The receipt chosen before a refused save, kept on the server
    # (`prestations/services/receipts.py`).
    kept_receipt = forms.CharField(required=False, widget=forms.HiddenInput)
    client_uuid = ClientKeyField()

    class Meta:
        model = Prestation
        fields = [
            "activite",
            "date",
            "place",
            "kind",
            "start_time",
            "end_time",
            "duration_minutes",
            "people_met",
            "travel_mode",
            "travel_km",
            "travel_ticket_amount",
            "travel_receipt",
            "note",
        ]
        widgets = {
            "activite": forms.HiddenInput,
            "date": DateInput(),
            "place": TileRadioSelect(pictograms=PLACE_PICTOGRAMS),
            "kind": TileRadioSelect(pictograms=KIND_PICTOGRAMS),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "duration_minutes": StepperInput(attrs={"step": "15", "max": "1440"}),
            "people_met": StepperInput(attrs={"max": "500"}),
            "travel_mode": TileRadioSelect(pictograms=TRAVEL_PICTOGRAMS),
            "travel_km": forms.NumberInput(
                attrs={"inputmode": "decimal", "step": "0.1", "min": "0"}
            ),
            "travel_ticket_amount": forms.NumberInput(
                attrs={"inputmode": "decimal", "step": "0.01", "min": "0"}
            ),
            "travel_receipt": forms.ClearableFileInput(
                attrs={"accept": "image/*,application/pdf"}
            ),
            "note": forms.Textarea(attrs={"rows": 2, "maxlength": 500, "dir": "auto"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No outing in the future (the service refuses it too): the picker stops
        # at today in Brussels.
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()


class SituationForm(forms.ModelForm):
    """One situation noted during a prestation, with new orientations."""

    client_uuid = ClientKeyField()

    services = ServicePickerField(
        label=_("Envoyée ou envoyé vers"),
        required=False,
        help_text=_("Une ou plusieurs ressources du répertoire."),
    )
    other_orientation = forms.CharField(
        label=_("Autre orientation"),
        max_length=120,
        required=False,
        validators=Orientation._meta.get_field("other_text").validators,
        help_text=_("Quand la ressource n'est pas dans le répertoire."),
    )
    accompanied = forms.BooleanField(
        label=_("J'ai accompagné la personne"), required=False
    )
    give_code = forms.BooleanField(
        label=_("Donner un code pour reconnaître la personne si elle revient"),
        required=False,
    )

    class Meta:
        model = Situation
        fields = [
            "age_band",
            "gender",
            "language",
            "is_first_contact",
            "themes",
            "follow_up_needed",
            "code",
            "note",
            "person_informed",
        ]
        widgets = {
            "age_band": TileRadioSelect(),
            "gender": TileRadioSelect(),
            "themes": TileCheckboxSelectMultiple(),
            "code": forms.TextInput(
                attrs={"autocapitalize": "characters", "autocomplete": "off"}
            ),
            "note": forms.Textarea(attrs={"rows": 2, "maxlength": 300, "dir": "auto"}),
        }
        help_texts = {
            "code": _("Si la personne revient avec un code déjà donné, tapez-le ici."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.filter(is_active=True)
        self.fields["is_first_contact"] = forms.TypedChoiceField(
            label=Situation._meta.get_field("is_first_contact").verbose_name,
            choices=[("True", _("Premier contact")), ("False", _("Revient"))],
            coerce=lambda value: value == "True",
            widget=TileRadioSelect(pictograms={"True": "✚", "False": "↺"}),
        )
        informed = self.fields["person_informed"]
        informed.required = True
        informed.label = _(
            "J'ai dit à la personne ce que je note et quels sont ses droits, et "
            "elle est d'accord"
        )
        informed.help_text = _(
            "En lui montrant ou en lui remettant la note « Vos données ». Si elle "
            "refuse, ne notez pas de situation : comptez-la seulement parmi les "
            "personnes rencontrées."
        )
        informed.error_messages["required"] = _(
            "Cochez cette case une fois la personne informée : montrez-lui la note "
            "« Vos données » (dans sa langue) ou remettez-la-lui."
        )


class OrientationOutcomeForm(forms.ModelForm):
    class Meta:
        model = Orientation
        fields = ["is_accompanied", "outcome"]
        widgets = {"outcome": forms.RadioSelect}


OrientationOutcomeFormSet = forms.modelformset_factory(
    Orientation, form=OrientationOutcomeForm, extra=0
)


class MonthField(forms.DateField):
    """A month as YYYY-MM (`<input type="month">`), cleaned to its first day."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m"]


class SituationFilterForm(forms.Form):
    """Coordination's filters on the situations list and its export. The period is
    a month, or two dates when both are given."""

    FOLLOW_UP_CHOICES = [
        ("", _("Tous")),
        ("open", _("À suivre")),
        ("closed", _("Suivi clôturé")),
        ("any", _("Suivi demandé")),
    ]

    month = MonthField(label=_("Mois"), required=False)
    start = forms.DateField(label=_("Du"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Au"), required=False, widget=DateInput())
    relais = forms.ModelChoiceField(
        label=_("Relais"),
        queryset=Relais.objects.all(),
        required=False,
        empty_label=_("Tous"),
    )
    theme = forms.ModelChoiceField(
        label=_("Thème"),
        queryset=Theme.objects.all(),
        required=False,
        empty_label=_("Tous"),
    )
    language = forms.ChoiceField(
        label=_("Langue"),
        choices=[("", _("Toutes")), *Language.choices],
        required=False,
    )
    outcome = forms.ChoiceField(
        label=_("Résultat d'une orientation"),
        choices=[("", _("Tous")), *Orientation.Outcome.choices],
        required=False,
    )
    follow_up = forms.ChoiceField(
        label=_("Suivi"), choices=FOLLOW_UP_CHOICES, required=False
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("La date de fin précède la date de début."))
        return cleaned

    def period(self, today: date) -> tuple[date, date, bool]:
        """(first day, day after the last, whether it is a whole month)."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("start") and data.get("end"):
            return data["start"], data["end"] + timedelta(days=1), False
        month = month_start(data.get("month") or today)
        return month, next_month(month), True

    def filter(self, queryset):
        """`queryset` narrowed by the valid filters other than the period."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("relais"):
            queryset = queryset.filter(prestation__relais=data["relais"])
        if data.get("theme"):
            queryset = queryset.filter(themes=data["theme"])
        if data.get("language"):
            queryset = queryset.filter(language=data["language"])
        if data.get("outcome"):
            queryset = queryset.filter(orientations__outcome=data["outcome"])
        follow_up = data.get("follow_up")
        if follow_up == "open":
            queryset = queryset.to_follow_up()
        elif follow_up == "closed":
            queryset = queryset.filter(follow_up_closed_at__isnull=False)
        elif follow_up == "any":
            queryset = queryset.filter(follow_up_needed=True)
        return queryset.distinct()

    def audit_detail(self) -> dict:
        """What was asked, for the audit trail (ids and codes, never names)."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            name: getattr(value, "pk", value)
            for name, value in data.items()
            if value not in (None, "")
        }


class FollowUpNoteForm(forms.ModelForm):
    class Meta:
        model = SituationFollowUp
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class PrestationFilterForm(forms.Form):
    month = MonthField(label=_("Mois"), required=False)
    relais = forms.ModelChoiceField(
        label=_("Relais"),
        queryset=Relais.objects.all(),
        required=False,
        empty_label=_("Tous"),
    )
