from django import forms
from django.utils.translation import gettext_lazy as _

from home.models import ReminderKind


class ReminderPreferencesForm(forms.Form):
    """The kinds of reminder a person wants (ticked) among those of their role."""

    kinds = forms.MultipleChoiceField(
        label=_("Je veux recevoir ces rappels (par e-mail et sur ma page d'accueil)"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(ReminderKind.choices)
        self.fields["kinds"].choices = [(kind, labels[kind]) for kind in kinds]
