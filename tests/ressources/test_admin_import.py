"""django-import-export in the admin: all or nothing, search text kept right."""

import pytest
import tablib

from ressources.admin import ServiceResource
from ressources.models import Organization, Service

pytestmark = pytest.mark.django_db

HEADERS = ["hsds_id", "organization", "name", "status", "verified_on", "themes"]


def test_service_import_refreshes_search_text():
    Organization.objects.create(name="CPAS")
    data = tablib.Dataset(headers=HEADERS)
    data.append(["", "CPAS", "Permanence Énergie", "active", "2026-01-05", "logement"])
    result = ServiceResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    service = Service.objects.get()
    assert service.themes.get().code == "logement"
    assert Service.objects.search("energie huisvesting").get() == service


def test_one_bad_row_imports_nothing():
    Organization.objects.create(name="CPAS")
    data = tablib.Dataset(headers=HEADERS)
    data.append(["", "CPAS", "Bonne ligne", "active", "2026-01-05", ""])
    data.append(["", "CPAS", "Mauvaise date", "active", "2026-13-45", ""])
    result = ServiceResource().import_data(data, dry_run=False)
    # The bad date is a validation error of row 2, not an exception of the import.
    assert not result.has_errors()
    assert [(row.number, list(row.error_dict)) for row in result.invalid_rows] == [
        (2, ["verified_on"])
    ]
    assert not Service.objects.exists()


def test_renaming_an_organisation_in_the_admin_refreshes_the_search(client):
    from django.urls import reverse

    from tests.factories.accounts import make_user
    from tests.factories.ressources import make_service

    client.force_login(make_user(is_staff=True, is_superuser=True))
    service = make_service(name="Permanence")
    organization = service.organization
    response = client.post(
        reverse("admin:ressources_organization_change", args=[organization.pk]),
        {"name_fr": "Maison Kolibri", "name_nl": "", "description_fr": ""},
    )
    assert response.status_code == 302
    assert list(Service.objects.search("kolibri")) == [service]
