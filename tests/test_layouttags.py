"""`{% fragment %}` (tisseurs/layouttags.py): a layout piece drawn once per language
and values, never with the page's context."""

from django.template import engines
from django.utils import translation

from tisseurs.layouttags import _drawn

PAGE = engines["django"].from_string(
    '{% load layout %}{% fragment "includes/nav_relais.html" path=here %}'
)


def test_the_navigation_follows_the_language_and_the_current_page():
    with translation.override("fr"):
        french = PAGE.render({"here": "/prestations/mes-sorties/"})
    with translation.override("nl"):
        dutch = PAGE.render({"here": "/prestations/mes-sorties/"})
        dutch_today = PAGE.render({"here": "/aujourdhui/"})
    assert "Mes sorties" in french
    assert "Mes sorties" not in dutch
    assert dutch != dutch_today
    assert '<a href="/prestations/mes-sorties/" aria-current="page">' in dutch
    assert '<a href="/aujourdhui/" aria-current="page">' in dutch_today


def test_a_fragment_sees_only_the_values_it_is_given():
    template = engines["django"].from_string(
        '{% load layout %}{% fragment "includes/nav_relais.html" %}'
    )
    html = template.render({"path": "/aujourdhui/", "user": "secret"})
    assert 'aria-current="page"' not in html


def test_a_fragment_is_drawn_once():
    _drawn.cache_clear()
    with translation.override("en"):
        for _ in range(3):
            PAGE.render({"here": "/aujourdhui/"})
    assert _drawn.cache_info().misses == 1
    assert _drawn.cache_info().hits == 2
