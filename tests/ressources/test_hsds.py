"""HSDS 3.0 import and export."""

import csv
import json
import shutil
from datetime import time
from pathlib import Path

import jsonschema
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from ressources.hsds import export_package, export_queryset, import_package
from ressources.hsds.package import FLAG_TERMS, flag_term_id
from ressources.models import (
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceLanguage,
    TaxonomyTerm,
)
from tests.factories.ressources import make_service

HSDS = Path(__file__).resolve().parents[1] / "data" / "hsds-3.0"
EXAMPLE = HSDS / "examples-csv"
SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    """Everything the import writes, in a comparable form."""
    services = {}
    for s in export_queryset().order_by("hsds_id"):
        services[str(s.hsds_id)] = {
            "fields": [
                s.name,
                s.name_nl or "",  # not written: None or ""
                s.description,
                s.url,
                s.email,
                s.status,
                s.fees_description,
                s.eligibility,
                s.interpretation_note,
                s.verified_on,
                s.cost,
                s.organization.hsds_id,
                s.organization.name,
                s.organization.name_nl or "",
                s.organization.description,
                s.organization.website,
                s.is_formal,
                s.is_bas_seuil,
                s.hours_note,
            ],
            "phones": sorted(
                (str(p.hsds_id), p.number, p.type) for p in s.phones.all()
            ),
            "languages": sorted(
                (str(lang.hsds_id), lang.code) for lang in s.languages.all()
            ),
            "schedules": sorted(
                (
                    str(x.hsds_id),
                    x.weekday,
                    x.opens_at,
                    x.closes_at,
                    x.valid_from,
                    x.valid_to,
                )
                for x in s.schedules.all()
            ),
            "locations": sorted(
                (
                    str(link.hsds_id),
                    str(link.location.hsds_id),
                    link.location.address_1,
                    link.location.postal_code,
                    link.location.city,
                    link.location.latitude,
                )
                for link in s.service_locations.all()
            ),
            "contacts": sorted(
                (str(c.hsds_id), c.name, c.email) for c in s.contacts.all()
            ),
            "themes": sorted(t.code for t in s.themes.all()),
        }
    return services


def test_official_example_imports_as_it_is():
    report = import_package(EXAMPLE)
    assert report.ok, report.errors
    service = Service.objects.get(hsds_id=SERVICE_ID)
    assert service.name == "Community Counselling"
    assert service.organization.name == "Example Organization Inc."
    assert str(service.verified_on) == "2005-01-01"
    assert service.language_codes == ["ur"]
    assert service.phones.get().number == "+44 1234 234567"
    assert sorted(service.schedules.values_list("weekday", flat=True)) == [4, 5]
    assert service.location.city == "MyCity"
    assert service.cost == Service.Cost.PAID
    # latitude 100 is impossible: kept out, said in the report
    assert service.location.latitude is None
    assert any(w.field == "latitude" for w in report.warnings)
    assert "counselling" in service.search_text


def test_reimporting_updates_instead_of_duplicating():
    import_package(EXAMPLE)
    before = snapshot()
    report = import_package(EXAMPLE)
    assert report.ok
    assert report.updated["services"] == 1 and not report.created.get("services")
    assert Service.objects.count() == 1
    assert Schedule.objects.count() == 2
    assert snapshot() == before


def test_dry_run_writes_nothing():
    report = import_package(EXAMPLE, dry_run=True)
    assert report.ok and report.created["services"] == 1
    assert not Service.objects.exists()
    assert not Organization.objects.exists()


def test_export_then_reimport_gives_the_same_data(tmp_path):
    import_package(EXAMPLE)
    make_service(
        name="Maison médicale",
        name_nl="Wijkgezondheidscentrum",
        themes=["sante-physique"],
        languages=["fr", "ar"],
        address=("Rue de la Poste 1", "1030", "Schaerbeek"),
        phone="02 218 56 08",
        cost=Service.Cost.FREE,
    )
    before = snapshot()
    export_package(tmp_path)
    for model in (Phone, ServiceLanguage, Schedule, Location, TaxonomyTerm):
        model.objects.all().delete()
    Service.objects.all().delete()
    Organization.objects.all().delete()
    report = import_package(tmp_path)
    assert report.ok, report.errors
    assert not report.warnings
    assert snapshot() == before


def _validator():
    schema = json.loads((HSDS / "schema" / "compiled-service.json").read_text())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_exported_services_validate_against_the_compiled_schema(tmp_path):
    from ressources.hsds import service_document

    import_package(EXAMPLE)
    make_service(
        name="Café Le Lien",
        is_formal=False,
        themes=["isolement"],
        languages=["tr"],
        address=("Rue de Brabant 10", "1030", "Schaerbeek"),
        phone="02 218 56 08",
        cost=Service.Cost.FREE,
        hours=[],
    )
    validator = _validator()
    documents = [service_document(s) for s in export_queryset()]
    assert len(documents) == 2
    for document in documents:
        errors = [e.message for e in validator.iter_errors(document)]
        assert errors == []


