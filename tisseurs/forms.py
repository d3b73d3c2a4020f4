"""Form pieces every app shares: the date and time inputs, the languages pick-list,
the phone stepper and the IBAN and BIC fields."""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from tisseurs.banking import normalize_bic, normalize_iban
from tisseurs.postal import all_communes, commune_of, validate_postal_code
from tisseurs.vocab import Language


class DateInput(forms.DateInput):
    """The one date widget: `<input type="date">`, whose value must be ISO
    (2027-03-16). A localised value ("16/03/2027") would leave the field empty in
    the browser and the form would then be saved without its date."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    """The one time widget: `<input type="time">` with its value as 14:30."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class PostalCodeInput(forms.TextInput):
    """Four digits typed, with the Belgian codes offered as suggestions (a
    `<datalist>`): the `local` codes first (the quarter's communes), then all."""

    def __init__(self, attrs=None, local=()):
        super().__init__(
            attrs={
                "inputmode": "numeric",
                "maxlength": "4",
                "autocomplete": "postal-code",
                **(attrs or {}),
            }
        )
        self.local = list(local)

    def suggestions(self) -> list[tuple[str, str]]:
        first = [c for c in (commune_of(code) for code in self.local) if c]
        seen = {c.postal_code for c in first}
        rest = [c for c in all_communes() if c.postal_code not in seen]
        return [(c.postal_code, f"{c.postal_code} {c.name}") for c in first + rest]

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**(attrs or {})}
        list_id = f"{attrs.get('id') or 'id_' + name}_list"
        attrs["list"] = list_id
        field = super().render(name, value, attrs, renderer)
        options = format_html_join(
            "", '<option value="{}">{}</option>', self.suggestions()
        )
        return format_html('{}<datalist id="{}">{}</datalist>', field, list_id, options)


class PostalCodeField(forms.CharField):
    """A Belgian postal code: four digits, 1000 to 9999."""

    default_validators = [validate_postal_code]

    def __init__(self, *, local=(), **kwargs):
        kwargs.setdefault("label", _("Code postal"))
        kwargs.setdefault("max_length", 4)
        kwargs.setdefault("widget", PostalCodeInput(local=local))
        super().__init__(**kwargs)


class LanguagesField(forms.MultipleChoiceField):
    """Languages as ISO codes (`tisseurs.vocab.Language`), ticked in a list."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Langues parlées"))
        kwargs.setdefault("required", False)
        super().__init__(choices=Language.choices, **kwargs)


class StepperInput(forms.NumberInput):
    """A number typed or set with − / + (`static/js/stepper.js`), from 0 up."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={
                "data-stepper": "",
                "min": "0",
                "inputmode": "numeric",
                **(attrs or {}),
            }
        )


class IbanField(forms.CharField):
    """An IBAN as people type it (groups of four, any case), cleaned to its compact
    upper-case form before the model's `validate_iban` checks it."""

    def to_python(self, value):
        return normalize_iban(super().to_python(value))


class BicField(forms.CharField):
    """A BIC as people type it (`gkcc be bb`), cleaned to `GKCCBEBB` before the
    model's `validate_bic` checks it."""

    def to_python(self, value):
        return normalize_bic(super().to_python(value))


class ClientKeyField(forms.UUIDField):
    """The idempotency key the phone's outbox gives a new entry (`tisseurs/outbox.py`,
    filled by `static/js/outbox.js`); empty without JavaScript."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        """A malformed key is no key (as `tisseurs.outbox.client_key` reads it): an
        error on a hidden field would trap the relais."""
        try:
            return super().to_python(value)
        except forms.ValidationError:
            return None
