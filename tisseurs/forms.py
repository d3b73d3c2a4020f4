"""Form pieces every app shares: the languages pick-list, the phone stepper and the
IBAN and BIC fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tisseurs.banking import normalize_bic, normalize_iban
from tisseurs.vocab import Language


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
