"""`get_<field>_display()` of the models using tisseurs.choices.FastChoiceDisplay:
the label of the active language, the raw value when it is not a choice."""

from django.utils import translation

from prestations.models import Situation
from relais.models import Relais


def test_display_follows_the_active_language_after_the_first_call():
    situation = Situation(age_band="65+", gender="", language="ar")
    with translation.override("fr"):
        french = situation.get_age_band_display()
        french_language = situation.get_language_display()
    with translation.override("nl"):
        dutch = situation.get_age_band_display()
        dutch_language = situation.get_language_display()
    assert french_language != dutch_language
    assert french and dutch
    field = Situation._meta.get_field("age_band")
    assert french == str(dict(field.flatchoices)["65+"])


def test_display_matches_django_and_keeps_unknown_values():
    relais = Relais(status="active")
    field = Relais._meta.get_field("status")
    with translation.override("en"):
        assert relais.get_status_display() == str(dict(field.flatchoices)["active"])
    relais.status = "not-a-status"
    assert relais.get_status_display() == "not-a-status"
