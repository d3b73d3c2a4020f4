from django import forms
from django.utils.translation import gettext_lazy as _

from home.models import Message, ReminderKind
from relais.models import Relais


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


class MessageForm(forms.ModelForm):
    """A message to relais: to every active relais, or to those ticked."""

    ALL, CHOSEN = "all", "chosen"

    audience = forms.ChoiceField(
        label=_("À qui ?"),
        choices=[
            (ALL, _("Tous les relais actifs")),
            (CHOSEN, _("Les relais cochés ci-dessous")),
        ],
        initial=ALL,
        widget=forms.RadioSelect,
    )
    relais = forms.ModelMultipleChoiceField(
        label=_("Relais"),
        queryset=Relais.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Message
        fields = ["subject", "text"]
        widgets = {
            "subject": forms.TextInput(attrs={"dir": "auto"}),
            "text": forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        }

    def __init__(self, *args, recipients_possible, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["relais"].queryset = recipients_possible

    def clean(self):
        data = super().clean()
        if data.get("audience") == self.CHOSEN and not data.get("relais"):
            self.add_error("relais", _("Cochez au moins un relais."))
        return data

    @property
    def chosen_relais(self):
        """The ticked relais, or None for every active relais."""
        if self.cleaned_data["audience"] == self.ALL:
            return None
        return list(self.cleaned_data["relais"])
