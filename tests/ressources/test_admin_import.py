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
    assert result.has_validation_errors() or result.has_errors()
    assert not Service.objects.exists()


def test_renaming_a_theme_in_the_admin_refreshes_the_search(client):
    from django.urls import reverse

    from ressources.models import Theme
    from tests.factories.accounts import make_user
    from tests.factories.ressources import make_service

    admin_user = make_user(is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    service = make_service(name="Permanence", themes=["numerique"])
    theme = Theme.objects.get(code="numerique")
    response = client.post(
        reverse("admin:ressources_theme_change", args=[theme.pk]),
        {
            "code": "numerique",
            "label_fr": "Informatique",
            "label_nl": "Computers",
            "label_en": "Computers",
            "pictogram": "",
            "position": 9,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert list(Service.objects.search("informatique")) == [service]