def test_export_command_writes_a_readable_datapackage(tmp_path):
    make_service(name="Maison médicale")
    call_command("export_hsds", str(tmp_path / "out"))
    package = json.loads((tmp_path / "out" / "datapackage.json").read_text())
    assert {r["path"] for r in package["resources"]} >= {"services.csv", "phones.csv"}


# Bad packages ---------------------------------------------------------------


def _copy(tmp_path) -> Path:
    folder = tmp_path / "package"
    shutil.copytree(EXAMPLE, folder)
    return folder


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _nothing_imported():
    assert not Service.objects.exists()
    assert not Organization.objects.exists()
    assert not Location.objects.exists()


def test_missing_required_column_is_reported_and_nothing_imported(tmp_path):
    folder = _copy(tmp_path)
    _edit(
        folder,
        "services.csv",
        "id,organization_id,program_id,name,",
        "id,organization_id,program_id,title,",
    )
    report = import_package(folder)
    assert [(e.file, e.row, e.field) for e in report.errors] == [
        ("services.csv", 1, "name")
    ]
    _nothing_imported()


def test_unknown_foreign_key_is_reported_and_nothing_imported(tmp_path):
    folder = _copy(tmp_path)
    _edit(
        folder,
        "service_at_location.csv",
        "3a19ff88-4620-4d17-9830-ac1d859eb5d5",
        "00000000-0000-4000-8000-000000000000",
    )
    report = import_package(folder)
    assert [(e.file, e.row, e.field) for e in report.errors] == [
        ("service_at_location.csv", 2, "location_id")
    ]
    _nothing_imported()


def test_bad_date_is_reported_and_nothing_imported(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "services.csv", ",2005-01-01,", ",2005-13-45,")
    report = import_package(folder)
    assert [(e.file, e.row, e.field) for e in report.errors] == [
        ("services.csv", 2, "assured_date")
    ]
    _nothing_imported()


def test_bad_coordinate_is_reported_and_nothing_imported(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "locations.csv", ",100,101,", ",north,101,")
    report = import_package(folder)
    assert [(e.file, e.row, e.field) for e in report.errors] == [
        ("locations.csv", 2, "latitude")
    ]
    _nothing_imported()


def test_an_error_late_in_the_package_rolls_back_everything(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "schedules.csv", "10:00:00,18:00:00", "10:00:00,6 pm")
    report = import_package(folder)
    assert [(e.file, e.field) for e in report.errors] == [
        ("schedules.csv", "closes_at")
    ]
    _nothing_imported()


def test_import_command_fails_with_the_report(tmp_path, capsys):
    folder = _copy(tmp_path)
    _edit(folder, "services.csv", ",2005-01-01,", ",yesterday,")
    with pytest.raises(CommandError):
        call_command("import_hsds", str(folder))
    assert "services.csv, ligne 2, assured_date" in capsys.readouterr().err
    call_command("import_hsds", str(EXAMPLE), "--dry-run")
    assert not Service.objects.exists()
    call_command("import_hsds", str(EXAMPLE))
    assert Service.objects.count() == 1
    assert connection.in_atomic_block  # the test's own transaction, nothing leaked


def test_rows_of_no_resource_and_extra_columns_are_reported_not_fatal(tmp_path):
    folder = _copy(tmp_path)
    with open(folder / "phones.csv", "a") as handle:
        handle.write(
            "5d6f2d0e-6d7c-4c53-9d2a-0b8f3f1e9a11,,,,,,+32 2 218 56 08,,voice,Org\n"
        )
    with open(folder / "languages.csv", "a") as handle:
        handle.write(
            f"6e6f2d0e-6d7c-4c53-9d2a-0b8f3f1e9a12,{SERVICE_ID},,,Arabic,ar,,x,y\n"
        )
    report = import_package(folder)
    assert report.ok, report.errors
    assert ("phones.csv", 3, "service_id") in [
        (w.file, w.row, w.field) for w in report.warnings
    ]
    assert sorted(Service.objects.get().language_codes) == ["ar", "ur"]


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    folder = _copy(tmp_path)
    (folder / "organizations.csv").write_bytes("id,name\n1,Caf\xe9".encode("latin-1"))
    report = import_package(folder)
    assert [(e.file, e.field) for e in report.errors] == [("organizations.csv", "")]
    _nothing_imported()


