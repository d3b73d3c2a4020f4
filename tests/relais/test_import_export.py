"""The relais list import/export: all or nothing, no IBAN or notes out."""

import pytest
import tablib

from relais.models import Relais
from relais.resources import RelaisResource
from tests.factories.relais import make_languages, make_relais

pytestmark = pytest.mark.django_db

HEADERS = ["first_name", "last_name", "phone", "status", "status_since", "languages"]


def test_export_lists_languages_and_never_iban_or_notes():
    relais = make_relais(
        first_name="Радка", iban="BE71096123456769", notes="Secret de la coordination"
    )
    make_languages(relais, "bg", "fr")
    exported = RelaisResource().export()
    assert "iban" not in exported.headers
    assert "notes" not in exported.headers
    text = exported.csv
    assert "Радка" in text
    assert "bg,fr" in text
    assert "BE71096123456769" not in text
    assert "Secret" not in text


def test_import_creates_relais_with_languages():
    dataset = tablib.Dataset(headers=HEADERS)
    dataset.append(["Ayşe", "Demir", "0470 12 34 56", "active", "2026-01-01", "tr,nl"])
    result = RelaisResource().import_data(dataset)
    assert not result.has_errors() and not result.has_validation_errors()
    relais = Relais.objects.get(last_name="Demir")
    assert relais.phone == "+32470123456"
    assert relais.language_codes == ["nl", "tr"]


def test_one_bad_row_rolls_back_the_whole_file_with_a_row_report():
    dataset = tablib.Dataset(headers=HEADERS)
    dataset.append(["Ayşe", "Demir", "0470 12 34 56", "active", "2026-01-01", "tr"])
    dataset.append(["Jan", "Peeters", "123", "active", "2026-01-01", "nl"])
    dataset.append(["Ana", "Silva", "", "active", "2026-01-01", "klingon"])
    result = RelaisResource().import_data(dataset)
    assert result.has_validation_errors()
    failed = {row.number for row in result.invalid_rows}
    assert failed == {2, 3}
    assert not Relais.objects.exists()


def test_admin_import_with_a_bad_row_commits_nothing_and_reports_the_row(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories.accounts import make_user

    admin = make_user(username="admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    csv = (
        "first_name,last_name,phone,status,status_since,languages\n"
        "Ayşe,Demir,0470 12 34 56,active,2026-01-01,tr\n"
        "Jan,Peeters,123,active,2026-01-01,nl\n"
    ).encode()
    response = client.post(
        "/admin/relais/relais/import/",
        {
            "format": "0",
            "import_file": SimpleUploadedFile("relais.csv", csv, "text/csv"),
            "resource": "0",
        },
    )
    assert response.status_code == 200
    assert "Ce numéro de téléphone n&#x27;est pas valide." in response.text
    assert not Relais.objects.exists()
