"""Reference lists shared by every app, stored as codes and labelled in the user's
language: languages (ISO 639 codes; docs/domain.md §4),
age bands and genders."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Language(models.TextChoices):
    FR = "fr", _("Français")
    NL = "nl", _("Néerlandais")
    EN = "en", _("Anglais")
    AR = "ar", _("Arabe")
    ARY = "ary", _("Arabe marocain (darija)")
    RIF = "rif", _("Tarifit (rifain)")
    ZGH = "zgh", _("Tamazight")
    TR = "tr", _("Turc")
    BG = "bg", _("Bulgare")
    RO = "ro", _("Roumain")
    ROM = "rom", _("Romani")
    ES = "es", _("Espagnol")
    PT = "pt", _("Portugais")
    PL = "pl", _("Polonais")
    IT = "it", _("Italien")
    RU = "ru", _("Russe")
    SQ = "sq", _("Albanais")
    PS = "ps", _("Pachto")
    PRS = "prs", _("Dari")
    TI = "ti", _("Tigrigna")
    SO = "so", _("Somali")
    LN = "ln", _("Lingala")
    SFB = "sfb", _("Langue des signes (LSFB)")
    OTHER = "other", pgettext_lazy("language", "Autre langue")


LANGUAGE_CODE_MAX_LENGTH = 8


def language_label(code: str) -> str:
    """The name of a language code in the active language (or the code if unknown)."""
    try:
        return Language(code).label
    except ValueError:
        return code


def language_labels(codes) -> list[str]:
    return [language_label(code) for code in codes or ()]


class AgeBand(models.TextChoices):
    CHILD = "0-11", _("Enfant (0–11 ans)")
    TEEN = "12-17", _("Jeune (12–17 ans)")
    YOUNG = "18-25", _("Jeune adulte (18–25 ans)")
    ADULT = "26-64", _("Adulte (26–64 ans)")
    SENIOR = "65+", _("65 ans et plus")
    UNKNOWN = "unknown", _("Âge inconnu")


class Gender(models.TextChoices):
    WOMAN = "f", _("Femme")
    MAN = "m", _("Homme")
    OTHER = "x", pgettext_lazy("gender", "Autre")
    NOT_STATED = "na", _("Non précisé")
