"""Belgian postal codes: any four-digit code from 1000 to 9999, its commune read
from the shipped Statbel table (tisseurs/data/postal_codes_be.csv)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from tests.factories.ressources import make_service
from tisseurs.forms import PostalCodeField, PostalCodeInput
from tisseurs.postal import all_communes, commune_of, validate_postal_code


@pytest.mark.parametrize(
    "code, name_fr, name_nl",
    [
        ("1070", "Anderlecht", "Anderlecht"),
        ("1030", "Schaerbeek", "Schaarbeek"),
        ("1040", "Etterbeek", "Etterbeek"),  # shared with Brussels: Etterbeek first
        ("1050", "Ixelles", "Elsene"),
        ("4000", "Liège", "Luik"),
        ("9000", "Gand", "Gent"),
    ],
)
def test_commune_of_a_known_code(code, name_fr, name_nl):
    commune = commune_of(code)
    assert (commune.name_fr, commune.name_nl) == (name_fr, name_nl)
    with translation.override("nl"):
        assert commune.name == name_nl


def test_table_covers_the_country_once_per_code():
    codes = [c.postal_code for c in all_communes()]
    assert len(codes) == len(set(codes)) > 1000
    assert all(1000 <= int(code) <= 9999 for code in codes)


def test_unknown_code_has_no_commune():
    assert commune_of("1049") is None  # the European institutions' own code
    assert commune_of("") is None


@given(st.integers(min_value=1000, max_value=9999))
def test_every_four_digit_code_from_1000_is_valid(n):
    validate_postal_code(str(n))


@pytest.mark.parametrize("value", ["999", "0999", "10700", "1O70", "B-1070", " 1070"])
def test_other_shapes_are_refused(value):
    with pytest.raises(ValidationError):
        validate_postal_code(value)


def test_suggestions_put_local_communes_first():
    widget = PostalCodeInput(local=["1210", "1030"])
    codes = [code for code, _label in widget.suggestions()]
    assert codes[:2] == ["1210", "1030"]
    assert "1070" in codes and codes.count("1030") == 1
    html = PostalCodeField(local=["1030"]).widget.render("postal_code", "1070")
    assert 'list="id_postal_code_list"' in html
    assert '<option value="1030">1030 Schaerbeek</option>' in html


@pytest.mark.django_db
def test_resource_moved_to_a_new_code_takes_its_commune(coordination_client):
    service = make_service(address=("Rue Wayez 1", "1070", "Anderlecht"))
    url = reverse("ressources:service_update", args=[service.pk])
    data = {
        "name_fr": service.name,
        "status": "active",
        "cost": service.cost,
        "address_1": "Rue de la Loi 1",
        "postal_code": "4000",
        "city": "Anderlecht",
        "schedules-TOTAL_FORMS": "0",
        "schedules-INITIAL_FORMS": "0",
    }
    response = coordination_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    service.location.refresh_from_db()
    assert (service.location.postal_code, service.location.city) == ("4000", "Liège")


@pytest.mark.django_db
def test_bad_code_is_refused_and_kept_as_typed(coordination_client):
    service = make_service(address=("Rue Wayez 1", "1070", "Anderlecht"))
    url = reverse("ressources:service_update", args=[service.pk])
    data = {
        "name_fr": service.name,
        "status": "active",
        "cost": service.cost,
        "postal_code": "107",
        "schedules-TOTAL_FORMS": "0",
        "schedules-INITIAL_FORMS": "0",
    }
    page = coordination_client.post(url, data).content.decode()
    assert "quatre chiffres" in page
    assert 'value="107"' in page
    service.location.refresh_from_db()
    assert service.location.postal_code == "1070"


@pytest.mark.django_db
def test_unknown_code_needs_a_commune_typed(coordination_client):
    service = make_service(address=("Rue Wayez 1", "1070", "Anderlecht"))
    url = reverse("ressources:service_update", args=[service.pk])
    data = {
        "name_fr": service.name,
        "status": "active",
        "cost": service.cost,
        "postal_code": "1049",
        "city": "",
        "schedules-TOTAL_FORMS": "0",
        "schedules-INITIAL_FORMS": "0",
    }
    page = coordination_client.post(url, data).content.decode()
    assert "indiquez la commune" in page
    data["city"] = "Bruxelles"
    assert coordination_client.post(url, data).status_code == 302
    service.location.refresh_from_db()
    assert (service.location.postal_code, service.location.city) == (
        "1049",
        "Bruxelles",
    )
