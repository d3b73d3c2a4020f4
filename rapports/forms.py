from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapports.models import Rapport
from rapports.periods import Period, PeriodError
from tisseurs.forms import DateInput


def current_quarter() -> Period:
    today = timezone.localdate()
    return Period.quarter(today.year, (today.month - 1) // 3 + 1)


class PeriodForm(forms.Form):
    """Choose a period: a month, a quarter, a year, or two dates."""

    KINDS = [
        ("month", _("Mois")),
        ("quarter", _("Trimestre")),
        ("year", _("Année")),
        ("custom", _("Dates choisies")),
    ]

    kind = forms.ChoiceField(label=_("Période"), choices=KINDS, initial="quarter")
    year = forms.IntegerField(
        label=_("Année"), min_value=2000, max_value=2100, required=False
    )
    month = forms.IntegerField(
        label=_("Mois"), min_value=1, max_value=12, required=False
    )
    quarter = forms.IntegerField(
        label=_("Trimestre"), min_value=1, max_value=4, required=False
    )
    start = forms.DateField(label=_("Du"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Au"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        year = data.get("year") or timezone.localdate().year
        try:
            if kind == "month":
                self.period = Period.month(year, data.get("month") or 1)
            elif kind == "quarter":
                self.period = Period.quarter(year, data.get("quarter") or 1)
            elif kind == "year":
                self.period = Period.year(year)
            elif kind == "custom":
                start, end = data.get("start"), data.get("end")
                if not start or not end:
                    raise forms.ValidationError(
                        _("Indiquez la date de début et la date de fin.")
                    )
                self.period = Period(start, end, "custom")
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from error
        return data

    @classmethod
    def initial_for(cls, period: Period) -> dict:
        return {
            "kind": period.kind,
            "year": period.start.year,
            "month": period.start.month,
            "quarter": (period.start.month - 1) // 3 + 1,
            "start": period.start,
            "end": period.end,
        }


class RapportCreateForm(forms.ModelForm):
    class Meta:
        model = Rapport
        fields = ["start", "end", "period_kind", "language"]
        widgets = {
            "start": forms.HiddenInput,
            "end": forms.HiddenInput,
            "period_kind": forms.HiddenInput,
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("La période se termine avant de commencer."))
        return data


class QualitativeForm(forms.ModelForm):
    class Meta:
        model = Rapport
        fields = ["qualitative"]
        widgets = {"qualitative": forms.Textarea(attrs={"rows": 10})}


def parse_period_from(data) -> tuple[Period, PeriodForm]:
    """The period asked by a GET query (the current quarter when none is)."""
    form = PeriodForm(data or None)
    if data and form.is_valid():
        return form.period, form
    period = current_quarter()
    if not data:
        form = PeriodForm(initial=PeriodForm.initial_for(period))
    return period, form
