"""Coordination lists: filters, and bounded queries over 10 years × 50 relais."""

from datetime import date

import pytest
from django.urls import reverse

from prestations.models import Orientation, Prestation, Situation
from relais.models import Relais
from ressources.models import Theme
from tests.factories.prestations import make_prestation

pytestmark = pytest.mark.django_db

SITUATIONS = reverse("prestations:situation_list")
PRESTATIONS = reverse("prestations:prestation_list")


@pytest.fixture
def ten_years_of_fifty_relais():
    """50 relais × 120 months × 2 prestations, one situation each (24,000 rows of
    prestations and situations), built with bulk_create."""
    relais = Relais.objects.bulk_create(
        Relais(first_name=f"R{n}", last_name="Test", status=Relais.Status.ACTIVE)
        for n in range(50)
    )
    prestations = Prestation.objects.bulk_create(
        Prestation(relais=r, date=date(2016 + m // 12, m % 12 + 1, 5 + k * 10))
        for r in relais
        for m in range(120)
        for k in range(2)
    )
    languages = ["fr", "ar", "tr", "ro", "bg"]
    situations = Situation.objects.bulk_create(
        Situation(
            prestation=p,
            language=languages[i % 5],
            follow_up_needed=i % 3 == 0,
        )
        for i, p in enumerate(prestations)
    )
    themes = list(Theme.objects.all()[:3])
    through = Situation.themes.through
    through.objects.bulk_create(
        through(situation=s, theme=themes[i % len(themes)])
        for i, s in enumerate(situations)
    )
    Orientation.objects.bulk_create(
        Orientation(
            situation=s,
            other_text="CPAS",
            outcome=["unknown", "reached", "not_reached"][i % 3],
        )
        for i, s in enumerate(situations)
    )
    return relais


def test_situation_list_filters(relais_anna, coordination_client):
    housing, food = Theme.objects.all()[:2]
    prestation = make_prestation(relais=relais_anna, date=date(2026, 3, 10))
    wanted = Situation.objects.create(
        prestation=prestation, language="ar", follow_up_needed=True
    )
    wanted.themes.add(housing)
    Orientation.objects.create(situation=wanted, other_text="CPAS", outcome="reached")
    other = Situation.objects.create(prestation=prestation, language="tr")
    other.themes.add(food)
    Orientation.objects.create(situation=other, other_text="CPAS")
    april = Situation.objects.create(
        prestation=make_prestation(relais=relais_anna, date=date(2026, 4, 2)),
        language="ar",
    )

    def listed(query):
        response = coordination_client.get(f"{SITUATIONS}?month=2026-03&{query}")
        assert response.status_code == 200
        return set(response.context["page_obj"].object_list)

    assert listed("") == {wanted, other}
    assert listed(f"theme={housing.pk}") == {wanted}
    assert listed("language=ar") == {wanted}
    assert listed("outcome=reached") == {wanted}
    assert listed("outcome=unknown") == {other}
    assert listed("follow_up=open") == {wanted}
    assert listed(f"relais={relais_anna.pk}") == {wanted, other}
    assert listed("start=2026-03-01&end=2026-04-30") == {wanted, other, april}
    response = coordination_client.get(f"{SITUATIONS}?month=2026-04")
    assert list(response.context["page_obj"].object_list) == [april]


def test_situation_list_queries_are_bounded(
    ten_years_of_fifty_relais, coordination_client, django_assert_max_num_queries
):
    theme = Theme.objects.first()
    with django_assert_max_num_queries(12):
        response = coordination_client.get(
            f"{SITUATIONS}?month=2021-06&theme={theme.pk}&language=ar&outcome=reached"
        )
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        response = coordination_client.get(f"{SITUATIONS}?month=2021-06&page=2")
    assert response.context["page_obj"].paginator.count == 100
    assert len(response.context["page_obj"].object_list) == 50


def test_prestation_list_queries_are_bounded(
    ten_years_of_fifty_relais, coordination_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = coordination_client.get(f"{PRESTATIONS}?month=2025-01")
    assert response.context["totals"]["count"] == 100
    relais = ten_years_of_fifty_relais[3]
    with django_assert_max_num_queries(12):
        response = coordination_client.get(
            f"{PRESTATIONS}?month=2025-01&relais={relais.pk}"
        )
    assert response.context["totals"]["count"] == 2
    assert {p.relais for p in response.context["page_obj"]} == {relais}


def test_my_outings_queries_are_bounded(
    relais_anna, anna_client, django_assert_max_num_queries
):
    for day in range(1, 29):
        prestation = make_prestation(relais=relais_anna, date=date(2026, 3, day))
        Situation.objects.create(prestation=prestation)
    with django_assert_max_num_queries(10):
        response = anna_client.get(
            reverse("prestations:prestation_mine") + "?month=2026-03"
        )
    assert len(response.context["prestations"]) == 28


def test_prestation_detail_queries_are_bounded(
    relais_anna, anna_client, django_assert_max_num_queries
):
    prestation = make_prestation(relais=relais_anna)
    themes = list(Theme.objects.all()[:3])
    for _ in range(20):
        situation = Situation.objects.create(prestation=prestation)
        situation.themes.set(themes)
        Orientation.objects.create(situation=situation, other_text="CPAS")
    with django_assert_max_num_queries(14):
        response = anna_client.get(prestation.get_absolute_url())
    assert len(response.context["situations"]) == 20


def test_situation_export_queries_are_bounded(
    ten_years_of_fifty_relais, coordination_client, django_assert_max_num_queries
):
    export = reverse("prestations:situation_export")
    with django_assert_max_num_queries(12):
        response = coordination_client.get(f"{export}?month=2021-06&format=csv")
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        response = coordination_client.get(
            f"{export}?start=2021-01-01&end=2021-12-31&format=csv"
        )
    assert response.content.decode("utf-8-sig").count("\n") == 1 + 50 * 12 * 2
