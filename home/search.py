"""The coordination's search box: one query across relais, activities, resources
and situations, each group bounded.

Case and accents are ignored the same way on SQLite and PostgreSQL, without the
`unaccent` extension: each word of the query becomes a regular expression in which
every letter stands for all its accented and capital forms ("eleve" →
"[eéèêëEÉÈÊË]l[eéèêëEÉÈÊË]v[eéèêëEÉÈÊË]"), and any punctuation for any one
character (so "l'abri" finds "l’abri"). Django's `__regex` runs it with Python's
`re` on SQLite and with `~` on PostgreSQL; both read this subset alike. Resources
use the directory's own normalised `search_text` (ressources/text.py).

Situations are shown as on the situations list (date, relais, code, themes, note),
never by the columns that describe the person (age, gender, language)."""

import re
import unicodedata
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Exists, OuterRef

from activites.models import Activite
from prestations.models import Situation
from relais.models import Relais
from ressources.models import Service, Theme
from tisseurs.i18n import translation_names

MIN_LENGTH = 2
MAX_WORDS = 6
PER_GROUP = 8

_VARIANTS = {
    "a": "aàáâãäå",
    "c": "cç",
    "e": "eéèêë",
    "i": "iìíîï",
    "n": "nñ",
    "o": "oòóôõö",
    "u": "uùúûü",
    "y": "yýÿ",
}


def _base(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _letter_class(chars: str) -> str:
    forms = []
    for c in chars:
        for form in (c.lower(), c.upper()):
            if len(form) == 1 and form not in forms:
                forms.append(form)
    return forms[0] if len(forms) == 1 else "[" + "".join(forms) + "]"


def accent_pattern(word: str) -> str:
    """A regular expression matching `word` whatever its case and accents."""
    parts = []
    for char in word:
        base = _base(char)
        if base in _VARIANTS:
            parts.append(_letter_class(_VARIANTS[base]))
        elif char.isalnum():
            parts.append(_letter_class(char))
        else:
            parts.append(".")
    return "".join(parts)


def query_words(query: str) -> list[str]:
    return query.split()[:MAX_WORDS]


def _all_words(words: list[str], fields: list[str]) -> models.Q:
    """Every word found in at least one of `fields`."""
    q = models.Q()
    for word in words:
        pattern = accent_pattern(word)
        any_field = models.Q()
        for name in fields:
            any_field |= models.Q(**{f"{name}__regex": pattern})
        q &= any_field
    return q


_PHONE = re.compile(r"^[0-9+ ./-]+$")


def relais_matching(words: list[str]):
    digits = re.sub(r"\D", "", "".join(words)).lstrip("0")
    if _PHONE.match(" ".join(words)) and len(digits) >= 4:
        # A phone number typed with spaces ("0470 12 34"), whatever the stored
        # form (E.164 since the form cleans it, or as it was imported).
        pattern = "[^0-9]*".join(digits)
        return Relais.objects.filter(phone__regex=pattern).order_by(
            "last_name", "first_name", "pk"
        )
    q = models.Q()
    for word in words:
        pattern = accent_pattern(word)
        found = models.Q()
        for name in (
            "first_name",
            "last_name",
            "preferred_name",
            "latin_name",
            "email",
            "zone",
        ):
            found |= models.Q(**{f"{name}__regex": pattern})
        q &= found
    return Relais.objects.filter(q).order_by("last_name", "first_name", "pk")


def activities_matching(words: list[str]):
    fields = ["title", "place", "contact_point__name"]
    return (
        Activite.objects.filter(_all_words(words, fields))
        .select_related("contact_point", "stop")
        .order_by("-start", "-pk")
    )


def services_matching(query: str):
    return (
        Service.objects.active()
        .search(query)
        .select_related("organization")
        .order_by("name", "pk")
    )


def themes_matching(words: list[str]):
    return Theme.objects.filter(
        _all_words(words, [*translation_names("label"), "code"])
    )


def situations_matching(words: list[str]):
    q = models.Q()
    for word in words:
        pattern = accent_pattern(word)
        label_matches = models.Q()
        for name in translation_names("label"):
            label_matches |= models.Q(**{f"{name}__regex": pattern})
        themes = Theme.objects.filter(label_matches, situations=OuterRef("pk"))
        q &= (
            models.Q(code__iexact=word.upper())
            | models.Q(note__regex=pattern)
            | Exists(themes)
        )
    return (
        Situation.objects.filter(q)
        .select_related("prestation__relais")
        .prefetch_related("themes")
        .order_by("-prestation__date", "-pk")
    )


@dataclass
class Group:
    kind: str
    rows: list
    count: int
    more_url: str = ""
    extra: list = field(default_factory=list)

    @property
    def has_more(self) -> bool:
        return self.count > len(self.rows)


def search_everything(query: str, *, per_group: int = PER_GROUP) -> dict[str, Group]:
    """Each group's first `per_group` rows and its total count."""
    words = query_words(query)

    def group(kind, queryset, more_url=""):
        rows = list(queryset[:per_group])
        count = len(rows) if len(rows) < per_group else queryset.count()
        return Group(kind=kind, rows=rows, count=count, more_url=more_url)

    return {
        "relais": group("relais", relais_matching(words)),
        "activities": group("activities", activities_matching(words)),
        "services": group("services", services_matching(query)),
        "situations": group("situations", situations_matching(words)),
        "themes": group("themes", themes_matching(words)),
    }
