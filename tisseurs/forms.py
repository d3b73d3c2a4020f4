"""Form pieces every app shares: the languages pick-list and the phone stepper."""

from django import forms
from django.utils.translation import gettext_lazy as _

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
