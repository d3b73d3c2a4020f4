"""`get_<field>_display()` without rebuilding the choices on every call.

Django builds `dict(make_hashable(field.flatchoices))` at each call, hashing every
lazily translated label: on a list of 50 situations with four labels each, that is
thousands of translations a page. `FastChoiceDisplay`, put before `models.Model` in a
model's bases, builds the dict once per field; the labels stay lazy, so each call
still answers in the active language. Fields with callable (dynamic) choices keep
Django's own path."""

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


class FastChoiceDisplay:
    def _get_FIELD_display(self, field):  # Django's own name
        value = getattr(self, field.attname)
        choices = field.__dict__.get("_fast_display_choices")
        if choices is None:
            if not isinstance(field.choices, list | tuple):
                return force_str(
                    dict(make_hashable(field.flatchoices)).get(
                        make_hashable(value), value
                    ),
                    strings_only=True,
                )
            choices = field._fast_display_choices = dict(
                make_hashable(field.flatchoices)
            )
        return force_str(choices.get(make_hashable(value), value), strings_only=True)
