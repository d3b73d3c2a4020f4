"""Staff forms for content typed in several languages (django-modeltranslation).

A translated model field (`title`) has one form field per interface language
(`title_fr`, `title_nl`, … from `tisseurs.i18n.translation_names`). `MultilingualForm`
lays them out: French and Dutch side by side (two columns on a desktop), the
languages of relais pages (en, ar, tr, ro, bg) folded in a `<details>` "Autres
langues" under them. Only French is required (the model's translation options).
Templates render it with `{% crispy form %}`."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout
from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext

from tisseurs.i18n import ALL_LANGUAGES

SIDE_BY_SIDE = ("fr", "nl")


def split_name(name: str) -> tuple[str, str]:
    """("title", "nl") for "title_nl"; ("day", "") for a field not translated."""
    base, _sep, code = name.rpartition("_")
    return (base, code) if base and code in ALL_LANGUAGES else (name, "")


class MultilingualForm(forms.ModelForm):
    """A ModelForm whose translated fields are grouped per field (see module doc).
    `translated` names the translated model fields it edits."""

    translated: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        for name, field in self.fields.items():
            base, code = split_name(name)
            if base not in self.translated or not code:
                continue
            model_field = self._meta.model._meta.get_field(base)
            field.label = f"{capfirst(model_field.verbose_name)} ({names[code]})"
            field.help_text = model_field.help_text if code == "fr" else ""
            field.widget.attrs.update({"lang": code, "dir": "auto"})
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3

    def clean(self):
        # A language left empty stays as it was stored (None or ""), so a form
        # saved untouched changes nothing.
        cleaned = super().clean()
        for name in self.fields:
            base, code = split_name(name)
            if base in self.translated and code and not cleaned.get(name):
                if not getattr(self.instance, name, None) and name in cleaned:
                    cleaned[name] = getattr(self.instance, name, None)
        return cleaned

    @property
    def helper(self) -> FormHelper:
        """Built when the form is drawn (after validation, for the errors)."""
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(*self._layout())
        return helper

    def _layout(self):
        done = set()
        for name in self.fields:
            base, code = split_name(name)
            if base not in self.translated or not code:
                yield Field(name)
                continue
            if base in done:
                continue
            done.add(base)
            columns = [f"{base}_{code}" for code in SIDE_BY_SIDE]
            others = [
                f"{base}_{code}"
                for code in ALL_LANGUAGES
                if code not in SIDE_BY_SIDE and f"{base}_{code}" in self.fields
            ]
            yield Div(
                *(Div(Field(c), css_class="col-lg-6") for c in columns),
                css_class="row translated-field",
            )
            if others:
                # open when one of them is refused, so its message shows
                refused = self.is_bound and any(o in self.errors for o in others)
                yield HTML(
                    format_html(
                        '<details class="other-languages mb-3" data-field="{}"{}>'
                        "<summary>{}</summary>",
                        base,
                        " open" if refused else "",
                        gettext("Autres langues"),
                    )
                )
                yield Div(
                    *(Div(Field(o), css_class="col-lg-6") for o in others),
                    css_class="row",
                )
                yield HTML("</details>")