def test_monthly_schedule_is_kept_as_a_note_and_a_bad_weekly_day_refused(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "schedules.csv", ',WEEKLY,1,"TH,FR",', ',MONTHLY,1,"2MO",')
    report = import_package(folder)
    assert report.ok, report.errors
    service = Service.objects.get()
    assert not service.schedules.exists()
    assert service.hours_note.startswith("The service is available")
    Service.objects.all().delete()
    folder = _copy(tmp_path / "again")
    _edit(folder, "schedules.csv", ',WEEKLY,1,"TH,FR",', ',WEEKLY,1,"TH,XX",')
    report = import_package(folder)
    assert [(e.file, e.row, e.field) for e in report.errors] == [
        ("schedules.csv", 2, "byday")
    ]


@pytest.mark.django_db
def test_export_queries_do_not_grow_with_locations(tmp_path):
    from django.test.utils import CaptureQueriesContext

    def export_queries(count: int, folder: Path) -> int:
        for n in range(count):
            service = make_service(address=(f"Rue {n}", "1030", "Schaerbeek"))
            Location.objects.filter(service_locations__service=service).update(
                organization=service.organization
            )
        folder.mkdir()
        with CaptureQueriesContext(connection) as queries:
            export_package(folder)
        return len(queries)

    few = export_queries(3, tmp_path / "few")
    many = export_queries(12, tmp_path / "many")
    assert many == few


# The official package ---------------------------------------------------------


def _demo_like_directory():
    """The official example and Tisseurs' own kinds of services: informal, bas
    seuil, an hours note, Dutch names, themes, no organisation description."""
    import_package(EXAMPLE)
    make_service(
        name="Maison médicale",
        name_nl="Wijkgezondheidscentrum",
        themes=["sante-physique"],
        languages=["fr", "ar"],
        address=("Rue de la Poste 1", "1030", "Schaerbeek"),
        phone="02 218 56 08",
        cost=Service.Cost.FREE,
        is_bas_seuil=True,
        hours_note="Fermé en août",
        url="https://mm.example.be/",
        email="accueil@mm.example.be",
    )
    make_service(
        name="Café Le Lien",
        is_formal=False,
        themes=["isolement"],
        languages=["tr"],
        address=("", "1210", "Saint-Josse-ten-Noode"),  # no street
        phone="+32 2 218 56 09",
        hours=[(2, time(9), time(12)), (5, time(22), time(6))],
    )


def _frictionless_errors(folder: Path) -> list[str]:
    from frictionless import Package

    official = json.loads((HSDS / "datapackage.json").read_text(encoding="utf-8"))
    report = Package(official, basepath=str(folder)).validate()
    return [
        f"{task.name}: {error.message}"
        for task in report.tasks
        for error in task.errors
    ] + [error.message for error in report.errors]


def test_export_passes_frictionless_against_the_official_datapackage(tmp_path):
    _demo_like_directory()
    export_package(tmp_path)
    assert _frictionless_errors(tmp_path) == []


def test_the_descriptor_the_export_writes_is_the_official_one(tmp_path):
    make_service(name="Maison médicale")
    export_package(tmp_path)
    official = (HSDS / "datapackage.json").read_bytes()
    assert (tmp_path / "datapackage.json").read_bytes() == official
    names = sorted(p.name for p in tmp_path.iterdir())
    tables = sorted(r["path"] for r in json.loads(official)["resources"])
    assert names == sorted([*tables, "datapackage.json"])
    assert len(tables) == 21


def _empty_directory():
    for model in (Phone, ServiceLanguage, Schedule, Location, TaxonomyTerm):
        model.objects.all().delete()
    Service.objects.all().delete()
    Organization.objects.all().delete()


def test_flags_and_hours_note_travel_as_tisseurs_attributes(tmp_path):
    _demo_like_directory()
    before = snapshot()
    export_package(tmp_path)
    with open(tmp_path / "attributes.csv", encoding="utf-8") as handle:
        flags = {
            (row["link_id"], row["taxonomy_term_id"], row["value"])
            for row in csv.DictReader(handle)
            if row["taxonomy_term_id"] in {flag_term_id(c) for c in FLAG_TERMS}
        }
    medical = str(Service.objects.get(name="Maison médicale").hsds_id)
    cafe = str(Service.objects.get(name="Café Le Lien").hsds_id)
    assert flags == {
        (medical, flag_term_id("bas-seuil"), ""),
        (medical, flag_term_id("remarque-horaires"), "Fermé en août"),
        (cafe, flag_term_id("informel"), ""),
    }
    _empty_directory()
    report = import_package(tmp_path)
    assert report.ok, report.errors
    assert not report.warnings
    assert snapshot() == before
    medical = Service.objects.get(name="Maison médicale")
    assert (medical.is_formal, medical.is_bas_seuil, medical.hours_note) == (
        True,
        True,
        "Fermé en août",
    )
    cafe = Service.objects.get(name="Café Le Lien")
    assert (cafe.is_formal, cafe.is_bas_seuil, cafe.hours_note) == (False, False, "")
    # the flags are not themes: no taxonomy term of the flags is kept
    assert not TaxonomyTerm.objects.filter(taxonomy="tisseurs").exists()


