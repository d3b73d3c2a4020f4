"""Fiche pages keep a bounded number of queries on 10 years × 50 relais of fiches."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from prestations.models import DefraiementLine, FicheMensuelle, OtherOrganisationAmount
from relais.models import Relais

Status = FicheMensuelle.Status
STATUSES = [Status.DRAFT, Status.SUBMITTED, Status.VALIDATED, Status.PAID]


@pytest.fixture
def big_dataset(db):
    relais = Relais.objects.bulk_create(
        Relais(first_name=f"R{n}", last_name=f"N{n}", status=Relais.Status.ACTIVE)
        for n in range(50)
    )
    FicheMensuelle.objects.bulk_create(
        FicheMensuelle(
            relais=r, month=date(year, month, 1), status=STATUSES[(n + month) % 4]
        )
        for year in range(2017, 2027)
        for month in range(1, 13)
        for n, r in enumerate(relais)
    )
    DefraiementLine.objects.bulk_create(
        DefraiementLine(
            fiche=f,
            kind=DefraiementLine.Kind.FORFAIT,
            date=f.month.replace(day=5),
            amount=Decimal("20.00"),
            flagged=f.pk % 7 == 0,
        )
        for f in FicheMensuelle.objects.filter(relais__in=relais)
    )
    OtherOrganisationAmount.objects.bulk_create(
        OtherOrganisationAmount(relais=r, year=2026, organisation="Club", amount=1200)
        for r in relais[:10]
    )
    assert FicheMensuelle.objects.filter(relais__in=relais).count() == 6000


@pytest.mark.parametrize(
    ("client_name", "url", "query"),
    [
        ("coordination_client", "prestations:fiche_overview", {"month": "2026-03"}),
        ("coordination_client", "coordination_home", {}),
        ("direction_client", "prestations:payments", {"month": "2026-02"}),
        ("direction_client", "direction_home", {}),
        ("direction_client", "prestations:nominative_list", {"year": 2026}),
        (
            "direction_client",
            "prestations:nominative_list",
            {"year": 2026, "format": "csv"},
        ),
        ("direction_client", "prestations:parameters", {}),
    ],
)
def test_fiche_pages_have_bounded_queries(
    request, big_dataset, client_name, url, query, django_assert_max_num_queries
):
    client = request.getfixturevalue(client_name)
    # The coordination home gathers a panel from every app: a larger fixed bound.
    with django_assert_max_num_queries(25 if url == "coordination_home" else 15):
        response = client.get(reverse(url), query)
    assert response.status_code == 200


def test_overview_lists_every_relais_with_warnings(coordination_client, big_dataset):
    response = coordination_client.get(
        reverse("prestations:fiche_overview"), {"month": "2026-03"}
    )
    rows = response.context["rows"]
    assert len(rows) >= 50
    assert sum(1 for row in rows if row["warnings"]) >= 10


def test_relais_month_page_has_bounded_queries(
    anna_client, relais_anna, big_dataset, django_assert_max_num_queries
):
    FicheMensuelle.objects.create(relais=relais_anna, month=date(2026, 3, 1))
    with django_assert_max_num_queries(20):
        response = anna_client.get(
            reverse("prestations:fiche_mine"), {"month": "2026-03"}
        )
    assert response.status_code == 200
