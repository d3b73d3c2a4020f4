"""The relais-side texts typed in several languages (django-modeltranslation):
training titles and topics, and the six items of the information note, which a
relais reads in their own language, else in French."""

from modeltranslation.translator import TranslationOptions, register

from relais.models import Formation, NoteVersion


@register(Formation)
class FormationTranslation(TranslationOptions):
    fields = ("title", "topics")
    required_languages = ("fr",)


@register(NoteVersion)
class NoteVersionTranslation(TranslationOptions):
    fields = NoteVersion.ITEM_FIELDS
    required_languages = ("fr",)
