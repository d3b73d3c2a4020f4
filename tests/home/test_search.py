"""The coordination's search box (home/search.py): one query across relais,
activities, resources and situations, case- and accent-insensitive on SQLite and
PostgreSQL alike, bounded per group."""

import re

import pytest
from django.urls import reverse

from home.search import PER_GROUP, accent_pattern, search_everything
from prestations.models import Situation
from ressources.models import Theme
from tests.factories.activites import make_activite
from tests.factories.prestations import make_prestation
from tests.factories.relais import make_relais
from tests.factories.ressources import make_service

pytestmark = pytest.mark.django_db


def _names(group):
    return [str(row) for row in group.rows]


def test_the_pattern_ignores_case_and_accents():
    pattern = re.compile(accent_pattern("eleve"))
    for text in ("élève", "ÉLÈVE", "Eleve", "éLeVe"):
        assert pattern.search(text)
    assert not pattern.search("elvee")


def test_punctuation_in_the_query_matches_any_character_and_is_not_a_regex():
    pattern = accent_pattern("l'abri(*")
    assert re.compile(pattern).search("l’abri ()")
    assert "(" not in pattern.replace("[", "").replace("]", "")


def test_relais_are_found_by_name_without_accents_or_case():
    elodie = make_relais(first_name="Élodie", last_name="Dubœuf")
    make_relais(first_name="Marc", last_name="Petit")
    groups = search_everything("ELODIE")
    assert groups["relais"].rows == [elodie]


def test_a_query_with_accents_finds_a_name_typed_without():
    jose = make_relais(first_name="Jose", last_name="Garcia")
    assert search_everything("josé garcía")["relais"].rows == [jose]


def test_every_word_must_match_a_field():
    anna = make_relais(first_name="Anna", last_name="Kowalska")
    make_relais(first_name="Anna", last_name="Peeters")
    assert search_everything("anna kowal")["relais"].rows == [anna]


def test_relais_are_found_by_their_phone_as_typed_in_belgium():
    found = make_relais(first_name="Tel", phone="+32470123456")
    typed = make_relais(first_name="Imported", phone="0470/12.34.57")
    assert set(search_everything("0470 12")["relais"].rows) == {found, typed}
    assert search_everything("0470 123456")["relais"].rows == [found]
    assert search_everything("0470 12 34 57")["relais"].rows == [typed]


def test_activities_are_found_by_title_and_place():
    cafe = make_activite(title="Café-rencontre", place="Maison Médicale")
    make_activite(title="Permanence", place="Gare du Midi")
    assert search_everything("cafe")["activities"].rows == [cafe]
    assert search_everything("medicale")["activities"].rows == [cafe]


def test_resources_are_found_by_the_directory_search():
    service = make_service(name="Aide alimentaire", description="Colis le mardi")
    make_service(name="Logement d'urgence")
    assert search_everything("ALIMENTAIRE")["services"].rows == [service]


def test_situations_are_found_by_code_theme_and_note():
    theme = Theme.objects.create(
        code="abri-test", label_fr="Hébergement d'essai", label_nl="Proefopvang"
    )
    prestation = make_prestation()
    by_code = Situation.objects.create(prestation=prestation, code="K7PQ2M")
    by_theme = Situation.objects.create(prestation=prestation)
    by_theme.themes.add(theme)
    by_note = Situation.objects.create(prestation=prestation, note="Cherche un médecin")
    assert search_everything("k7pq2m")["situations"].rows == [by_code]
    assert search_everything("PROEFOPVANG")["situations"].rows == [by_theme]
    assert search_everything("medecin")["situations"].rows == [by_note]
    assert search_everything("hebergement")["themes"].rows == [theme]


def test_each_group_is_bounded_and_counts_all(django_assert_max_num_queries):
    for n in range(PER_GROUP + 3):
        make_activite(title=f"Atelier couture {n}")
    group = search_everything("couture")["activities"]
    assert len(group.rows) == PER_GROUP
    assert group.count == PER_GROUP + 3
    assert group.has_more


def test_the_page_groups_results_with_links(coordination_client):
    anna = make_relais(first_name="Annabelle", last_name="Roux")
    response = coordination_client.get(reverse("search"), {"q": "annabelle"})
    assert response.status_code == 200
    assert anna.get_absolute_url() in response.content.decode()
    assert response.context["groups"]["relais"].count == 1


@pytest.mark.parametrize("query", ["", "a", "  "])
def test_an_empty_or_short_query_says_what_to_type(coordination_client, query):
    response = coordination_client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    assert response.context["groups"] is None
    assert "empty-state" in response.content.decode()


@pytest.mark.parametrize(
    "query", ["[(*\\", "%_%", "a" * 500, "\x00ab", "' OR 1=1 --", "ٱلسَّلَام", "ß·ŒÆ"]
)
def test_odd_queries_never_fail(coordination_client, query):
    response = coordination_client.get(reverse("search"), {"q": query})
    assert response.status_code == 200


def test_searching_situations_is_audited(coordination_client):
    prestation = make_prestation()
    Situation.objects.create(prestation=prestation, code="ZZ22ZZ")
    from tisseurs.audit.models import AuditEntry

    coordination_client.get(reverse("search"), {"q": "zz22zz"})
    assert AuditEntry.objects.filter(kind="situations_list").exists()
