from django import forms
from django.utils.translation import gettext_lazy as _

from activites.models import (
    Activite,
    Affectation,
    ContactPoint,
    Frequentation,
    Stop,
)
from activites.services import OCCURRENCE_FIELDS, local_datetime
from relais.models import Relais
from ressources.models import Organization, Theme
from tisseurs.forms import DateInput, LanguagesField, StepperInput, TimeInput
from tisseurs.i18n import translation_names
from tisseurs.multilingual import MultilingualForm
from tisseurs.vocab import AgeBand, Gender

WEEKDAYS = [
    (0, _("lundi")),
    (1, _("mardi")),
    (2, _("mercredi")),
    (3, _("jeudi")),
    (4, _("vendredi")),
    (5, _("samedi")),
    (6, _("dimanche")),
]


class ActiviteForm(MultilingualForm):
    """Coordination plans (or edits) one activity, its title and description in
    French, Dutch and the other languages."""

    translated = ("title", "description")

    day = forms.DateField(label=_("Jour"), widget=DateInput())
    start_time = forms.TimeField(label=_("Heure de début"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Heure de fin"), widget=TimeInput())

    class Meta:
        model = Activite
        fields = [
            "kind",
            *translation_names("title"),
            "contact_point",
            "stop",
            "place",
            "themes",
            "partners",
            *translation_names("description"),
            "relais_needed",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            **{name: forms.Textarea() for name in translation_names("description")},
            "relais_needed": forms.NumberInput(
                attrs={"min": 0, "inputmode": "numeric"}
            ),
        }

    confirm_overlap = forms.BooleanField(
        label=_("Confirmer malgré le chevauchement"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_point"].queryset = ContactPoint.objects.filter(
            is_active=True
        )
        self.fields["stop"].queryset = Stop.objects.select_related("contact_point")
        self.fields["themes"].queryset = Theme.objects.filter(is_active=True)
        self.fields["partners"].queryset = Organization.objects.order_by(
            "-is_partner", "name_fr"
        )
        self.fields["partners"].widget.attrs["size"] = 6

    def clean(self):
        # Activite.clean() checks `end` after `start` too, but this form has no
        # `end` field: Django refuses a model error on a field the form lacks
        # (ValueError), so the form checks the times it has, on `end_time`, and
        # then leaves start and end unbuilt for the model.
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("La fin doit venir après le début."))
        return cleaned

    def _post_clean(self):
        # Build start/end before the model's own clean() runs.
        day = self.cleaned_data.get("day")
        start, end = (
            self.cleaned_data.get("start_time"),
            self.cleaned_data.get("end_time"),
        )
        if day and start and end:
            self.instance.start = local_datetime(day, start)
            self.instance.end = local_datetime(day, end)
        super()._post_clean()

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in OCCURRENCE_FIELDS}

    def contact_point_id(self) -> int | None:
        """The contact point the activity is at (a stop names its own)."""
        data = self.cleaned_data
        if data.get("contact_point"):
            return data["contact_point"].pk
        if data.get("stop"):
            return data["stop"].contact_point_id
        return None


class ActiviteEditForm(ActiviteForm):
    scope = forms.ChoiceField(
        label=_("Appliquer à"),
        choices=[
            ("one", _("cette activité seulement")),
            ("following", _("cette activité et les suivantes de la série")),
        ],
        initial="one",
        widget=forms.RadioSelect,
        required=False,
    )


class SerieForm(ActiviteForm):
    """Coordination plans a weekly series (e.g. a permanence every Tuesday)."""

    weekdays = forms.TypedMultipleChoiceField(
        label=_("Chaque"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    last_day = forms.DateField(label=_("Jusqu'au"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].label = _("À partir du")

    def clean(self):
        # services.serie_create checks this too; the form checks it as well so
        # that it is reported together with the other field errors (the service
        # only runs once the form is valid).
        cleaned = super().clean()
        first, last = cleaned.get("day"), cleaned.get("last_day")
        if first and last and last < first:
            self.add_error(
                "last_day", _("Le dernier jour doit venir après le premier.")
            )
        return cleaned

    def schedule(self) -> dict:
        """The series' dates and hours, as `services.serie_slots` and
        `services.serie_create` take them."""
        data = self.cleaned_data
        return {
            "weekdays": data["weekdays"],
            "first_day": data["day"],
            "last_day": data["last_day"],
            "start_time": data["start_time"],
            "end_time": data["end_time"],
        }


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Motif de l'annulation"), max_length=300)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Pourquoi ne pouvez-vous pas venir ?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AssignForm(forms.Form):
    relais = forms.ModelChoiceField(
        label=_("Relais"), queryset=Relais.objects.active(), empty_label=None
    )
    confirm_overlap = forms.BooleanField(
        label=_("Confirmer malgré le chevauchement"), required=False
    )


class SerieRosterForm(forms.Form):
    """Coordination puts one or several relais on many dates of a series at once:
    this date only, from a date onward, or every date to come."""

    relais = forms.ModelMultipleChoiceField(
        label=_("Relais"),
        queryset=Relais.objects.active(),
        widget=forms.CheckboxSelectMultiple,
    )
    scope = forms.ChoiceField(label=_("Dates"), widget=forms.RadioSelect)
    from_day = forms.DateField(
        label=_("À partir du"), required=False, widget=DateInput()
    )
    confirm_overlap = forms.BooleanField(
        label=_("Confirmer malgré le chevauchement"), required=False
    )

    def __init__(self, *args, activite=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        if activite is not None:
            choices.append(("one", _("Cette date seulement")))
        choices += [
            ("from", _("Toutes les dates à partir du jour indiqué")),
            ("all", _("Toute la série (les dates à venir)")),
        ]
        self.fields["scope"].choices = choices
        self.fields["scope"].initial = "from" if activite is not None else "all"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == "from" and not cleaned.get("from_day"):
            self.add_error("from_day", _("Indiquez à partir de quel jour."))
        return cleaned

    def targets(self, activite=None) -> dict:
        """The service's keyword arguments for the chosen dates."""
        scope = self.cleaned_data["scope"]
        if scope == "one" and activite is not None:
            return {"only": activite}
        if scope == "from":
            return {"from_day": self.cleaned_data["from_day"]}
        return {}


class SerieUnassignForm(SerieRosterForm):
    """The same choice of dates, to take relais off the rest of a series."""

    reason = forms.CharField(label=_("Motif"), max_length=300)

    def __init__(self, *args, serie=None, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["confirm_overlap"]
        if serie is not None:
            self.fields["relais"].queryset = Relais.objects.filter(
                affectations__activite__serie=serie,
                affectations__status__in=[
                    Affectation.Status.OFFERED,
                    Affectation.Status.CONFIRMED,
                ],
            ).distinct()


class FrequentationForm(forms.ModelForm):
    """The fréquentation, counted: steppers on the phone, no typing needed."""

    languages = LanguagesField(label=_("Langues entendues"))

    class Meta:
        model = Frequentation
        fields = [
            "total",
            "newcomers",
            "languages",
            "partners_present",
            "report",
            "follow_up",
        ]
        widgets = {
            "total": StepperInput(),
            "newcomers": StepperInput(),
            "partners_present": forms.CheckboxSelectMultiple,
            "report": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        self.age_fields = []
        for value, label in AgeBand.choices:
            name = f"age_{value}"
            self.fields[name] = forms.IntegerField(
                label=label,
                min_value=0,
                required=False,
                initial=(instance.age_counts or {}).get(value, 0),
                widget=StepperInput(),
            )
            self.age_fields.append(name)
        self.gender_fields = []
        for value, label in Gender.choices:
            name = f"gender_{value}"
            self.fields[name] = forms.IntegerField(
                label=label,
                min_value=0,
                required=False,
                initial=(instance.gender_counts or {}).get(value, 0),
                widget=StepperInput(),
            )
            self.gender_fields.append(name)
        self.fields["partners_present"].queryset = (
            partners if partners is not None else Organization.objects.none()
        )
        self.fields["report"].required = False
        self.fields["follow_up"].required = False

    def _post_clean(self):
        data = self.cleaned_data
        self.instance.age_counts = {
            value: data.get(f"age_{value}") or 0
            for value in AgeBand.values
            if data.get(f"age_{value}")
        }
        self.instance.gender_counts = {
            value: data.get(f"gender_{value}") or 0
            for value in Gender.values
            if data.get(f"gender_{value}")
        }
        super()._post_clean()

    def values(self) -> dict:
        return {
            "total": self.instance.total,
            "newcomers": self.instance.newcomers,
            "age_counts": self.instance.age_counts,
            "gender_counts": self.instance.gender_counts,
            "languages": self.cleaned_data["languages"],
            "report": self.cleaned_data["report"],
            "follow_up": self.cleaned_data["follow_up"],
        }

    def age_bound_fields(self):
        return [self[name] for name in self.age_fields]

    def gender_bound_fields(self):
        return [self[name] for name in self.gender_fields]


class AgendaFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Tous"))] + Activite.Kind.choices,
    )
    place = forms.ChoiceField(label=_("Lieu"), required=False)
    relais = forms.ModelChoiceField(
        label=_("Relais"),
        required=False,
        queryset=Relais.objects.active(),
        empty_label=_("Tous"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Tous"))]
        for point in ContactPoint.objects.prefetch_related("stops"):
            choices.append((f"point-{point.pk}", point.name))
            choices += [(f"stop-{s.pk}", f"— {s.name}") for s in point.stops.all()]
        self.fields["place"].choices = choices

    def filter_formations(self, queryset):
        """Trainings and intervisions show unless the agenda is narrowed to one
        kind of activity or one place (they are neither); narrowed to a relais,
        those the relais attended show."""
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["kind"] or data["place"]:
            return queryset.none()
        if data["relais"]:
            queryset = queryset.filter(attendances__relais=data["relais"])
        return queryset

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["place"]:
            what, _sep, pk = data["place"].partition("-")
            if what == "stop":
                queryset = queryset.filter(stop_id=pk)
            else:
                queryset = queryset.filter(contact_point_id=pk)
        if data["relais"]:
            queryset = queryset.filter(
                affectations__relais=data["relais"],
                affectations__status__in=[
                    Affectation.Status.OFFERED,
                    Affectation.Status.CONFIRMED,
                ],
            ).distinct()
        return queryset


class ContactPointForm(forms.ModelForm):
    class Meta:
        model = ContactPoint
        fields = ["kind", "name", "address", "opening_hours", "is_active"]
        widgets = {"opening_hours": forms.Textarea(attrs={"rows": 2})}


class StopForm(forms.ModelForm):
    class Meta:
        model = Stop
        fields = ["name", "latitude", "longitude", "usual_times", "position"]
        widgets = {
            "latitude": forms.NumberInput(
                attrs={"inputmode": "decimal", "step": "any"}
            ),
            "longitude": forms.NumberInput(
                attrs={"inputmode": "decimal", "step": "any"}
            ),
        }
