from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from tisseurs.audit.models import AuditKind
from tisseurs.forms import DateInput


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type"), choices=[("", _("Tous")), *AuditKind.choices], required=False
    )
    user = forms.ModelChoiceField(
        label=_("Utilisateur·rice"),
        queryset=get_user_model().objects.order_by("username"),
        required=False,
        empty_label=_("Tous"),
    )
    start = forms.DateField(label=_("Du"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Au"), required=False, widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("La date de fin précède la date de début."))
        return cleaned
