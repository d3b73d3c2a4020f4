"""`{% fragment "includes/x.html" name=value %}`: a piece of the layout drawn once
per language and values, then kept in this process.

For pieces that show nothing but translations, URLs and the values passed (the
relais' bottom navigation, the outbox banner's sentences): about a millisecond of
every relais page. The piece is drawn without the page's context, with only the
values given, so nobody's data can get into it; templates and message catalogues
change only with a new process (a deployment, or runserver's reload). Loaded with
`{% load layout %}` (settings.TEMPLATES, "libraries")."""

from functools import lru_cache

from django import template
from django.template.loader import get_template
from django.utils import translation

register = template.Library()


@lru_cache(maxsize=256)
def _drawn(template_name: str, language: str, values: tuple) -> str:
    with translation.override(language):
        return get_template(template_name).render(dict(values))


@register.simple_tag
def fragment(template_name: str, **values) -> str:
    key = tuple(sorted((name, str(value)) for name, value in values.items()))
    return _drawn(template_name, translation.get_language(), key)