def test_a_tisseurs_package_without_a_flag_resets_it_on_reimport(tmp_path):
    _demo_like_directory()
    export_package(tmp_path)
    Service.objects.filter(name="Café Le Lien").update(
        is_formal=True, is_bas_seuil=True, hours_note="Sur rendez-vous"
    )
    assert import_package(tmp_path).ok
    cafe = Service.objects.get(name="Café Le Lien")
    assert (cafe.is_formal, cafe.is_bas_seuil, cafe.hours_note) == (False, False, "")


# The models' validation -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "old", "new", "row", "column", "message"),
    [
        (
            "services.csv",
            "http://example.com/counselling",
            "javascript:alert(1)",
            2,
            "url",
            "Saisissez une adresse web commençant par http:// ou https://.",
        ),
        (
            "services.csv",
            "http://example.com/counselling",
            "ftp://example.com/counselling",
            2,
            "url",
            "Saisissez une adresse web commençant par http:// ou https://.",
        ),
        (
            "organizations.csv",
            "http://example.com",
            "javascript:alert(1)",
            2,
            "website",
            "Saisissez une adresse web commençant par http:// ou https://.",
        ),
        (
            "services.csv",
            "http://example.com/counselling,email@example.com",
            "http://example.com/counselling,email@",
            2,
            "email",
            "Saisissez une adresse de courriel valide.",
        ),
        (
            "phones.csv",
            "+44 1234 234567",
            "12",
            2,
            "number",
            "Ce numéro de téléphone n'est pas valide.",
        ),
    ],
)
def test_a_value_the_admin_refuses_is_reported_and_nothing_imported(
    tmp_path, name, old, new, row, column, message
):
    folder = _copy(tmp_path)
    _edit(folder, name, old, new)
    report = import_package(folder)
    assert [(e.file, e.row, e.field, e.message) for e in report.errors] == [
        (name, row, column, message)
    ]
    _nothing_imported()
    assert not Phone.objects.exists()


def test_every_bad_value_of_a_package_is_reported_in_one_pass(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "services.csv", "http://example.com/counselling", "ftp://x.be")
    _edit(folder, "phones.csv", "+44 1234 234567", "12")
    _edit(folder, "contacts.csv", "email@example.com", "nobody")
    report = import_package(folder)
    assert [(e.file, e.row, e.field) for e in report.errors] == [
        ("services.csv", 2, "url"),
        ("phones.csv", 2, "number"),
        ("contacts.csv", 2, "email"),
    ]
    _nothing_imported()


def test_an_hours_note_too_long_is_reported_on_its_attribute(tmp_path):
    make_service(name="Maison médicale", hours_note="Fermé en août")
    export_package(tmp_path)
    _edit(tmp_path, "attributes.csv", "Fermé en août", "x" * 201)
    Service.objects.all().delete()
    Organization.objects.all().delete()
    report = import_package(tmp_path)
    assert [(e.file, e.row, e.field) for e in report.errors] == [
        ("attributes.csv", 2, "value")
    ]
    _nothing_imported()


def test_the_model_refuses_a_web_address_that_is_not_http():
    from django.core.exceptions import ValidationError

    service = make_service(name="Maison médicale")
    for url in ("javascript:alert(1)", "ftp://example.be/", "mailto:a@example.be"):
        service.url = url
        with pytest.raises(ValidationError) as caught:
            service.full_clean()
        assert caught.value.message_dict == {
            "url": ["Saisissez une adresse web commençant par http:// ou https://."]
        }
    service.url = "https://example.be/"
    service.full_clean()


def test_the_service_form_refuses_an_ftp_address(coordination_client):
    from django.urls import reverse

    organization = Organization.objects.create(name="CPAS")
    data = {
        "organization": organization.pk,
        "name": "Permanence sociale",
        "status": "active",
        "url": "ftp://example.be/",
        "schedules-TOTAL_FORMS": "0",
        "schedules-INITIAL_FORMS": "0",
    }
    response = coordination_client.post(reverse("ressources:service_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["url"] == [
        "Saisissez une adresse web commençant par http:// ou https://."
    ]
    assert not Service.objects.exists()
