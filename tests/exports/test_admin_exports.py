"""Every admin export (django-import-export) goes through tisseurs/exports: typed
XLSX, Belgian Excel or RFC 4180 CSV, None left empty, formulas defused."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from prestations.admin import DefraiementLineResource
from prestations.resources import PrestationResource
from prestations.services import derived
from relais.models import Regime
from relais.resources import RelaisResource
from ressources.admin import OrganizationResource, ServiceResource
from tests.factories.prestations import make_fiche, make_prestation
from tests.factories.relais import make_regime, make_relais
from tests.factories.ressources import make_organization, make_service
from tisseurs.exports.formats import ExcelCSV, MachineCSV, TypedXLSX
from tisseurs.settings import EXPORT_FORMATS

pytestmark = pytest.mark.django_db

EVIL = "=HYPERLINK(1)"
EXCEL, MACHINE, XLSX = (str(EXPORT_FORMATS.index(f)) for f in EXPORT_FORMATS)


def _export(admin_client, path: str, resource, file_format: str):
    data = {"format": file_format, "resource": "0"}
    for field in resource().get_export_order():
        data[f"{resource.__name__.lower()}_{field}"] = "on"
    response = admin_client.post(f"/admin/{path}/export/", data)
    assert response.status_code == 200, response.content[:500]
    return response.content


def _relais_with_an_evil_name():
    return make_relais(first_name=EVIL, last_name="Dupont", birth_year=None)


def _lines():
    relais = _relais_with_an_evil_name()
    make_regime(relais, 2026, Regime.FORFAIT)
    make_prestation(relais=relais, date=date(2026, 3, 10))
    fiche = make_fiche(relais=relais, month=date(2026, 3, 1))
    derived.fiche_sync_lines(fiche=fiche, by=relais.user)


def _service():
    make_service(organization=make_organization(name=EVIL), name=EVIL)


CASES = [
    ("relais/relais", RelaisResource, _relais_with_an_evil_name, "first_name"),
    ("ressources/service", ServiceResource, _service, "name"),
    ("ressources/organization", OrganizationResource, _service, "name"),
    ("prestations/defraiementline", DefraiementLineResource, _lines, "relais"),
    (
        "prestations/prestation",
        PrestationResource,
        lambda: make_prestation(relais=_relais_with_an_evil_name()),
        "relais",
    ),
]


def test_the_admin_offers_only_the_typed_formats():
    assert EXPORT_FORMATS == [ExcelCSV, MachineCSV, TypedXLSX]
    assert [f().get_title() for f in EXPORT_FORMATS] == [
        "csv (Excel)",
        "csv (RFC 4180)",
        "xlsx",
    ]


@pytest.mark.parametrize(("path", "resource", "make", "column"), CASES)
def test_admin_xlsx_export_is_typed_with_names_defused(
    admin_client, path, resource, make, column
):
    make()
    book = load_workbook(io.BytesIO(_export(admin_client, path, resource, XLSX)))
    sheet = book.active
    assert sheet.title != "Tablib Dataset"
    headers = [c.value for c in sheet[1]]
    cell = sheet.cell(2, headers.index(column) + 1)
    assert cell.value.startswith(EVIL)
    assert (cell.data_type, cell.quotePrefix) == ("s", True)
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "None" not in values
    ids = [c for c in sheet[2] if headers[c.column - 1] == "id"]
    assert all(c.data_type == "n" and c.number_format == "0" for c in ids)


@pytest.mark.parametrize(("path", "resource", "make", "column"), CASES)
def test_admin_csv_exports_defuse_names_and_leave_none_empty(
    admin_client, path, resource, make, column
):
    make()
    excel = _export(admin_client, path, resource, EXCEL).decode("utf-8")
    assert excel.startswith("\ufeff")
    assert f"'{EVIL}" in excel and ";" in excel.splitlines()[0]
    machine = _export(admin_client, path, resource, MACHINE).decode("utf-8")
    assert not machine.startswith("\ufeff")
    assert f"'{EVIL}" in machine and "," in machine.splitlines()[0]
    assert "None" not in excel and "None" not in machine


def test_relais_export_types_dates_and_numbers(admin_client):
    make_relais(first_name="Anna", birth_year=1980, status_since=date(2025, 2, 1))
    sheet = load_workbook(
        io.BytesIO(_export(admin_client, "relais/relais", RelaisResource, XLSX))
    ).active
    assert sheet.title == "Relais"
    row = {h.value: c for h, c in zip(sheet[1], sheet[2], strict=True)}
    assert (row["birth_year"].value, row["birth_year"].data_type) == (1980, "n")
    assert row["status_since"].number_format == "DD/MM/YYYY"
    assert row["status_since"].value.date() == date(2025, 2, 1)
    assert row["preferred_name"].value is None
    excel = _export(admin_client, "relais/relais", RelaisResource, EXCEL).decode()
    assert ";01/02/2025;" in excel
    machine = _export(admin_client, "relais/relais", RelaisResource, MACHINE).decode()
    assert ",2025-02-01," in machine


def test_line_export_writes_money_with_a_decimal_comma(admin_client):
    _lines()
    path = "prestations/defraiementline"
    excel = _export(admin_client, path, DefraiementLineResource, EXCEL).decode()
    assert ";25,00;" in excel.splitlines()[1]
    machine = _export(admin_client, path, DefraiementLineResource, MACHINE).decode()
    assert ",25.00," in machine.splitlines()[1]
    sheet = load_workbook(
        io.BytesIO(_export(admin_client, path, DefraiementLineResource, XLSX))
    ).active
    row = {h.value: c for h, c in zip(sheet[1], sheet[2], strict=True)}
    assert (row["amount"].value, row["amount"].number_format) == (25, "#,##0.00")
    assert row["mois"].value.date() == date(2026, 3, 1)


def test_a_machine_csv_export_imports_back_with_its_phones(admin_client):
    import tablib

    from relais.models import Relais

    make_relais(first_name="Anna", phone="+32470112233")
    machine = _export(admin_client, "relais/relais", RelaisResource, MACHINE)
    assert "'+32470112233" in machine.decode()
    Relais.objects.update(phone="+32000000000")
    dataset = tablib.Dataset().load(machine.decode(), format="csv")
    result = RelaisResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Relais.objects.get().phone == "+32470112233"
