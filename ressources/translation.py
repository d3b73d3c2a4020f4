"""The directory texts typed in several languages (django-modeltranslation): each
field gets one column per interface language (`name_fr`, `name_nl`, …); reading
`name` gives the reader's language, else French. The Dutch name is HSDS'
`alternate_name`. A theme's label is translated the same way (`label_fr`, …,
`label_bg`; the seeded themes come with every language, migrations 0002 and 0009)."""

from modeltranslation.translator import TranslationOptions, register

from ressources.models import Location, Organization, Service, Theme


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fr",)


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = ("name", "description", "eligibility")
    required_languages = ("fr",)


@register(Location)
class LocationTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fr",)


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("label",)
    required_languages = ("fr",)
