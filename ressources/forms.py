from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from ressources.models import Schedule, Service, Suggestion, Theme
from ressources.services import MUNICIPALITIES
from tisseurs.forms import (
    DateInput,
    LanguagesField,
    PostalCodeField,
    PostalCodeInput,
    TimeInput,
)
from tisseurs.i18n import translation_names
from tisseurs.multilingual import MultilingualForm
from tisseurs.phones import validate_phone
from tisseurs.postal import commune_of, validate_postal_code
from tisseurs.vocab import Language

YES = "1"


class SearchForm(forms.Form):
    """The directory search (relais phone page and coordination page): every
    field optional, read from the query string."""

    q = forms.CharField(
        label=_("Chercher"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("santé mentale, CPAS, café…")}
        ),
    )
    theme = forms.ModelChoiceField(
        label=_("Thème"),
        queryset=Theme.objects.filter(is_active=True),
        required=False,
        empty_label=_("Tous les thèmes"),
    )
    language = forms.ChoiceField(label=_("Langue parlée"), required=False)
    municipality = forms.ChoiceField(label=_("Commune"), required=False)
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[
            ("", _("Formel et informel")),
            ("formal", _("Formel")),
            ("informal", _("Informel")),
        ],
    )
    open_now = forms.BooleanField(label=_("Ouvert maintenant"), required=False)
    free = forms.BooleanField(label=_("Gratuit"), required=False)
    bas_seuil = forms.BooleanField(label=_("Bas seuil"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Toutes les langues"))] + [
            (value, label) for value, label in Language.choices if value != "other"
        ]
        self.fields["municipality"].choices = [("", _("Toutes les communes"))] + [
            (code, f"{code} {name}") for code, name in MUNICIPALITIES.items()
        ]
        for field in self.fields.values():
            css = {
                forms.CheckboxInput: "form-check-input",
                forms.Select: "form-select",
            }.get(type(field.widget), "form-control")
            field.widget.attrs.setdefault("class", css)

    def filter(self, queryset, *, now):
        """`queryset` narrowed by the valid filters (unfiltered when invalid)."""
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            queryset = queryset.search(data["q"])
        if data["theme"]:
            queryset = queryset.filter(themes=data["theme"])
        if data["language"]:
            queryset = queryset.speaking(data["language"])
        if data["municipality"]:
            queryset = queryset.in_municipality(data["municipality"])
        if data["kind"]:
            queryset = queryset.filter(is_formal=data["kind"] == "formal")
        if data["open_now"]:
            queryset = queryset.open_at(now)
        if data["free"]:
            queryset = queryset.filter(cost=Service.Cost.FREE)
        if data["bas_seuil"]:
            queryset = queryset.filter(is_bas_seuil=True)
        return queryset

    @property
    def is_filtered(self) -> bool:
        """Whether a filter other than the search words is set (the filters
        panel then opens)."""
        return self.is_valid() and any(
            value for name, value in self.cleaned_data.items() if name != "q"
        )


def _clean_phone(value: str) -> str:
    validate_phone(
        value,
        message=_("Ce numéro de téléphone n'est pas valide (exemple : 02 210 10 11)."),
    )
    return value


class ServiceForm(MultilingualForm):
    """Coordination: create or edit a resource with its address, phone and
    languages (the opening hours come in a formset); its name, description and
    public in French, Dutch and the other languages."""

    translated = ("name", "description", "eligibility")

    address_1 = forms.CharField(label=_("Adresse"), max_length=200, required=False)
    postal_code = PostalCodeField(required=False, local=MUNICIPALITIES)
    city = forms.CharField(
        label=_("Commune"),
        max_length=100,
        required=False,
        help_text=_("Laisser vide : la commune du code postal."),
    )
    phone = forms.CharField(
        label=_("Téléphone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
    )
    languages = LanguagesField()
    url = forms.URLField(label=_("Site web"), required=False, assume_scheme="https")

    class Meta:
        model = Service
        fields = [
            "organization",
            *translation_names("name", "description"),
            "themes",
            "status",
            "is_formal",
            "is_bas_seuil",
            "cost",
            "fees_description",
            *translation_names("eligibility"),
            "has_interpretation",
            "interpretation_note",
            "accessibility",
            "hours_note",
            "url",
            "email",
            "social_brussels_id",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            **{
                name: forms.Textarea()
                for name in translation_names("description", "eligibility")
            },
            "fees_description": forms.Textarea(attrs={"rows": 2}),
            "interpretation_note": forms.Textarea(attrs={"rows": 2}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].required = False
        self.fields["organization"].help_text = _(
            "Laisser vide pour une ressource sans organisation (elle prend son nom)."
        )
        service = self.instance
        if service.pk:
            location = service.location
            if location:
                self.initial.setdefault("address_1", location.address_1)
                self.initial.setdefault("postal_code", location.postal_code)
                self.initial.setdefault("city", location.city)
            phone = service.phone
            if phone:
                self.initial.setdefault("phone", phone.number)
            self.initial.setdefault("languages", service.language_codes)

    def clean_phone(self):
        return _clean_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        code, city = cleaned.get("postal_code"), cleaned.get("city", "").strip()
        if code:
            commune = commune_of(code)
            # A new code with the old town left as it was takes the new code's
            # commune; a town typed by hand (a district, "Laeken") is kept.
            moved = "postal_code" in self.changed_data and "city" not in (
                self.changed_data
            )
            if commune and (not city or moved):
                city = commune.name_fr
            elif not city:
                self.add_error(
                    "city", _("Ce code postal est inconnu : indiquez la commune.")
                )
        cleaned["city"] = city
        return cleaned


ScheduleFormSet = inlineformset_factory(
    Service,
    Schedule,
    fields=[
        "weekday",
        "opens_at",
        "closes_at",
        "closes_next_day",
        "valid_from",
        "valid_to",
        "note",
    ],
    widgets={
        "opens_at": TimeInput(),
        "closes_at": TimeInput(),
        "valid_from": DateInput(),
        "valid_to": DateInput(),
    },
    extra=2,
    can_delete=True,
)


class SuggestionForm(forms.ModelForm):
    """A relais, on the phone: a new resource or a correction (few fields)."""

    languages = LanguagesField()

    class Meta:
        model = Suggestion
        fields = [
            "name",
            "description",
            "address_1",
            "postal_code",
            "phone",
            "hours_note",
            "themes",
            "languages",
            "is_formal",
            "message",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
            "message": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
            "postal_code": PostalCodeInput(local=MUNICIPALITIES),
        }

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.kind = kind
        self.fields["themes"].queryset = Theme.objects.filter(is_active=True)
        self.fields["postal_code"].validators.append(validate_postal_code)
        if kind == Suggestion.Kind.NEW:
            self.fields["name"].required = True
        else:
            # Ticks are the whole new list: start from what the record says.
            service = self.instance.service
            if self.instance.pk is None:
                self.initial["languages"] = service.language_codes
                self.initial["themes"] = list(service.themes.all())
            del self.fields["is_formal"]
            self.fields["message"].help_text = _(
                "Qu'est-ce qui a changé ? (nouvel horaire, déménagement, fermeture…)"
            )

    def clean_phone(self):
        return _clean_phone(self.cleaned_data["phone"])


class RejectForm(forms.Form):
    rejection_reason = forms.CharField(
        label=_("Raison du refus"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".zip,.csv,.json"})
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class HsdsUploadForm(forms.Form):
    files = MultipleFileField(
        label=_(
            "Paquet HSDS (un fichier .zip, ou les fichiers CSV et datapackage.json)"
        )
    )

    def clean_files(self):
        uploads = self.cleaned_data["files"]
        for upload in uploads:
            if not upload.name.lower().endswith((".zip", ".csv", ".json")):
                raise ValidationError(
                    _("« %(name)s » n'est ni un .zip, ni un .csv, ni un .json.")
                    % {"name": upload.name}
                )
        return uploads


# The orientation picker ------------------------------------------------------

PICKER_LIMIT = 30


class ServicePickerWidget(forms.SelectMultiple):
    """Checkboxes of the selected services plus those matching a search box.

    The search box (`<name>_q`) and its "Chercher" button (`<name>_search`) are part
    of the host form: without JavaScript, pressing the button submits the form, the
    field refuses to validate (so nothing is saved) and the page comes back with the
    list narrowed to the matches, the ticked services kept. With JavaScript,
    `static/js/service_picker.js` narrows the list while the user types."""

    template_name = "ressources/widgets/service_picker.html"
    search_url = reverse_lazy("ressources:picker_search")

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.search_term = ""
        self.search_pressed = False

    def value_from_datadict(self, data, files, name):
        self.search_term = (data.get(f"{name}_q") or "").strip()
        self.search_pressed = f"{name}_search" in data
        return super().value_from_datadict(data, files, name)

    def render(self, name, value, attrs=None, renderer=None):
        # The project's template engine (templates/), whatever FORM_RENDERER is.
        context = self.get_context(name, value, attrs)
        return render_to_string(self.template_name, context)  # already safe

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        queryset = self.choices.queryset
        selected = [str(v) for v in (value or []) if v not in ("", None)]
        chosen = list(queryset.filter(pk__in=selected)) if selected else []
        found = []
        if self.search_term:
            found = list(
                queryset.search(self.search_term).exclude(pk__in=selected)[
                    :PICKER_LIMIT
                ]
            )
        context["picker"] = {
            "chosen": chosen,
            "found": found,
            "term": self.search_term,
            "searched": bool(self.search_term),
            "search_url": str(self.search_url),
            "limit": PICKER_LIMIT,
        }
        return context


class ServicePickerField(forms.ModelMultipleChoiceField):
    """Pick one or more active services (the orientation picker other apps reuse).

    Use it like any ModelMultipleChoiceField::

        class SituationForm(forms.ModelForm):
            services = ServicePickerField(label=_("Envoyé vers"), required=False)

    and render the form as usual (`{{ form|crispy }}`); add
    `<script src="{% static 'js/service_picker.js' %}" defer></script>` to the page
    for search-as-you-type. Nothing else is needed in the view: when the user
    presses the picker's "Chercher" button (no JavaScript), the form is invalid
    with a hint, so the view re-renders it as it does on any error, with what was
    typed and ticked, and the list narrowed to the search. The value is a queryset
    of `Service`. The JSON endpoint `ressources:picker_search` (`?q=`) serves the
    script and is open to relais and coordination."""

    widget = ServicePickerWidget

    def __init__(self, queryset=None, **kwargs):
        if queryset is None:
            queryset = Service.objects.active()
        kwargs.setdefault("label", _("Ressources"))
        super().__init__(queryset=queryset, **kwargs)

    def clean(self, value):
        if self.widget.search_pressed:
            raise ValidationError(
                _("Cochez les ressources trouvées, puis enregistrez."),
                code="searching",
            )
        return super().clean(value)


class SelectionForm(forms.Form):
    """A few resources to hand to a resident on one printed sheet."""

    services = ServicePickerField(label=_("Ressources à donner"))
