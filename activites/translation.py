"""The activity texts typed in several languages (django-modeltranslation): each
field gets one column per interface language (`title_fr`, `title_nl`, …); reading
`title` gives the reader's language, else French (settings.MODELTRANSLATION_*)."""

from modeltranslation.translator import TranslationOptions, register

from activites.models import Activite


@register(Activite)
class ActiviteTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("fr",)
