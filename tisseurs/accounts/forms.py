from django import forms

from tisseurs.accounts.models import User


class LanguageForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["language"]
